/**
 * 预警线索 (warnings): created one by one (a hotline call typed in, a cadre's screening, a department's finding, a
 * campaign answer) or in bulk from the income pre-assessment; dismissed with a reason or turned into a case
 * (cases.ts). Department officers see and create only their own department's warnings; everyone else their area's.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { query, type Db, type DbOrTx, type Tx } from '../../db/client.js';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.js';
import { can, escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { labelOf } from '../../domain/codes.js';
import { findings } from '../findings/schema.js';
import { areaFor, belowLineRows } from '../preassessment/list.js';
import { householdInScope } from '../registry/households.js';
import { chinaDate } from '../standards/service.js';
import { monitoringWarnings } from './schema.js';

export const WARNING_SOURCE_CODES = ['campaign', 'finding', 'preassessment', 'cadre_screening', 'self_application', 'department'] as const;
export type WarningSource = (typeof WARNING_SOURCE_CODES)[number];
export const WARNING_STATUSES = ['open', 'dismissed', 'converted'] as const;

export interface NewWarning {
  householdId: number;
  source: WarningSource;
  findingId?: number | null;
  campaignResponseId?: number | null;
  detail: string;
}

/** Who may raise a warning of this source: writers of the registry any; a department officer a department warning. */
function requireRaise(actor: Actor, source: WarningSource) {
  if (can(actor, 'registry.write')) return;
  if (actor.role === 'department_officer' && actor.department && source === 'department') return;
  throw forbidden('raise a monitoring warning', '登记预警线索');
}

/**
 * Creates a warning (also used by modules/duty for campaign answers and cadre screening). Scope is the household's;
 * a linked finding must be of the same household. Audited with the household.
 */
export async function createWarning(db: Db | Tx, actor: Actor, input: NewWarning): Promise<{ id: number }> {
  requireRaise(actor, input.source);
  const h = await householdInScope(db, actor, input.householdId);
  const detail = input.detail.trim();
  if (!detail) throw new AppError('VALIDATION_FAILED', 'Describe the warning', '请填写预警情况', { issues: [{ path: 'detail', message: '请填写预警情况' }] });
  if (input.findingId != null) {
    const [f] = await db.select({ householdId: findings.householdId }).from(findings).where(eq(findings.id, input.findingId));
    if (!f || f.householdId !== h.id) {
      throw new AppError('VALIDATION_FAILED', 'The finding is not of this household', '该核查问题不属于本户', { issues: [{ path: 'findingId', message: '核查问题不属于本户' }] });
    }
  }
  const [row] = await db
    .insert(monitoringWarnings)
    .values({
      householdId: h.id,
      areaPath: h.areaPath,
      source: input.source,
      findingId: input.findingId ?? null,
      campaignResponseId: input.campaignResponseId ?? null,
      detail,
      department: actor.role === 'department_officer' ? actor.department : null,
      createdBy: actor.userId,
      createdByName: actor.username,
    })
    .returning();
  await recordAudit(db, actor, {
    action: 'create',
    entity: 'monitoring_warning',
    entityId: row!.id,
    areaPath: h.areaPath,
    householdId: h.id,
    newValues: { source: row!.source, findingId: row!.findingId, campaignResponseId: row!.campaignResponseId, detail },
  });
  return { id: row!.id };
}

/**
 * One warning per household projected below the monitoring line in the area on the date, skipping households that
 * already have an open warning or an open case.
 */
export async function warningsFromPreassessment(db: Db, actor: Actor, input: { areaId?: number | undefined; on?: string | undefined }) {
  requirePermission(actor, 'registry.write');
  const area = await areaFor(db, actor, input.areaId);
  const on = input.on ?? chinaDate();
  const rows = await belowLineRows(db, area.path, on);
  const busy = new Set(
    (
      await query<{ household_id: number }>(
        db,
        sql`SELECT household_id FROM monitoring_warnings WHERE status = 'open' AND area_path LIKE ${escapeLike(area.path) + '%'}
            UNION SELECT household_id FROM monitoring_cases WHERE status IN ('in_procedure', 'monitored', 'eliminating') AND area_path LIKE ${escapeLike(area.path) + '%'}`,
      )
    ).map((r) => r.household_id),
  );
  const fresh = rows.filter((r) => !busy.has(r.householdId));
  return db.transaction(async (tx) => {
    for (const r of fresh) {
      await createWarning(tx, actor, {
        householdId: r.householdId,
        source: 'preassessment',
        detail: `收入预评估（${on}）：预计人均纯收入${r.perCapita}元，低于标准${r.standard}元，差${r.gapPerPerson}元/人`,
      });
    }
    return { on, area: { id: area.id, name: area.name }, belowLine: rows.length, created: fresh.length, skipped: rows.length - fresh.length };
  });
}

export interface WarningFilter {
  areaId?: number | undefined;
  status?: (typeof WARNING_STATUSES)[number] | undefined;
  source?: WarningSource | undefined;
  q?: string | undefined;
}

interface Row extends Record<string, unknown> {
  id: number;
  household_id: number;
  household_no: string;
  head_name: string | null;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
  source: string;
  finding_id: number | null;
  campaign_response_id: number | null;
  detail: string;
  status: string;
  dismiss_reason: string | null;
  case_id: number | null;
  created_by_name: string | null;
  created_at: string | Date;
  resolved_by_name: string | null;
  resolved_at: string | Date | null;
  version: number;
}

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());
export function presentWarning(r: Row) {
  return {
    id: r.id,
    householdId: r.household_id,
    householdNo: r.household_no,
    headName: r.head_name,
    villageName: r.village_name,
    townshipName: r.township_name,
    countyName: r.county_name,
    source: r.source,
    findingId: r.finding_id,
    campaignResponseId: r.campaign_response_id,
    detail: r.detail,
    status: r.status,
    dismissReason: r.dismiss_reason,
    caseId: r.case_id,
    createdBy: r.created_by_name,
    createdAt: iso(r.created_at)!,
    resolvedBy: r.resolved_by_name,
    resolvedAt: iso(r.resolved_at),
    version: r.version,
  };
}
export type WarningView = ReturnType<typeof presentWarning>;

const FROM = sql`FROM monitoring_warnings w
  JOIN households h ON h.id = w.household_id
  JOIN areas va ON va.id = h.area_id
  LEFT JOIN areas t ON t.id = va.parent_id
  LEFT JOIN areas c ON c.id = t.parent_id
  LEFT JOIN LATERAL (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.relation = 'head' ORDER BY m.ended_on NULLS FIRST, m.id LIMIT 1) hd ON true`;
const COLUMNS = sql`w.id, w.household_id, h.household_no, hd.name AS head_name, va.name AS village_name, t.name AS township_name, c.name AS county_name,
  w.source, w.finding_id, w.campaign_response_id, w.detail, w.status, w.dismiss_reason, w.case_id, w.created_by_name, w.created_at,
  w.resolved_by_name, w.resolved_at, w.version`;

/** Area (and department for department officers) first, then the filters. */
async function warningWhere(db: DbOrTx, actor: Actor, q: WarningFilter): Promise<{ where: SQL; areaPath: string }> {
  requirePermission(actor, 'registry.read');
  const areaPath = q.areaId ? (await getAreaInScope(db, actor, q.areaId)).path : actor.areaPath;
  const conds: SQL[] = [sql`w.area_path LIKE ${escapeLike(areaPath) + '%'}`];
  if (actor.role === 'department_officer') conds.push(actor.department ? sql`w.department = ${actor.department}` : sql`false`);
  if (q.status) conds.push(sql`w.status = ${q.status}`);
  if (q.source) conds.push(sql`w.source = ${q.source}`);
  if (q.q) conds.push(sql`(h.household_no LIKE ${escapeLike(q.q) + '%'} OR hd.name LIKE ${escapeLike(q.q) + '%'})`);
  return { where: sql.join(conds, sql` AND `), areaPath };
}

export async function listWarnings(db: Db, actor: Actor, q: WarningFilter & { page: number; pageSize: number }) {
  const w = await warningWhere(db, actor, q);
  const [rows, [count]] = await Promise.all([
    query<Row>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE ${w.where} ORDER BY w.status = 'open' DESC, w.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n ${FROM} WHERE ${w.where}`),
  ]);
  return { items: rows.map(presentWarning), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function* warningBatches(db: Db, where: SQL) {
  let after = 0;
  for (;;) {
    const rows = await query<Row>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE ${where} AND w.id > ${after} ORDER BY w.id LIMIT 2000`);
    if (rows.length === 0) return;
    yield rows.map(presentWarning);
    after = rows[rows.length - 1]!.id;
  }
}

const STATUS_ZH: Record<string, string> = { open: '待处理', dismissed: '已排除', converted: '已转监测' };
const COLUMNS_OUT: ExportColumn<WarningView>[] = [
  { header: '县（市、区）', value: (w) => w.countyName, width: 12 },
  { header: '乡镇（街道）', value: (w) => w.townshipName, width: 14 },
  { header: '村（社区）', value: (w) => w.villageName, width: 14 },
  { header: '户编号', value: (w) => w.householdNo, text: true, width: 22 },
  { header: '户主', value: (w) => w.headName, width: 10 },
  { header: '来源', value: (w) => labelOf('warningSource', w.source), width: 12 },
  { header: '预警情况', value: (w) => w.detail, width: 40 },
  { header: '状态', value: (w) => STATUS_ZH[w.status] ?? w.status, width: 10 },
  { header: '排除理由', value: (w) => w.dismissReason, width: 24 },
  { header: '登记人', value: (w) => w.createdBy, width: 12 },
  { header: '登记时间', value: (w) => w.createdAt.slice(0, 10), text: true, width: 12 },
];

export async function exportWarnings(db: Db, actor: Actor, q: WarningFilter, format: ExportFormat) {
  const w = await warningWhere(db, actor, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n ${FROM} WHERE ${w.where}`);
  return exportList(db, actor, format, {
    title: '防返贫监测预警线索',
    entity: 'monitoring_warning',
    areaPath: w.areaPath,
    filters: q,
    count: count?.n ?? 0,
    unit: '条',
    columns: COLUMNS_OUT,
    rows: warningBatches(db, w.where),
  });
}

/** A warning the actor may see (area, department), or NOT_FOUND. */
export async function warningInScope(db: DbOrTx, actor: Actor, id: number) {
  const { where } = await warningWhere(db, actor, {});
  const [row] = await query<Row & { area_path: string }>(db, sql`SELECT ${COLUMNS}, w.area_path ${FROM} WHERE w.id = ${id} AND ${where}`);
  if (!row) throw notFound('Warning', '预警线索');
  return row;
}

export async function dismissWarning(db: Db, actor: Actor, id: number, input: { version: number; reason: string }) {
  requirePermission(actor, 'registry.write');
  const before = await warningInScope(db, actor, id);
  if (before.status !== 'open') throw new AppError('INVALID_STATE', 'The warning is already handled', '该预警线索已处理');
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(monitoringWarnings)
      .set({ status: 'dismissed', dismissReason: input.reason, resolvedBy: actor.userId, resolvedByName: actor.username, resolvedAt: new Date(), version: before.version + 1 })
      .where(and(eq(monitoringWarnings.id, id), eq(monitoringWarnings.version, input.version)))
      .returning();
    if (!after) throw versionConflict(presentWarning(before));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'monitoring_warning',
      entityId: id,
      areaPath: before.area_path,
      householdId: before.household_id,
      oldValues: { status: 'open' },
      newValues: { status: 'dismissed', dismissReason: input.reason },
    });
    return presentWarning((await query<Row>(tx, sql`SELECT ${COLUMNS} ${FROM} WHERE w.id = ${id}`))[0]!);
  });
}
