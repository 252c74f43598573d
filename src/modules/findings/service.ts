/**
 * Reading findings (API.md): the filtered list, its export rows, the summary per rule and per child area, one
 * finding with its history, and a household's findings. Visibility (area, and department for department officers)
 * comes first in every query.
 */
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { presentTarget, type TargetRow } from '../rules/target.js';
import { notFound } from '../../errors.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { householdInScope } from '../registry/households.js';
import { isOverdue, type ProblemState } from '../../domain/problem-workflow.js';
import { findingVisibility } from './visibility.js';

/** Today in China (deadlines are Chinese calendar days), YYYY-MM-DD. */
export const chinaToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const FINDING_STATUSES = ['open', 'closed', 'exempted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_SORTS = ['ruleCode', 'householdNo', 'lastSeenAt', '-lastSeenAt', 'firstSeenAt', '-firstSeenAt', 'deadline', '-stateAt'] as const;

export interface FindingFilter {
  ruleCode?: string | undefined;
  severity?: string | undefined;
  department?: string | undefined;
  status?: FindingStatus | undefined;
  areaId?: number | undefined;
  householdNo?: string | undefined;
  q?: string | undefined;
  /** 整改流程 filters (src/modules/problems). */
  state?: ProblemState | undefined;
  countyId?: number | undefined;
  overdue?: boolean | undefined;
  falseRectification?: boolean | undefined;
  supervised?: boolean | undefined;
  returned?: boolean | undefined;
  /** Only these findings (bulk actions on a selection). */
  ids?: number[] | undefined;
}

export interface FindingListQuery extends FindingFilter {
  sort: (typeof FINDING_SORTS)[number];
  page: number;
  pageSize: number;
}

const ORDER: Record<FindingListQuery['sort'], string> = {
  ruleCode: 'f.rule_code, h.household_no, f.member_id NULLS FIRST',
  householdNo: 'h.household_no, f.rule_code, f.member_id NULLS FIRST',
  lastSeenAt: 'f.last_seen_at, f.id',
  '-lastSeenAt': 'f.last_seen_at DESC, f.id DESC',
  firstSeenAt: 'f.first_seen_at, f.id',
  '-firstSeenAt': 'f.first_seen_at DESC, f.id DESC',
  deadline: 'f.deadline NULLS LAST, f.id',
  '-stateAt': 'f.workflow_at DESC NULLS LAST, f.id DESC',
};

interface Row extends TargetRow {
  id: number;
  rule_code: string;
  rule_version: number;
  title_zh: string;
  title_en: string;
  severity: string;
  department: string;
  status: FindingStatus;
  first_seen_at: string | Date;
  last_seen_at: string | Date;
  closed_at: string | Date | null;
  first_run_id: number;
  last_run_id: number;
  reopened_count: number;
  exemption_id: number | null;
  area_path: string;
  workflow_state: ProblemState;
  workflow_action: string | null;
  workflow_at: string | Date | null;
  deadline: string | null;
  false_rectification: boolean;
  county_id: number | null;
  supervised: boolean;
}

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

export function presentFinding(r: Row, revealIds = false) {
  return {
    id: r.id,
    ruleCode: r.rule_code,
    ruleVersion: r.rule_version,
    ruleTitleZh: r.title_zh,
    ruleTitleEn: r.title_en,
    severity: r.severity,
    department: r.department,
    status: r.status,
    ...presentTarget(r, revealIds),
    firstSeenAt: iso(r.first_seen_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
    closedAt: iso(r.closed_at),
    firstRunId: r.first_run_id,
    lastRunId: r.last_run_id,
    reopenedCount: r.reopened_count,
    exemptionId: r.exemption_id,
    state: r.workflow_state,
    lastAction: r.workflow_action,
    stateAt: iso(r.workflow_at),
    deadline: r.deadline,
    overdue: isOverdue(r.workflow_state, r.deadline, chinaToday()),
    falseRectification: r.false_rectification,
    countyId: r.county_id,
    supervised: r.supervised,
  };
}
export type FindingView = ReturnType<typeof presentFinding>;

/** Whether the problem's area (or an area above it) is under listed supervision (挂牌督办). */
export const SUPERVISED = sql`EXISTS (SELECT 1 FROM area_supervisions s WHERE s.lifted_at IS NULL AND f.area_path LIKE s.area_path || '%')`;

/** 退回: sent back by the office and waiting on the handler again. */
export const RETURNED = sql`(f.workflow_action IN ('return', 'return_rejection') AND f.workflow_state IN ('rectifying', 'pending'))`;

/** Overdue as SQL, the same rule as isOverdue in the domain. */
export const OVERDUE = (today: string) => sql`(f.deadline < ${today}::date AND f.workflow_state NOT IN ('rectified', 'closed_off'))`;

export const FINDING_FROM = sql`
  FROM findings f
  JOIN rules r ON r.code = f.rule_code
  JOIN rule_versions v ON v.rule_code = r.code AND v.version = r.current_version
  JOIN households h ON h.id = f.household_id
  JOIN areas va ON va.id = h.area_id
  LEFT JOIN areas t ON t.id = va.parent_id
  LEFT JOIN areas c ON c.id = t.parent_id
  LEFT JOIN members m ON m.id = f.member_id`;

const COLUMNS = sql`f.id, f.rule_code, f.rule_version, v.title_zh, v.title_en, f.severity, f.department, f.status, f.household_id,
  h.household_no, va.name AS village_name, t.name AS township_name, c.name AS county_name, f.member_id, m.name AS member_name,
  m.id_number, f.evidence, f.first_seen_at, f.last_seen_at, f.closed_at, f.first_run_id, f.last_run_id, f.reopened_count,
  f.exemption_id, f.area_path, f.workflow_state, f.workflow_action, f.workflow_at, to_char(f.deadline, 'YYYY-MM-DD') AS deadline,
  f.false_rectification, f.county_id, ${SUPERVISED} AS supervised`;

/** The WHERE of a list, its count and its export, so they cannot disagree; also the area the list covers. */
export async function findingWhere(db: DbOrTx, actor: Actor, q: FindingFilter): Promise<{ where: SQL; areaPath: string; needsJoins: boolean }> {
  requirePermission(actor, 'registry.read');
  const areaPath = q.areaId ? (await getAreaInScope(db, actor, q.areaId)).path : actor.areaPath;
  const conds: SQL[] = [findingVisibility(actor, 'f', areaPath)];
  if (q.ruleCode) conds.push(sql`f.rule_code = ${q.ruleCode}`);
  if (q.severity) conds.push(sql`f.severity = ${q.severity}`);
  if (q.department) conds.push(sql`f.department = ${q.department}`);
  if (q.status) conds.push(sql`f.status = ${q.status}`);
  if (q.state) conds.push(sql`f.workflow_state = ${q.state}`);
  if (q.countyId) conds.push(sql`f.county_id = ${q.countyId}`);
  if (q.overdue !== undefined) conds.push(q.overdue ? OVERDUE(chinaToday()) : sql`NOT ${OVERDUE(chinaToday())} IS TRUE`);
  if (q.falseRectification !== undefined) conds.push(sql`f.false_rectification = ${q.falseRectification}`);
  if (q.supervised !== undefined) conds.push(q.supervised ? SUPERVISED : sql`NOT ${SUPERVISED}`);
  if (q.returned !== undefined) conds.push(q.returned ? RETURNED : sql`${RETURNED} IS NOT TRUE`);
  if (q.ids) conds.push(q.ids.length ? sql`f.id IN (${sql.join(q.ids.map((id) => sql`${id}`), sql`, `)})` : sql`false`);
  if (q.householdNo) conds.push(sql`h.household_no LIKE ${escapeLike(q.householdNo.trim()) + '%'}`);
  if (q.q) {
    const text = q.q.trim();
    conds.push(sql`(h.household_no LIKE ${escapeLike(text) + '%'} OR m.name LIKE ${escapeLike(text) + '%'} OR v.title_zh LIKE ${'%' + escapeLike(text) + '%'})`);
  }
  return { where: sql.join(conds, sql` AND `), areaPath, needsJoins: Boolean(q.householdNo || q.q) };
}

async function countWhere(db: DbOrTx, w: { where: SQL; needsJoins: boolean }): Promise<number> {
  const [row] = await query<{ n: number }>(db, w.needsJoins ? sql`SELECT count(*)::int AS n ${FINDING_FROM} WHERE ${w.where}` : sql`SELECT count(*)::int AS n FROM findings f WHERE ${w.where}`);
  return row?.n ?? 0;
}

export async function listFindings(db: Db, actor: Actor, q: FindingListQuery) {
  const w = await findingWhere(db, actor, q);
  const [rows, total] = await Promise.all([
    query<Row>(db, sql`SELECT ${COLUMNS} ${FINDING_FROM} WHERE ${w.where} ORDER BY ${sql.raw(ORDER[q.sort])} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    countWhere(db, w),
  ]);
  return { items: rows.map((r) => presentFinding(r)), total, page: q.page, pageSize: q.pageSize };
}

export async function countFindings(db: Db, actor: Actor, q: FindingFilter) {
  const w = await findingWhere(db, actor, q);
  return { total: await countWhere(db, w), areaPath: w.areaPath };
}

/** Every finding of a filtered list in batches (by id), for exports. */
export async function* iterateFindings(db: Db, actor: Actor, q: FindingFilter, revealIds: boolean, batchSize = 2_000) {
  const w = await findingWhere(db, actor, q);
  let after = 0;
  for (;;) {
    const rows = await query<Row>(db, sql`SELECT ${COLUMNS} ${FINDING_FROM} WHERE ${w.where} AND f.id > ${after} ORDER BY f.id LIMIT ${batchSize}`);
    if (rows.length === 0) return;
    yield rows.map((r) => presentFinding(r, revealIds));
    after = rows[rows.length - 1]!.id;
  }
}

type Counts = { open: number; closed: number; exempted: number };
const COUNTS = sql`count(*) FILTER (WHERE f.status = 'open')::int AS open, count(*) FILTER (WHERE f.status = 'closed')::int AS closed,
                   count(*) FILTER (WHERE f.status = 'exempted')::int AS exempted`;

export async function findingSummary(db: Db, actor: Actor, q: Pick<FindingFilter, 'areaId' | 'ruleCode' | 'severity' | 'department'>) {
  requirePermission(actor, 'registry.read');
  const area = await getAreaInScope(db, actor, q.areaId ?? actor.areaId);
  const { where } = await findingWhere(db, actor, { ...q, areaId: area.id });
  const [byRule, byChild, children] = await Promise.all([
    query<Counts & { rule_code: string; title_zh: string; severity: string; department: string }>(
      db,
      sql`SELECT x.*, v.title_zh, v.severity, v.department FROM (
            SELECT f.rule_code, ${COUNTS} FROM findings f WHERE ${where} GROUP BY f.rule_code) x
          JOIN rules r ON r.code = x.rule_code JOIN rule_versions v ON v.rule_code = r.code AND v.version = r.current_version
          ORDER BY x.rule_code`,
    ),
    // One pass over the findings: the child area is the path segment right after the chosen area's path.
    query<Counts & { child: string }>(
      db,
      sql`SELECT split_part(substr(f.area_path, ${area.path.length + 1}), '/', 1) AS child, ${COUNTS}
          FROM findings f WHERE ${where} GROUP BY 1`,
    ),
    query<{ id: number; name: string }>(db, sql`SELECT id, name FROM areas WHERE parent_id = ${area.id} AND valid_to IS NULL ORDER BY code`),
  ]);
  const zero: Counts = { open: 0, closed: 0, exempted: 0 };
  const counts = (c: Counts | undefined): Counts => (c ? { open: c.open, closed: c.closed, exempted: c.exempted } : zero);
  const perChild = new Map(byChild.map((c) => [c.child, c]));
  const totals = byRule.reduce((t, r) => ({ open: t.open + r.open, closed: t.closed + r.closed, exempted: t.exempted + r.exempted }), zero);
  return {
    area: { id: area.id, name: area.name },
    totals,
    byRule: byRule.map((r) => ({ ruleCode: r.rule_code, titleZh: r.title_zh, severity: r.severity, department: r.department, ...counts(r) })),
    byArea: children.map((c) => ({ areaId: c.id, name: c.name, ...counts(perChild.get(String(c.id))) })),
  };
}

interface EventRow extends Record<string, unknown> {
  at: string | Date;
  kind: string;
  from_status: FindingStatus | null;
  to_status: FindingStatus;
  run_id: number | null;
  username: string | null;
  note: string | null;
}

interface RunSeenRow extends Record<string, unknown> {
  id: number;
  reference_date: string;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  rule_version: number | null;
}

/**
 * The runs that saw a finding, derived rather than stored (a row per finding and run would outgrow the registry):
 * the runs that evaluated its rule over its area without error, between its first and last run, at a time its
 * status (replayed from its events) was open or exempted after the run's own changes.
 */
export function runsThatSaw(events: EventRow[], runs: RunSeenRow[]): RunSeenRow[] {
  const byRun = new Map<number, EventRow[]>();
  for (const e of events) if (e.run_id != null) byRun.set(e.run_id, [...(byRun.get(e.run_id) ?? []), e]);
  const timeline = [
    ...events.filter((e) => e.run_id == null).map((e) => ({ t: new Date(e.at).getTime(), event: e, run: null })),
    ...runs.map((r) => ({ t: new Date(r.started_at ?? 0).getTime(), event: null, run: r })),
  ].sort((a, b) => a.t - b.t || (a.run ? a.run.id : 0) - (b.run ? b.run.id : 0));
  let status: FindingStatus | null = null;
  const seen: RunSeenRow[] = [];
  for (const item of timeline) {
    if (item.event) status = item.event.to_status;
    if (item.run) {
      const own = byRun.get(item.run.id);
      if (own) status = own[own.length - 1]!.to_status;
      if (status === 'open' || status === 'exempted') seen.push(item.run);
    }
  }
  return seen.reverse();
}

export async function getFinding(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'registry.read');
  const [row] = await query<Row & { explanation_zh: string; population_zh: string; enabled: boolean; current_version: number }>(
    db,
    sql`SELECT ${COLUMNS}, v.explanation_zh, v.population_zh, r.enabled, r.current_version ${FINDING_FROM} WHERE f.id = ${id} AND ${findingVisibility(actor, 'f')}`,
  );
  if (!row) throw notFound('Finding', '问题');
  const [events, runs, exemption] = await Promise.all([
    query<EventRow>(db, sql`SELECT at, kind, from_status, to_status, run_id, username, note FROM finding_events WHERE finding_id = ${id} ORDER BY id`),
    query<RunSeenRow>(
      db,
      sql`SELECT r.id, r.reference_date, r.started_at, r.finished_at, (x.e->>'version')::int AS rule_version
          FROM rule_runs r
          CROSS JOIN LATERAL (SELECT e FROM jsonb_array_elements(r.per_rule) e WHERE e->>'code' = ${row.rule_code} LIMIT 1) x
          WHERE r.id BETWEEN ${row.first_run_id} AND ${row.last_run_id} AND ${row.area_path} LIKE r.area_path || '%'
            AND x.e->>'error' IS NULL
          ORDER BY r.id`,
    ),
    row.exemption_id
      ? query<{ id: number; reason: string; approved_by_name: string; approved_at: string | Date; valid_until: string | null }>(
          db,
          sql`SELECT id, reason, approved_by_name, approved_at, valid_until FROM rule_exemptions WHERE id = ${row.exemption_id}`,
        )
      : Promise.resolve([]),
  ]);
  await recordAudit(db, actor, {
    action: 'view',
    entity: 'finding',
    entityId: id,
    areaPath: row.area_path,
    householdId: row.household_id,
    detail: row.member_id ? { members: [row.member_id] } : null,
  });
  const e = exemption[0];
  return {
    ...presentFinding(row),
    rule: { code: row.rule_code, titleZh: row.title_zh, titleEn: row.title_en, explanationZh: row.explanation_zh, populationZh: row.population_zh, enabled: row.enabled, currentVersion: row.current_version },
    exemption: e ? { id: e.id, reason: e.reason, approvedBy: e.approved_by_name, approvedAt: iso(e.approved_at)!, validUntil: e.valid_until } : null,
    events: events
      .map((ev) => ({ at: iso(ev.at)!, kind: ev.kind, from: ev.from_status, to: ev.to_status, runId: ev.run_id, username: ev.username, note: ev.note }))
      .reverse(),
    runs: runsThatSaw(events, runs)
      .slice(0, 100)
      .map((r) => ({ id: r.id, referenceDate: r.reference_date, finishedAt: iso(r.finished_at), ruleVersion: r.rule_version })),
  };
}

export async function householdFindings(db: Db, actor: Actor, householdId: number, status?: FindingStatus) {
  requirePermission(actor, 'registry.read');
  const h = await householdInScope(db, actor, householdId);
  const rows = await query<Row>(
    db,
    sql`SELECT ${COLUMNS} ${FINDING_FROM} WHERE f.household_id = ${h.id} AND ${findingVisibility(actor, 'f')} ${status ? sql`AND f.status = ${status}` : sql``}
        ORDER BY CASE f.status WHEN 'open' THEN 0 WHEN 'exempted' THEN 1 ELSE 2 END, f.rule_code, f.member_id NULLS FIRST`,
  );
  await recordAudit(db, actor, { action: 'view', entity: 'finding', areaPath: h.areaPath, householdId: h.id, detail: { findings: rows.map((r) => r.id) } });
  return { items: rows.map((r) => presentFinding(r)) };
}
