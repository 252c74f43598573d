import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AreaLevel, Role } from './codes.js';
import { INCLUSION_STEPS, mayPerform, noticeProblem, phaseTiming, PROCEDURE_STEPS, transition, type CaseState, type StepActor, type StepKind } from './monitoring.js';

const ROLES: Role[] = ['admin', 'city_office', 'county_office', 'township_staff', 'village_cadre', 'department_officer', 'leader', 'auditor'];
const LEVELS: AreaLevel[] = ['city', 'county', 'township', 'village'];
const STEPS: StepKind[] = [...PROCEDURE_STEPS, 'proposal'];

const actor = (role: Role, areaLevel: AreaLevel, inScope = true): StepActor => ({ role, areaLevel, inScope });
const village = actor('village_cadre', 'village');
const township = actor('township_staff', 'township');
const county = actor('county_office', 'county');

/** The role table the procedure promises, written out independently of the implementation. */
const EXPECTED: Record<StepKind, (a: StepActor) => boolean> = {
  visit: (a) => (a.role === 'village_cadre' || a.role === 'township_staff') && (a.areaLevel === 'village' || a.areaLevel === 'township'),
  appraisal: (a) => (a.role === 'village_cadre' || a.role === 'township_staff') && (a.areaLevel === 'village' || a.areaLevel === 'township'),
  notice: (a) => (a.role === 'village_cadre' || a.role === 'township_staff') && (a.areaLevel === 'village' || a.areaLevel === 'township'),
  proposal: (a) => (a.role === 'village_cadre' || a.role === 'township_staff') && (a.areaLevel === 'village' || a.areaLevel === 'township'),
  township_review: (a) => a.role === 'township_staff' && a.areaLevel === 'township',
  county_approval: (a) => a.role === 'county_office' && a.areaLevel === 'county',
};

describe('who may do each step', () => {
  for (const step of STEPS) {
    for (const role of ROLES) {
      for (const level of LEVELS) {
        const allowed = EXPECTED[step](actor(role, level));
        it(`${step} by ${role} at ${level}: ${allowed ? 'allowed' : 'refused'}`, () => {
          expect(mayPerform(actor(role, level), step)).toBe(allowed);
          expect(mayPerform(actor(role, level, false), step)).toBe(false);
        });
      }
    }
  }
});

describe('the inclusion chain', () => {
  it('goes visit → appraisal → notice → township review → county approval → monitored', () => {
    let state: CaseState = { status: 'in_procedure', step: 'visit' };
    const by = { visit: village, appraisal: village, notice: village, township_review: township, county_approval: county } as const;
    for (const step of INCLUSION_STEPS) {
      const t = transition(state, step, 'pass', by[step]);
      expect(t.ok).toBe(true);
      if (t.ok) state = t.next;
    }
    expect(state).toEqual({ status: 'monitored', step: null });
  });

  it('rejection ends an inclusion and sends an elimination back to monitoring', () => {
    expect(transition({ status: 'in_procedure', step: 'township_review' }, 'township_review', 'reject', township)).toEqual({ ok: true, next: { status: 'rejected', step: null } });
    expect(transition({ status: 'eliminating', step: 'county_approval' }, 'county_approval', 'reject', county)).toEqual({ ok: true, next: { status: 'monitored', step: null } });
  });

  it('elimination: proposal → appraisal → notice → township → county → eliminated', () => {
    let t = transition({ status: 'monitored', step: null }, 'proposal', 'pass', village);
    expect(t).toEqual({ ok: true, next: { status: 'eliminating', step: 'appraisal' } });
    for (const [step, who] of [['appraisal', village], ['notice', village], ['township_review', township], ['county_approval', county]] as const) {
      if (!t.ok) break;
      t = transition(t.next, step, 'pass', who);
    }
    expect(t).toEqual({ ok: true, next: { status: 'eliminated', step: null } });
  });

  it('property: no step can be skipped, done by the wrong role, or done on a closed case', () => {
    const stateArb = fc.oneof(
      fc.constantFrom(...PROCEDURE_STEPS).map((step): CaseState => ({ status: 'in_procedure', step })),
      fc.constantFrom(...PROCEDURE_STEPS.slice(1)).map((step): CaseState => ({ status: 'eliminating', step })),
      fc.constantFrom<CaseState>({ status: 'monitored', step: null }, { status: 'rejected', step: null }, { status: 'eliminated', step: null }),
    );
    fc.assert(
      fc.property(stateArb, fc.constantFrom(...STEPS), fc.constantFrom('pass' as const, 'reject' as const), fc.constantFrom(...ROLES), fc.constantFrom(...LEVELS), fc.boolean(), (state, step, outcome, role, level, inScope) => {
        const a = actor(role, level, inScope);
        const t = transition(state, step, outcome, a);
        if (!t.ok) return;
        // Whatever succeeded was the waiting step (or a proposal on a monitored case), by someone allowed, in scope.
        expect(inScope).toBe(true);
        expect(EXPECTED[step](a)).toBe(true);
        if (step === 'proposal') expect(state.status).toBe('monitored');
        else expect(state.step).toBe(step);
        expect(['rejected', 'eliminated']).not.toContain(state.status);
        // And the next state is always a consistent one: a step waits exactly while a procedure runs.
        expect(t.next.step === null).toBe(!['in_procedure', 'eliminating'].includes(t.next.status));
      }),
    );
  });
});

describe('time limits', () => {
  it('a notice shorter than the minimum is refused; exactly the minimum is fine', () => {
    expect(noticeProblem('2020-06-01', '2020-06-05', 5)).toMatch(/不少于5天/);
    expect(noticeProblem('2020-06-01', '2020-06-06', 5)).toBeNull();
    expect(noticeProblem('2020-06-06', '2020-06-01', 5)).toMatch(/早于/);
  });

  it('property: a notice is accepted exactly when it ends at least minDays after it starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -5, max: 40 }), fc.integer({ min: 1, max: 30 }), (offset, length, min) => {
        const start = new Date(Date.UTC(2018, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const end = new Date(Date.UTC(2018, 0, 1) + (offset + length) * 86_400_000).toISOString().slice(0, 10);
        expect(noticeProblem(start, end, min) === null).toBe(length >= min);
      }),
    );
  });

  it('days per step and in total; running phases count to today and are flagged over the limit', () => {
    const t = phaseTiming('2020-06-01', [{ step: 'visit', performedOn: '2020-06-03' }, { step: 'appraisal', performedOn: '2020-06-08' }], null, '2020-06-20', 15);
    expect(t.perStep.map((s) => s.days)).toEqual([2, 5]);
    expect(t).toMatchObject({ totalDays: 19, overdue: true, running: true });
    expect(phaseTiming('2020-06-01', [], '2020-06-15', '2020-09-01', 15)).toMatchObject({ totalDays: 14, overdue: false });
  });
});
