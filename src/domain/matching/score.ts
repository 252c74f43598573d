/**
 * Scoring a department record against a registry person (比对评分), Fellegi–Sunter style as Splink does it: each
 * field comparison lands on a level; a level has m = P(level | same person) and u = P(level | different people); its
 * weight is log2(m / u) bits. The prior odds plus the summed weights give the match probability, which is the score.
 * The m and u values are assumptions from how department lists are typed (README.md in this folder explains them).
 */
import type { ParseIdOptions } from '../id-number.js';
import { compareIds, type IdLevel } from './id-repair.js';
import { compareNames, normaliseName, type NameLevel } from './names.js';

/** What a department record and a registry person have in common. All optional: department lists vary. */
export interface MatchSubject {
  readonly idNumber?: string | null;
  readonly name?: string | null;
  /** YYYY-MM-DD (YYYYMMDD accepted). */
  readonly birthDate?: string | null;
  /** 'male' / 'female'; 男 / 女, M / F and the GB/T 2261.1 codes 1 / 2 are read too. */
  readonly sex?: string | null;
  /** A 12-digit village code (or 6/9-digit county/township code), or an area path of ids such as "/1/4/37/912/". */
  readonly areaCode?: string | null;
  /** The village name, for lists that have no code: compared only when either side lacks areaCode. */
  readonly village?: string | null;
}

/** The department record side of scoreMatch and bestCandidates. */
export type MatchRecord = MatchSubject;
/** The registry person side. */
export type MatchPerson = MatchSubject;

export type BirthLevel = 'equal' | 'near' | 'different' | 'missing';
export type SexLevel = 'equal' | 'different' | 'missing';
export type AreaLevel = 'same_village' | 'same_township' | 'same_county' | 'different' | 'missing';

interface MU {
  readonly m: number;
  readonly u: number;
}

/**
 * m and u per level. u is the chance among different people inside one candidate block (same birth date, same ID
 * prefix or same name pinyin), m the chance among true pairs. 'missing' levels carry no weight.
 */
export const MU_VALUES = {
  id: {
    equal: { m: 0.85, u: 1e-7 },
    from_15: { m: 0.03, u: 1e-8 },
    one_digit: { m: 0.04, u: 2e-6 },
    transposition: { m: 0.02, u: 1e-6 },
    excel_prefix: { m: 0.01, u: 2e-4 },
    conflict: { m: 0.002, u: 0.9 },
    different: { m: 0.008, u: 0.08 },
  },
  name: {
    exact: { m: 0.86, u: 0.003 },
    traditional: { m: 0.03, u: 1e-4 },
    homophone: { m: 0.05, u: 0.001 },
    pinyin_close: { m: 0.02, u: 0.004 },
    partial: { m: 0.01, u: 0.001 },
    different: { m: 0.03, u: 0.99 },
  },
  birth: {
    equal: { m: 0.95, u: 5e-5 },
    near: { m: 0.03, u: 0.005 },
    different: { m: 0.02, u: 0.998 },
  },
  sex: {
    equal: { m: 0.99, u: 0.5 },
    different: { m: 0.01, u: 0.5 },
  },
  area: {
    same_village: { m: 0.85, u: 0.01 },
    same_township: { m: 0.06, u: 0.05 },
    same_county: { m: 0.04, u: 0.3 },
    different: { m: 0.05, u: 0.64 },
  },
} as const satisfies {
  id: Record<Exclude<IdLevel, 'missing'>, MU>;
  name: Record<Exclude<NameLevel, 'missing'>, MU>;
  birth: Record<Exclude<BirthLevel, 'missing'>, MU>;
  sex: Record<Exclude<SexLevel, 'missing'>, MU>;
  area: Record<Exclude<AreaLevel, 'missing'>, MU>;
};

/** Prior odds of a match for one candidate pair, in bits: about 1 in 5,000. */
export const PRIOR_BITS = -Math.log2(5000);

/** At or above: matched without a person looking. */
export const AUTO_THRESHOLD = 0.99;
/** At or above (and below AUTO_THRESHOLD): a person confirms. Below: unmatched. */
export const REVIEW_THRESHOLD = 0.2;
/** Two candidates within this score of each other cannot be told apart without a person. */
export const NEAR_TIE = 0.05;
/** Where a capped score is put: inside the review band, just under AUTO_THRESHOLD. */
const BELOW_AUTO = AUTO_THRESHOLD - 0.001;

export type MatchClass = 'auto' | 'review' | 'unmatched';

/** The class of one score; classify (candidates.ts) also applies the near-tie rule to a ranked list. */
export function classifyScore(score: number): MatchClass {
  return score >= AUTO_THRESHOLD ? 'auto' : score >= REVIEW_THRESHOLD ? 'review' : 'unmatched';
}

export function weightOf(mu: MU): number {
  return Math.log2(mu.m / mu.u);
}

/** Digits of a date; undefined unless 8 of them. */
function dateDigits(raw: string | null | undefined): string | undefined {
  const d = (raw ?? '').replace(/\D/g, '');
  return d.length === 8 ? d : undefined;
}

/** One digit wrong, two neighbours swapped, or month and day swapped: the typos of a typed date. */
export function compareBirthDates(a: string | null | undefined, b: string | null | undefined): BirthLevel {
  const x = dateDigits(a);
  const y = dateDigits(b);
  if (!x || !y) return 'missing';
  if (x === y) return 'equal';
  const diff: number[] = [];
  for (let i = 0; i < 8; i++) if (x[i] !== y[i]) diff.push(i);
  if (diff.length === 1) return 'near';
  const [i, j] = diff as [number, number];
  if (diff.length === 2 && j === i + 1 && x[i] === y[j] && x[j] === y[i]) return 'near';
  if (x.slice(0, 4) === y.slice(0, 4) && x.slice(4, 6) === y.slice(6, 8) && x.slice(6, 8) === y.slice(4, 6)) {
    return 'near';
  }
  return 'different';
}

const SEX_WORDS: Readonly<Record<string, 'male' | 'female'>> = {
  male: 'male', m: 'male', '男': 'male', '1': 'male',
  female: 'female', f: 'female', '女': 'female', '2': 'female',
};

export function sexOf(raw: string | null | undefined): 'male' | 'female' | undefined {
  return SEX_WORDS[(raw ?? '').normalize('NFKC').trim().toLowerCase()];
}

export function compareSex(a: string | null | undefined, b: string | null | undefined): SexLevel {
  const x = sexOf(a);
  const y = sexOf(b);
  if (!x || !y) return 'missing';
  return x === y ? 'equal' : 'different';
}

function areaLevelByDepth(depth: number, full: boolean): AreaLevel {
  if (full || depth >= 4) return 'same_village';
  return depth === 3 ? 'same_township' : depth === 2 ? 'same_county' : 'different';
}

/** Codes compare by prefix (6 county, 9 township, 12 village); paths of ids by their segments. */
export function compareAreas(a: string | null | undefined, b: string | null | undefined): AreaLevel {
  const x = (a ?? '').trim();
  const y = (b ?? '').trim();
  if (x === '' || y === '') return 'missing';
  if (/^\d+$/.test(x) && /^\d+$/.test(y)) {
    if (x === y) return x.length >= 12 ? 'same_village' : x.length >= 9 ? 'same_township' : 'same_county';
    let common = 0;
    while (common < Math.min(x.length, y.length) && x[common] === y[common]) common++;
    return common >= 9 ? 'same_township' : common >= 6 ? 'same_county' : 'different';
  }
  if (x.startsWith('/') && y.startsWith('/')) {
    const sx = x.split('/').filter(Boolean);
    const sy = y.split('/').filter(Boolean);
    let common = 0;
    while (common < Math.min(sx.length, sy.length) && sx[common] === sy[common]) common++;
    return areaLevelByDepth(common, x === y && sx.length >= 4);
  }
  return 'missing';
}

/** Village names as lists write them: 张庄村, 张庄村委会 and 张庄 are one village. */
function villageKey(raw: string | null | undefined): string {
  return normaliseName(raw ?? '').replace(/(村民委员会|村委会|居委会|社区|村)$/u, '');
}

/** Codes when both sides have one; otherwise village names, which can only say same or different. */
export function compareLocation(a: MatchSubject, b: MatchSubject): AreaLevel {
  const byCode = compareAreas(a.areaCode, b.areaCode);
  if (byCode !== 'missing') return byCode;
  const x = villageKey(a.village);
  const y = villageKey(b.village);
  if (x === '' || y === '') return 'missing';
  return x === y ? 'same_village' : 'different';
}

export interface MatchLevels {
  readonly id: IdLevel;
  readonly name: NameLevel;
  readonly birth: BirthLevel;
  readonly sex: SexLevel;
  readonly area: AreaLevel;
}

export interface MatchScore {
  /** Match probability in [0, 1]; see classifyScore. */
  readonly score: number;
  /** Prior plus evidence, in bits (log2 odds), before the ID rules below. */
  readonly bits: number;
  readonly levels: MatchLevels;
  /** Reason codes for the reviewer, e.g. ['id_one_digit', 'name_homophone', 'birth_equal', 'sex_equal', 'same_village']. */
  readonly reasons: string[];
}

const AREA_REASONS: Record<Exclude<AreaLevel, 'missing'>, string> = {
  same_village: 'same_village',
  same_township: 'same_township',
  same_county: 'same_county',
  different: 'area_different',
};

function probability(bits: number): number {
  return 1 / (1 + 2 ** -bits);
}

/**
 * Symmetric: scoreMatch(a, b) equals scoreMatch(b, a). Two rules sit above the weights, because an ID number names
 * one person: the same number with a consistent (or absent) name is always 'auto'; the same number with a different
 * name, and two different valid numbers, are never 'auto' (the first always goes to review).
 */
export function scoreMatch(record: MatchSubject, person: MatchSubject, opts: ParseIdOptions = {}): MatchScore {
  const name = compareNames(record.name, person.name);
  const levels: MatchLevels = {
    id: compareIds(record.idNumber, person.idNumber, opts),
    name: name.level,
    birth: compareBirthDates(record.birthDate, person.birthDate),
    sex: compareSex(record.sex, person.sex),
    area: compareLocation(record, person),
  };
  const reasons: string[] = [];
  let bits = PRIOR_BITS;
  const add = (mu: MU, reason: string) => {
    bits += weightOf(mu);
    reasons.push(reason);
  };
  if (levels.id !== 'missing') add(MU_VALUES.id[levels.id], `id_${levels.id}`);
  if (levels.name !== 'missing') add(MU_VALUES.name[levels.name], name.reason);
  if (levels.birth !== 'missing') add(MU_VALUES.birth[levels.birth], `birth_${levels.birth}`);
  if (levels.sex !== 'missing') add(MU_VALUES.sex[levels.sex], `sex_${levels.sex}`);
  if (levels.area !== 'missing') add(MU_VALUES.area[levels.area], AREA_REASONS[levels.area]);

  let score = probability(bits);
  const sameId = levels.id === 'equal' || levels.id === 'from_15';
  if (sameId && levels.name !== 'different') score = Math.max(score, AUTO_THRESHOLD);
  if (sameId && levels.name === 'different') {
    score = Math.min(Math.max(score, REVIEW_THRESHOLD), BELOW_AUTO);
    reasons.push('id_name_conflict');
  }
  if (levels.id === 'conflict') score = Math.min(score, BELOW_AUTO);
  return { score, bits, levels, reasons };
}
