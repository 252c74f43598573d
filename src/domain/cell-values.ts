/**
 * Values as people type them into spreadsheets (DOMAIN.md §10): each parser takes what a cell holds and returns a
 * typed value or a reason in English and Chinese. Pure, no I/O. An empty cell is always `{ ok: false, code: 'EMPTY' }`
 * so the caller, which knows whether the field is required, decides what emptiness means.
 */
import { CODE_LISTS, type CodeItem, type CodeListName } from './codes.js';
import { idNumberPrefix15, normaliseIdNumber, parseIdNumber, type IdRejectionCode, type ParseIdOptions, type ParsedId } from './id-number.js';

export type CellFailureCode =
  | 'EMPTY'
  | 'BAD_DATE'
  | 'FICTITIOUS_DATE'
  | 'BAD_BOOLEAN'
  | 'BAD_AMOUNT'
  | 'UNKNOWN_CODE'
  | 'AMBIGUOUS_CODE'
  | IdRejectionCode;

export interface CellFailure {
  readonly ok: false;
  readonly code: CellFailureCode;
  readonly reason: string;
  readonly reasonZh: string;
}

export type CellResult<T> = { readonly ok: true; readonly value: T } | CellFailure;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (code: CellFailureCode, reason: string, reasonZh: string): CellFailure => ({ ok: false, code, reason, reasonZh });
const EMPTY = fail('EMPTY', 'The cell is empty.', '单元格为空。');

// ---------------------------------------------------------------------------------------------------------------
// Text

/** NFKC keeps these look-alikes of the official name separator U+00B7 apart, so they are mapped explicitly. */
const NAME_SEPARATORS = /[\u2022\u2027\u30FB\u00B7\u2219\u22C5]/gu;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const HAN = '\\p{Script=Han}';

/** Text that every step below leaves unchanged (printable ASCII and common CJK ideographs, single spaces inside). */
const ALREADY_CLEAN = /^[\x21-\x7E\u4E00-\u9FFF]+(?: [\x21-\x7E\u4E00-\u9FFF]+)*$/;

/** NFKC, no zero-width characters, one name separator, whitespace and line breaks collapsed to one space, trimmed. */
export function cleanText(raw: string): string {
  // Most cells are already clean; an importer calls this for every cell, so skip the normalisation for them.
  if (ALREADY_CLEAN.test(raw)) return raw;
  return raw.normalize('NFKC').replace(ZERO_WIDTH, '').replace(NAME_SEPARATORS, '\u00B7').replace(/\s+/gu, ' ').trim();
}

/** A space beside a Chinese character or the name separator (built once: a regular expression per call is slow). */
const SPACE_BY_HAN = new RegExp(`(?<=${HAN}|\u00B7) | (?=${HAN}|\u00B7)`, 'gu');
const STOP_BETWEEN_HAN = new RegExp(`(?<=${HAN})\\.(?=${HAN})`, 'gu');

/**
 * A person's name: as `cleanText`, and without the spaces people type to align two-character names (“张  三”), and
 * with a full stop between Chinese characters read as the name separator (“买买提.吐尔逊”). Spaces between Latin
 * words stay.
 */
export function cleanName(raw: string): string {
  const text = cleanText(raw);
  // The two patterns match only a space and only a full stop: most names have neither.
  const spaced = text.includes(' ') ? text.replace(SPACE_BY_HAN, '') : text;
  return spaced.includes('.') ? spaced.replace(STOP_BETWEEN_HAN, '\u00B7') : spaced;
}

/** Placeholders people put in a cell meaning “nothing here”. */
const PLACEHOLDER = /^[-/\\—–―_.、]+$/u;

function isBlank(s: string): boolean {
  return s === '' || PLACEHOLDER.test(s);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

export interface CellDate {
  /** YYYY-MM-DD; for month precision the first day of the month. */
  readonly date: string;
  /** `month` when the cell named only a year and month (202006, 2020年6月): the day is unknown, not the 1st. */
  readonly precision: 'day' | 'month';
}

export interface DateCellOptions {
  /** The workbook counts serials from 1904-01-01 (old Mac Excel). */
  readonly date1904?: boolean;
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Days from the 1900 system's epoch to the 1904 system's. */
const DAYS_1904 = 1462;
/** 9999-12-31, the last date Excel can show. */
const MAX_SERIAL = 2_958_465;
/** Years accepted in text; wider than any registry needs, narrow enough that a stray 8-digit number is not a date. */
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isoOf(year: number, month: number, day: number): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2021-02-30 over to March; a rolled-over date is not what was typed.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function badDate(shown: string): CellFailure {
  return fail('BAD_DATE', `“${shown}” is not a date (e.g. 2020-06-30, 2020/6/30, 2020年6月30日).`, `“${shown}”不是有效日期（如2020-06-30、2020/6/30、2020年6月30日）。`);
}

/** Whole days of a serial; a time of day is dropped, but a value a hair below midnight (floating point) is midnight. */
function serialDays(serial: number): number {
  const nearest = Math.round(serial);
  return Math.abs(serial - nearest) < 1e-6 ? nearest : Math.floor(serial);
}

export function serialToDate(serial: number, opts: DateCellOptions = {}): CellResult<CellDate> {
  if (!Number.isFinite(serial)) return badDate(String(serial));
  let days = serialDays(serial);
  if (opts.date1904) days += DAYS_1904;
  // Lotus 1-2-3 treated 1900 as a leap year and Excel kept the error: serial 60 is 1900-02-29, a day that never was,
  // and serials below it are one day off from a plain count from 1899-12-30.
  else if (days === 60) {
    return fail('FICTITIOUS_DATE', 'Serial 60 is 1900-02-29, a day that does not exist.', '序列值60对应1900年2月29日，该日期不存在。');
  } else if (days < 60) days += 1;
  if (days < 2 || days > MAX_SERIAL) return badDate(String(serial));
  const d = new Date(EXCEL_EPOCH_MS + days * DAY_MS);
  const iso = isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return iso ? ok({ date: iso, precision: 'day' }) : badDate(String(serial));
}

/** The Excel serial of a YYYY-MM-DD date (inverse of `serialToDate`). */
export function dateToSerial(iso: string, opts: DateCellOptions = {}): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || !isoOf(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`not a YYYY-MM-DD date: "${iso}"`);
  const days = Math.round((Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - EXCEL_EPOCH_MS) / DAY_MS);
  if (opts.date1904) {
    if (days < DAYS_1904) throw new RangeError(`${iso} is before 1904-01-01, the start of the 1904 date system`);
    return days - DAYS_1904;
  }
  if (days < 2) throw new RangeError(`${iso} is before 1900-01-01, the start of the 1900 date system`);
  return days <= 60 ? days - 1 : days;
}

const DATE_TIME = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DATE_ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
const MONTH_SEP = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_ZH = /^(\d{4})年(\d{1,2})月?$/;

function parseDateText(s: string): CellResult<CellDate> {
  const day = DATE_TIME.exec(s) ?? DATE_ZH.exec(s);
  if (day) {
    const [y, mo, d] = day.length === 5 ? [day[1], day[3], day[4]] : [day[1], day[2], day[3]];
    const iso = isoOf(Number(y), Number(mo), Number(d));
    return iso ? ok({ date: iso, precision: 'day' }) : badDate(s);
  }
  if (/^\d{8}$/.test(s)) {
    const iso = isoOf(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
    return iso ? ok({ date: iso, precision: 'day' }) : badDate(s);
  }
  const month = MONTH_SEP.exec(s) ?? MONTH_ZH.exec(s) ?? (/^\d{6}$/.test(s) ? [s, s.slice(0, 4), s.slice(4)] : null);
  if (month) {
    const iso = isoOf(Number(month[1]), Number(month[2]), 1);
    return iso ? ok({ date: iso, precision: 'month' }) : badDate(s);
  }
  return badDate(s);
}

/**
 * A date cell: an Excel serial number, a JS Date (its UTC calendar day), or text in the forms people type. A number
 * that reads as YYYYMMDD or YYYYMM (20200630 typed into a General cell) is taken as that, not as a serial: such
 * serials would be centuries away.
 */
export function parseDateCell(v: string | number | Date, opts: DateCellOptions = {}): CellResult<CellDate> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return badDate('Invalid Date');
    const iso = isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
    return iso ? ok({ date: iso, precision: 'day' }) : badDate(v.toISOString());
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && (/^\d{8}$/.test(String(v)) || /^\d{6}$/.test(String(v)))) {
      const asText = parseDateText(String(v));
      if (asText.ok) return asText;
    }
    return serialToDate(v, opts);
  }
  const s = cleanText(v).replace(/\s*([-/.年月日])\s*/gu, '$1');
  if (isBlank(s)) return EMPTY;
  return parseDateText(s);
}

// ---------------------------------------------------------------------------------------------------------------
// Yes / no

const TRUE_WORDS = new Set(['是', '有', '对', '已', 'y', 'yes', 't', 'true', '1', '√', '✓', '✔', '☑']);
const FALSE_WORDS = new Set(['否', '无', '没有', '不是', '错', '未', 'n', 'no', 'f', 'false', '0', '×', '✗', '✘', 'x', '☐']);

export function parseBooleanCell(v: string | number | boolean): CellResult<boolean> {
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'number') {
    if (v === 1) return ok(true);
    if (v === 0) return ok(false);
  }
  const s = cleanText(String(v)).toLowerCase();
  if (s === '') return EMPTY;
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  if (isBlank(s)) return EMPTY;
  return fail('BAD_BOOLEAN', `“${s}” is not yes or no (是/否, Y/N, √/×, 1/0).`, `“${s}”不是“是/否”（可填是/否、Y/N、√/×、1/0）。`);
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts

const GROUPED = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

function badAmount(shown: string): CellFailure {
  return fail('BAD_AMOUNT', `“${shown}” is not an amount (e.g. 1234.50, 1,234.50, 1.2万元).`, `“${shown}”不是有效金额（如1234.50、1,234.50、1.2万元）。`);
}

/** Multiplies a plain decimal string by 10^places by moving the point, so 1.2345万 is exactly 12345. */
function shiftDecimal(digits: string, places: number): number {
  const [int = '', frac = ''] = digits.split('.');
  const moved = int + frac.padEnd(places, '0');
  const point = int.length + places;
  return Number(`${moved.slice(0, point)}.${moved.slice(point) || '0'}`);
}

/**
 * An amount in yuan: thousands separators, full-width digits, spaces, ¥/￥/RMB, a trailing 元 or 万元 (×10,000), and
 * negatives written with -, − or in parentheses. Whether a negative is allowed is the caller's decision.
 */
export function parseAmountCell(v: string | number): CellResult<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : badAmount(String(v));
  const shown = cleanText(v);
  let s = shown.replace(/\s/gu, '').replace(/\u2212/gu, '-');
  if (isBlank(s)) return EMPTY;
  let negative = false;
  const parens = /^\((.*)\)$/.exec(s);
  if (parens) {
    negative = true;
    s = parens[1]!;
  }
  let places = 0;
  let signs = 0;
  for (let changed = true; changed; ) {
    const before = s;
    s = s.replace(/^(?:¥|rmb|人民币)/iu, '').replace(/(?:元整|元)$/u, '');
    if (/万元?$/u.test(s)) {
      s = s.replace(/万元?$/u, '');
      places += 4;
    }
    if (/^[-+]/.test(s)) {
      negative = negative !== (s[0] === '-');
      signs++;
      s = s.slice(1);
    }
    changed = s !== before;
  }
  if (!GROUPED.test(s) || places > 4 || signs + (parens ? 1 : 0) > 1) return badAmount(shown);
  const value = shiftDecimal(s.replaceAll(',', ''), places);
  return ok(negative && value !== 0 ? -value : value);
}

// ---------------------------------------------------------------------------------------------------------------
// Coded lists

/**
 * Words people use for list items that neither the label nor a mechanical variant of it covers. Keys are codes of
 * the list; the matcher also tries each label without brackets and without 之/级/户/族/致贫 (see `variants`).
 */
const CODE_SYNONYMS: Partial<Record<CodeListName, Record<string, readonly string[]>>> = {
  householdType: {
    lifted: ['脱贫', '已脱贫户', '脱贫人口', '建档立卡脱贫户'],
    monitored: ['监测对象', '边缘户', '边缘易致贫户', '脱贫不稳定户', '突发严重困难户', '监测户'],
    ordinary: ['普通户', '一般农户', '非贫困户', '农户'],
  },
  povertyAttribute: {
    general: ['一般户', '一般贫困户', '一般脱贫户', '一般'],
    dibao: ['低保户', '低保', '低保贫困户', '低保脱贫户'],
    tekun: ['特困户', '特困', '特困供养户', '特困供养', '五保户', '五保', '五保贫困户', '特困人员'],
    none: ['无', '否'],
  },
  povertyCause: { other: ['其它'] },
  relation: {
    head: ['本人', '户主本人', '本人或户主'],
    spouse: ['妻', '妻子', '丈夫', '夫', '爱人', '老伴'],
    son: ['儿子', '长子', '次子', '三子', '四子', '独生子', '养子', '继子'],
    daughter: ['女儿', '长女', '次女', '三女', '四女', '独生女', '养女', '继女'],
    son_in_law: ['女婿'],
    daughter_in_law: ['儿媳', '儿媳妇', '媳妇'],
    grandchild: ['孙子', '孙女', '外孙', '外孙子', '外孙女', '孙子女', '外孙子女'],
    great_grandchild: ['曾孙', '曾孙子', '曾孙女', '曾外孙子', '曾外孙女'],
    parent: ['父亲', '母亲', '父', '母', '父母', '岳父', '岳母', '公公', '婆婆'],
    grandparent: ['祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', '姥爷', '姥姥'],
    sibling: ['兄', '弟', '姐', '妹', '兄弟', '姐妹', '哥哥', '弟弟', '姐姐', '妹妹'],
    other: ['其它'],
  },
  sex: { male: ['男性', 'm', '1'], female: ['女性', 'f', '2'] },
  ethnicity: { other: ['其他', '其它', '其它民族'] },
  education: {
    illiterate: ['文盲', '半文盲'],
    vocational: ['中专', '中职', '技校', '职高'],
    college: ['大专', '本科', '大学', '研究生', '本科及以上', '大学本科'],
    preschool: ['学龄前'],
  },
  schoolStatus: {
    preschool: ['学前', '幼儿园'],
    junior: ['初中', '七年级', '八年级', '九年级', '初一', '初二', '初三'],
    senior_1: ['高一', '高中一年级', '中职一年级'],
    senior_2: ['高二', '高中二年级', '中职二年级'],
    senior_3: ['高三', '高中三年级', '中职三年级'],
    college: ['大专', '本科', '大学', '研究生'],
    not_in_school: ['非在校', '不在校', '非在校学生', '否'],
  },
  health: { chronic: ['慢性病', '患有长期慢性病'], serious: ['患有大病', '重病'], disabled: ['残疾人'] },
  labourAbility: { weak: ['弱劳动力', '半劳动力'], none: ['无'] },
  employmentPlace: {
    none: ['无', '否', '未外出务工', '不务工'],
    township: ['乡镇内', '乡内', '本乡镇'],
    county: ['县内', '县内乡外', '县内乡镇外'],
    province: ['省内', '省内县外'],
    out_of_province: ['省外'],
  },
  // Rosters often have a yes/no column “参加城乡居民基本医疗保险”: yes there means the resident insurance.
  medicalInsurance: {
    resident: ['城乡居民医保', '居民医保', '城乡居民', '新农合', '新型农村合作医疗', '城乡居民医疗保险', '居民基本医疗保险', '是', '已参保', '参保', '参加'],
    employee: ['职工医保', '城镇职工医保', '城镇职工基本医疗保险', '职工'],
    none: ['未参加', '否', '无'],
  },
};

/** Forms of a label people shorten it to: without brackets, and without 之 before or 级/户/族/致贫 after. */
function variants(key: string): string[] {
  const out = new Set<string>();
  const unbracketed = key.replace(/\(.*?\)/gu, '');
  for (const s of [key, unbracketed]) {
    out.add(s);
    const stripped = s.replace(/^之/u, '').replace(/(?:级|户|族|致贫|返贫)$/u, '');
    out.add(stripped);
  }
  out.delete('');
  return [...out];
}

function codeKey(s: string): string {
  return cleanText(s).replace(/\s/gu, '').toLowerCase();
}

const AMBIGUOUS = Symbol('ambiguous');
type CodeIndex = { exact: Map<string, string>; loose: Map<string, string | typeof AMBIGUOUS> };
const indexes = new Map<CodeListName, CodeIndex>();

function indexOf(listName: CodeListName): CodeIndex {
  const cached = indexes.get(listName);
  if (cached) return cached;
  const exact = new Map<string, string>();
  const loose = new Map<string, string | typeof AMBIGUOUS>();
  const addLoose = (k: string, code: string) => {
    const seen = loose.get(k);
    loose.set(k, seen === undefined || seen === code ? code : AMBIGUOUS);
  };
  const items = CODE_LISTS[listName] as readonly CodeItem[];
  const synonyms = CODE_SYNONYMS[listName] ?? {};
  for (const item of items) {
    for (const k of [item.code, item.zh, item.en]) exact.set(codeKey(k), item.code);
  }
  // Synonyms are exact matches too, but never override a label of another item.
  for (const item of items) {
    for (const k of synonyms[item.code] ?? []) if (!exact.has(codeKey(k))) exact.set(codeKey(k), item.code);
  }
  for (const item of items) {
    for (const k of [item.zh, ...(synonyms[item.code] ?? [])]) for (const v of variants(codeKey(k))) addLoose(v, item.code);
  }
  const index = { exact, loose };
  indexes.set(listName, index);
  return index;
}

/** A coded list cell by code, Chinese label, English label, or a common variant (子 for 之子, A for A级（安全）…). */
export function parseCodedCell(listName: CodeListName, raw: string | number): CellResult<string> {
  const shown = cleanText(String(raw));
  const key = codeKey(shown);
  if (isBlank(key)) return EMPTY;
  const { exact, loose } = indexOf(listName);
  const direct = exact.get(key);
  if (direct !== undefined) return ok(direct);
  let found: string | typeof AMBIGUOUS | undefined;
  for (const v of variants(key)) {
    const hit = exact.get(v) ?? loose.get(v);
    if (hit === undefined) continue;
    found = found === undefined || found === hit ? hit : AMBIGUOUS;
  }
  if (typeof found === 'string') return ok(found);
  const labels = (CODE_LISTS[listName] as readonly CodeItem[]).map((i) => i.zh).join('、');
  if (found === AMBIGUOUS) {
    return fail('AMBIGUOUS_CODE', `“${shown}” fits more than one item of the list (${labels}).`, `“${shown}”可对应多个选项（${labels}），请填写完整名称。`);
  }
  return fail('UNKNOWN_CODE', `“${shown}” is not an item of the list (${labels}).`, `“${shown}”不在可选范围内（${labels}）。`);
}

// ---------------------------------------------------------------------------------------------------------------
// ID numbers

export interface IdCellFailure extends CellFailure {
  /** The first 15 digits when they can be trusted: with the name, a key to find the person despite the damage. */
  readonly prefix15: string | null;
}

export type IdCellResult = { readonly ok: true; readonly value: ParsedId } | IdCellFailure;

/** Excel keeps 15 significant digits of a number. */
const EXCEL_DIGITS = 15;

function prefixOfNumber(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  const digits = n.toPrecision(EXCEL_DIGITS).replace(/e\+\d+$/u, '').replace('.', '');
  const integerDigits = Math.floor(Math.log10(n)) + 1;
  if (integerDigits === 18) return digits.slice(0, EXCEL_DIGITS);
  if (integerDigits === 15 && Number.isInteger(n)) return idNumberPrefix15(String(n));
  return null;
}

function excelDamaged(shown: string, prefix15: string | null): IdCellFailure {
  const keep = prefix15 === null ? '' : ` Only the first 15 digits (${prefix15}) can be trusted.`;
  const keepZh = prefix15 === null ? '' : `仅前15位（${prefix15}）可信。`;
  return {
    ok: false,
    code: 'EXCEL_DAMAGED',
    reason: `ID number damaged by Excel (stored as the number ${shown}): format the column as text and re-enter it.${keep}`,
    reasonZh: `身份证号被Excel存为数字（${shown}）而损坏：请将该列设置为文本格式后重新录入。${keepZh}`,
    prefix15,
  };
}

/** Text-forcing wrappers people and exporting systems put around long numbers: '3715…, ="3715…", \t3715…. */
function unwrapForcedText(s: string): string {
  const formula = /^="(.*)"$/su.exec(s);
  if (formula) return formula[1]!;
  return s.replace(/^['`‘’]/u, '');
}

/**
 * An ID number cell. A number cell is always damaged, whatever its digits say: Excel stored it as a floating-point
 * number and an 18-digit ID has lost its last three digits (about 1 in 11 still passes the check character). Text is
 * normalised (full-width digits, lower-case x, spaces) and validated.
 */
export function parseIdCell(cell: { text?: string; number?: number }, opts: ParseIdOptions = {}): IdCellResult {
  if (cell.number !== undefined) {
    const n = cell.number;
    const shown = Number.isFinite(n) && n >= 1e15 ? n.toPrecision(EXCEL_DIGITS).replace(/\.?0+e/u, 'e').toUpperCase() : String(n);
    return excelDamaged(shown, prefixOfNumber(n));
  }
  const text = unwrapForcedText(normaliseIdNumber(cell.text ?? ''));
  const parsed = parseIdNumber(text, opts);
  if (parsed.ok) return parsed;
  const prefix15 = parsed.error.code === 'EXCEL_DAMAGED' ? idNumberPrefix15(text) : null;
  if (parsed.error.code === 'EXCEL_DAMAGED') return excelDamaged(text, prefix15);
  return { ok: false, code: parsed.error.code, reason: parsed.error.message, reasonZh: parsed.error.messageZh, prefix15 };
}
