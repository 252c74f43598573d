/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male) and an ISO 7064 MOD 11-2 check character. See DOMAIN.md §10 for the traps this module guards against.
 */
import { isKnownAreaCode as defaultIsKnownAreaCode } from './area-codes.js';

export const ID_REJECTION_CODES = [
  'EMPTY',
  'BAD_CHARACTERS',
  'BAD_LENGTH',
  'EXCEL_DAMAGED',
  'UNKNOWN_AREA_CODE',
  'BAD_BIRTH_DATE',
  'BIRTH_DATE_TOO_EARLY',
  'FUTURE_BIRTH_DATE',
  'BAD_CHECK_CHARACTER',
] as const;

export type IdRejectionCode = (typeof ID_REJECTION_CODES)[number];

export interface IdRejection {
  readonly code: IdRejectionCode;
  readonly message: string;
  readonly messageZh: string;
}

export interface ParsedId {
  /** The 18-character number; first-generation 15-digit numbers are converted. */
  readonly id: string;
  readonly areaCode: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly converted15: boolean;
}

export type ParseIdResult = { ok: true; value: ParsedId } | { ok: false; error: IdRejection };

export interface ParseIdOptions {
  readonly today?: Date;
  readonly isKnownAreaCode?: (code: string) => boolean;
}

/** The standard's own example 440524188001010014 is born on this day, so it is the earliest accepted. */
export const EARLIEST_BIRTH_DATE = '1880-01-01';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const ID18 = /^\d{17}[\dX]$/;

/** Whitespace (`\s` covers U+3000, NBSP and line breaks) and zero-width characters, which NFKC leaves alone. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

/** How a spreadsheet shows a long number it stores as a floating-point value, e.g. 3.71502E+17. */
const SCIENTIFIC = /^(\d)(?:\.(\d+))?E\+?(\d+)$/;

/** Significant digits a spreadsheet number cell keeps. */
const EXCEL_DIGITS = 15;

/** China has one time zone (UTC+8, no daylight saving); the server may run in UTC. */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Only ASCII digits and capital letters: what NFKC, removing invisible characters and upper-casing leave as it is.
 * Nearly every cell of a roster is such a string, and the check is much cheaper than normalising.
 */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 90 || c < 48 || (c > 57 && c < 65)) return false;
  }
  return true;
}

/** 17 digits and a digit or X (18), or 15 digits: a number that passes every check of its characters and length. */
function isIdShaped(s: string): boolean {
  const n = s.length;
  if (n !== 18 && n !== 15) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      if (!(c === 88 && i === 17)) return false;
    }
  }
  return true;
}

export function normaliseIdNumber(raw: string): string {
  if (isPlainAscii(raw)) return raw;
  // Removing characters or upper-casing can bring a base letter next to a combining mark that NFKC then composes,
  // so a single pass is not always idempotent. A second pass settles every realistic input; the bound keeps
  // adversarial input from looping.
  let current = raw;
  for (let pass = 0; pass < 4; pass++) {
    const next = current
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .replace(/[a-z]/g, (c) => c.toUpperCase());
    if (next === current) break;
    current = next;
  }
  return current;
}

export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`checkCharacter needs 17 digits, got "${first17}"`);
  return checkOf(first17);
}

/** The check character of 17 digits (not checked to be digits). */
function checkOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

function assertId18(id18: string): void {
  if (!ID18.test(id18)) throw new RangeError(`expected an 18-character ID number, got "${id18}"`);
}

export function sexFromId(id18: string): 'male' | 'female' {
  assertId18(id18);
  return Number(id18[16]) % 2 === 1 ? 'male' : 'female';
}

function birthDateOf(first17: string): string {
  return `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
}

/** The birth date digits as YYYY-MM-DD, not checked to be a real date. */
export function birthDateFromId(id18: string): string {
  assertId18(id18);
  return birthDateOf(id18);
}

function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** The day (days since 1970-01-01) and date last formatted: an import asks for the same day a million times. */
let lastDay = Number.NaN;
let lastDayIso = '';

function chinaToday(now: Date): string {
  const ms = now.getTime() + CHINA_UTC_OFFSET_MS;
  const day = Math.floor(ms / 86_400_000);
  if (day !== lastDay) {
    lastDayIso = new Date(ms).toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDayIso;
}

/** Whether the 8 digits at `at` (YYYYMMDD) are a calendar date. */
function isCalendarDigits(s: string, at: number): boolean {
  const year = (s.charCodeAt(at) - 48) * 1000 + (s.charCodeAt(at + 1) - 48) * 100 + (s.charCodeAt(at + 2) - 48) * 10 + (s.charCodeAt(at + 3) - 48);
  const month = (s.charCodeAt(at + 4) - 48) * 10 + (s.charCodeAt(at + 5) - 48);
  const day = (s.charCodeAt(at + 6) - 48) * 10 + (s.charCodeAt(at + 7) - 48);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/**
 * The default address-code lookup's answers, remembered: a city's roster repeats a few hundred codes. Bounded, so
 * a file of made-up codes cannot grow it.
 */
const knownAreaCodes = new Map<string, boolean>();
const KNOWN_AREA_CODES_LIMIT = 10_000;

function isKnownAreaCodeCached(code: string): boolean {
  let known = knownAreaCodes.get(code);
  if (known === undefined) {
    known = defaultIsKnownAreaCode(code);
    if (knownAreaCodes.size < KNOWN_AREA_CODES_LIMIT) knownAreaCodes.set(code, known);
  }
  return known;
}

/** First-generation numbers: insert the century after the address code; their holders were all born in the 1900s. */
function first17Of15(id15: string): string {
  return `${id15.slice(0, 6)}19${id15.slice(6)}`;
}

/**
 * The 18-character form of a 15-digit first-generation number, whatever its digits say (no validation): matching
 * compares damaged numbers too, and needs the same form on both sides.
 */
export function id15To18(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`expected a 15-digit ID number, got "${id15}"`);
  const first17 = first17Of15(id15);
  return first17 + checkCharacter(first17);
}

/** The digits a number in scientific notation stands for, and how many of them the notation actually gave. */
function expandScientific(s: string): { digits: string; significant: number } | undefined {
  const m = SCIENTIFIC.exec(s);
  if (!m) return undefined;
  const mantissa = m[1]! + (m[2] ?? '');
  const length = Number(m[3]) + 1;
  if (mantissa.length > length) return undefined;
  return { digits: mantissa.padEnd(length, '0'), significant: mantissa.length };
}

/**
 * The first 15 digits of the 18-character form, or null when they are not all known. Excel keeps those 15 intact
 * when it damages an ID number, so together with the name they can match a damaged number to the right person.
 */
export function idNumberPrefix15(raw: string): string | null {
  const s = normaliseIdNumber(raw);
  const scientific = expandScientific(s);
  if (scientific) {
    return scientific.significant >= EXCEL_DIGITS && scientific.digits.length === 18
      ? scientific.digits.slice(0, EXCEL_DIGITS)
      : null;
  }
  if (ID18.test(s)) return s.slice(0, EXCEL_DIGITS);
  if (/^\d{15}$/.test(s)) return first17Of15(s).slice(0, EXCEL_DIGITS);
  return null;
}

function describeCharacter(c: string): string {
  return `“${c}” (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

function reject(code: IdRejectionCode, message: string, messageZh: string): ParseIdResult {
  return { ok: false, error: { code, message, messageZh } };
}

function rejectExcelDamaged(shown: string, prefix: string | null): ParseIdResult {
  const trusted =
    prefix === null ? 'the lost digits cannot be recovered' : `only the first 15 digits (${prefix}) can be trusted`;
  const trustedZh = prefix === null ? '丢失的数字无法还原' : `只有前15位（${prefix}）可信`;
  return reject(
    'EXCEL_DAMAGED',
    `"${shown}" looks like an ID number a spreadsheet stored as a number, keeping at most 15 significant digits; ` +
      `${trusted}. Enter it again as text.`,
    `“${shown}”疑似在表格中被存为数字（最多保留15位有效数字）而损坏，${trustedZh}，请以文本格式重新录入。`,
  );
}

export function parseIdNumber(raw: string, opts: ParseIdOptions = {}): ParseIdResult {
  const s = normaliseIdNumber(raw);
  // The checks of characters and length, in order, unless the number's shape already passes them all.
  if (!isIdShaped(s)) {
    if (s === '') return reject('EMPTY', 'The ID number is empty.', '身份证号为空。');

    if (SCIENTIFIC.test(s)) return rejectExcelDamaged(s, idNumberPrefix15(s));

    const chars = Array.from(s);
    const bad = chars.findIndex((c) => !/[0-9X]/.test(c));
    if (bad >= 0) {
      const c = describeCharacter(chars[bad]!);
      return reject(
        'BAD_CHARACTERS',
        `Character ${bad + 1} is ${c}; an ID number has only digits 0-9 and possibly a final X.`,
        `第${bad + 1}位为${c}，身份证号只能包含数字0-9，末位可为X。`,
      );
    }

    if (s.length !== 18 && s.length !== 15) {
      return reject(
        'BAD_LENGTH',
        `The ID number has ${s.length} characters; it must have 18 (or 15 for a first-generation number).`,
        `身份证号为${s.length}位，应为18位（一代证为15位）。`,
      );
    }

    const misplacedX = s.slice(0, 17).indexOf('X');
    if (misplacedX >= 0) {
      return reject(
        'BAD_CHARACTERS',
        `Character ${misplacedX + 1} is X; X may only be the 18th (check) character.`,
        `第${misplacedX + 1}位为X，X只能出现在第18位（校验码）。`,
      );
    }
  }

  const converted15 = s.length === 15;
  const first17 = converted15 ? first17Of15(s) : s.slice(0, 17);

  const areaCode = first17.slice(0, 6);
  if (!(opts.isKnownAreaCode ? opts.isKnownAreaCode(areaCode) : isKnownAreaCodeCached(areaCode))) {
    return reject(
      'UNKNOWN_AREA_CODE',
      `The address code ${areaCode} (characters 1-6) is not a known administrative division code.`,
      `地址码${areaCode}（第1至6位）不是有效的行政区划代码。`,
    );
  }

  const birthDate = birthDateOf(first17);
  if (!isCalendarDigits(first17, 6)) {
    const [digits, from, to] = converted15 ? [s.slice(6, 12), 7, 12] : [s.slice(6, 14), 7, 14];
    return reject(
      'BAD_BIRTH_DATE',
      `The birth date ${digits} (characters ${from}-${to}) is not a calendar date.`,
      `出生日期${digits}（第${from}至${to}位）不是有效日期。`,
    );
  }
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return reject(
      'BIRTH_DATE_TOO_EARLY',
      `The birth date ${birthDate} is before ${EARLIEST_BIRTH_DATE}, the earliest accepted.`,
      `出生日期${birthDate}早于允许的最早日期${EARLIEST_BIRTH_DATE}。`,
    );
  }
  const today = chinaToday(opts.today ?? new Date());
  if (birthDate > today) {
    return reject(
      'FUTURE_BIRTH_DATE',
      `The birth date ${birthDate} is in the future (today is ${today}).`,
      `出生日期${birthDate}晚于今天（${today}）。`,
    );
  }

  const expected = checkOf(first17);
  if (!converted15 && s[17] !== expected) {
    // Excel turns the last three digits of an ID typed into a number cell into 000. A correct number can end in
    // 000 too, so only a failed check together with the 000 points to the spreadsheet; the 1 in 11 damaged numbers
    // that still pass the check cannot be told apart here (importers must treat numeric cells as damaged).
    if (/^\d{15}000$/.test(s)) return rejectExcelDamaged(s, s.slice(0, EXCEL_DIGITS));
    return reject(
      'BAD_CHECK_CHARACTER',
      `The check character (18th) should be ${expected} but is ${s[17]}.`,
      `校验码（第18位）应为${expected}，实际为${s[17]}。`,
    );
  }

  const id = first17 + expected;
  return { ok: true, value: { id, areaCode, birthDate, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female', converted15 } };
}

export function isValidIdNumber(raw: string): boolean {
  return parseIdNumber(raw).ok;
}

/** Keeps the first 6 and last 4 characters; shorter values keep proportionally less so no value shows whole. */
export function maskIdNumber(id: string): string {
  const chars = Array.from(normaliseIdNumber(id));
  const n = chars.length;
  const head = n >= 15 ? 6 : Math.floor(n / 3);
  const tail = n >= 15 ? 4 : Math.floor(n / 4);
  return chars.slice(0, head).join('') + '*'.repeat(n - head - tail) + chars.slice(n - tail).join('');
}

/** A valid number for generated data; the sequence's parity decides the sex (odd = male). */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`area code must be 6 digits, got "${areaCode}"`);
  if (!isCalendarDate(birthDate)) throw new RangeError(`birth date must be a YYYY-MM-DD date, got "${birthDate}"`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0-999, got ${sequence}`);
  }
  const first17 = areaCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + checkCharacter(first17);
}
