/**
 * Household income (家庭收入). Per-capita net income =
 *   (wage + business + property + transfer − production costs) ÷ household size.
 * One-off relief and earmarked grants (relocation, housing renovation) are not income and are never entered here;
 * compliant medical self-pay is recorded for monitoring warnings but is not deducted.
 */
export interface IncomeComponents {
  wage: number;
  business: number;
  property: number;
  transfer: number;
  productionCost: number;
}

export function netIncome(c: IncomeComponents): number {
  return roundYuan(c.wage + c.business + c.property + c.transfer - c.productionCost);
}

/** Per-capita net income, or null for a household with nobody in it (no meaningful figure, not zero). */
export function perCapitaNetIncome(c: IncomeComponents, householdSize: number): number | null {
  if (!Number.isFinite(householdSize) || householdSize <= 0) return null;
  return roundYuan(netIncome(c) / householdSize);
}

/** Money is kept to the fen; rounding half away from zero like the statistical bureau's tables. */
export function roundYuan(value: number): number {
  // toPrecision strips binary noise first (1.005 * 100 is 100.49999…), so 1.005 rounds up like SQL's round().
  const fen = Math.round(Number((Math.abs(value) * 100).toPrecision(12)));
  return (Math.sign(value) * fen) / 100 || 0;
}

/**
 * The SQL twin of perCapitaNetIncome, for lists and checks computed in the database. `i` is the incomes row alias,
 * `size` an SQL expression for the household size; keep the two definitions in step (a test compares them).
 */
export const PER_CAPITA_SQL = (i: string, size: string) =>
  `CASE WHEN ${size} > 0 THEN round((${i}.wage + ${i}.business + ${i}.property + ${i}.transfer - ${i}.production_cost) / ${size}, 2) END`;

/**
 * Members who count for an income period: in the household on the period's last day. A child born in the period
 * counts, a member who died before its end does not.
 */
export const HOUSEHOLD_SIZE_AT_SQL = (householdId: string, onDate: string) =>
  `(SELECT count(*) FROM members m WHERE m.household_id = ${householdId} AND m.joined_on <= ${onDate}
     AND (m.ended_on IS NULL OR m.ended_on > ${onDate}))`;
