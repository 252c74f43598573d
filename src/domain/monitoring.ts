/**
 * The monitoring procedure (防止返贫动态监测, DOMAIN §6) as a pure state machine: which step comes next, who may
 * do it, and what state the case is in afterwards. The service reads and writes the database; every decision about
 * the procedure is made here so it can be tested without one.
 *
 * Inclusion (纳入): 入户核实与书面授权 visit → 村民主评议 appraisal → 村公示 notice → 乡镇审核 township_review →
 * 县级审批 county_approval → monitored. Risk elimination (风险消除): the village's proposal (with the condition checks)
 * → appraisal → notice → township_review → county_approval → eliminated.
 *
 * Who: the village steps (visit, appraisal, notice, the elimination proposal) are done by a village cadre or the
 * township staff of the household's township; the township review only by township staff whose own area is the
 * township; the county approval only by the county office whose area is the county. The city office and the system
 * administrator supervise (they read everything in their scope, give the audited override of the elimination
 * conditions) but do not take the county's place in the procedure: an approval must come from the county that
 * answers for the household (县级审批), so the chain of responsibility stays one county long.
 */
import type { AreaLevel, Role } from './codes.js';

export const CASE_STATUSES = ['in_procedure', 'monitored', 'eliminating', 'rejected', 'eliminated'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** An open episode: at most one per household (a partial unique index keeps it so). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['in_procedure', 'monitored', 'eliminating'];

export const PROCEDURE_STEPS = ['visit', 'appraisal', 'notice', 'township_review', 'county_approval'] as const;
export type ProcedureStep = (typeof PROCEDURE_STEPS)[number];
/** Every recorded step; `proposal` is the village's elimination proposal that opens the elimination phase. */
export type StepKind = ProcedureStep | 'proposal';
export type Phase = 'inclusion' | 'elimination';
export type Outcome = 'pass' | 'reject';

export const INCLUSION_STEPS: readonly ProcedureStep[] = PROCEDURE_STEPS;
export const ELIMINATION_STEPS: readonly ProcedureStep[] = ['appraisal', 'notice', 'township_review', 'county_approval'];

export const STEP_ZH: Record<StepKind, string> = {
  visit: '入户核实与书面授权',
  appraisal: '村民主评议',
  notice: '村内公示',
  township_review: '乡镇审核',
  county_approval: '县级审批',
  proposal: '村级提出风险消除',
};

export interface CaseState {
  status: CaseStatus;
  /** The step waiting to be done, null when none is (monitored, or closed). */
  step: ProcedureStep | null;
}

export interface StepActor {
  role: Role;
  /** Level of the actor's own area. */
  areaLevel: AreaLevel;
  /** The household lies inside the actor's area. */
  inScope: boolean;
}

export function phaseOf(status: CaseStatus): Phase | null {
  if (status === 'in_procedure') return 'inclusion';
  if (status === 'eliminating') return 'elimination';
  return null;
}

/** Whether the actor may do this step (or the elimination proposal) of a household in the given relation to them. */
export function mayPerform(actor: StepActor, step: StepKind): boolean {
  if (!actor.inScope) return false;
  switch (step) {
    case 'visit':
    case 'appraisal':
    case 'notice':
    case 'proposal':
      return (
        (actor.role === 'village_cadre' && (actor.areaLevel === 'village' || actor.areaLevel === 'township')) ||
        (actor.role === 'township_staff' && (actor.areaLevel === 'township' || actor.areaLevel === 'village'))
      );
    case 'township_review':
      return actor.role === 'township_staff' && actor.areaLevel === 'township';
    case 'county_approval':
      return actor.role === 'county_office' && actor.areaLevel === 'county';
  }
}

/** The step a case waits for now (null: nothing to do), and whether a proposal of elimination may be made. */
export function actionsFor(state: CaseState, actor: StepActor): { step: ProcedureStep | null; canPropose: boolean } {
  const step = state.step && mayPerform(actor, state.step) ? state.step : null;
  return { step, canPropose: state.status === 'monitored' && mayPerform(actor, 'proposal') };
}

export type Transition = { ok: true; next: CaseState } | { ok: false; code: 'WRONG_STEP' | 'NOT_ALLOWED' | 'CLOSED'; message: string; messageZh: string };

/** Doing `step` with `outcome` on a case in `state` by `actor`: the state after it, or why not. */
export function transition(state: CaseState, step: StepKind, outcome: Outcome, actor: StepActor): Transition {
  if (state.status === 'rejected' || state.status === 'eliminated') {
    return { ok: false, code: 'CLOSED', message: 'The case is closed', messageZh: '该监测案例已结束' };
  }
  if (step === 'proposal') {
    if (state.status !== 'monitored') {
      return { ok: false, code: 'WRONG_STEP', message: 'Only a monitored household can be proposed for risk elimination', messageZh: '只有已纳入监测的户才能提出风险消除' };
    }
  } else if (state.step !== step) {
    const expected = state.step ? STEP_ZH[state.step] : '无';
    return { ok: false, code: 'WRONG_STEP', message: `The case waits for ${state.step ?? 'no step'}, not ${step}`, messageZh: `当前应进行“${expected}”，不能进行“${STEP_ZH[step]}”` };
  }
  if (!mayPerform(actor, step)) {
    return { ok: false, code: 'NOT_ALLOWED', message: `Your role or area may not do ${step}`, messageZh: `您的角色或所在层级不能进行“${STEP_ZH[step]}”` };
  }
  if (step === 'proposal') {
    if (outcome === 'reject') return { ok: false, code: 'WRONG_STEP', message: 'A proposal cannot be a rejection', messageZh: '风险消除提议不能为“不通过”' };
    return { ok: true, next: { status: 'eliminating', step: ELIMINATION_STEPS[0]! } };
  }
  const phase = phaseOf(state.status)!;
  const steps = phase === 'inclusion' ? INCLUSION_STEPS : ELIMINATION_STEPS;
  if (outcome === 'reject') {
    // A rejected inclusion ends the episode; a rejected elimination leaves the household monitored.
    return { ok: true, next: phase === 'inclusion' ? { status: 'rejected', step: null } : { status: 'monitored', step: null } };
  }
  const i = steps.indexOf(step);
  const following = steps[i + 1];
  if (following) return { ok: true, next: { status: state.status, step: following } };
  return { ok: true, next: phase === 'inclusion' ? { status: 'monitored', step: null } : { status: 'eliminated', step: null } };
}

/** Whole days from one ISO date to another (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Why a notice period is too short, or null: the notice comes down no earlier than `minDays` after it goes up. */
export function noticeProblem(start: string, end: string, minDays: number): string | null {
  if (end < start) return '公示结束日期早于开始日期';
  if (daysBetween(start, end) < minDays) return `公示期不少于${minDays}天（结束日期应不早于${addDays(start, minDays)}）`;
  return null;
}

export interface TimedStep {
  step: StepKind;
  performedOn: string;
}

/**
 * Days taken per step (since the previous step, or since the phase began) and in total; a running phase counts up to
 * `today`. Overdue: more days than the limit, whether still running or finished late.
 */
export function phaseTiming(startedOn: string, steps: readonly TimedStep[], finishedOn: string | null, today: string, limitDays: number) {
  let prev = startedOn;
  const perStep = steps.map((s) => {
    const days = Math.max(0, daysBetween(prev, s.performedOn));
    prev = s.performedOn;
    return { step: s.step, performedOn: s.performedOn, days };
  });
  const total = Math.max(0, daysBetween(startedOn, finishedOn ?? today));
  return { perStep, totalDays: total, overdue: total > limitDays, running: finishedOn === null };
}
