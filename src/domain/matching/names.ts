/**
 * Person names for matching (人员比对 姓名比对): one normal form, pinyin keys and a graded comparison. Department
 * spreadsheets write the same name in traditional characters, with spaces or full-width characters, with another
 * middle dot, or with a homophone character; DOMAIN.md §10 lists the traps.
 */
import { Converter } from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';

/** Whitespace (`\s` covers U+3000 and NBSP) and zero-width characters, which NFKC leaves alone. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * The official name separator · (U+00B7) and what spreadsheets put in its place: ・ (U+30FB, also what NFKC makes of
 * the half-width ･), • ‧ ∙ ⋅ ⸱, and the ASCII '.' and '-' (NFKC turns the full-width ． and － into them).
 */
const SEPARATORS = /[\u00B7\u30FB\u2022\u2027\u2219\u22C5\u2E31.-]/gu;

/** Traditional → mainland simplified. Both sides of a comparison go through it, so its choices cancel out. */
const toSimplified = Converter({ from: 't', to: 'cn' });

/** NFKC can compose a base letter with a combining mark that a removal brought next to it: repeat to a fixed point. */
function fixedPoint(s: string, step: (s: string) => string): string {
  let current = s;
  for (let pass = 0; pass < 4; pass++) {
    const next = step(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function cleanStep(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').replace(SEPARATORS, '').toLowerCase();
}

/** Spaces, separators and full-width forms removed, characters kept as written (traditional stays traditional). */
export function cleanName(raw: string): string {
  return fixedPoint(raw, cleanStep);
}

/** The matching form of a name: cleaned and folded to simplified characters. Idempotent. */
export function normaliseName(raw: string): string {
  return fixedPoint(raw, (s) => cleanStep(toSimplified(cleanStep(s))));
}

/** The parts of a name that has separators (阿依古丽·买买提 → 阿依古丽, 买买提), each normalised. */
function nameParts(raw: string): string[] {
  return raw
    .normalize('NFKC')
    .split(SEPARATORS)
    .map(normaliseName)
    .filter((p) => p !== '');
}

export interface NameKeys {
  /** normaliseName's result. */
  readonly simplified: string;
  /** Toneless pinyin, one syllable per character, surnames read as surnames (单 shàn, 曾 zēng, 解 xiè). */
  readonly syllables: readonly string[];
  /** Every toneless reading of each character (polyphonic characters have several); includes the surname reading. */
  readonly readings: readonly (readonly string[])[];
  /** First letter of each syllable. */
  readonly initials: string;
}

const TONELESS = { toneType: 'none', type: 'array' } as const;

/** A character pinyin-pro does not know (rare, Private Use Area, Latin) stands for itself. */
function readingsOf(char: string): string[] {
  const all = pinyin(char, { ...TONELESS, multiple: true }).filter((r) => r !== '');
  return all.length > 0 ? all : [char];
}

const keyCache = new Map<string, NameKeys>();
/** Matching thousands of records compares the same names many times; the cache is dropped whole when full. */
const KEY_CACHE_LIMIT = 50_000;

export function nameKeys(raw: string): NameKeys {
  const cached = keyCache.get(raw);
  if (cached) return cached;
  const simplified = normaliseName(raw);
  const chars = Array.from(simplified);
  const readings = chars.map(readingsOf);
  // Surname mode reads the first characters as a surname; it works on the whole name, so align it per character.
  const inContext = pinyin(simplified, { ...TONELESS, surname: 'head' });
  const syllables = chars.map((c, i) => {
    const r = inContext.length === chars.length ? inContext[i] : undefined;
    return r !== undefined && r !== '' ? r : readings[i]![0]!;
  });
  syllables.forEach((s, i) => {
    if (!readings[i]!.includes(s)) readings[i] = [s, ...readings[i]!];
  });
  const keys: NameKeys = { simplified, syllables, readings, initials: syllables.map((s) => s[0] ?? '').join('') };
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(raw, keys);
  return keys;
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed limit. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

export type NameLevel = 'exact' | 'traditional' | 'homophone' | 'pinyin_close' | 'partial' | 'different' | 'missing';

export const NAME_REASONS = {
  exact: 'name_exact',
  traditional: 'name_traditional',
  homophone: 'name_homophone',
  pinyin_close: 'name_pinyin_close',
  partial: 'name_partial',
  different: 'name_different',
  missing: 'name_missing',
} as const satisfies Record<NameLevel, string>;

export type NameReason = (typeof NAME_REASONS)[NameLevel];

export interface NameComparison {
  readonly level: NameLevel;
  /** 1 for the same name, down to 0; 'different' stays ≤ 0.5 (shared characters only). */
  readonly similarity: number;
  readonly reason: NameReason;
}

const SIMILARITY: Record<Exclude<NameLevel, 'different' | 'missing'>, number> = {
  exact: 1,
  traditional: 0.97,
  homophone: 0.9,
  pinyin_close: 0.75,
  partial: 0.6,
};

const result = (level: NameLevel, similarity: number): NameComparison => ({
  level,
  similarity,
  reason: NAME_REASONS[level],
});

function sharesReading(a: readonly string[], b: readonly string[]): boolean {
  return a.some((r) => b.includes(r));
}

/** Fewest letter edits between any reading of a and any reading of b. */
function closestReadings(a: readonly string[], b: readonly string[], limit: number): number {
  let best = limit + 1;
  for (const x of a) for (const y of b) best = Math.min(best, editDistance(x, y, limit));
  return best;
}

/** One letter apart in pinyin: z/zh, n/ng and similar dialect confusions (张文 zhangwen vs 张伟 zhangwei). */
function pinyinClose(a: NameKeys, b: NameKeys): boolean {
  if (a.readings.length === b.readings.length) {
    let total = 0;
    for (let i = 0; i < a.readings.length && total <= 1; i++) {
      total += closestReadings(a.readings[i]!, b.readings[i]!, 1 - total);
    }
    if (total <= 1) return true;
  }
  return editDistance(a.syllables.join(''), b.syllables.join(''), 1) <= 1;
}

/** Dice coefficient on characters: how much two different names still share (a hint for reviewers, not evidence). */
function sharedCharacters(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const pool = [...cb];
  let common = 0;
  for (const c of ca) {
    const i = pool.indexOf(c);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return (2 * common) / (ca.length + cb.length);
}

/**
 * Minority names are often cut to the given name in one source (阿依古丽 for 阿依古丽·买买提): one name equals a
 * part of the other, and that part is at least two characters.
 */
function isPart(a: string, rawA: string, b: string, rawB: string): boolean {
  const partOf = (name: string, raw: string) => Array.from(name).length >= 2 && nameParts(raw).includes(name);
  return partOf(a, rawB) || partOf(b, rawA);
}

/** Graded and symmetric: compareNames(a, b) and compareNames(b, a) give the same result. */
export function compareNames(a: string | undefined | null, b: string | undefined | null): NameComparison {
  const ca = cleanName(a ?? '');
  const cb = cleanName(b ?? '');
  if (ca === '' || cb === '') return result('missing', 0);
  if (ca === cb) return result('exact', SIMILARITY.exact);
  const ka = nameKeys(a!);
  const kb = nameKeys(b!);
  if (ka.simplified === kb.simplified) return result('traditional', SIMILARITY.traditional);
  if (ka.readings.length === kb.readings.length && ka.readings.every((r, i) => sharesReading(r, kb.readings[i]!))) {
    return result('homophone', SIMILARITY.homophone);
  }
  if (pinyinClose(ka, kb)) return result('pinyin_close', SIMILARITY.pinyin_close);
  if (isPart(ka.simplified, a!, kb.simplified, b!)) return result('partial', SIMILARITY.partial);
  return result('different', 0.5 * sharedCharacters(ka.simplified, kb.simplified));
}
