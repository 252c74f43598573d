/**
 * 帮扶计划: propose (solve and store a draft) and accept (create the measures). Reading plans is in plan-read.ts.
 * Proposing and accepting need `assistance.plan`; a plan covers one area inside the user's scope.
 */
import { and, eq, sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { proposeGapPlan, type GapPlanResult, type PlanHousehold, type PlanResources } from '../../domain/gap-plan.js';
import { roundYuan } from '../../domain/income.js';
import { addDays } from '../../domain/projection.js';
import { AppError } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { insertMeasures } from '../measures/service.js';
import { chinaDate, standardsFor } from '../standards/service.js';
import type { PlanBody } from './inputs.js';
import { areaFor, belowLineRows, type BelowLineRow } from './list.js';
import { getPlan, planInScope } from './plan-read.js';
import { gapPlanHouseholds, gapPlanItems, gapPlans } from './schema.js';

function invalid(path: string, message: string, messageZh: string): AppError {
  return new AppError('VALIDATION_FAILED', message, messageZh, { issues: [{ path, message: messageZh }] });
}

/** The office's resources with every pool's age range filled in from the standards where it gave none. */
async function resourcesFor(db: DbOrTx, areaPath: string, on: string, body: PlanBody): Promise<PlanResources> {
  const standards = await standardsFor(db, areaPath, on);
  const std = (key: 'labour_age_min' | 'welfare_post_age_max') => {
    const v = standards.get(key);
    return v ? Number(v.row.value) : undefined;
  };
  const posts = body.posts.map((p, i) => {
    const ageMin = p.ageMin ?? std('labour_age_min');
    const ageMax = p.ageMax ?? std('welfare_post_age_max');
    if (ageMin === undefined || ageMax === undefined) {
      throw invalid(`posts.${i}.ageMin`, 'No working-age standard is set for the area; give the ages', '该区域未设置劳动年龄下限或公益岗位年龄上限标准，请填写岗位年龄条件');
    }
    if (ageMin > ageMax) throw invalid(`posts.${i}.ageMax`, 'The age range is reversed', '年龄上限低于下限');
    return { key: `post${i + 1}`, name: p.name, wage: p.wage, posts: p.posts, ageMin, ageMax };
  });
  return {
    posts,
    dividends: body.dividends.map((d, i) => ({ key: `dividend${i + 1}`, ...d })),
    dibao: { enabled: body.dibao.enabled, households: body.dibao.households ?? null },
    maxPostsPerPerson: body.maxPostsPerPerson,
  };
}

/** Members present on the projection date, with their age then and the public-welfare posts they hold. */
async function householdsForSolver(db: DbOrTx, rows: BelowLineRow[], on: string): Promise<PlanHousehold[]> {
  const ids = `{${rows.map((r) => r.householdId).join(',')}}`;
  const people = await query<{ id: number; household_id: number; age: number; labour_ability: string | null; school_status: string | null; tekun: boolean; posts: number }>(
    db,
    // A post counts once whether the registry flag, a welfare_post measure or both record it.
    sql`SELECT m.id, m.household_id, date_part('year', age(${on}::date, m.birth_date))::int AS age, m.labour_ability, m.school_status, m.tekun,
               greatest(CASE WHEN m.welfare_post THEN 1 ELSE 0 END,
                        (SELECT count(*) FROM measures x WHERE x.member_id = m.id AND x.kind = 'welfare_post'
                           AND (x.end_on IS NULL OR x.end_on > ${on}::date)))::int AS posts
        FROM members m
        WHERE m.household_id = ANY(${ids}::int[]) AND m.joined_on <= ${on}::date AND (m.ended_on IS NULL OR m.ended_on > ${on}::date)
        ORDER BY m.household_id, m.id`,
  );
  const byHousehold = new Map<number, typeof people>();
  for (const p of people) byHousehold.set(p.household_id, [...(byHousehold.get(p.household_id) ?? []), p]);
  return rows.map((r) => {
    const ms = byHousehold.get(r.householdId) ?? [];
    return {
      id: r.householdId,
      size: r.size,
      projectedNet: r.projectedNet,
      standard: r.standard,
      dibaoStandard: r.dibaoStandard,
      tekun: ms.some((m) => m.tekun),
      members: ms.map((m) => ({ id: m.id, age: m.age, labourAbility: m.labour_ability, schoolStatus: m.school_status, posts: m.posts })),
    };
  });
}

export interface PlanFigures {
  households: number;
  persons: number;
  totalGap: number;
  /** Σ projected net ÷ Σ persons of the households below the line. */
  averagePerCapita: number;
  lowestPerCapita: number;
}

/** Before: the households below the line as projected. After: the same households with the plan's measures. */
function figures(rows: BelowLineRow[], result: GapPlanResult) {
  const outcome = new Map(result.households.map((o) => [o.householdId, o]));
  const persons = rows.reduce((s, r) => s + r.size, 0);
  const net = rows.reduce((s, r) => s + r.projectedNet, 0);
  const open = rows.filter((r) => !outcome.get(r.householdId)!.closed);
  const before: PlanFigures = {
    households: rows.length,
    persons,
    totalGap: roundYuan(rows.reduce((s, r) => s + r.gap, 0)),
    averagePerCapita: roundYuan(net / persons),
    lowestPerCapita: Math.min(...rows.map((r) => r.perCapita)),
  };
  const after: PlanFigures & { closed: number; cost: number } = {
    households: open.length,
    persons: open.reduce((s, r) => s + r.size, 0),
    totalGap: roundYuan(open.reduce((s, r) => s + r.gap, 0)),
    averagePerCapita: roundYuan((net + result.totalCost) / persons),
    lowestPerCapita: Math.min(...rows.map((r) => roundYuan((r.projectedNet + outcome.get(r.householdId)!.value) / r.size))),
    closed: result.closed,
    cost: result.totalCost,
  };
  return { before, after };
}

export async function proposePlan(db: Db, actor: Actor, body: PlanBody) {
  requirePermission(actor, 'assistance.plan');
  const area = await areaFor(db, actor, body.areaId);
  const on = body.on ?? chinaDate();
  const startOn = body.measuresStartOn ?? addDays(on, 1);
  // Measures starting after the projection date count in full; earlier ones would overlap recorded income.
  if (startOn <= on) throw invalid('measuresStartOn', 'Measures must start after the projection date', '措施开始日期须晚于预评估日期');
  const resources = await resourcesFor(db, area.path, on, body);
  const rows = await belowLineRows(db, area.path, on);
  if (rows.length === 0) {
    throw new AppError('INVALID_STATE', 'No household of the area is projected below the standard', `${area.name}在${on}没有预计人均纯收入低于标准的农户，无需制定帮扶计划`);
  }
  const households = await householdsForSolver(db, rows, on);
  const t0 = performance.now();
  const result = proposeGapPlan(households, resources);
  const elapsedMs = Math.round(performance.now() - t0);
  const { before, after } = figures(rows, result);
  const names = [...resources.posts, ...resources.dividends].map((r) => ({ key: r.key, name: r.name }));
  const used = [
    ...resources.posts.map((p) => ({ key: p.key, kind: 'post', name: p.name, capacity: p.posts as number | null, used: result.used[p.key] ?? 0 })),
    ...resources.dividends.map((d) => ({ key: d.key, kind: 'dividend', name: d.name, capacity: d.shares as number | null, used: result.used[d.key] ?? 0 })),
    ...(resources.dibao.enabled ? [{ key: 'dibao', kind: 'dibao', name: '低保', capacity: resources.dibao.households, used: result.used['dibao'] ?? 0 }] : []),
  ];
  const areaOf = new Map(rows.map((r) => [r.householdId, r]));
  const pathOf = new Map((await query<{ id: number; area_path: string }>(db, sql`SELECT id, area_path FROM households WHERE id = ANY(${`{${rows.map((r) => r.householdId).join(',')}}`}::int[])`)).map((h) => [h.id, h.area_path]));

  const id = await db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(gapPlans)
      .values({
        areaId: area.id,
        areaPath: area.path,
        referenceOn: on,
        measuresStartOn: startOn,
        resources: { ...resources, names },
        solution: { ...result.solution, elapsedMs, used, totalCost: result.totalCost },
        before,
        after,
        createdBy: actor.userId,
        createdByName: actor.username,
      })
      .returning({ id: gapPlans.id });
    const planId = plan!.id;
    const hhRows = result.households.map((o) => {
      const r = areaOf.get(o.householdId)!;
      return {
        planId,
        householdId: o.householdId,
        areaPath: pathOf.get(o.householdId)!,
        size: r.size,
        projectedNet: String(r.projectedNet),
        standard: String(r.standard),
        perCapitaBefore: String(r.perCapita),
        gap: String(o.gap),
        value: String(o.value),
        closed: o.closed,
        reason: o.reason,
        reasonText: o.reasonText,
      };
    });
    for (let i = 0; i < hhRows.length; i += 1_000) await tx.insert(gapPlanHouseholds).values(hhRows.slice(i, i + 1_000));
    const items = result.households.flatMap((o) =>
      o.items.map((item) => ({
        planId,
        householdId: o.householdId,
        memberId: item.memberId,
        areaPath: pathOf.get(o.householdId)!,
        kind: item.kind,
        resource: item.resource,
        resourceName: item.resourceName,
        units: item.units,
        value: String(item.value),
      })),
    );
    for (let i = 0; i < items.length; i += 1_000) await tx.insert(gapPlanItems).values(items.slice(i, i + 1_000));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'gap_plan',
      entityId: planId,
      areaPath: area.path,
      newValues: { referenceOn: on, measuresStartOn: startOn, resources, households: rows.length, closed: result.closed, cost: result.totalCost },
    });
    return planId;
  });
  return getPlan(db, actor, id, { page: 1, pageSize: 20 });
}

/**
 * Accepting creates the plan's measures (source gap_plan) in one transaction with the status change, all audited.
 * Refused when the plan is not a draft, or when a household of the plan got a measure after the plan was made (the
 * plan was computed without it: propose again).
 */
export async function acceptPlan(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'assistance.plan');
  await db.transaction(async (tx) => {
    const plan = await planInScope(tx, actor, id, true);
    if (plan.status !== 'draft') {
      throw new AppError('INVALID_STATE', 'The plan was accepted already', `该计划已于${plan.acceptedAt?.toISOString().slice(0, 10) ?? ''}被采纳，不能重复采纳`);
    }
    const [changed] = await query<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM measures m
          WHERE m.household_id IN (SELECT household_id FROM gap_plan_households WHERE plan_id = ${id})
            AND m.created_at > (SELECT created_at FROM gap_plans WHERE id = ${id})`,
    );
    if (changed!.n > 0) {
      throw new AppError('INVALID_STATE', 'Measures of the plan’s households changed after it was made; propose a new plan', '计划制定后，计划内农户的帮扶措施已有变化，请重新制定计划');
    }
    const items = await tx.select().from(gapPlanItems).where(eq(gapPlanItems.planId, id)).orderBy(gapPlanItems.id);
    await insertMeasures(
      tx,
      actor,
      items.map((i) => ({
        householdId: i.householdId,
        memberId: i.memberId,
        areaPath: i.areaPath,
        kind: i.kind as 'welfare_post' | 'dividend' | 'safety_net_dibao',
        startOn: plan.measuresStartOn,
        endOn: null,
        yearlyValue: Number(i.value),
        responsibleUnit: null,
        note: `帮扶计划#${id}：${i.resourceName}${i.kind === 'dividend' ? `${i.units}股` : ''}`,
        source: 'gap_plan',
        planId: id,
      })),
      `gap-plan-${id}`,
    );
    const now = new Date();
    await tx
      .update(gapPlans)
      .set({ status: 'accepted', acceptedBy: actor.userId, acceptedByName: actor.username, acceptedAt: now, version: plan.version + 1 })
      .where(and(eq(gapPlans.id, id), eq(gapPlans.status, 'draft')));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'gap_plan',
      entityId: id,
      areaPath: plan.areaPath,
      oldValues: { status: 'draft' },
      newValues: { status: 'accepted', measures: items.length },
    });
  });
  return getPlan(db, actor, id, { page: 1, pageSize: 20 });
}
