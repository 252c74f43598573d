/**
 * Finding the header of a table people made: title rows above it, a second header row under group headings
 * (“家庭成员” over 姓名 | 身份证号 | 与户主关系), a row of column numbers under it, and columns named in many ways.
 * Works on cell text only, so it does not need merged-cell ranges (the streaming reader cannot see them): a group
 * heading is a cell of the upper row whose own lower cell is filled, and it covers the columns to its right up to
 * the next filled upper cell.
 */
import { cleanText } from '../../domain/cell-values.js';
import type { FieldCatalogue } from './fields.js';
import { cellText, columnLetter, isEmptyCell, type RawCell } from './raw-cell.js';
import type { SourceRow } from './source.js';
import type { HiddenColumns } from './xlsx-sheet.js';

export interface HeaderColumn<K extends string = string> {
  /** 0-based position in a row's cells. */
  readonly index: number;
  /** Excel's column letter (A, B, … AA). */
  readonly letter: string;
  /** The heading as shown, a group heading joined with a slash: 家庭成员/姓名. */
  readonly header: string;
  readonly field: K | null;
  /** 1 for a heading that is a known name of the field, less for a partial match, 0 when unmapped. */
  readonly confidence: number;
  /** Set by the user's mapping rather than detected. */
  readonly chosen: boolean;
  readonly hidden: boolean;
}

export interface HeaderResult<K extends string = string> {
  readonly headerRowNumbers: readonly number[];
  /** The first row that may hold data. */
  readonly dataStartRow: number;
  readonly columns: readonly HeaderColumn<K>[];
  readonly missingRequired: readonly K[];
}

export interface HeadingMatch<K extends string> {
  readonly field: K | null;
  readonly confidence: number;
  /** A heading such as 序号 that marks a header row but is not a field. */
  readonly ignored: boolean;
}

/** A heading reduced for comparison: NFKC, no spaces, no required-field stars or numbering, ASCII lower case. */
export function headerKey(text: string): string {
  return cleanText(text)
    .replace(/\s/gu, '')
    .replace(/^[*※★]+|[*※★:]+$/gu, '')
    .replace(/^(?:\d{1,2}[.、)]|\(\d{1,2}\))(?=\D)/u, '')
    .toLowerCase();
}

function unbracketed(key: string): string {
  return key.replace(/\(.*?\)|\[.*?\]|【.*?】/gu, '');
}

interface HeadingIndex<K extends string> {
  readonly exact: Map<string, K>;
  readonly ignored: Set<string>;
  /** Every name of every field, longest first, for headings that contain one. */
  readonly names: readonly (readonly [string, K])[];
}

const indexes = new WeakMap<FieldCatalogue<string>, HeadingIndex<string>>();

function indexOf<K extends string>(catalogue: FieldCatalogue<K>): HeadingIndex<K> {
  const cached = indexes.get(catalogue);
  if (cached) return cached as HeadingIndex<K>;
  const exact = new Map<string, K>();
  const names: [string, K][] = [];
  for (const f of catalogue.fields) {
    for (const name of [f.label, ...f.synonyms]) {
      for (const key of new Set([headerKey(name), unbracketed(headerKey(name))])) {
        if (key === '') continue;
        if (!exact.has(key)) exact.set(key, f.key);
        names.push([key, f.key]);
      }
    }
  }
  names.sort((a, b) => b[0].length - a[0].length);
  const index: HeadingIndex<K> = { exact, ignored: new Set(catalogue.ignoredHeadings.map(headerKey)), names };
  indexes.set(catalogue, index);
  return index;
}

const NO_MATCH = { field: null, confidence: 0, ignored: false } as const;

/** Which field a heading names: exactly, after dropping a bracketed note (身份证号码（18位）), or by containing a name. */
export function matchHeading<K extends string>(catalogue: FieldCatalogue<K>, heading: string): HeadingMatch<K> {
  const key = headerKey(heading);
  if (key === '') return NO_MATCH;
  const index = indexOf(catalogue);
  const exact = index.exact.get(key);
  if (exact) return { field: exact, confidence: 1, ignored: false };
  if (index.ignored.has(key)) return { field: null, confidence: 0, ignored: true };
  const bare = unbracketed(key);
  const loose = index.exact.get(bare);
  if (loose) return { field: loose, confidence: 0.9, ignored: false };
  // The longest name the heading contains; two fields' names of that length make it ambiguous.
  let best: readonly [string, K] | undefined;
  for (const entry of index.names) {
    if (best && entry[0].length < best[0].length) break;
    if (entry[0].length < 2 || !bare.includes(entry[0])) continue;
    if (best && best[1] !== entry[1]) return NO_MATCH;
    best = entry;
  }
  if (!best) return NO_MATCH;
  return { field: best[1], confidence: 0.5 + 0.4 * (best[0].length / bare.length), ignored: false };
}

function texts(row: SourceRow | undefined, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < width; i++) out.push(cleanText(cellText(row?.cells[i])));
  return out;
}

/** Headings of a header made of one row, or of an upper row of group headings and a lower row of field names. */
function combineHeadings(upper: string[] | undefined, lower: string[]): { shown: string[]; candidates: string[][] } {
  const shown: string[] = [];
  const candidates: string[][] = [];
  let group = '';
  for (let i = 0; i < lower.length; i++) {
    const up = upper?.[i] ?? '';
    const low = lower[i]!;
    if (up !== '') group = low !== '' ? up : '';
    if (low === '') {
      shown.push(up);
      candidates.push([up]);
    } else if (group !== '') {
      shown.push(`${group}/${low}`);
      // 帮扶责任人 over 联系电话 is the helper's phone, 户主 over 姓名 the head's name.
      candidates.push([group + low, low]);
    } else {
      shown.push(low);
      candidates.push([low]);
    }
  }
  return { shown, candidates };
}

interface Candidate<K extends string> {
  readonly rows: readonly SourceRow[];
  readonly shown: readonly string[];
  readonly matches: readonly HeadingMatch<K>[];
  /** Columns whose heading names a field or is a known non-field heading, before each field is given to one. */
  readonly recognised: number;
  readonly score: number;
}

/** Assigns each field to at most one column, the best-matching (leftmost on a tie). */
function assignFields<K extends string>(catalogue: FieldCatalogue<K>, candidates: string[][]): { matches: HeadingMatch<K>[]; recognised: number } {
  const raw = candidates.map((names) => {
    for (const name of names) {
      const m = matchHeading(catalogue, name);
      if (m.field !== null || m.ignored) return m;
    }
    return NO_MATCH as HeadingMatch<K>;
  });
  const order = raw.map((m, i) => i).sort((a, b) => raw[b]!.confidence - raw[a]!.confidence || a - b);
  const taken = new Set<K>();
  const out = [...raw];
  for (const i of order) {
    const f = raw[i]!.field;
    if (f === null) continue;
    if (taken.has(f)) out[i] = NO_MATCH as HeadingMatch<K>;
    else taken.add(f);
  }
  return { matches: out, recognised: raw.filter((m) => m.field !== null || m.ignored).length };
}

function candidate<K extends string>(catalogue: FieldCatalogue<K>, rows: readonly SourceRow[]): Candidate<K> {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const lower = texts(rows[rows.length - 1], width);
  const upper = rows.length > 1 ? texts(rows[0], width) : undefined;
  const { shown, candidates } = combineHeadings(upper, lower);
  const { matches, recognised } = assignFields(catalogue, candidates);
  const score = matches.reduce((s, m) => s + (m.field !== null ? m.confidence : m.ignored ? 0.5 : 0), 0);
  return { rows, shown, matches, recognised, score };
}

/** A row such as 1 | 2 | 3 | … (栏次) that numbers the columns under the header. */
function isColumnNumbers(row: SourceRow): boolean {
  const values = row.cells.filter((c) => !isEmptyCell(c)).map((c) => cleanText(cellText(c)));
  if (values.length < 3) return false;
  if (values[0] === '栏次' || values[0] === '栏号') return true;
  return values.every((v, i) => i === 0 || Number(v) === Number(values[i - 1]) + 1) && /^\d+$/.test(values[0]!);
}

function isHidden(hidden: HiddenColumns, index: number): boolean {
  return hidden.some((r) => index >= r.from && index <= r.to);
}

function result<K extends string>(catalogue: FieldCatalogue<K>, best: Candidate<K>, rows: readonly SourceRow[], hidden: HiddenColumns): HeaderResult<K> {
  const last = best.rows[best.rows.length - 1]!;
  const after = rows.find((r) => r.rowNumber > last.rowNumber);
  const dataStartRow = after && isColumnNumbers(after) ? after.rowNumber + 1 : last.rowNumber + 1;
  const columns = best.shown.map((header, index) => {
    const m = best.matches[index]!;
    return { index, letter: columnLetter(index), header, field: m.field, confidence: m.field === null ? 0 : Math.round(m.confidence * 100) / 100, chosen: false, hidden: isHidden(hidden, index) };
  });
  return { headerRowNumbers: best.rows.map((r) => r.rowNumber), dataStartRow, columns, missingRequired: missingRequired(catalogue, columns) };
}

export function missingRequired<K extends string>(catalogue: FieldCatalogue<K>, columns: readonly HeaderColumn<K>[]): K[] {
  const mapped = new Set(columns.map((c) => c.field));
  return catalogue.fields.filter((f) => f.required && !mapped.has(f.key)).map((f) => f.key);
}

/**
 * Whether a candidate looks like a header at all: mostly headings, naming at least two fields, and either three or
 * nothing but headings, so a data row holding 户主 and 低保 is not taken for one.
 */
function isPlausible<K extends string>(c: Candidate<K>): boolean {
  const filled = c.shown.filter((h) => h !== '').length;
  const fields = c.matches.filter((m) => m.field !== null).length;
  return fields >= 2 && c.recognised * 2 >= filled && (fields >= 3 || c.recognised === filled);
}

export interface DetectHeaderOptions {
  readonly hidden?: HiddenColumns;
  /** The user's choice of header row(s), one or two adjacent rows, instead of detection. */
  readonly headerRows?: readonly number[];
}

/**
 * The header among the first rows of a sheet (non-empty rows, in order), or null when no row names enough fields.
 * Every row, and every pair of adjacent rows, is scored by the fields its headings name; the best wins, a single
 * row on a tie.
 */
export function detectHeader<K extends string>(rows: readonly SourceRow[], catalogue: FieldCatalogue<K>, opts: DetectHeaderOptions = {}): HeaderResult<K> | null {
  const hidden = opts.hidden ?? [];
  if (opts.headerRows && opts.headerRows.length > 0) {
    const chosen = opts.headerRows.map((n) => rows.find((r) => r.rowNumber === n) ?? { rowNumber: n, cells: [] });
    return result(catalogue, candidate(catalogue, chosen), rows, hidden);
  }
  let best: Candidate<K> | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const single = candidate(catalogue, [row]);
    const prev = rows[i - 1];
    const options = [single];
    if (prev && prev.rowNumber === row.rowNumber - 1 && prev.cells.filter((c) => !isEmptyCell(c)).length >= 2) {
      options.push(candidate(catalogue, [prev, row]));
    }
    for (const c of options) if (isPlausible(c) && (!best || c.score > best.score + 1e-9)) best = c;
  }
  return best ? result(catalogue, best, rows, hidden) : null;
}

const TOTALS = /^(?:合计|总计|小计|共计|累计|总数|汇总)/u;
const NOTES = /^(?:备注|注:|注\d|注$|注意|说明|填表说明|填表人|填报人|审核人|审核|制表|统计人|负责人|单位负责人|分管领导|联系人:|填表日期|填报日期|报送日期|填报单位|制表日期)/u;

/** First characters of every word TOTALS and NOTES match: any other start needs no normalisation to rule out. */
const NOTE_STARTS = new Set('合总小共累汇备注说填审制统负单分联报');

/** A row to pass over: empty, a totals row (合计…), or a note or signature line (注：…, 填表人：…). */
export function isNotesOrTotalsRow(cells: readonly RawCell[]): boolean {
  const first = cells.find((c) => !isEmptyCell(c));
  if (!first) return true;
  if (first.type !== 'text') return false;
  const lead = first.text.trimStart().charAt(0);
  if (/[\p{L}\p{N}]/u.test(lead) && !NOTE_STARTS.has(lead)) return false;
  const text = cleanText(first.text).replace(/\s/gu, '');
  return TOTALS.test(text) || NOTES.test(text);
}
