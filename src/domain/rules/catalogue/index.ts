import { COMPARISON_RULES } from './comparison.js';
import { CROSS_HOUSEHOLD_RULES } from './cross.js';
import { DATE_RULES } from './dates-rules.js';
import { HOUSEHOLD_MEMBER_RULES } from './household.js';
import { MEASURE_RULES } from './measures.js';
import { PERSON_RULES } from './person.js';
import { REQUIRED_RULES } from './required.js';
import { THRESHOLD_RULES } from './thresholds.js';
import type { BuiltInRule } from './types.js';

export * from './types.js';

/** The built-in catalogue (内置核查规则). Codes are permanent: findings are keyed by them. */
export const BUILT_IN_RULES: readonly BuiltInRule[] = [
  ...REQUIRED_RULES,
  ...PERSON_RULES,
  ...HOUSEHOLD_MEMBER_RULES,
  ...THRESHOLD_RULES,
  ...DATE_RULES,
  ...CROSS_HOUSEHOLD_RULES,
  ...MEASURE_RULES,
  ...COMPARISON_RULES,
];
