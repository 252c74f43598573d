/**
 * Doing the procedure's steps (domain/monitoring.ts decides what is allowed): each step records who, when, outcome
 * and note; the notice its dates (at least the configured days, and nothing goes on before it ends); a rejection
 * ends the inclusion with its reason, or sends a refused elimination back to monitoring. The county approval of an
 * inclusion makes an ordinary household a monitored one through the registry service (audited, re-assessed).
 */
import { and, eq, sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import type { IndicatorStatus } from '../../domain/assessment.js';
import { checkElimination, type EliminationResult } from '../../domain/monitoring-elimination.js';
import { noticeProblem, phaseOf, transition, type CaseState, type StepKind } from '../../domain/monitoring.js';
import { HOUSEHOLD_SIZE_AT_SQL, PER_CAPITA_SQL } from '../../domain/income.js';
import { AppError, versionConflict } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { assessmentSelect } from '../assessment/sql.js';
import { recordAudit } from '../audit/service.js';
import { updateHousehold } from '../registry/households.js';
import { households } from '../registry/schema.js';
import { chinaDate } from '../standards/service.js';
import { caseInScope, getCase, stepActorFor, type CaseRow } from './case-read.js';
import type { ProposalBody, StepBody } from './inputs.js';
import { monitoringCases, monitoringSteps } from './schema.js';
import { monitoringSettings, procedureStandards } from './settings.js';

const invalid = (path: string, message: string, messageZh: string) => new AppError('VALIDATION_FAILED', message, messageZh, { issues: [{ path, message: messageZh }] });

async function lastStep(db: DbOrTx, caseId: number) {
  const [row] = await query<{ step: StepKind; performed_on: string; notice_end: string | null }>(
    db,
    sql`SELECT step, performed_on::text AS performed_on, notice_end::text AS notice_end FROM monitoring_steps WHERE case_id = ${caseId} ORDER BY id DESC LIMIT 1`,
  );
  return row;
}

function refuse(t: Exclude<ReturnType<typeof transition>, { ok: true }>): never {
  if (t.code === 'NOT_ALLOWED') throw new AppError('FORBIDDEN', t.message, t.messageZh);
  throw new AppError('INVALID_STATE', t.message, t.messageZh);
}

export async function performStep(db: Db, actor: Actor, id: number, input: StepBody) {
  const row = await caseInScope(db, actor, id);
  const state: CaseState = { status: row.status, step: row.step };
  const t = transition(state, input.step, input.outcome, await stepActorFor(db, actor, row.area_path));
  if (!t.ok) refuse(t);
  const today = chinaDate();
  const performedOn = input.step === 'notice' && input.noticeStart ? input.noticeStart : (input.performedOn ?? today);
  if (performedOn > today) throw invalid('performedOn', 'The step date is in the future', '办理日期不能晚于今天');
  const previous = await lastStep(db, id);
  const floor = previous?.performed_on ?? row.opened_on;
  if (performedOn < floor) throw invalid('performedOn', `The step cannot predate the previous one (${floor})`, `办理日期不能早于上一环节（${floor}）`);
  if (input.outcome === 'reject' && !input.note?.trim()) throw invalid('note', 'Give the reason for the rejection', '不通过须填写理由');
  if (input.step === 'notice') {
    if (!input.noticeStart || !input.noticeEnd) throw invalid('noticeEnd', 'Give the notice period', '请填写公示起止日期');
    const { noticeDaysMin } = await procedureStandards(db, row.area_path, input.noticeStart);
    const problem = noticeProblem(input.noticeStart, input.noticeEnd, noticeDaysMin);
    if (problem) throw invalid('noticeEnd', `The notice must run at least ${noticeDaysMin} days`, problem);
  }
  // The notice must have come down before anyone acts on it.
  if (previous?.step === 'notice' && previous.notice_end && performedOn < previous.notice_end) {
    throw new AppError('INVALID_STATE', `The public notice runs until ${previous.notice_end}`, `公示期至${previous.notice_end}，公示期满后方可办理下一环节`);
  }
  const phase = phaseOf(row.status)!;
  const next = t.next;
  return db.transaction(async (tx) => {
    const patch: Partial<typeof monitoringCases.$inferInsert> = { status: next.status, step: next.step, version: row.version + 1, updatedAt: new Date() };
    if (phase === 'inclusion' && next.status === 'monitored') patch.includedOn = performedOn;
    if (next.status === 'rejected') Object.assign(patch, { rejectedOn: performedOn, rejectReason: input.note });
    if (next.status === 'eliminated') patch.eliminatedOn = performedOn;
    if (phase === 'elimination' && next.status === 'monitored') Object.assign(patch, { eliminationProposedOn: null, overrideReason: null, overrideByName: null, overrideAt: null });
    const [after] = await tx
      .update(monitoringCases)
      .set(patch)
      .where(and(eq(monitoringCases.id, id), eq(monitoringCases.version, input.version)))
      .returning();
    if (!after) throw versionConflict({ id, version: row.version });
    const [step] = await tx
      .insert(monitoringSteps)
      .values({
        caseId: id,
        phase,
        step: input.step,
        outcome: input.outcome,
        performedOn,
        note: input.note?.trim() || null,
        noticeStart: input.step === 'notice' ? input.noticeStart! : null,
        noticeEnd: input.step === 'notice' ? input.noticeEnd! : null,
        userId: actor.userId,
        username: actor.username,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'monitoring_case',
      entityId: id,
      areaPath: row.area_path,
      householdId: row.household_id,
      oldValues: { status: row.status, step: row.step },
      newValues: { status: next.status, step: next.step, stepId: step!.id, stepDone: input.step, outcome: input.outcome, performedOn, note: input.note ?? null },
    });
    if (phase === 'inclusion' && next.status === 'monitored') await markMonitored(tx, actor, row);
    return step!.id;
  }).then(() => getCase(db, actor, id));
}

/** An ordinary household taken into monitoring becomes a monitored household in the registry (lifted ones stay lifted). */
async function markMonitored(tx: DbOrTx, actor: Actor, row: CaseRow) {
  const [h] = await tx.select({ type: households.type, version: households.version }).from(households).where(eq(households.id, row.household_id));
  if (h?.type !== 'ordinary') return;
  // The registry's own service: the change is audited as a household update and the assessment follows it.
  await updateHousehold(tx as Db, actor, row.household_id, { type: 'monitored', version: h.version });
}

/** The facts the elimination conditions are checked on, gathered for a household on a date. */
export async function eliminationCheck(db: DbOrTx, row: CaseRow, on: string): Promise<EliminationResult> {
  const [{ minMonthsSinceIdentification }, std, incomes, [assessment], [labour]] = await Promise.all([
    monitoringSettings(db),
    procedureStandards(db, row.area_path, on),
    query<{ period_start: string; period_end: string; per_capita: string | null }>(
      db,
      sql`SELECT i.period_start::text AS period_start, i.period_end::text AS period_end,
                 ${sql.raw(PER_CAPITA_SQL('i', HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end')))} AS per_capita
          FROM incomes i WHERE i.household_id = ${row.household_id} AND i.period_end <= ${on}::date ORDER BY i.period_end DESC LIMIT 24`,
    ),
    query<Record<string, IndicatorStatus>>(db, assessmentSelect([on], { householdIds: [row.household_id] })),
    query<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM members m WHERE m.household_id = ${row.household_id} AND m.joined_on <= ${on}::date
            AND (m.ended_on IS NULL OR m.ended_on > ${on}::date) AND m.labour_ability IN ('ordinary', 'skilled', 'weak')`,
    ),
  ]);
  return checkElimination({
    proposedOn: on,
    identifiedOn: row.identified_on,
    incomes: incomes.map((i) => ({ periodStart: i.period_start, periodEnd: i.period_end, perCapita: i.per_capita === null ? null : Number(i.per_capita) })),
    line: std.monitoringLine,
    minIncomeMonths: std.incomeMonthsMin,
    minMonthsSinceIdentification,
    indicators: assessment ? { education: assessment.education!, medical: assessment.medical!, housing: assessment.housing!, water: assessment.water! } : null,
    hasLabour: (labour?.n ?? 0) > 0,
  });
}

export async function previewElimination(db: Db, actor: Actor, id: number, on: string | undefined) {
  const row = await caseInScope(db, actor, id);
  const date = on ?? chinaDate();
  return { on: date, ...(await eliminationCheck(db, row, date)), override: row.override_reason ? { reason: row.override_reason, by: row.override_by_name } : null };
}

/**
 * The village proposes risk elimination. The conditions are checked; a household without labour is refused outright
 * (and flagged for safety-net tracking); other failed conditions refuse it unless an office user gave an override.
 */
export async function proposeElimination(db: Db, actor: Actor, id: number, input: ProposalBody) {
  const row = await caseInScope(db, actor, id);
  const t = transition({ status: row.status, step: row.step }, 'proposal', 'pass', await stepActorFor(db, actor, row.area_path));
  if (!t.ok) refuse(t);
  const today = chinaDate();
  const on = input.proposedOn ?? today;
  if (on > today) throw invalid('proposedOn', 'The date is in the future', '提出日期不能晚于今天');
  if (row.included_on && on < row.included_on) throw invalid('proposedOn', 'Before the inclusion', '提出日期不能早于纳入日期');
  const result = await eliminationCheck(db, row, on);
  if (result.noLabour) {
    if (!row.safety_net_since) {
      await db.transaction(async (tx) => {
        await tx.update(monitoringCases).set({ safetyNetSince: on, updatedAt: new Date() }).where(eq(monitoringCases.id, id));
        await recordAudit(tx, actor, { action: 'update', entity: 'monitoring_case', entityId: id, areaPath: row.area_path, householdId: row.household_id, oldValues: { safetyNetSince: null }, newValues: { safetyNetSince: on } });
      });
    }
    throw new AppError('INVALID_STATE', 'A household without labour cannot be eliminated; it stays under safety-net tracking', '家庭无劳动力，不能风险消除，继续纳入兜底保障跟踪', { checks: result.checks });
  }
  if (!result.passed && !row.override_reason) {
    throw new AppError('INVALID_STATE', 'The conditions of risk elimination are not met', '不满足风险消除条件（如确需消除，须县级以上扶贫办说明理由后越过）', { checks: result.checks });
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(monitoringCases)
      .set({ status: t.next.status, step: t.next.step, eliminationProposedOn: on, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(monitoringCases.id, id), eq(monitoringCases.version, input.version)))
      .returning();
    if (!after) throw versionConflict({ id, version: row.version });
    const overrideReason = result.passed ? null : row.override_reason;
    const [step] = await tx
      .insert(monitoringSteps)
      .values({ caseId: id, phase: 'elimination', step: 'proposal', outcome: 'pass', performedOn: on, note: input.note?.trim() || null, checks: result.checks, overrideReason, userId: actor.userId, username: actor.username })
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'monitoring_case',
      entityId: id,
      areaPath: row.area_path,
      householdId: row.household_id,
      oldValues: { status: row.status },
      newValues: { status: t.next.status, step: t.next.step, stepId: step!.id, stepDone: 'proposal', checksPassed: result.passed, overrideReason },
    });
  });
  return getCase(db, actor, id);
}

/** An office user lets a monitored household be proposed although conditions fail; audited, shown on the case. */
export async function overrideElimination(db: Db, actor: Actor, id: number, input: { version: number; reason: string }) {
  requirePermission(actor, 'monitoring.override');
  const row = await caseInScope(db, actor, id);
  if (row.status !== 'monitored') throw new AppError('INVALID_STATE', 'Only a monitored household can be given an override', '只有监测中的户可以越过风险消除条件');
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(monitoringCases)
      .set({ overrideReason: input.reason, overrideByName: actor.username, overrideAt: new Date(), version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(monitoringCases.id, id), eq(monitoringCases.version, input.version)))
      .returning();
    if (!after) throw versionConflict({ id, version: row.version });
    await recordAudit(tx, actor, { action: 'update', entity: 'monitoring_case', entityId: id, areaPath: row.area_path, householdId: row.household_id, oldValues: { overrideReason: row.override_reason }, newValues: { overrideReason: input.reason } });
  });
  return getCase(db, actor, id);
}
