/**
 * 帮扶措施 (DOMAIN §9): what a household receives. The kinds themselves are the coded list MEASURE_KINDS in
 * codes.ts; this file says which of them bring the household a yearly income (the ones the income projection and
 * the gap-closing plan count) and which the gap-closing plan creates.
 */
import type { MeasureKind } from './codes.js';

/**
 * Kinds whose yearly value is income of the household (wages of a post, dividends, 低保/特困 payments, an
 * employment placement's wage). Only these may carry a yearly value; for the others (a house renovated, a child
 * kept in school) the value is not income and is left empty.
 */
export const PAYING_MEASURE_KINDS: readonly MeasureKind[] = [
  'industry',
  'employment',
  'welfare_post',
  'safety_net_dibao',
  'safety_net_tekun',
  'social_help',
  'consumption',
  'dividend',
];

/** The kinds a gap-closing plan assigns, one per resource type the office offers. */
export const PLAN_MEASURE_KINDS = ['welfare_post', 'dividend', 'safety_net_dibao'] as const satisfies readonly MeasureKind[];
export type PlanMeasureKind = (typeof PLAN_MEASURE_KINDS)[number];

export function isPayingKind(kind: string): boolean {
  return (PAYING_MEASURE_KINDS as readonly string[]).includes(kind);
}

/** Labour abilities that rule a member out of a public-welfare post. */
export const NO_LABOUR = ['lost', 'none'] as const;

/** School statuses of a member in school (a pupil or student does not take a post). */
export const IN_SCHOOL = ['primary', 'junior', 'senior_1', 'senior_2', 'senior_3', 'higher_vocational', 'college'] as const;
