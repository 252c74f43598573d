/**
 * The rule language (核查规则表达式): a small typed expression language in which every check of the registry is
 * written as data. A rule is a predicate over one subject (a household or a member) that is true when the record
 * VIOLATES the rule. The same checked rule compiles to SQL (set-based runs) and evaluates in memory (tests), and the
 * two agree, including SQL's three-valued logic: a comparison with a missing value is unknown, and only a
 * predicate that is definitely true makes a finding.
 */

/** What one finding is about. */
export type RuleSubject = 'household' | 'member';

export type ValueType = 'number' | 'text' | 'bool' | 'date';

/** A rule as people write it: text, validated by `checkRule`. */
export interface RuleSource {
  subject: RuleSubject;
  /** The violation: true means "this record has the problem". */
  condition: string;
  /** The population the rule applies to (e.g. `household.type in ('lifted', 'monitored')`); empty = all. */
  appliesTo?: string | null | undefined;
}

/** Where in the source a problem is, as character offsets (start inclusive, end exclusive). */
export interface SourceSpan {
  start: number;
  end: number;
}

export const RULE_ERROR_CODES = [
  'syntax',
  'unknown_field',
  'unknown_function',
  'unknown_standard',
  'unknown_code',
  'type_mismatch',
  'not_boolean',
  'member_outside_aggregate',
  'nested_aggregate',
  'bad_arguments',
  'bad_literal',
] as const;
export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

export interface RuleError {
  code: RuleErrorCode;
  /** Which text the error is in. */
  part: 'condition' | 'appliesTo';
  span: SourceSpan;
  message: string;
  messageZh: string;
}

/** A value of one standard in force on the run's reference date, for one area and everything below it. */
export interface StandardInForce {
  key: string;
  areaPath: string;
  value: number;
}

export interface RuleRunContext {
  /** Ages, activity and income periods are taken on this date (YYYY-MM-DD). */
  referenceDate: string;
  standards: readonly StandardInForce[];
  /**
   * The snapshot of each department dataset in force on the reference date (dataset type → snapshot id). A dataset
   * without one makes every aggregate over it unknown, so a rule never reports people absent from a list nobody sent.
   */
  datasets?: Readonly<Record<string, number>>;
  /**
   * The path of the one area every other is under (the city), when there is one: a statement scoped to it reads the
   * whole registry, so its helper passes skip the area filter, and standards are resolved for it even unscoped.
   */
  registryAreaPath?: string | undefined;
}

/** One record that violates a rule, with the values that made it so (field path → value). */
export interface Violation {
  householdId: number;
  memberId: number | null;
  evidence: Record<string, string | number | boolean | null>;
}
