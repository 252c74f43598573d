/**
 * Repairing and comparing ID numbers for matching (身份证号纠错). A typed number that fails its check character
 * (GB 11643-1999, ISO 7064 MOD 11-2) usually has one wrong digit or two neighbours swapped; MOD 11-2 catches every
 * such error, so among the numbers one edit away only a few pass the check, and the true one is always among them.
 */
import {
  checkCharacter,
  id15To18,
  idNumberPrefix15,
  normaliseIdNumber,
  parseIdNumber,
  type ParseIdOptions,
} from '../id-number.js';

export type IdRepairKind = 'valid' | 'from_15' | 'one_digit' | 'transposition';

export interface IdCandidate {
  /** A valid 18-character number. */
  readonly id: string;
  readonly kind: IdRepairKind;
  /** 1-based positions that were changed (empty for 'valid' and 'from_15'). */
  readonly positions: readonly number[];
}

const ID18_SHAPE = /^[0-9X]{18}$/;
const DIGITS = '0123456789';

function passesCheck(s: string): boolean {
  return /^\d{17}[\dX]$/.test(s) && checkCharacter(s.slice(0, 17)) === s[17];
}

/**
 * The valid numbers the raw value may stand for: itself when valid; the 18-character form of a 15-digit number; for
 * an 18-character number failing its check, every number one substituted character or one adjacent transposition
 * away that passes the check and is otherwise valid (known address code, real birth date). At most 18 + 17 entries;
 * in practice about a dozen. Empty for anything else (wrong length, letters, spreadsheet damage).
 */
export function idCandidates(raw: string, opts: ParseIdOptions = {}): IdCandidate[] {
  const s = normaliseIdNumber(raw);
  const parsed = parseIdNumber(s, opts);
  if (parsed.ok) return [{ id: parsed.value.id, kind: parsed.value.converted15 ? 'from_15' : 'valid', positions: [] }];
  if (!ID18_SHAPE.test(s)) return [];

  const out: IdCandidate[] = [];
  const seen = new Set<string>();
  const consider = (candidate: string, kind: IdRepairKind, positions: number[]) => {
    if (seen.has(candidate) || !passesCheck(candidate) || !parseIdNumber(candidate, opts).ok) return;
    seen.add(candidate);
    out.push({ id: candidate, kind, positions });
  };
  for (let i = 0; i < 17; i++) {
    for (const d of DIGITS) if (d !== s[i]) consider(s.slice(0, i) + d + s.slice(i + 1), 'one_digit', [i + 1]);
  }
  if (/^\d{17}$/.test(s.slice(0, 17))) consider(s.slice(0, 17) + checkCharacter(s.slice(0, 17)), 'one_digit', [18]);
  for (let i = 0; i < 17; i++) {
    if (s[i] === s[i + 1]) continue;
    consider(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2), 'transposition', [i + 1, i + 2]);
  }
  return out;
}

/** The form both sides are compared in: normalised, 15-digit numbers converted; undefined when empty. */
export function comparableId(raw: string | undefined | null): { id: string; was15: boolean } | undefined {
  if (raw === undefined || raw === null) return undefined;
  const s = normaliseIdNumber(raw);
  if (s === '') return undefined;
  if (/^\d{15}$/.test(s)) return { id: id15To18(s), was15: true };
  return { id: s, was15: false };
}

export type IdLevel =
  | 'equal'
  | 'from_15'
  | 'one_digit'
  | 'transposition'
  | 'excel_prefix'
  | 'conflict'
  | 'different'
  | 'missing';

/**
 * How two ID numbers relate, symmetric. Two valid numbers can never be one substitution or one adjacent
 * transposition apart (the check character would catch it), so those levels always mean a typo on one side.
 * 'conflict' is two valid, different numbers: two people, whatever else agrees.
 */
export function compareIds(a: string | undefined | null, b: string | undefined | null, opts: ParseIdOptions = {}): IdLevel {
  const ca = comparableId(a);
  const cb = comparableId(b);
  if (!ca || !cb) return 'missing';
  if (ca.id === cb.id) return ca.was15 || cb.was15 ? 'from_15' : 'equal';
  const x = ca.id;
  const y = cb.id;
  if (x.length === 18 && y.length === 18) {
    const diff: number[] = [];
    for (let i = 0; i < 18 && diff.length <= 2; i++) if (x[i] !== y[i]) diff.push(i);
    if (diff.length === 1) return 'one_digit';
    if (diff.length === 2 && diff[1] === diff[0]! + 1 && x[diff[0]!] === y[diff[1]!] && x[diff[1]!] === y[diff[0]!]) {
      return 'transposition';
    }
  }
  const pa = parseIdNumber(x, opts);
  const pb = parseIdNumber(y, opts);
  // A number typed into a spreadsheet number cell keeps only its first 15 digits (DOMAIN.md §10); 1 in 11 of the
  // damaged numbers still passes the check, so a trailing 000 counts as damage whatever the check says.
  const excel = (id: string, p: typeof pa) => /^\d{15}000$/.test(id) || (!p.ok && p.error.code === 'EXCEL_DAMAGED');
  if (excel(x, pa) || excel(y, pb)) {
    const prefix = idNumberPrefix15(x);
    if (prefix !== null && prefix === idNumberPrefix15(y)) return 'excel_prefix';
  }
  return pa.ok && pb.ok ? 'conflict' : 'different';
}
