/**
 * Unique ID numbers and phone numbers for the demo people. Uniqueness is by construction, not by luck: the
 * normal data must never put one ID number or one mobile number in two households (those are planted problems).
 */
import { LIAOCHENG_COUNTIES, LIAOCHENG_PREFECTURE_CODES } from '../../domain/area-codes.js';
import { makeIdNumber } from '../../domain/id-number.js';
import { dayNumber, isoDate } from './calendar.js';
import { mixSeed } from './random.js';

/** Places outside the city that people married into it come from (neighbouring counties of Hebei, Henan, Shandong). */
export const NEIGHBOUR_CODES = ['130433', '130425', '130535', '410926', '410927', '371427', '371428', '370923', '370124'] as const;
/** Xinjiang (Ürümqi Tianshan district, Kashgar city), for the few Uyghur people. */
export const XINJIANG_CODES = ['650102', '653101'] as const;

const ALL_CODES = [
  ...LIAOCHENG_COUNTIES.map((c) => c.code),
  ...LIAOCHENG_PREFECTURE_CODES.map((c) => c.code),
  ...NEIGHBOUR_CODES,
  ...XINJIANG_CODES,
];

const FIRST_DAY = dayNumber('1900-01-01');
const SPAN = dayNumber('2031-01-01') - FIRST_DAY;
/** Sequence numbers per address code, birth date and sex: odd 001–999 for men (500), even 002–998 for women (499). */
const CAPACITY = { male: 500, female: 499 } as const;

/**
 * Hands out ID numbers, never the same twice: a counter per (address code, birth date, sex), mapped through a
 * seeded permutation so the sequence digits look like real ones rather than 001, 003, 005…
 */
export class IdNumberAllocator {
  private readonly codeIndex = new Map(ALL_CODES.map((c, i) => [c, i]));
  private readonly counts = new Uint16Array(ALL_CODES.length * 2 * SPAN);

  constructor(private readonly seed: number) {}

  allocate(areaCode: string, birthDay: number, sex: 'male' | 'female'): string {
    const ci = this.codeIndex.get(areaCode);
    if (ci === undefined) throw new RangeError(`address code ${areaCode} is not in the demo generator's list`);
    const offset = birthDay - FIRST_DAY;
    if (offset < 0 || offset >= SPAN) throw new RangeError(`birth date ${isoDate(birthDay)} out of range`);
    const slot = (ci * 2 + (sex === 'male' ? 0 : 1)) * SPAN + offset;
    const cap = CAPACITY[sex];
    const k = this.counts[slot]!;
    // 499 people of one sex born on one day under one code: far beyond any realistic density (a million
    // households average about 6); refuse rather than bend a birth date.
    if (k >= cap) throw new RangeError(`ID sequence numbers exhausted for ${areaCode} ${isoDate(birthDay)} ${sex}`);
    this.counts[slot] = k + 1;
    const perm = (k * 37 + (mixSeed(this.seed, slot) % cap)) % cap;
    return makeIdNumber(areaCode, isoDate(birthDay), sex === 'male' ? 2 * perm + 1 : 2 * perm + 2);
  }
}

/**
 * Mobile numbers 1[3-9]x xxxx xxxx, unique within one space: a counter picks the prefix and an affine bijection
 * of the remaining eight digits (48271 is prime to 10^8). Spaces with disjoint prefixes never collide.
 */
export class PhoneSpace {
  private n = 0;

  constructor(
    private readonly prefixes: readonly string[],
    private readonly salt: number,
  ) {}

  next(): string {
    const c = this.n++;
    const prefix = this.prefixes[c % this.prefixes.length]!;
    const x = Math.floor(c / this.prefixes.length);
    if (x >= 100_000_000) throw new RangeError('phone number space exhausted');
    const y = (x * 48_271 + this.salt) % 100_000_000;
    return prefix + String(y).padStart(8, '0');
  }
}

/** Members' and households' phones. */
export const MEMBER_PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159',
  '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
] as const;
/** Helper cadres' phones: other prefixes, so a cadre's number never looks like a number shared between households. */
export const HELPER_PHONE_PREFIXES = ['153', '173', '175', '184', '193', '195', '147'] as const;
