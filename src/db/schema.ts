export * from '../modules/accounts/schema.js';
export * from '../modules/areas/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/demo/schema.js';
export * from '../modules/registry/schema.js';
export * from '../modules/imports/schema.js';
export * from '../modules/standards/schema.js';
