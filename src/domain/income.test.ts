import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netIncome, perCapitaNetIncome, roundYuan } from './income.js';

const yuan = fc.integer({ min: 0, max: 10_000_000 }).map((fen) => fen / 100);
const components = fc.record({ wage: yuan, business: yuan, property: yuan, transfer: yuan, productionCost: yuan });

describe('per-capita net income', () => {
  it('matches the formula of DOMAIN.md on a worked example', () => {
    // 12,000 wage + 3,000 business + 200 property + 2,400 transfer − 1,600 costs = 16,000 for 4 people
    const c = { wage: 12_000, business: 3_000, property: 200, transfer: 2_400, productionCost: 1_600 };
    expect(netIncome(c)).toBe(16_000);
    expect(perCapitaNetIncome(c, 4)).toBe(4_000);
  });

  it('has no figure for an empty household rather than a misleading zero or infinity', () => {
    expect(perCapitaNetIncome({ wage: 1, business: 0, property: 0, transfer: 0, productionCost: 0 }, 0)).toBeNull();
  });

  it('is net income shared equally: size × per-capita is within a fen per member of the net', () => {
    fc.assert(
      fc.property(components, fc.integer({ min: 1, max: 15 }), (c, size) => {
        const pc = perCapitaNetIncome(c, size)!;
        expect(Math.abs(pc * size - netIncome(c))).toBeLessThanOrEqual(0.005 * size + 1e-6);
      }),
    );
  });

  it('never grows when production costs grow', () => {
    fc.assert(
      fc.property(components, yuan, fc.integer({ min: 1, max: 10 }), (c, extra, size) => {
        const more = { ...c, productionCost: c.productionCost + extra };
        expect(perCapitaNetIncome(more, size)!).toBeLessThanOrEqual(perCapitaNetIncome(c, size)!);
      }),
    );
  });

  it('rounds to the fen, half away from zero', () => {
    expect(roundYuan(1.005)).toBe(1.01);
    expect(roundYuan(-1.005)).toBe(-1.01);
    expect(roundYuan(2.004)).toBe(2);
  });
});
