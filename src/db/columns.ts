import { customType } from 'drizzle-orm/pg-core';

/** File contents kept in the database (attachments, photos): drizzle has no bytea column of its own. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});
