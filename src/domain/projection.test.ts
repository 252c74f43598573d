import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netIncome } from './income.js';
import { addMonths, isPartialPeriod, monthSpan, monthsOf, projectIncome, type PayingMeasure, type RecordedIncome } from './projection.js';

const record = (over: Partial<RecordedIncome> = {}): RecordedIncome => ({
  periodStart: '2019-10-01',
  periodEnd: '2020-06-30',
  wage: 0,
  business: 0,
  property: 0,
  transfer: 0,
  productionCost: 0,
  ...over,
});

const day = fc.integer({ min: Date.UTC(2017, 0, 1) / 86_400_000, max: Date.UTC(2022, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const period = fc.tuple(day, fc.integer({ min: 0, max: 500 })).map(([start, len]) => ({ start, end: new Date(Date.parse(start) + len * 86_400_000).toISOString().slice(0, 10) }));
const yuan = fc.integer({ min: 0, max: 5_000_000 }).map((f) => f / 100);
const measure = fc.record({
  startOn: day,
  endOn: fc.option(day, { nil: null }),
  yearlyValue: fc.option(fc.integer({ min: 0, max: 3_000_000 }).map((f) => f / 100), { nil: null }),
}).map((m) => (m.endOn !== null && m.endOn < m.startOn ? { ...m, endOn: m.startOn } : m));

describe('months covered', () => {
  it('counts calendar months: the pre-assessment period is 9, a year 12, a month of February 1', () => {
    expect(monthSpan('2019-10-01', '2020-06-30')).toEqual({ whole: 9, days: 0, span: 31 });
    expect(monthsOf(monthSpan('2019-01-01', '2019-12-31'))).toBe(12);
    expect(monthsOf(monthSpan('2020-02-01', '2020-02-29'))).toBe(1);
    expect(monthsOf(monthSpan('2020-01-15', '2020-02-29'))).toBeCloseTo(1 + 15 / 29, 12);
    expect(monthSpan('2019-01-31', '2019-02-27')).toEqual({ whole: 1, days: 0, span: 31 });
    expect(isPartialPeriod('2019-10-01', '2020-06-30')).toBe(true);
    expect(isPartialPeriod('2019-01-01', '2019-12-31')).toBe(false);
  });

  it('adds months like PostgreSQL: the day is cut to the month’s last', () => {
    expect(addMonths('2019-01-31', 1)).toBe('2019-02-28');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2019-11-15', 3)).toBe('2020-02-15');
  });

  it('grows by at most one day’s fraction per day and the fraction stays below one month', () => {
    fc.assert(
      fc.property(period, ({ start, end }) => {
        const s = monthSpan(start, end);
        expect(s.days).toBeGreaterThanOrEqual(0);
        expect(s.days).toBeLessThan(s.span);
        expect(s.span).toBeGreaterThanOrEqual(28);
        expect(s.span).toBeLessThanOrEqual(31);
        const next = monthSpan(start, new Date(Date.parse(end) + 86_400_000).toISOString().slice(0, 10));
        const step = monthsOf(next) - monthsOf(s);
        expect(step).toBeGreaterThan(0);
        expect(step).toBeLessThanOrEqual(1 / 28 + 1e-12);
      }),
    );
  });
});

describe('income projection', () => {
  it('follows the README’s worked example', () => {
    // 9 months: wage 5,400 + business 1,200 + transfer 2,700 − costs 450 = 8,850 net, for 3 people.
    const r = record({ wage: 5_400, business: 1_200, transfer: 2_700, productionCost: 450 });
    // A public-welfare post from 2020-07-01 (6,000 a year) and 低保 received through the whole record (2,400 a year).
    const post: PayingMeasure = { startOn: '2020-07-01', endOn: null, yearlyValue: 6_000 };
    const dibao: PayingMeasure = { startOn: '2019-01-01', endOn: null, yearlyValue: 2_400 };
    const p = projectIncome({ record: r, measures: [post, dibao], size: 3, on: '2020-06-30' });
    expect(p).toEqual({ months: 9, recordedNet: 8_850, annualisedNet: 11_800, scheduled: 6_000, projectedNet: 17_800, perCapita: 5_933.33 });
    // Without the post the household is below 4,500: 11,800 / 3 = 3,933.33.
    expect(projectIncome({ record: r, measures: [dibao], size: 3, on: '2020-06-30' }).perCapita).toBe(3_933.33);
    // 低保 granted on 2020-04-01 was in the record for 3 of 9 months: two thirds of it are added.
    const lateDibao: PayingMeasure = { startOn: '2020-04-01', endOn: null, yearlyValue: 2_400 };
    expect(projectIncome({ record: r, measures: [lateDibao], size: 3, on: '2020-06-30' }).scheduled).toBe(1_600);
    // A post that ran Oct–Mar (6 of the 9 months) and ended: its annualised part, 6,000 × 6/9, comes out.
    const ended: PayingMeasure = { startOn: '2019-10-01', endOn: '2020-03-31', yearlyValue: 6_000 };
    expect(projectIncome({ record: r, measures: [ended], size: 3, on: '2020-06-30' }).scheduled).toBe(-4_000);
  });

  it('changes nothing for a full year without measures', () => {
    fc.assert(
      fc.property(yuan, yuan, yuan, yuan, yuan, fc.integer({ min: 1, max: 9 }), (wage, business, property, transfer, productionCost, size) => {
        const r = record({ periodStart: '2019-01-01', periodEnd: '2019-12-31', wage, business, property, transfer, productionCost });
        const p = projectIncome({ record: r, measures: [], size, on: '2020-06-30' });
        expect(p.annualisedNet).toBe(netIncome(r));
        expect(p.projectedNet).toBe(netIncome(r));
      }),
    );
  });

  it('adds a measure paid through the whole record and still running as nothing, a new one as its full value', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 1, max: 3_000_000 }), (pd, valueFen) => {
        const r = record({ periodStart: pd.start, periodEnd: pd.end, wage: 1_000 });
        const on = addMonths(pd.end, 1);
        const through = projectIncome({ record: r, measures: [{ startOn: pd.start, endOn: null, yearlyValue: valueFen / 100 }], size: 1, on });
        expect(through.scheduled).toBe(0);
        const after = new Date(Date.parse(pd.end) + 86_400_000).toISOString().slice(0, 10);
        const fresh = projectIncome({ record: r, measures: [{ startOn: after, endOn: null, yearlyValue: valueFen / 100 }], size: 1, on });
        expect(fresh.scheduled).toBe(valueFen / 100);
      }),
    );
  });

  it('is additive over measures, never lower with one more running measure, and per capita shares the net', () => {
    fc.assert(
      fc.property(period, yuan, yuan, fc.array(measure, { maxLength: 4 }), measure, fc.integer({ min: 0, max: 8 }), day, (pd, wage, transfer, ms, extra, size, on) => {
        const r = record({ periodStart: pd.start, periodEnd: pd.end, wage, transfer });
        const base = projectIncome({ record: r, measures: ms, size, on });
        const alone = projectIncome({ record: r, measures: [extra], size, on });
        const both = projectIncome({ record: r, measures: [...ms, extra], size, on });
        expect(Math.round(both.scheduled * 100)).toBe(Math.round((base.scheduled + alone.scheduled) * 100));
        const running = { ...extra, endOn: null, startOn: new Date(Date.parse(pd.end) + 86_400_000).toISOString().slice(0, 10) };
        expect(projectIncome({ record: r, measures: [...ms, running], size, on }).projectedNet).toBeGreaterThanOrEqual(base.projectedNet);
        if (size === 0) expect(base.perCapita).toBeNull();
        else expect(Math.abs(base.perCapita! * size - base.projectedNet)).toBeLessThanOrEqual(0.005 * size + 1e-6);
      }),
    );
  });
});
