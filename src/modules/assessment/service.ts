/**
 * Reading assessments (API.md): one household's, a filtered list, counts per child area; and the refresh the city
 * office asks for. Scope first, always: the actor's subtree, narrowed by the chosen area.
 */
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { INDICATOR_CODES, INDICATORS, type IndicatorCode, type IndicatorStatus } from '../../domain/assessment.js';
import { maskIdNumber } from '../../domain/id-number.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { ancestorsOf, getAreaInScope, pathIds } from '../areas/service.js';
import { areas } from '../areas/schema.js';
import { recordAudit } from '../audit/service.js';
import { householdInScope } from '../registry/households.js';
import { chinaDate } from '../standards/service.js';
import { factsOf, presentIndicators, statusesOf, type AssessmentRow } from './presenter.js';
import { refreshAreaInParts, storedReferenceDates } from './refresh.js';
import { assessmentSelect } from './sql.js';

const ROW_COLUMNS = sql.raw(
  `ha.household_id, ha.reference_date::text AS reference_date, ha.area_path, ${INDICATOR_CODES.map((c) => `ha.${c}`).join(', ')}, ha.details, ha.any_unmet,
   to_char(ha.computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS computed_at`,
);

/** The latest stored reference date (the default of every read), or null before the first assessment. */
async function latestDate(db: DbOrTx): Promise<string | null> {
  const [row] = await query<{ d: string | null }>(db, sql`SELECT max(reference_date)::text AS d FROM household_assessments`);
  return row?.d ?? null;
}

/**
 * One household's assessment on a date: the stored one, or computed on the spot (not stored) for a date nobody
 * refreshed. Without `on`, the household's latest stored date, else today.
 */
export async function householdAssessment(db: Db, actor: Actor, householdId: number, on: string | undefined) {
  requirePermission(actor, 'registry.read');
  const h = await householdInScope(db, actor, householdId);
  const dates = (
    await query<{ d: string }>(db, sql`SELECT reference_date::text AS d FROM household_assessments WHERE household_id = ${householdId} ORDER BY reference_date DESC`)
  ).map((r) => r.d);
  const date = on ?? dates[0] ?? chinaDate();
  const stored = dates.includes(date);
  const [row] = stored
    ? await query<AssessmentRow>(db, sql`SELECT ${ROW_COLUMNS} FROM household_assessments ha WHERE ha.household_id = ${householdId} AND ha.reference_date = ${date}`)
    : await query<AssessmentRow>(db, assessmentSelect([date], { householdIds: [householdId] }));
  return {
    householdId,
    referenceDate: date,
    storedDates: dates,
    stored,
    /** A closed household (销户) is not assessed. */
    assessed: row !== undefined && h.endedOn === null,
    computedAt: row?.computed_at ?? null,
    anyUnmet: row?.any_unmet ?? false,
    indicators: row ? presentIndicators(row) : [],
  };
}

export interface AssessmentFilters {
  areaId?: number | undefined;
  referenceDate?: string | undefined;
  indicator?: IndicatorCode | undefined;
  status?: IndicatorStatus | undefined;
  anyUnmet?: boolean | undefined;
}

/** The filter of a list, shared by the list, its count and its export; null when nothing is assessed yet. */
async function assessmentFilter(db: DbOrTx, actor: Actor, q: AssessmentFilters): Promise<{ where: SQL; date: string; areaPath: string } | null> {
  requirePermission(actor, 'registry.read');
  const areaPath = q.areaId ? (await getAreaInScope(db, actor, q.areaId)).path : actor.areaPath;
  const date = q.referenceDate ?? (await latestDate(db));
  if (!date) return null;
  const conds: SQL[] = [sql`ha.reference_date = ${date}`, sql`ha.area_path LIKE ${escapeLike(areaPath) + '%'}`];
  if (q.anyUnmet !== undefined) conds.push(q.anyUnmet ? sql`ha.any_unmet` : sql`NOT ha.any_unmet`);
  // Indicator codes are column names; zod admits only the catalogue's codes.
  const column = (c: IndicatorCode) => sql.raw(`ha.${c}`);
  if (q.indicator && q.status) conds.push(sql`${column(q.indicator)} = ${q.status}`);
  else if (q.indicator) conds.push(sql`${column(q.indicator)} <> 'met'`);
  else if (q.status) conds.push(sql`(${sql.join(INDICATOR_CODES.map((c) => sql`${column(c)} = ${q.status}`), sql` OR `)})`);
  return { where: sql.join(conds, sql` AND `), date, areaPath };
}

const LIST_SQL = (where: SQL) => sql`
  SELECT ${ROW_COLUMNS}, h.household_no, h.type, v.name AS village_name, t.name AS township_name, c.name AS county_name,
         hd.name AS head_name, hd.id_number AS head_id
  FROM household_assessments ha
  JOIN households h ON h.id = ha.household_id
  JOIN areas v ON v.id = h.area_id
  LEFT JOIN areas t ON t.id = v.parent_id
  LEFT JOIN areas c ON c.id = t.parent_id
  LEFT JOIN LATERAL (SELECT m.name, m.id_number FROM members m
                     WHERE m.household_id = h.id AND m.relation = 'head' AND m.ended_on IS NULL ORDER BY m.id LIMIT 1) hd ON true
  WHERE ${where}`;

type ListRow = AssessmentRow & {
  household_no: string;
  type: string;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
  head_name: string | null;
  head_id: string | null;
};

function presentListRow(r: ListRow) {
  return {
    householdId: r.household_id,
    householdNo: r.household_no,
    type: r.type,
    villageName: r.village_name,
    townshipName: r.township_name,
    countyName: r.county_name,
    headName: r.head_name,
    headIdNumber: r.head_id ? maskIdNumber(r.head_id) : null,
    referenceDate: r.reference_date,
    statuses: statusesOf(r),
    anyUnmet: r.any_unmet,
    facts: factsOf(r),
  };
}
export type AssessmentListRow = ReturnType<typeof presentListRow>;

export async function listAssessments(db: DbOrTx, actor: Actor, q: AssessmentFilters & { page: number; pageSize: number }) {
  const f = await assessmentFilter(db, actor, q);
  if (!f) return { items: [], total: 0, page: q.page, pageSize: q.pageSize, referenceDate: null };
  const [rows, total] = await Promise.all([
    query<ListRow>(db, sql`${LIST_SQL(f.where)} ORDER BY h.household_no LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM household_assessments ha WHERE ${f.where}`),
  ]);
  return { items: rows.map(presentListRow), total: total[0]?.n ?? 0, page: q.page, pageSize: q.pageSize, referenceDate: f.date };
}

/** For exports: the count and every row in batches of 2,000, keyed on the household id. */
export async function assessmentRows(db: DbOrTx, actor: Actor, q: AssessmentFilters) {
  const f = await assessmentFilter(db, actor, q);
  async function* rows(batchSize = 2_000) {
    if (!f) return;
    let after = 0;
    for (;;) {
      const batch = await query<ListRow>(db, sql`${LIST_SQL(sql`${f.where} AND ha.household_id > ${after}`)} ORDER BY ha.household_id LIMIT ${batchSize}`);
      if (batch.length === 0) return;
      yield batch.map(presentListRow);
      after = batch[batch.length - 1]!.household_id;
    }
  }
  const [count] = f ? await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM household_assessments ha WHERE ${f.where}`) : [];
  return { count: count?.n ?? 0, areaPath: f?.areaPath ?? actor.areaPath, date: f?.date ?? null, rows: rows() };
}

type Counts = { households: number; anyUnmet: number; indicators: Record<IndicatorCode, { notMet: number; unknown: number }> };

const COUNT_COLUMNS = sql.raw(
  [
    'count(*)::int AS households',
    'count(*) FILTER (WHERE any_unmet)::int AS any_unmet',
    ...INDICATOR_CODES.flatMap((c) => [`count(*) FILTER (WHERE ${c} = 'not_met')::int AS ${c}_not_met`, `count(*) FILTER (WHERE ${c} = 'unknown')::int AS ${c}_unknown`]),
  ].join(', '),
);

function countsOf(r: Record<string, unknown> | undefined): Counts {
  const n = (k: string) => Number(r?.[k] ?? 0);
  return {
    households: n('households'),
    anyUnmet: n('any_unmet'),
    indicators: Object.fromEntries(INDICATOR_CODES.map((c) => [c, { notMet: n(`${c}_not_met`), unknown: n(`${c}_unknown`) }])) as Counts['indicators'],
  };
}

/** Counts per child area of an area (households assessed, not met / unknown per indicator, any unmet) and in total. */
export async function assessmentSummary(db: Db, actor: Actor, areaId: number | undefined, on: string | undefined) {
  requirePermission(actor, 'registry.read');
  const area = await getAreaInScope(db, actor, areaId ?? actor.areaId);
  const [dates, ancestors, children] = await Promise.all([
    storedReferenceDates(db),
    ancestorsOf(db, area.path),
    db
      .select({ id: areas.id, code: areas.code, name: areas.name, level: areas.level })
      .from(areas)
      .where(and(eq(areas.parentId, area.id), isNull(areas.validTo)))
      .orderBy(asc(areas.code)),
  ]);
  const date = on ?? dates.at(-1) ?? null;
  const depth = pathIds(area.path).length;
  const rows = date
    ? await query<Record<string, unknown> & { child: number | null; total: number }>(
        db,
        sql`SELECT child, grouping(child)::int AS total, ${COUNT_COLUMNS} FROM (
              SELECT NULLIF(split_part(ha.area_path, '/', ${depth + 2}), '')::int AS child, ha.*
              FROM household_assessments ha
              WHERE ha.reference_date = ${date} AND ha.area_path LIKE ${escapeLike(area.path) + '%'}) x
            GROUP BY GROUPING SETS ((child), ())`,
      )
    : [];
  return {
    area: { id: area.id, name: area.name, level: area.level, ancestors },
    referenceDate: date,
    storedDates: dates,
    indicators: INDICATORS.map((i) => ({ code: i.code, label: i.zh, labelEn: i.en })),
    total: countsOf(rows.find((r) => r.total === 1)),
    items: children.map((c) => ({ areaId: c.id, code: c.code, name: c.name, level: c.level, ...countsOf(rows.find((r) => r.total === 0 && r.child === c.id)) })),
  };
}

/**
 * The city office recomputes an area's assessments on a date (its own area and today by default), part by part
 * (refreshAreaInParts), and the trail records it once done.
 */
export async function refreshArea(db: Db, actor: Actor, input: { areaId?: number | undefined; referenceDate?: string | undefined }) {
  requirePermission(actor, 'standards.manage');
  const area = await getAreaInScope(db, actor, input.areaId ?? actor.areaId);
  const referenceDate = input.referenceDate ?? chinaDate();
  const started = performance.now();
  const households = await refreshAreaInParts(db, { areaPath: area.path, dates: [referenceDate] });
  const ms = Math.round(performance.now() - started);
  await recordAudit(db, actor, {
    action: 'update',
    entity: 'assessment',
    entityId: referenceDate,
    areaPath: area.path,
    detail: { referenceDate, areaId: area.id, households, ms },
  });
  return { area: { id: area.id, name: area.name }, referenceDate, households, ms };
}
