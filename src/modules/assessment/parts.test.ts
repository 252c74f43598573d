import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packParts } from './refresh.js';

describe('a city re-assessed in parts on one connection', () => {
  it('packs counties largest first into parts of at most the capacity, a larger county alone', () => {
    const counties = [
      { path: '/1/6/', villages: 2500 },
      { path: '/1/2/', villages: 1500 },
      { path: '/1/3/', villages: 900 },
      { path: '/1/4/', villages: 600 },
      { path: '/1/5/', villages: 450 },
    ];
    expect(packParts(counties, 2000)).toEqual([['/1/6/'], ['/1/2/', '/1/5/'], ['/1/3/', '/1/4/']]);
  });

  it('takes every county exactly once and overfills no part holding more than one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 30 }), fc.integer({ min: 1, max: 4000 }), (sizes, capacity) => {
        const counties = sizes.map((villages, i) => ({ path: `/1/${i}/`, villages })).sort((a, b) => b.villages - a.villages);
        const parts = packParts(counties, capacity);
        expect(parts.flat().sort()).toEqual(counties.map((c) => c.path).sort());
        const size = new Map(counties.map((c) => [c.path, c.villages]));
        for (const p of parts) if (p.length > 1) expect(p.reduce((n, x) => n + size.get(x)!, 0)).toBeLessThanOrEqual(capacity);
      }),
    );
  });
});
