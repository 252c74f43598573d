/**
 * Choosing the registry person a department record stands for (候选人排序), and the blocking keys that keep the
 * number of pairs small: only persons sharing a key with the record are scored (DOMAIN.md §10).
 */
import type { ParseIdOptions } from '../id-number.js';
import { comparableId, idCandidates } from './id-repair.js';
import { normaliseName, nameKeys } from './names.js';
import { classifyScore, NEAR_TIE, scoreMatch, type MatchClass, type MatchScore, type MatchSubject } from './score.js';

export interface RankedCandidate<P = MatchSubject> {
  /** Position of the person in the list given to bestCandidates. */
  readonly index: number;
  readonly person: P;
  /** Match probability, as in match.score. */
  readonly score: number;
  readonly reasons: string[];
  readonly match: MatchScore;
}

export const TOP_CANDIDATES = 3;

const sameId = (m: MatchScore) => m.levels.id === 'equal' || m.levels.id === 'from_15';

/**
 * The best TOP_CANDIDATES persons for one record, best first (ties broken by the evidence in bits, then list
 * order). classify(result) gives the decision, near ties included.
 */
export function bestCandidates<P extends MatchSubject>(
  record: MatchSubject,
  persons: readonly P[],
  opts: ParseIdOptions = {},
): RankedCandidate<P>[] {
  return persons
    .map((person, index) => {
      const match = scoreMatch(record, person, opts);
      return { index, person, score: match.score, reasons: match.reasons, match };
    })
    .sort((a, b) => b.score - a.score || b.match.bits - a.match.bits || a.index - b.index)
    .slice(0, TOP_CANDIDATES);
}

/** The runner-up is within NEAR_TIE of the best: a person must choose between them. */
export function isNearTie(ranked: readonly RankedCandidate<unknown>[]): boolean {
  const [top, second] = ranked;
  return top !== undefined && second !== undefined && top.score - second.score < NEAR_TIE;
}

/**
 * 'auto', 'review' or 'unmatched' for one score, or for a ranked list (bestCandidates' result): the class of its best
 * score, with a near tie turning 'auto' into 'review', except when the best has the record's own ID number with a
 * consistent name and the runner-up does not (an ID number names one person). An empty list is 'unmatched'.
 */
export function classify(score: number): MatchClass;
export function classify(ranked: readonly RankedCandidate<unknown>[]): MatchClass;
export function classify(input: number | readonly RankedCandidate<unknown>[]): MatchClass {
  if (typeof input === 'number') return classifyScore(input);
  const [top, second] = input;
  if (!top) return 'unmatched';
  const decision = classifyScore(top.score);
  if (decision !== 'auto' || !isNearTie(input)) return decision;
  const idDecides = sameId(top.match) && top.match.levels.name !== 'different' && !(second && sameId(second.match));
  return idDecides ? 'auto' : 'review';
}

/** Digits 7-14 of an 18-character number, when they form a date-shaped string. */
function birthDigitsOfId(id: string): string | undefined {
  const d = id.slice(6, 14);
  return /^\d{8}$/.test(d) ? d : undefined;
}

/**
 * Keys under which a record or a person is filed; a pair is scored only when they share one. 'id:' keys are the
 * possible true numbers (idCandidates, so a one-digit error still meets its person), 'birth:' comes from the birth
 * date and from the ID number's birth digits, 'name:' is the toneless pinyin (homophones share it).
 */
export function blockingKeys(subject: MatchSubject, opts: ParseIdOptions = {}): string[] {
  const keys = new Set<string>();
  const raw = subject.idNumber ?? '';
  const comparable = comparableId(raw);
  if (comparable) {
    const repaired = idCandidates(raw, opts);
    for (const c of repaired) keys.add(`id:${c.id}`);
    if (repaired.length === 0) keys.add(`id:${comparable.id}`);
    const fromId = birthDigitsOfId(comparable.id);
    if (fromId) keys.add(`birth:${fromId}`);
  }
  const birth = (subject.birthDate ?? '').replace(/\D/g, '');
  if (birth.length === 8) keys.add(`birth:${birth}`);
  if (subject.name && normaliseName(subject.name) !== '') keys.add(`name:${nameKeys(subject.name).syllables.join('')}`);
  return [...keys];
}
