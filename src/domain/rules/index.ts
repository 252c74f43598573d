/** The rule language and the built-in catalogue; see types.ts for the model and README.md for the language. */
export * from './types.js';
export { checkRule, COLLECTIONS, FUNCTIONS, type CheckedRule, type EvidenceItem } from './check.js';
export { ruleSql, rulesSql, quote, type NamedRule, type RuleScope } from './sql.js';
export { evaluateRule, type RuleData } from './evaluate.js';
export { RULE_FIELDS, fieldByPath, type FieldDef } from './fields.js';
export { BUILT_IN_RULES, RULE_SEVERITIES, RULE_SHAPES, type BuiltInRule, type RuleSeverity, type RuleShape } from './catalogue/index.js';
