import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualised, checkElimination, monthsAboveLine, wholeMonths, type EliminationFacts } from './monitoring-elimination.js';

const facts = (over: Partial<EliminationFacts> = {}): EliminationFacts => ({
  proposedOn: '2021-01-15',
  identifiedOn: '2020-03-01',
  incomes: [
    { periodStart: '2020-01-01', periodEnd: '2020-06-30', perCapita: 3_000 },
    { periodStart: '2020-07-01', periodEnd: '2020-12-31', perCapita: 3_000 },
  ],
  line: 4_500,
  minIncomeMonths: 6,
  minMonthsSinceIdentification: 6,
  indicators: { education: 'met', medical: 'met', housing: 'met', water: 'met' },
  hasLabour: true,
  ...over,
});
const failed = (f: EliminationFacts) => checkElimination(f).checks.filter((c) => !c.ok).map((c) => c.code);

describe('risk elimination conditions', () => {
  it('passes when every condition holds', () => {
    expect(checkElimination(facts())).toMatchObject({ passed: true, noLabour: false });
  });
  it('income: fewer than the required months above the line fails', () => {
    // The newest half year is above the line (6,000 a year), the one before below: 6 months, enough for 6, not for 7.
    const incomes = [
      { periodStart: '2020-01-01', periodEnd: '2020-06-30', perCapita: 1_000 },
      { periodStart: '2020-07-01', periodEnd: '2020-12-31', perCapita: 3_000 },
    ];
    expect(failed(facts({ incomes }))).toEqual([]);
    expect(failed(facts({ incomes, minIncomeMonths: 7 }))).toEqual(['income']);
    expect(failed(facts({ incomes: [] }))).toEqual(['income']);
    expect(failed(facts({ line: null }))).toEqual(['income']);
  });
  it('income: a gap between records breaks the run', () => {
    const incomes = [
      { periodStart: '2020-01-01', periodEnd: '2020-03-31', perCapita: 1_500 },
      { periodStart: '2020-10-01', periodEnd: '2020-12-31', perCapita: 1_500 },
    ];
    expect(monthsAboveLine(incomes, 4_500, '2021-01-15')).toBe(3);
  });
  for (const code of ['education', 'medical', 'housing', 'water'] as const) {
    it(`${code}: not met, or unknown, fails`, () => {
      const base = facts().indicators!;
      expect(failed(facts({ indicators: { ...base, [code]: 'not_met' } }))).toEqual([code]);
      expect(failed(facts({ indicators: { ...base, [code]: 'unknown' } }))).toEqual([code]);
    });
  }
  it('too soon after identification fails', () => {
    expect(failed(facts({ identifiedOn: '2020-09-01' }))).toEqual(['time_since_identification']);
  });
  it('no labour fails and marks the household for safety-net tracking', () => {
    expect(checkElimination(facts({ hasLabour: false }))).toMatchObject({ passed: false, noLabour: true });
  });
  it('property: months above the line never exceed the months the records cover', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8_000 }), { minLength: 1, maxLength: 8 }), (values) => {
        const incomes = values.map((v, i) => {
          const y = 2015 + i;
          return { periodStart: `${y}-01-01`, periodEnd: `${y}-12-31`, perCapita: v };
        });
        const months = monthsAboveLine(incomes, 4_500, '2030-01-01');
        // Each year counts while it and every later year are above the line (annualised over its own days).
        const trailing = [...incomes].reverse().findIndex((p) => annualised(p)! <= 4_500);
        expect(months).toBe(12 * (trailing === -1 ? values.length : trailing));
        expect(months).toBeLessThanOrEqual(12 * values.length);
      }),
    );
  });
  it('whole months', () => {
    expect(wholeMonths('2020-01-01', '2020-07-01')).toBe(6);
    expect(wholeMonths('2020-01-15', '2020-07-14')).toBe(5);
  });
});
