/**
 * 逐户排查 campaigns (API.md): the office launches a check of every household of a population under an area with a
 * form (a shipped template or its own questions); each household becomes a task for the cadres of its village (or
 * one assigned cadre); answers that reveal a risk raise a monitoring warning (modules/monitoring createWarning).
 * A user sees a campaign when it covers part of their area, and only the tasks inside their area.
 */
import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { answerProblems, CAMPAIGN_TEMPLATES, riskDetail, riskyAnswers, type Answers, type Question } from '../../domain/duty-forms.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { escapeLike, inScope, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { createWarning } from '../monitoring/warnings.js';
import { cadreInScope, cadreOfUser, invalid } from './cadres.js';
import type { FillTask, NewCampaign, TaskFilter } from './inputs.js';
import { dutyCampaigns, dutyCampaignTasks } from './schema.js';

type CampaignRow = typeof dutyCampaigns.$inferSelect;

export function templates() {
  return { items: CAMPAIGN_TEMPLATES };
}

/** Campaigns covering part of the user's area: launched in it, or above it over it. */
const visible = (actor: Actor) => sql`(c.area_path LIKE ${escapeLike(actor.areaPath) + '%'} OR ${actor.areaPath} LIKE c.area_path || '%')`;

/** The deeper of the campaign's area and the user's: where the user's view of a campaign starts. */
const viewPath = (c: { areaPath: string }, actor: Actor) => (c.areaPath.startsWith(actor.areaPath) ? c.areaPath : actor.areaPath);

export async function campaignInScope(db: Db, actor: Actor, id: number): Promise<CampaignRow> {
  const [row] = await db.select().from(dutyCampaigns).where(and(eq(dutyCampaigns.id, id), sql`(${dutyCampaigns.areaPath} LIKE ${escapeLike(actor.areaPath) + '%'} OR ${actor.areaPath} LIKE ${dutyCampaigns.areaPath} || '%')`));
  if (!row) throw notFound('Campaign', '逐户排查');
  return row;
}

function presentCampaign(c: CampaignRow, counts: { total: number; done: number; risky: number }, areaName: string) {
  return {
    id: c.id,
    title: c.title,
    template: c.template,
    questions: c.questions as Question[],
    areaId: c.areaId,
    areaName,
    population: c.population,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    closed: c.closed,
    createdByName: c.createdByName,
    createdAt: c.createdAt.toISOString(),
    ...counts,
  };
}

export async function launchCampaign(db: Db, actor: Actor, input: NewCampaign) {
  requirePermission(actor, 'duty.manage');
  const area = await getAreaInScope(db, actor, input.areaId);
  const template = input.template ? CAMPAIGN_TEMPLATES.find((t) => t.code === input.template) : undefined;
  if (input.template && !template) throw invalid('template', 'No such template', '没有这个排查模板');
  const questions = input.questions ?? template!.questions;
  if (input.endsOn && input.endsOn < input.startsOn) throw invalid('endsOn', 'It ends before it starts', '结束日期早于开始日期');
  const population = input.population === 'all' ? sql`true` : sql`h.type IN ('lifted', 'monitored')`;
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(dutyCampaigns)
      .values({
        title: input.title,
        template: template?.code ?? null,
        questions,
        areaId: area.id,
        areaPath: area.path,
        population: input.population,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        createdBy: actor.userId,
        createdByName: actor.username,
      })
      .returning();
    // One task per household; no cadre named means "the cadres of the village" fill it.
    const [made] = await query<{ n: number }>(
      tx,
      sql`WITH ins AS (INSERT INTO duty_campaign_tasks (campaign_id, household_id, area_path)
            SELECT ${c!.id}, h.id, h.area_path FROM households h
            WHERE h.area_path LIKE ${escapeLike(area.path) + '%'} AND h.ended_on IS NULL AND ${population} RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'duty_campaign',
      entityId: c!.id,
      areaPath: area.path,
      newValues: { title: c!.title, template: c!.template, population: c!.population, startsOn: c!.startsOn, endsOn: c!.endsOn, households: made!.n },
    });
    return presentCampaign(c!, { total: made!.n, done: 0, risky: 0 }, area.name);
  });
}

async function counts(db: Db, campaignId: number, path: string) {
  const [r] = await query<{ total: number; done: number; risky: number }>(
    db,
    sql`SELECT count(*)::int AS total, count(done_at)::int AS done, count(*) FILTER (WHERE risky)::int AS risky
        FROM duty_campaign_tasks WHERE campaign_id = ${campaignId} AND area_path LIKE ${escapeLike(path) + '%'}`,
  );
  return r!;
}

export async function listCampaigns(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  requirePermission(actor, 'registry.read');
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM duty_campaigns c WHERE ${visible(actor)}`);
  const ids = await query<{ id: number; area_name: string }>(
    db,
    sql`SELECT c.id, a.name AS area_name FROM duty_campaigns c JOIN areas a ON a.id = c.area_id WHERE ${visible(actor)}
        ORDER BY c.closed, c.starts_on DESC, c.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const items = [];
  for (const { id, area_name } of ids) {
    const [c] = await db.select().from(dutyCampaigns).where(eq(dutyCampaigns.id, id));
    items.push(presentCampaign(c!, await counts(db, id, viewPath(c!, actor)), area_name));
  }
  return { total: count!.n, page: q.page, pageSize: q.pageSize, items };
}

export async function getCampaign(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'registry.read');
  const c = await campaignInScope(db, actor, id);
  const [a] = await query<{ name: string }>(db, sql`SELECT name FROM areas WHERE id = ${c.areaId}`);
  return presentCampaign(c, await counts(db, id, viewPath(c, actor)), a!.name);
}

/** Completion now, for an area and each of its children (county → townships → villages), within the campaign. */
export async function campaignProgress(db: Db, actor: Actor, id: number, areaId: number | undefined) {
  requirePermission(actor, 'registry.read');
  const c = await campaignInScope(db, actor, id);
  const area = await getAreaInScope(db, actor, areaId ?? (c.areaPath.startsWith(actor.areaPath) ? c.areaId : actor.areaId));
  if (!area.path.startsWith(c.areaPath) && !c.areaPath.startsWith(area.path)) throw notFound('Area', '区域');
  const path = area.path.startsWith(c.areaPath) ? area.path : c.areaPath;
  const rows = await query<{ id: number; name: string; level: string; total: number; done: number; risky: number }>(
    db,
    sql`SELECT ch.id, ch.name, ch.level, count(t.id)::int AS total, count(t.done_at)::int AS done, count(t.id) FILTER (WHERE t.risky)::int AS risky
        FROM areas ch LEFT JOIN duty_campaign_tasks t ON t.campaign_id = ${id} AND t.area_path LIKE ch.path || '%'
        WHERE ch.parent_id = ${area.id} AND ch.valid_to IS NULL
        GROUP BY ch.id, ch.name, ch.level, ch.code ORDER BY ch.code`,
  );
  return {
    area: { id: area.id, name: area.name, level: area.level },
    ...(await counts(db, id, path)),
    children: rows.filter((r) => r.total > 0).map((r) => ({ areaId: r.id, name: r.name, level: r.level, total: r.total, done: r.done, risky: r.risky })),
  };
}

interface TaskRow extends Record<string, unknown> {
  id: number;
  household_id: number;
  household_no: string;
  head_name: string | null;
  village_name: string;
  cadre_id: number | null;
  cadre_name: string | null;
  answers: Answers | null;
  risky: boolean;
  done_at: string | Date | null;
  done_by_name: string | null;
  version: number;
}

export const presentTask = (r: TaskRow) => ({
  id: r.id,
  householdId: r.household_id,
  householdNo: r.household_no,
  headName: r.head_name,
  villageName: r.village_name,
  cadreId: r.cadre_id,
  cadreName: r.cadre_name,
  answers: r.answers,
  risky: r.risky,
  doneAt: r.done_at == null ? null : new Date(r.done_at).toISOString(),
  doneByName: r.done_by_name,
  version: r.version,
});
export type TaskView = ReturnType<typeof presentTask>;

export const TASK_FROM = sql`FROM duty_campaign_tasks t JOIN households h ON h.id = t.household_id JOIN areas va ON va.id = h.area_id
  LEFT JOIN cadres cd ON cd.id = t.cadre_id`;
export const TASK_COLUMNS = sql`t.id, t.household_id, h.household_no, va.name AS village_name, t.cadre_id, cd.name AS cadre_name, t.answers, t.risky,
  t.done_at, t.done_by_name, t.version,
  (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.relation = 'head' AND m.ended_on IS NULL LIMIT 1) AS head_name`;

export async function taskWhere(db: Db, actor: Actor, id: number, q: Omit<TaskFilter, 'page' | 'pageSize'>) {
  const c = await campaignInScope(db, actor, id);
  const conds = [sql`t.campaign_id = ${id}`, sql`t.area_path LIKE ${escapeLike(actor.areaPath) + '%'}`];
  if (q.areaId) conds.push(sql`t.area_path LIKE ${escapeLike((await getAreaInScope(db, actor, q.areaId)).path) + '%'}`);
  if (q.status === 'pending') conds.push(sql`t.done_at IS NULL`);
  if (q.status === 'done') conds.push(sql`t.done_at IS NOT NULL`);
  if (q.status === 'risky') conds.push(sql`t.risky`);
  return { campaign: c, where: sql.join(conds, sql` AND `) };
}

export async function listTasks(db: Db, actor: Actor, id: number, q: TaskFilter) {
  requirePermission(actor, 'registry.read');
  const { where } = await taskWhere(db, actor, id, q);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM duty_campaign_tasks t WHERE ${where}`);
  const rows = await query<TaskRow>(db, sql`SELECT ${TASK_COLUMNS} ${TASK_FROM} WHERE ${where} ORDER BY t.area_path, h.household_no LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  return { total: count!.n, page: q.page, pageSize: q.pageSize, items: rows.map(presentTask) };
}

/**
 * Fills (or corrects) one household's form. Scope is the household's; a task assigned to one cadre is theirs (and the
 * office's) to fill. A risky answer raises a monitoring warning once: when the form turns risky, not on every save.
 */
export async function fillTask(db: Db, actor: Actor, taskId: number, input: FillTask) {
  requirePermission(actor, 'registry.write');
  const [task] = await db.select().from(dutyCampaignTasks).where(and(eq(dutyCampaignTasks.id, taskId), inScope(actor, dutyCampaignTasks.areaPath)));
  if (!task) throw notFound('Campaign form', '排查表');
  const c = await campaignInScope(db, actor, task.campaignId);
  if (c.closed) throw new AppError('INVALID_STATE', 'The campaign is closed', '该排查已结束');
  if (task.cadreId !== null && actor.role === 'village_cadre') {
    const own = await cadreOfUser(db, actor.userId);
    if (own?.id !== task.cadreId) throw new AppError('FORBIDDEN', 'This form is assigned to another cadre', '该户排查已分配给其他干部');
  }
  const qs = c.questions as Question[];
  const problems = answerProblems(qs, input.answers);
  if (Object.keys(problems).length) {
    throw new AppError('VALIDATION_FAILED', 'Some answers are missing or invalid', '有问题未回答或答案无效', {
      issues: Object.entries(problems).map(([path, message]) => ({ path: `answers.${path}`, message })),
    });
  }
  const risky = riskyAnswers(qs, input.answers).length > 0;
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(dutyCampaignTasks)
      .set({ answers: input.answers, risky, doneAt: new Date(), doneBy: actor.userId, doneByName: actor.username, version: task.version + 1 })
      .where(and(eq(dutyCampaignTasks.id, taskId), eq(dutyCampaignTasks.version, input.version)))
      .returning();
    if (!after) throw versionConflict({ id: task.id, version: task.version, answers: task.answers });
    await recordAudit(tx, actor, {
      action: task.doneAt ? 'update' : 'create',
      entity: 'duty_campaign_response',
      entityId: taskId,
      areaPath: after.areaPath,
      householdId: after.householdId,
      oldValues: task.answers ? { answers: task.answers } : null,
      newValues: { campaignId: c.id, answers: input.answers, risky },
    });
    let warningId: number | null = null;
    if (risky && !task.risky) {
      const w = await createWarning(tx, actor, { householdId: after.householdId, source: 'campaign', campaignResponseId: taskId, detail: riskDetail(c.title, qs, input.answers) });
      warningId = w.id;
    }
    return { id: after.id, risky, doneAt: after.doneAt!.toISOString(), version: after.version, warningId };
  });
}

/** Names one cadre for a village's forms of a campaign, or (null) gives them back to all the village's cadres. */
export async function assignVillage(db: Db, actor: Actor, id: number, input: { villageId: number; cadreId: number | null }) {
  requirePermission(actor, 'duty.manage');
  const c = await campaignInScope(db, actor, id);
  const village = await getAreaInScope(db, actor, input.villageId);
  if (village.level !== 'village') throw invalid('villageId', 'Choose a village', '请选择村（社区）');
  if (input.cadreId !== null) await cadreInScope(db, actor, input.cadreId);
  return db.transaction(async (tx) => {
    const [r] = await query<{ n: number }>(
      tx,
      sql`WITH up AS (UPDATE duty_campaign_tasks SET cadre_id = ${input.cadreId} WHERE campaign_id = ${c.id} AND area_path = ${village.path} RETURNING 1)
          SELECT count(*)::int AS n FROM up`,
    );
    await recordAudit(tx, actor, { action: 'update', entity: 'duty_campaign', entityId: c.id, areaPath: village.path, newValues: { villageId: village.id, cadreId: input.cadreId, tasks: r!.n } });
    return { tasks: r!.n };
  });
}

export async function closeCampaign(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'duty.manage');
  const c = await campaignInScope(db, actor, id);
  if (!c.areaPath.startsWith(actor.areaPath)) throw notFound('Campaign', '逐户排查');
  if (c.closed) throw new AppError('INVALID_STATE', 'Already closed', '该排查已结束');
  return db.transaction(async (tx) => {
    await tx.update(dutyCampaigns).set({ closed: true }).where(eq(dutyCampaigns.id, id));
    await recordAudit(tx, actor, { action: 'end', entity: 'duty_campaign', entityId: id, areaPath: c.areaPath, oldValues: { closed: false }, newValues: { closed: true } });
    return { id, closed: true };
  });
}
