import { sql, type SQL } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { maskIdNumber, normaliseIdNumber, parseIdNumber } from '../../domain/id-number.js';
import { HOUSEHOLD_SIZE_AT_SQL, PER_CAPITA_SQL } from '../../domain/income.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { unmetCondition } from '../assessment/filter.js';
import type { HouseholdListQuery } from './inputs.js';

const SORTS: Record<string, string> = {
  householdNo: 'h.household_no',
  size: 'size',
  perCapitaNetIncome: 'inc.per_capita',
  headName: 'hd.name',
};

interface Row extends Record<string, unknown> {
  id: number;
  household_no: string;
  area_id: number;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
  type: string;
  poverty_attribute: string;
  main_cause: string | null;
  housing_grade: string | null;
  ended_on: string | null;
  head_name: string | null;
  head_id: string | null;
  size: number;
  per_capita: string | null;
  period_end: string | null;
}

/**
 * The filter of a household list, shared by the list, its count and its export so they can never disagree.
 * Scope comes first and always: the actor's subtree, narrowed by the chosen area.
 */
export async function householdFilter(db: DbOrTx, actor: Actor, q: Omit<HouseholdListQuery, 'page' | 'pageSize' | 'sort'>) {
  requirePermission(actor, 'registry.read');
  const scopePath = q.areaId ? (await getAreaInScope(db, actor, q.areaId)).path : actor.areaPath;
  const conds: SQL[] = [sql`h.area_path LIKE ${escapeLike(scopePath) + '%'}`];
  if (q.status === 'active') conds.push(sql`h.ended_on IS NULL`);
  if (q.status === 'ended') conds.push(sql`h.ended_on IS NOT NULL`);
  if (q.type) conds.push(sql`h.type = ${q.type}`);
  if (q.povertyAttribute) conds.push(sql`h.poverty_attribute = ${q.povertyAttribute}`);
  if (q.mainCause) conds.push(sql`h.main_cause = ${q.mainCause}`);
  if (q.housingGrade) conds.push(sql`h.housing_grade = ${q.housingGrade}`);
  if (q.unmet) conds.push(unmetCondition(q.unmet, q.assessedOn, scopePath));
  if (q.q) conds.push(searchCondition(q.q, scopePath));
  return sql.join(conds, sql` AND `);
}

/**
 * One search box for the three things people type: an ID number (full, 15-digit, or its first digits), a household
 * number, or the start of a member's name.
 */
function searchCondition(raw: string, scopePath: string): SQL {
  const text = normaliseIdNumber(raw);
  const scope = escapeLike(scopePath) + '%';
  const parsed = parseIdNumber(text);
  if (parsed.ok) {
    return sql`h.id IN (SELECT m.household_id FROM members m WHERE m.id_number = ${parsed.value.id} AND m.area_path LIKE ${scope})`;
  }
  if (/^[0-9X]{4,18}$/.test(text)) {
    const prefix = escapeLike(text) + '%';
    return sql`(h.household_no LIKE ${prefix} OR h.id IN (SELECT m.household_id FROM members m
      WHERE m.id_number LIKE ${prefix} AND m.area_path LIKE ${scope}))`;
  }
  const name = escapeLike(raw.trim()) + '%';
  return sql`(h.household_no LIKE ${name} OR h.id IN (SELECT m.household_id FROM members m
    WHERE m.name LIKE ${name} AND m.area_path LIKE ${scope}))`;
}

const ROW_SQL = (where: SQL) => sql`
  SELECT h.id, h.household_no, h.area_id, v.name AS village_name, t.name AS township_name, c.name AS county_name,
         h.type, h.poverty_attribute, h.main_cause, h.housing_grade, h.ended_on,
         hd.name AS head_name, hd.id_number AS head_id,
         (SELECT count(*)::int FROM members m WHERE m.household_id = h.id AND m.ended_on IS NULL) AS size,
         inc.per_capita, inc.period_end
  FROM households h
  JOIN areas v ON v.id = h.area_id
  LEFT JOIN areas t ON t.id = v.parent_id
  LEFT JOIN areas c ON c.id = t.parent_id
  LEFT JOIN LATERAL (SELECT m.name, m.id_number FROM members m
                     WHERE m.household_id = h.id AND m.relation = 'head' AND m.ended_on IS NULL
                     ORDER BY m.id LIMIT 1) hd ON true
  LEFT JOIN LATERAL (SELECT i.period_end, ${sql.raw(PER_CAPITA_SQL('i', HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end')))} AS per_capita
                     FROM incomes i WHERE i.household_id = h.id
                     ORDER BY i.period_end DESC LIMIT 1) inc ON true
  WHERE ${where}`;

function presentRow(r: Row, revealIds = false) {
  return {
    id: r.id,
    householdNo: r.household_no,
    areaId: r.area_id,
    villageName: r.village_name,
    townshipName: r.township_name,
    countyName: r.county_name,
    type: r.type,
    povertyAttribute: r.poverty_attribute,
    mainCause: r.main_cause,
    housingGrade: r.housing_grade,
    endedOn: r.ended_on,
    headName: r.head_name,
    headIdNumber: r.head_id ? (revealIds ? r.head_id : maskIdNumber(r.head_id)) : null,
    size: r.size,
    perCapitaNetIncome: r.per_capita == null ? null : Number(r.per_capita),
    incomePeriodEnd: r.period_end,
  };
}
export type HouseholdListRow = ReturnType<typeof presentRow>;

export async function listHouseholds(db: DbOrTx, actor: Actor, q: HouseholdListQuery) {
  const where = await householdFilter(db, actor, q);
  const desc = q.sort.startsWith('-');
  const column = SORTS[q.sort.replace(/^-/, '')] ?? 'h.household_no';
  const order = sql.raw(`${column} ${desc ? 'DESC' : 'ASC'} NULLS LAST, h.id`);
  const [rows, total] = await Promise.all([
    query<Row>(db, sql`${ROW_SQL(where)} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM households h WHERE ${where}`),
  ]);
  return { items: rows.map((r) => presentRow(r)), total: total[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every row of a filtered list, in batches, for exports: memory stays flat whatever the list's size. */
export async function* iterateHouseholds(db: DbOrTx, actor: Actor, q: HouseholdListQuery, revealIds: boolean, batchSize = 2_000) {
  const where = await householdFilter(db, actor, q);
  let after = 0;
  for (;;) {
    const rows = await query<Row>(db, sql`${ROW_SQL(sql`${where} AND h.id > ${after}`)} ORDER BY h.id LIMIT ${batchSize}`);
    if (rows.length === 0) return;
    yield rows.map((r) => presentRow(r, revealIds));
    after = rows[rows.length - 1]!.id;
  }
}
