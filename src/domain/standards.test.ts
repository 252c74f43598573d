import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveValue, STANDARD_KEYS, standardValueProblem } from './standards.js';

const v = (areaPath: string, effectiveFrom: string, effectiveTo: string | null, value: number) => ({ areaPath, effectiveFrom, effectiveTo, value });

describe('the value in force', () => {
  const values = [v('/1/', '2020-01-01', '2020-12-31', 4500), v('/1/', '2021-01-01', null, 4600), v('/1/2/', '2021-07-01', null, 4800)];

  it('is the city value for a county without its own', () => {
    expect(effectiveValue(values, '/1/3/', '2020-06-30')?.value).toBe(4500);
    expect(effectiveValue(values, '/1/3/', '2021-07-01')?.value).toBe(4600);
  });

  it('is the most specific area’s within its period, and the city’s outside it', () => {
    expect(effectiveValue(values, '/1/2/9/', '2021-07-01')?.value).toBe(4800);
    expect(effectiveValue(values, '/1/2/9/', '2021-06-30')?.value).toBe(4600);
  });

  it('covers both ends of a period, and nothing before the first', () => {
    expect(effectiveValue(values, '/1/', '2020-12-31')?.value).toBe(4500);
    expect(effectiveValue(values, '/1/', '2021-01-01')?.value).toBe(4600);
    expect(effectiveValue(values, '/1/', '2019-12-31')).toBeUndefined();
  });

  it('never comes from another branch of the tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 2, max: 50 }), (a, b) => {
        fc.pre(a !== b);
        expect(effectiveValue([v(`/1/${a}/`, '2020-01-01', null, 1)], `/1/${b}/7/`, '2020-06-01')).toBeUndefined();
      }),
    );
  });
});

describe('standard values', () => {
  it('every demo value is valid for its key', () => {
    for (const k of STANDARD_KEYS) expect(standardValueProblem(k.key, k.demo2020), k.key).toBeNull();
  });
  it('says why a value is refused', () => {
    expect(standardValueProblem('school_age_min', 6.5)?.messageZh).toContain('整数');
    expect(standardValueProblem('water_guarantee_rate_min', 120)?.messageZh).toContain('0至100');
    expect(standardValueProblem('nonsense', 1)?.messageZh).toContain('未知');
  });
});
