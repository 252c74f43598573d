/** Reading 帮扶计划: one plan with its households (paged), the list of plans, and a plan's export. */
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { notFound } from '../../errors.js';
import { escapeLike, inScope, requirePermission, type Actor } from '../accounts/access.js';
import { areas } from '../areas/schema.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import { presentHouseholdPlace, type HouseholdPlaceRow } from '../registry/presenter.js';
import { areaFor } from './list.js';
import type { PlanHouseholdsQuery, PlansQuery } from './inputs.js';
import { gapPlans } from './schema.js';

type PlanRow = typeof gapPlans.$inferSelect;

/** A plan whose area is inside the user's scope, or NOT_FOUND; `lock` for the accepting transaction. */
export async function planInScope(db: DbOrTx, actor: Actor, id: number, lock = false): Promise<PlanRow> {
  const q = db
    .select()
    .from(gapPlans)
    .where(and(eq(gapPlans.id, id), inScope(actor, gapPlans.areaPath)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('Plan', '帮扶计划');
  return row;
}

function presentPlan(p: PlanRow, areaName: string) {
  return {
    id: p.id,
    area: { id: p.areaId, name: areaName },
    referenceOn: p.referenceOn,
    measuresStartOn: p.measuresStartOn,
    status: p.status as 'draft' | 'accepted',
    resources: p.resources,
    solution: p.solution,
    before: p.before,
    after: p.after,
    createdBy: p.createdByName,
    createdAt: p.createdAt.toISOString(),
    acceptedBy: p.acceptedByName,
    acceptedAt: p.acceptedAt?.toISOString() ?? null,
  };
}

interface HouseholdRow extends HouseholdPlaceRow, Record<string, unknown> {
  head_name: string | null;
  main_cause: string | null;
  size: number;
  projected_net: string;
  standard: string;
  per_capita_before: string;
  gap: string;
  value: string;
  closed: boolean;
  reason: string | null;
  reason_text: string | null;
  items: { kind: string; resource: string; resourceName: string; memberId: number | null; memberName: string | null; units: number; value: number }[];
}

function presentHousehold(r: HouseholdRow) {
  return {
    ...presentHouseholdPlace(r),
    headName: r.head_name,
    mainCause: r.main_cause,
    size: r.size,
    projectedNet: Number(r.projected_net),
    standard: Number(r.standard),
    perCapitaBefore: Number(r.per_capita_before),
    gap: Number(r.gap),
    value: Number(r.value),
    perCapitaAfter: Math.round(((Number(r.projected_net) + Number(r.value)) / r.size) * 100) / 100,
    closed: r.closed,
    reason: r.reason,
    reasonText: r.reason_text,
    items: r.items.map((i) => ({ ...i, value: Number(i.value) })),
  };
}
export type PlanHouseholdView = ReturnType<typeof presentHousehold>;

const HOUSEHOLDS_SQL = (planId: number, where: SQL) => sql`
  SELECT gh.household_id, h.household_no, v.name AS village_name, t.name AS township_name, c.name AS county_name, hd.name AS head_name,
         h.main_cause, gh.size, gh.projected_net, gh.standard, gh.per_capita_before, gh.gap, gh.value, gh.closed, gh.reason, gh.reason_text,
         coalesce((SELECT json_agg(json_build_object('kind', i.kind, 'resource', i.resource, 'resourceName', i.resource_name, 'memberId', i.member_id,
                                                     'memberName', mm.name, 'units', i.units, 'value', i.value) ORDER BY i.id)
                   FROM gap_plan_items i LEFT JOIN members mm ON mm.id = i.member_id
                   WHERE i.plan_id = gh.plan_id AND i.household_id = gh.household_id), '[]'::json) AS items
  FROM gap_plan_households gh
  JOIN households h ON h.id = gh.household_id
  JOIN areas v ON v.id = h.area_id
  LEFT JOIN areas t ON t.id = v.parent_id
  LEFT JOIN areas c ON c.id = t.parent_id
  LEFT JOIN LATERAL (SELECT m.name FROM members m WHERE m.household_id = gh.household_id AND m.relation = 'head' AND m.ended_on IS NULL
                     ORDER BY m.id LIMIT 1) hd ON true
  WHERE gh.plan_id = ${planId} AND ${where}`;

const outcomeFilter = (outcome: PlanHouseholdsQuery['outcome']): SQL =>
  outcome === 'closed' ? sql`gh.closed` : outcome === 'unclosable' ? sql`NOT gh.closed` : sql`true`;

export async function getPlan(db: DbOrTx, actor: Actor, id: number, q: PlanHouseholdsQuery) {
  requirePermission(actor, 'registry.read');
  const plan = await planInScope(db, actor, id);
  const where = outcomeFilter(q.outcome);
  const [rows, counts, reasons, area, created, items] = await Promise.all([
    query<HouseholdRow>(db, sql`${HOUSEHOLDS_SQL(id, where)} ORDER BY gh.closed DESC, gh.gap DESC, gh.household_id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM gap_plan_households gh WHERE gh.plan_id = ${id} AND ${where}`),
    query<{ reason: string; households: number }>(
      db,
      sql`SELECT reason, count(*)::int AS households FROM gap_plan_households WHERE plan_id = ${id} AND NOT closed GROUP BY reason ORDER BY 2 DESC`,
    ),
    query<{ name: string }>(db, sql`SELECT name FROM areas WHERE id = ${plan.areaId}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM measures WHERE plan_id = ${id}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM gap_plan_items WHERE plan_id = ${id}`),
  ]);
  return {
    ...presentPlan(plan, area[0]?.name ?? ''),
    /** Measures the plan proposes (one per post, per household and dividend project, per 低保). */
    itemCount: items[0]?.n ?? 0,
    measuresCreated: created[0]?.n ?? 0,
    unclosableReasons: reasons,
    households: { items: rows.map(presentHousehold), total: counts[0]?.n ?? 0, page: q.page, pageSize: q.pageSize },
  };
}

export async function listPlans(db: Db, actor: Actor, q: PlansQuery) {
  requirePermission(actor, 'registry.read');
  const scope = q.areaId ? (await areaFor(db, actor, q.areaId)).path : actor.areaPath;
  const where = and(sql`${gapPlans.areaPath} LIKE ${escapeLike(scope) + '%'}`, q.status ? eq(gapPlans.status, q.status) : undefined);
  const [rows, total] = await Promise.all([
    db
      .select({ p: gapPlans, areaName: areas.name })
      .from(gapPlans)
      .innerJoin(areas, eq(areas.id, gapPlans.areaId))
      .where(where)
      .orderBy(desc(gapPlans.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(gapPlans).where(where),
  ]);
  return {
    items: rows.map((x) => {
      const { resources: _r, ...rest } = presentPlan(x.p, x.areaName);
      return rest;
    }),
    total: total[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const itemText = (i: PlanHouseholdView['items'][number]) =>
  i.kind === 'welfare_post'
    ? `公益岗位（${i.resourceName}）${i.memberName ?? ''} ${i.value}元`
    : i.kind === 'dividend'
      ? `分红（${i.resourceName}）${i.units}股 ${i.value}元`
      : `低保 ${i.value}元`;

const COLUMNS: ExportColumn<PlanHouseholdView>[] = [
  { header: '户编号', value: (r) => r.householdNo, text: true, width: 22 },
  { header: '县（市、区）', value: (r) => r.countyName, width: 12 },
  { header: '乡镇（街道）', value: (r) => r.townshipName, width: 14 },
  { header: '村（社区）', value: (r) => r.villageName, width: 14 },
  { header: '户主姓名', value: (r) => r.headName, width: 10 },
  { header: '主要致贫原因', value: (r) => labelOf('povertyCause', r.mainCause), width: 12 },
  { header: '家庭人口', value: (r) => r.size, width: 8 },
  { header: '预计人均纯收入（元）', value: (r) => r.perCapitaBefore, width: 14 },
  { header: '收入标准（元/人）', value: (r) => r.standard, width: 12 },
  { header: '户缺口（元）', value: (r) => r.gap, width: 12 },
  { header: '结果', value: (r) => (r.closed ? '可弥补' : '无法弥补'), width: 10 },
  { header: '帮扶措施', value: (r) => r.items.map(itemText).join('；'), width: 40 },
  { header: '措施年金额（元）', value: (r) => r.value, width: 14 },
  { header: '帮扶后人均纯收入（元）', value: (r) => r.perCapitaAfter, width: 16 },
  { header: '无法弥补原因', value: (r) => r.reasonText, width: 40 },
];

export async function exportPlan(db: Db, actor: Actor, id: number, outcome: PlanHouseholdsQuery['outcome'], format: ExportFormat) {
  requirePermission(actor, 'registry.read');
  const plan = await planInScope(db, actor, id);
  const rows = (await query<HouseholdRow>(db, sql`${HOUSEHOLDS_SQL(id, outcomeFilter(outcome))} ORDER BY h.area_path, h.household_no`)).map(presentHousehold);
  async function* batches() {
    for (let i = 0; i < rows.length; i += 2_000) yield rows.slice(i, i + 2_000);
  }
  return exportList(db, actor, format, {
    title: `帮扶计划${id}（${plan.referenceOn}）`,
    entity: 'gap_plan',
    areaPath: plan.areaPath,
    filters: { planId: id, outcome },
    count: rows.length,
    unit: '户',
    columns: COLUMNS,
    rows: batches(),
  });
}
