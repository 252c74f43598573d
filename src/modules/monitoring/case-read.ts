/**
 * Reading monitoring cases: the scoped row with its household and area names, the presenter (timing and overdue
 * flag from domain/monitoring.ts), the list's filter (incl. `waiting=mine`), the list, its export and one case.
 * Department officers see no cases: a case holds risk details (illness, disability) beyond any one department's.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import type { AreaLevel } from '../../domain/codes.js';
import { labelOf } from '../../domain/codes.js';
import { actionsFor, CASE_STATUSES, mayPerform, PROCEDURE_STEPS, phaseTiming, STEP_ZH, type CaseStatus, type ProcedureStep, type StepActor, type StepKind } from '../../domain/monitoring.js';
import { forbidden, notFound } from '../../errors.js';
import { can, escapeLike, isInScope, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { areas } from '../areas/schema.js';
import { recordAudit } from '../audit/service.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { chinaDate } from '../standards/service.js';
import { monitoringSettings } from './settings.js';

export interface CaseRow extends Record<string, unknown> {
  id: number;
  household_id: number;
  area_path: string;
  household_no: string;
  household_type: string;
  head_name: string | null;
  persons: number;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
  category: string;
  risk_types: string[];
  disaster_kind: string | null;
  other_note: string | null;
  identified_on: string;
  income_at_identification: string;
  source: string;
  warning_id: number | null;
  finding_id: number | null;
  status: CaseStatus;
  step: ProcedureStep | null;
  opened_on: string;
  included_on: string | null;
  elimination_proposed_on: string | null;
  eliminated_on: string | null;
  rejected_on: string | null;
  reject_reason: string | null;
  safety_net_since: string | null;
  override_reason: string | null;
  override_by_name: string | null;
  override_at: string | Date | null;
  version: number;
}

export const CASE_FROM = sql`FROM monitoring_cases c
  JOIN households h ON h.id = c.household_id
  JOIN areas va ON va.id = h.area_id
  LEFT JOIN areas t ON t.id = va.parent_id
  LEFT JOIN areas co ON co.id = t.parent_id
  LEFT JOIN LATERAL (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.relation = 'head' ORDER BY m.ended_on NULLS FIRST, m.id LIMIT 1) hd ON true`;
export const CASE_COLUMNS = sql`c.id, c.household_id, c.area_path, h.household_no, h.type AS household_type, hd.name AS head_name,
  (SELECT count(*)::int FROM members m WHERE m.household_id = h.id AND m.ended_on IS NULL) AS persons,
  va.name AS village_name, t.name AS township_name, co.name AS county_name, c.category, c.risk_types, c.disaster_kind, c.other_note,
  c.identified_on::text AS identified_on, c.income_at_identification, c.source, c.warning_id, c.finding_id, c.status, c.step,
  c.opened_on::text AS opened_on, c.included_on::text AS included_on, c.elimination_proposed_on::text AS elimination_proposed_on,
  c.eliminated_on::text AS eliminated_on, c.rejected_on::text AS rejected_on, c.reject_reason, c.safety_net_since::text AS safety_net_since,
  c.override_reason, c.override_by_name, c.override_at, c.version`;

/** The actor as the procedure sees them: role, the level of their own area, and whether a path is theirs. */
export async function stepActorFor(db: DbOrTx, actor: Actor, areaPath: string): Promise<StepActor> {
  const [a] = await db.select({ level: areas.level }).from(areas).where(eq(areas.id, actor.areaId));
  return { role: actor.role, areaLevel: (a?.level ?? 'city') as AreaLevel, inScope: isInScope(actor, areaPath) };
}

export function requireCaseReader(actor: Actor) {
  requirePermission(actor, 'registry.read');
  if (actor.role === 'department_officer') throw forbidden('read monitoring cases', '查看监测案例');
}

/** The phase's start and end, for its timing. */
function phaseSpan(r: CaseRow): { startedOn: string; finishedOn: string | null } {
  if (r.status === 'in_procedure') return { startedOn: r.opened_on, finishedOn: null };
  if (r.status === 'eliminating') return { startedOn: r.elimination_proposed_on ?? r.opened_on, finishedOn: null };
  if (r.status === 'rejected') return { startedOn: r.opened_on, finishedOn: r.rejected_on };
  if (r.status === 'eliminated') return { startedOn: r.elimination_proposed_on ?? r.opened_on, finishedOn: r.eliminated_on };
  return { startedOn: r.opened_on, finishedOn: r.included_on };
}

export function presentCase(r: CaseRow, limitDays: number, today = chinaDate()) {
  const span = phaseSpan(r);
  const timing = phaseTiming(span.startedOn, [], span.finishedOn, today, limitDays);
  return {
    id: r.id,
    householdId: r.household_id,
    householdNo: r.household_no,
    householdType: r.household_type,
    headName: r.head_name,
    persons: r.persons,
    villageName: r.village_name,
    townshipName: r.township_name,
    countyName: r.county_name,
    category: r.category,
    riskTypes: r.risk_types,
    disasterKind: r.disaster_kind,
    otherNote: r.other_note,
    identifiedOn: r.identified_on,
    incomeAtIdentification: Number(r.income_at_identification),
    source: r.source,
    warningId: r.warning_id,
    findingId: r.finding_id,
    status: r.status,
    step: r.step,
    openedOn: r.opened_on,
    includedOn: r.included_on,
    eliminationProposedOn: r.elimination_proposed_on,
    eliminatedOn: r.eliminated_on,
    rejectedOn: r.rejected_on,
    rejectReason: r.reject_reason,
    safetyNetSince: r.safety_net_since,
    override: r.override_reason ? { reason: r.override_reason, by: r.override_by_name, at: r.override_at ? new Date(r.override_at).toISOString() : null } : null,
    /** Days of the current (or last) phase, and whether over the limit. */
    phaseDays: timing.totalDays,
    overdue: timing.overdue && r.status !== 'monitored',
    version: r.version,
  };
}
export type CaseView = ReturnType<typeof presentCase>;

export async function caseInScope(db: DbOrTx, actor: Actor, id: number): Promise<CaseRow> {
  requireCaseReader(actor);
  const [row] = await query<CaseRow>(db, sql`SELECT ${CASE_COLUMNS} ${CASE_FROM} WHERE c.id = ${id} AND c.area_path LIKE ${escapeLike(actor.areaPath) + '%'}`);
  if (!row) throw notFound('Monitoring case', '监测案例');
  return row;
}

export interface CaseFilter {
  areaId?: number | undefined;
  status?: CaseStatus | undefined;
  step?: ProcedureStep | undefined;
  category?: string | undefined;
  riskType?: string | undefined;
  source?: string | undefined;
  overdue?: boolean | undefined;
  waiting?: 'mine' | undefined;
  q?: string | undefined;
}

async function caseWhere(db: DbOrTx, actor: Actor, q: CaseFilter): Promise<{ where: SQL; areaPath: string; limit: number }> {
  requireCaseReader(actor);
  const areaPath = q.areaId ? (await getAreaInScope(db, actor, q.areaId)).path : actor.areaPath;
  const { procedureDaysLimit: limit } = await monitoringSettings(db);
  const conds: SQL[] = [sql`c.area_path LIKE ${escapeLike(areaPath) + '%'}`];
  if (q.status) conds.push(sql`c.status = ${q.status}`);
  if (q.step) conds.push(sql`c.step = ${q.step}`);
  if (q.category) conds.push(sql`c.category = ${q.category}`);
  if (q.riskType) conds.push(sql`${q.riskType} = ANY(c.risk_types)`);
  if (q.source) conds.push(sql`c.source = ${q.source}`);
  if (q.q) conds.push(sql`(h.household_no LIKE ${escapeLike(q.q) + '%'} OR hd.name LIKE ${escapeLike(q.q) + '%'})`);
  if (q.overdue) {
    const today = chinaDate();
    conds.push(sql`((c.status = 'in_procedure' AND ${today}::date - c.opened_on > ${limit})
      OR (c.status = 'eliminating' AND ${today}::date - c.elimination_proposed_on > ${limit}))`);
  }
  if (q.waiting === 'mine') {
    // The steps this user's role and area level may do; the area is already the user's subtree.
    const me = await stepActorFor(db, actor, actor.areaPath);
    const steps = PROCEDURE_STEPS.filter((s) => mayPerform(me, s));
    conds.push(steps.length ? sql`c.status IN ('in_procedure', 'eliminating') AND c.step IN (${sql.join(steps.map((s) => sql`${s}`), sql`, `)})` : sql`false`);
  }
  return { where: sql.join(conds, sql` AND `), areaPath, limit };
}

export const CASE_SORTS = ['-id', 'id', 'openedOn', '-openedOn', 'householdNo'] as const;
const ORDER: Record<(typeof CASE_SORTS)[number], string> = {
  '-id': 'c.id DESC',
  id: 'c.id',
  openedOn: 'c.opened_on, c.id',
  '-openedOn': 'c.opened_on DESC, c.id DESC',
  householdNo: 'h.household_no, c.id',
};

export async function listCases(db: Db, actor: Actor, q: CaseFilter & { sort: (typeof CASE_SORTS)[number]; page: number; pageSize: number }) {
  const w = await caseWhere(db, actor, q);
  const [rows, [count]] = await Promise.all([
    query<CaseRow>(db, sql`SELECT ${CASE_COLUMNS} ${CASE_FROM} WHERE ${w.where} ORDER BY ${sql.raw(ORDER[q.sort])} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n ${CASE_FROM} WHERE ${w.where}`),
  ]);
  const today = chinaDate();
  return { items: rows.map((r) => presentCase(r, w.limit, today)), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

const STATUS_ZH: Record<CaseStatus, string> = { in_procedure: '纳入程序中', monitored: '监测中', eliminating: '风险消除程序中', rejected: '未纳入', eliminated: '风险已消除' };
export const caseStatusZh = (s: CaseStatus) => STATUS_ZH[s];
const risks = (c: CaseView) => c.riskTypes.map((r) => (r === 'other' && c.otherNote ? `其他（${c.otherNote}）` : labelOf('monitoringRiskType', r))).join('、');
const EXPORT_COLUMNS: ExportColumn<CaseView>[] = [
  { header: '县（市、区）', value: (c) => c.countyName, width: 12 },
  { header: '乡镇（街道）', value: (c) => c.townshipName, width: 14 },
  { header: '村（社区）', value: (c) => c.villageName, width: 14 },
  { header: '户编号', value: (c) => c.householdNo, text: true, width: 22 },
  { header: '户主', value: (c) => c.headName, width: 10 },
  { header: '人数', value: (c) => c.persons, width: 6 },
  { header: '监测对象类别', value: (c) => labelOf('monitoringCategory', c.category), width: 16 },
  { header: '风险类型', value: risks, width: 30 },
  { header: '识别日期', value: (c) => c.identifiedOn, text: true, width: 12 },
  { header: '识别时人均纯收入', value: (c) => c.incomeAtIdentification, width: 12 },
  { header: '来源', value: (c) => labelOf('warningSource', c.source), width: 12 },
  { header: '状态', value: (c) => STATUS_ZH[c.status], width: 14 },
  { header: '待办环节', value: (c) => (c.step ? STEP_ZH[c.step] : ''), width: 16 },
  { header: '本阶段用时（天）', value: (c) => c.phaseDays, width: 10 },
  { header: '超时', value: (c) => (c.overdue ? '是' : ''), width: 6 },
  { header: '纳入日期', value: (c) => c.includedOn, text: true, width: 12 },
  { header: '风险消除日期', value: (c) => c.eliminatedOn, text: true, width: 12 },
];

export async function exportCases(db: Db, actor: Actor, q: CaseFilter, format: ExportFormat) {
  const w = await caseWhere(db, actor, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n ${CASE_FROM} WHERE ${w.where}`);
  const today = chinaDate();
  async function* batches() {
    let after = 0;
    for (;;) {
      const rows = await query<CaseRow>(db, sql`SELECT ${CASE_COLUMNS} ${CASE_FROM} WHERE ${w.where} AND c.id > ${after} ORDER BY c.id LIMIT 2000`);
      if (rows.length === 0) return;
      yield rows.map((r) => presentCase(r, w.limit, today));
      after = rows[rows.length - 1]!.id;
    }
  }
  return exportList(db, actor, format, { title: '防返贫监测对象名单', entity: 'monitoring_case', areaPath: w.areaPath, filters: q, count: count?.n ?? 0, unit: '户', columns: EXPORT_COLUMNS, rows: batches() });
}

interface StepRow extends Record<string, unknown> {
  id: number;
  phase: string;
  step: StepKind;
  outcome: string;
  performed_on: string;
  note: string | null;
  notice_start: string | null;
  notice_end: string | null;
  checks: unknown;
  override_reason: string | null;
  username: string | null;
  created_at: string | Date;
}

/** One case with its step timeline (days per step), attachments, and what the signed-in user may do now. Audited. */
export async function getCase(db: Db, actor: Actor, id: number) {
  const row = await caseInScope(db, actor, id);
  const { procedureDaysLimit: limit } = await monitoringSettings(db);
  const [steps, files, history] = await Promise.all([
    query<StepRow>(
      db,
      sql`SELECT id, phase, step, outcome, performed_on::text AS performed_on, note, notice_start::text AS notice_start, notice_end::text AS notice_end,
                 checks, override_reason, username, created_at FROM monitoring_steps WHERE case_id = ${id} ORDER BY id`,
    ),
    query<{ id: number; step_id: number | null; file_name: string; content_type: string; size: number; username: string | null; created_at: string | Date }>(
      db,
      sql`SELECT id, step_id, file_name, content_type, size, username, created_at FROM monitoring_attachments WHERE case_id = ${id} ORDER BY id`,
    ),
    query<{ id: number; status: string; opened_on: string; included_on: string | null; eliminated_on: string | null; rejected_on: string | null }>(
      db,
      sql`SELECT id, status, opened_on::text AS opened_on, included_on::text AS included_on, eliminated_on::text AS eliminated_on, rejected_on::text AS rejected_on
          FROM monitoring_cases WHERE household_id = ${row.household_id} ORDER BY id`,
    ),
  ]);
  const today = chinaDate();
  const phases = (['inclusion', 'elimination'] as const).map((phase) => {
    const own = steps.filter((s) => s.phase === phase);
    const proposal = own.find((s) => s.step === 'proposal');
    // An elimination phase may have been rejected and proposed again: time the last proposal's run.
    const lastProposal = [...own].reverse().find((s) => s.step === 'proposal');
    const run = phase === 'elimination' && lastProposal ? own.filter((s) => s.id >= lastProposal.id) : own;
    const startedOn = phase === 'inclusion' ? row.opened_on : (lastProposal?.performed_on ?? null);
    if (!startedOn || (phase === 'elimination' && !proposal)) return null;
    const finished = phase === 'inclusion' ? (row.included_on ?? row.rejected_on) : row.status === 'eliminating' ? null : (row.eliminated_on ?? run.at(-1)?.performed_on ?? null);
    const timing = phaseTiming(startedOn, run.filter((s) => s.step !== 'proposal').map((s) => ({ step: s.step, performedOn: s.performed_on })), finished, today, limit);
    return { phase, startedOn, finishedOn: finished, totalDays: timing.totalDays, overdue: timing.overdue, limitDays: limit };
  });
  const daysOf = new Map<number, number>();
  let prev = row.opened_on;
  for (const s of steps) {
    daysOf.set(s.id, Math.max(0, Math.round((Date.parse(s.performed_on) - Date.parse(prev)) / 86_400_000)));
    prev = s.performed_on;
  }
  const me = await stepActorFor(db, actor, row.area_path);
  const actions = actionsFor({ status: row.status, step: row.step }, me);
  await recordAudit(db, actor, { action: 'view', entity: 'monitoring_case', entityId: id, areaPath: row.area_path, householdId: row.household_id });
  return {
    ...presentCase(row, limit, today),
    steps: steps.map((s) => ({
      id: s.id,
      phase: s.phase,
      step: s.step,
      outcome: s.outcome,
      performedOn: s.performed_on,
      days: daysOf.get(s.id) ?? 0,
      note: s.note,
      noticeStart: s.notice_start,
      noticeEnd: s.notice_end,
      checks: s.checks,
      overrideReason: s.override_reason,
      by: s.username,
      at: new Date(s.created_at).toISOString(),
    })),
    phases: phases.filter((p) => p !== null),
    attachments: files.map((f) => ({ id: f.id, stepId: f.step_id, fileName: f.file_name, contentType: f.content_type, size: f.size, by: f.username, at: new Date(f.created_at).toISOString() })),
    episodes: history.map((e) => ({ id: e.id, status: e.status, openedOn: e.opened_on, includedOn: e.included_on, eliminatedOn: e.eliminated_on, rejectedOn: e.rejected_on })),
    allowed: { step: actions.step, canPropose: actions.canPropose, canOverride: row.status === 'monitored' && can(actor, 'monitoring.override') },
  };
}

export { CASE_STATUSES };
