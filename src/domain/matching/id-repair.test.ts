import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIAOCHENG_COUNTIES } from '../area-codes.js';
import { checkCharacter, isValidIdNumber, makeIdNumber } from '../id-number.js';
import { compareIds, idCandidates } from './id-repair.js';

const today = { today: new Date('2026-06-01T00:00:00Z') };
const STANDARD = '11010519491231002X';

/** Valid numbers of the city, born 1930-2020. */
const validId = fc
  .tuple(
    fc.constantFrom(...LIAOCHENG_COUNTIES.map((c) => c.code)),
    fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([area, birth, seq]) => makeIdNumber(area, birth.toISOString().slice(0, 10), seq));

const substituted = (id: string, i: number, c: string) => id.slice(0, i) + c + id.slice(i + 1);
const swapped = (id: string, i: number) => id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);

describe('idCandidates', () => {
  it('returns a valid number itself and the 18-character form of an old 15-digit number', () => {
    expect(idCandidates(STANDARD, today)).toEqual([{ id: STANDARD, kind: 'valid', positions: [] }]);
    const id18 = makeIdNumber('371521', '1965-03-08', 123);
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    expect(idCandidates(id15, today)).toEqual([{ id: id18, kind: 'from_15', positions: [] }]);
  });

  it('lists only valid numbers one substitution or one adjacent swap away, tagged', () => {
    const damaged = substituted(STANDARD, 9, '5');
    const out = idCandidates(damaged, today);
    expect(out).toContainEqual({ id: STANDARD, kind: 'one_digit', positions: [10] });
    expect(out.length).toBeLessThanOrEqual(35);
    expect(new Set(out.map((c) => c.id)).size).toBe(out.length);
    for (const c of out) expect(isValidIdNumber(c.id)).toBe(true);
    expect(idCandidates(swapped(STANDARD, 16), today)).toContainEqual({ id: STANDARD, kind: 'transposition', positions: [17, 18] });
  });

  it('gives nothing for values that are not an ID number', () => {
    expect(idCandidates('', today)).toEqual([]);
    expect(idCandidates('12345', today)).toEqual([]);
    expect(idCandidates('3.71521E+17', today)).toEqual([]);
  });

  it('contains the true number for every one-digit error, and every candidate passes the check', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, i, shift) => {
        const alphabet = i === 17 ? '0123456789X' : '0123456789';
        const c = alphabet[(alphabet.indexOf(id[i]!) + shift) % alphabet.length]!;
        if (c === id[i]) return;
        const out = idCandidates(substituted(id, i, c), today);
        expect(out.map((x) => x.id)).toContain(id);
        for (const x of out) expect(checkCharacter(x.id.slice(0, 17))).toBe(x.id[17]);
      }),
      { numRuns: 300 },
    );
  });

  it('contains the true number for every adjacent transposition', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), (id, i) => {
        if (id[i] === id[i + 1]) return;
        const out = idCandidates(swapped(id, i), today);
        expect(out.map((x) => x.id)).toContain(id);
        for (const x of out) expect(checkCharacter(x.id.slice(0, 17))).toBe(x.id[17]);
      }),
      { numRuns: 300 },
    );
  });

  it('is fast enough for thousands of records', () => {
    const damaged = Array.from({ length: 2000 }, (_, n) => substituted(makeIdNumber('371522', '1980-01-01', n % 1000), 3, '9'));
    const start = performance.now();
    for (const d of damaged) idCandidates(d, today);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('compareIds', () => {
  it('names the relation between two numbers, symmetrically', () => {
    const id = makeIdNumber('371521', '1965-03-08', 123);
    const other = makeIdNumber('371521', '1965-03-08', 125);
    const cases: [string | undefined, string, string][] = [
      [id, id.toLowerCase(), 'equal'],
      [id.slice(0, 6) + id.slice(8, 17), id, 'from_15'],
      [substituted(id, 4, id[4] === '9' ? '8' : '9'), id, 'one_digit'],
      [swapped(id, 7), id, 'transposition'],
      [`${id.slice(0, 15)}000`, id, 'excel_prefix'],
      [other, id, 'conflict'],
      ['37152119650308', id, 'different'],
      [undefined, id, 'missing'],
    ];
    for (const [a, b, level] of cases) {
      if (a !== undefined && a === b) continue;
      expect(compareIds(a, b, today)).toBe(level);
      expect(compareIds(b, a, today)).toBe(level);
    }
  });
});
