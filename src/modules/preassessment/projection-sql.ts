/**
 * The projection of every household of an area on a date, set-based: domain/projection.ts's method in one SQL
 * statement (its fragments come from there), with the income and 低保 standards that apply to each household's
 * village on that date (the most specific area's value, as standards/service.ts `standardsFor`).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ANNUALISED_SQL, MEASURE_OVERLAP_SQL, MEASURE_TERM_SQL, MONTH_SPAN_SQL, PROJECTED_PER_CAPITA_SQL } from '../../domain/projection.js';
import { escapeLike } from '../accounts/access.js';

export interface ProjectionScope {
  /** Area path whose households are projected (already checked against the user's scope). */
  scopePath: string;
  /** Projection date, YYYY-MM-DD. */
  on: string;
  mainCause?: string | undefined;
  householdIds?: readonly number[] | undefined;
}

/** Columns of one projected household. Money columns come back as numeric strings. */
export interface ProjectionRow extends Record<string, unknown> {
  household_id: number;
  household_no: string;
  area_id: number;
  area_path: string;
  main_cause: string | null;
  income_id: number;
  period_start: string;
  period_end: string;
  recorded_net: string;
  months: string;
  annualised: string;
  scheduled: string;
  projected_net: string;
  size: number;
  per_capita: string | null;
  standard: string | null;
  dibao_standard: string | null;
}

const standardOf = (key: string, on: SQL) => sql`(SELECT sv.value FROM standard_values sv
  WHERE sv.key = ${key} AND starts_with(a.path, sv.area_path) AND sv.effective_from <= ${on}
    AND (sv.effective_to IS NULL OR sv.effective_to >= ${on})
  ORDER BY length(sv.area_path) DESC, sv.effective_from DESC LIMIT 1)`;

/**
 * Every household in scope, not ended on the projection date, with an income record ending on or before it: the
 * latest such record (a full year needs no annualising: ×12/12), its projection and the standards. Households without
 * any such record are not projected.
 */
export function projectionSql(s: ProjectionScope): SQL {
  const on = sql`${s.on}::date`;
  const conds: SQL[] = [sql`(h.ended_on IS NULL OR h.ended_on > ${on})`];
  if (s.mainCause) conds.push(sql`h.main_cause = ${s.mainCause}`);
  if (s.householdIds) conds.push(sql`h.id = ANY(${`{${s.householdIds.join(',')}}`}::int[])`);
  const scope = escapeLike(s.scopePath) + '%';
  // Every step is computed once (MATERIALIZED), the month arithmetic once per distinct period rather than per
  // household, and incomes, members and measures are filtered by the area path they carry, so only the last step
  // joins them (by household).
  return sql`
    WITH std AS MATERIALIZED (
      SELECT a.id AS area_id, ${standardOf('income_exit_standard', on)} AS standard, ${standardOf('dibao_standard', on)} AS dibao_standard
      FROM areas a
      WHERE a.path LIKE ${scope} AND EXISTS (SELECT 1 FROM households x WHERE x.area_id = a.id)
    ),
    hh AS MATERIALIZED (
      SELECT h.id, h.household_no, h.area_id, h.area_path, h.main_cause, std.standard, std.dibao_standard
      FROM std JOIN households h ON h.area_id = std.area_id
      WHERE ${sql.join(conds, sql` AND `)}
    ),
    latest AS MATERIALIZED (
      SELECT DISTINCT ON (i.household_id) i.id FROM incomes i
      WHERE i.area_path LIKE ${scope} AND i.period_end <= ${on}
      ORDER BY i.household_id, i.period_end DESC, i.period_start DESC
    ),
    rec AS MATERIALIZED (SELECT i.* FROM incomes i JOIN latest l ON l.id = i.id),
    spans AS MATERIALIZED (
      SELECT d.period_start, d.period_end, sp.whole, sp.days, sp.span
      FROM (SELECT DISTINCT period_start, period_end FROM rec) d
      CROSS JOIN LATERAL ${sql.raw(MONTH_SPAN_SQL('d.period_start', 'd.period_end'))} sp
    ),
    i AS MATERIALIZED (
      SELECT rec.household_id, rec.id AS income_id, rec.period_start, rec.period_end,
             rec.wage + rec.business + rec.property + rec.transfer - rec.production_cost AS recorded_net,
             spans.whole, spans.days, spans.span, ${sql.raw(ANNUALISED_SQL('rec', 'spans'))} AS annualised, ${on} AS on_date
      FROM spans JOIN rec ON rec.period_start = spans.period_start AND rec.period_end = spans.period_end
    ),
    adj AS MATERIALIZED (
      SELECT m.household_id, sum(${sql.raw(MEASURE_TERM_SQL('m', 'i', 'i.on_date'))}) AS scheduled
      FROM measures m JOIN i ON i.household_id = m.household_id
      ${sql.raw(MEASURE_OVERLAP_SQL('m', 'i'))}
      WHERE m.area_path LIKE ${scope} AND m.yearly_value > 0
      GROUP BY m.household_id
    ),
    sz AS MATERIALIZED (
      SELECT m.household_id, count(*)::int AS size FROM members m
      WHERE m.area_path LIKE ${scope} AND m.joined_on <= ${on} AND (m.ended_on IS NULL OR m.ended_on > ${on})
      GROUP BY m.household_id
    ),
    p AS (
      SELECT hh.id AS household_id, hh.household_no, hh.area_id, hh.area_path, hh.main_cause,
             i.income_id, i.period_start, i.period_end, i.recorded_net,
             round((i.whole * i.span + i.days)::numeric / i.span, 2) AS months,
             i.annualised, coalesce(adj.scheduled, 0) AS scheduled, i.annualised + coalesce(adj.scheduled, 0) AS projected_net,
             coalesce(sz.size, 0) AS size, hh.standard, hh.dibao_standard
      FROM hh JOIN i ON i.household_id = hh.id
      LEFT JOIN adj ON adj.household_id = hh.id
      LEFT JOIN sz ON sz.household_id = hh.id
    )
    SELECT p.*, ${sql.raw(PROJECTED_PER_CAPITA_SQL('p.projected_net', 'p.size'))} AS per_capita FROM p`;
}
