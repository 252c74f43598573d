/**
 * Scanners for the two large parts of an .xlsx, the sheet data and the shared strings, over their streamed bytes.
 *
 * ExcelJS's streaming reader (saxes plus a Row/Cell object per cell) reads a 25-column roster at about 18,000 rows/s;
 * saxes alone needs 4.7 s for 200,000 such rows. Cutting the bytes at </row> and walking each row's cells byte by byte
 * reads the same file several times faster. The sheet format is regular enough for this: rows do not nest, text never
 * holds a raw '<', and a cell's attributes never contain '>'. Every delimiter is ASCII, so the UTF-8 bytes are scanned
 * as they inflate and only the values kept are decoded: a shared-string index or a plain number is read from its
 * digits without making a string, anything else (formulas, inline strings, entities) is decoded and read as text.
 */
import { EMPTY_CELL, textCell, UNCACHED_FORMULA, type RawCell } from './raw-cell.js';
import { StringStore, type StringTable } from './string-store.js';
import { decodeXml, runText, unescapeOoxml } from './xml.js';

export interface ScannedRow {
  readonly rowNumber: number;
  readonly cells: RawCell[];
}

/** Column ranges (0-based, inclusive) the sheet marks hidden. */
export type HiddenColumns = readonly { readonly from: number; readonly to: number }[];

export interface SheetContext {
  readonly sharedStrings: StringTable;
  /** For each style index, whether its number format shows a date. */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

export class SheetFormatError extends Error {
  override readonly name = 'SheetFormatError';
}

/** Tag names of one sheet, with the namespace prefix its writer used (usually none). */
interface Tags {
  readonly cellOpen: string;
  readonly cellClose: string;
  readonly valueOpen: string;
  readonly valueClose: string;
  readonly formulaOpen: string;
  readonly formulaClose: string;
}

function tagsFor(prefix: string): Tags {
  return {
    cellOpen: `<${prefix}c`,
    cellClose: `</${prefix}c>`,
    valueOpen: `<${prefix}v`,
    valueClose: `</${prefix}v>`,
    formulaOpen: `<${prefix}f`,
    formulaClose: `</${prefix}f>`,
  };
}

/** The same tags as bytes, for the scanner; `text` for the cells it hands to the text functions. */
interface ByteTags {
  readonly text: Tags;
  readonly cellOpen: Buffer;
  readonly cellClose: Buffer;
  readonly valueOpen: Buffer;
  readonly valueClose: Buffer;
}

function byteTagsFor(prefix: string): ByteTags {
  const text = tagsFor(prefix);
  return {
    text,
    cellOpen: Buffer.from(text.cellOpen, 'latin1'),
    cellClose: Buffer.from(text.cellClose, 'latin1'),
    valueOpen: Buffer.from(text.valueOpen, 'latin1'),
    valueClose: Buffer.from(text.valueClose, 'latin1'),
  };
}

const MAX_COLUMN_INDEX = 16_383;

const LT = 60;
const GT = 62;
const SLASH = 47;
const COLON = 58;
const EQUALS = 61;

/** After a tag name: whitespace, '>' or '/' (so <c does not match <col). */
function endsName(code: number | undefined): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

function isSpace(code: number | undefined): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Whether `pattern` is at `at` in buf, wholly before `to`. */
function startsAt(buf: Buffer, at: number, pattern: Buffer, to: number): boolean {
  const n = pattern.length;
  if (at + n > to) return false;
  for (let k = 0; k < n; k++) if (buf[at + k] !== pattern[k]) return false;
  return true;
}

/** The first `pattern` wholly in buf[from, to), or -1. Patterns here start with '<', which is usually right there. */
function find(buf: Buffer, pattern: Buffer, from: number, to: number): number {
  const first = pattern[0];
  const last = to - pattern.length;
  for (let i = from; i <= last; i++) if (buf[i] === first && startsAt(buf, i, pattern, to)) return i;
  return -1;
}

function findByte(buf: Buffer, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i] === byte) return i;
  return -1;
}

/** The text of buf[from, to) as a number, as Number() reads it: digits are summed without making a string. */
function numberAt(buf: Buffer, from: number, to: number): number {
  if (to > from && to - from <= 15) {
    let n = 0;
    let i = from;
    for (; i < to; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === to) return n;
  }
  return Number(buf.toString('utf8', from, to));
}

/** Whether buf[from, to) holds only ASCII digits (1 to 15 of them): an exact integer. */
function digitsOnly(buf: Buffer, from: number, to: number): boolean {
  if (to <= from || to - from > 15) return false;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Where the r, s and t attributes of a cell (or row) start tag are, set by `readTagAttributes` (start -1 when
 * absent); reused to spare allocations.
 */
const attrs = { r: -1, rEnd: -1, s: -1, sEnd: -1, t: -1, tEnd: -1 };

/** Reads name="value" / name='value' pairs in buf[from, to) with any spacing, keeping the one-letter names a cell uses. */
function readTagAttributes(buf: Buffer, from: number, to: number): void {
  attrs.r = attrs.s = attrs.t = -1;
  let i = from;
  while (i < to) {
    while (i < to && isSpace(buf[i])) i++;
    const nameStart = i;
    while (i < to && buf[i] !== EQUALS && !isSpace(buf[i])) i++;
    const nameEnd = i;
    while (i < to && isSpace(buf[i])) i++;
    if (i >= to || buf[i] !== EQUALS) return;
    i++;
    while (i < to && isSpace(buf[i])) i++;
    const quote = i < to ? buf[i] : -1;
    if (quote !== 34 && quote !== 39) return;
    const valueEnd = findByte(buf, quote, i + 1, to);
    if (valueEnd < 0) return;
    if (nameEnd - nameStart === 1) {
      const c = buf[nameStart];
      if (c === 114) {
        attrs.r = i + 1;
        attrs.rEnd = valueEnd;
      } else if (c === 115) {
        attrs.s = i + 1;
        attrs.sEnd = valueEnd;
      } else if (c === 116) {
        attrs.t = i + 1;
        attrs.tEnd = valueEnd;
      }
    }
    i = valueEnd + 1;
  }
}

/** The 0-based column of a reference such as AB12 in buf[from, to), or -1 when it has no column letters. */
function columnIndex(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    let c = buf[i]!;
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Text content of the first child element opened by `open` in a cell's body, or undefined. */
function childText(body: string, open: string, close: string): string | undefined {
  let i = body.indexOf(open);
  while (i >= 0 && !endsName(body.charCodeAt(i + open.length))) i = body.indexOf(open, i + 1);
  if (i < 0) return undefined;
  const tagEnd = body.indexOf('>', i);
  if (body.charCodeAt(tagEnd - 1) === 47) return '';
  const end = body.indexOf(close, tagEnd);
  return end < 0 ? undefined : body.slice(tagEnd + 1, end);
}

function cellValue(type: string, style: number, body: string, tags: Tags, ctx: SheetContext): RawCell {
  if (type === 'inlineStr') return textCell(runText(body));
  const f = childText(body, tags.formulaOpen, tags.formulaClose);
  const formula = f === undefined ? undefined : decodeXml(f);
  const text = childText(body, tags.valueOpen, tags.valueClose);
  if (text === undefined || text === '') return formula === undefined ? EMPTY_CELL : { type: 'error', error: UNCACHED_FORMULA, formula };
  const cell = typedValue(type, style, text, ctx);
  return formula === undefined || cell.type === 'empty' ? cell : { ...cell, formula };
}

function typedValue(type: string, style: number, text: string, ctx: SheetContext): RawCell {
  switch (type) {
    case 's': {
      const s = ctx.sharedStrings.get(Number(text));
      if (s === undefined) throw new SheetFormatError(`shared string ${text} does not exist`);
      return textCell(s);
    }
    case 'str':
      return textCell(unescapeOoxml(decodeXml(text)));
    case 'b':
      return { type: 'boolean', value: text.trim() === '1' || text.trim() === 'true' };
    case 'e':
      return { type: 'error', error: decodeXml(text) };
    case 'd': {
      const ms = Date.parse(text.length <= 10 ? `${text}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
      if (Number.isNaN(ms)) return { type: 'text', text };
      return { type: 'date', serial: ms / 86_400_000 + 25_569 - (ctx.date1904 ? 1462 : 0) };
    }
    default: {
      const n = text.trim() === '' ? Number.NaN : Number(text);
      if (Number.isNaN(n)) return { type: 'error', error: '#VALUE!' };
      return ctx.dateStyles[style] ? { type: 'date', serial: n } : { type: 'number', number: n };
    }
  }
}

/** A cell's t attribute: absent or "n" (a number), "s" (a shared string), or any other (read as text by `typedValue`). */
const TYPE_NUMBER = 0;
const TYPE_SHARED = 1;
const TYPE_OTHER = 2;

/**
 * Reads the cells of one sheet's rows. Shared-string cells are remembered by index in a small direct-mapped table: a
 * coded column ('汉族', '是') repeats a few strings down the whole sheet, and their cells are then one object each
 * rather than one per row (cells are never modified).
 */
class CellScanner {
  private readonly cachedIndex = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly cachedCell: RawCell[] = new Array<RawCell>(CACHE_SLOTS).fill(EMPTY_CELL);
  private readonly scratch: RawCell[] = [];

  constructor(
    private readonly ctx: SheetContext,
    readonly tags: ByteTags,
  ) {}

  private shared(index: number, buf: Buffer, from: number, to: number): RawCell {
    const slot = index & (CACHE_SLOTS - 1);
    if (this.cachedIndex[slot] === index) return this.cachedCell[slot]!;
    const s = this.ctx.sharedStrings.get(index);
    if (s === undefined) throw new SheetFormatError(`shared string ${buf.toString('utf8', from, to)} does not exist`);
    const cell = textCell(s);
    this.cachedIndex[slot] = index;
    this.cachedCell[slot] = cell;
    return cell;
  }

  /** The cells of one row, buf[from, to) being its XML from just after <row …> to the end of </row>, dense from column A. */
  cells(buf: Buffer, from: number, to: number): RawCell[] {
    const { ctx, tags } = this;
    const { cellOpen, cellClose, valueOpen, valueClose } = tags;
    // Cells are placed in a scratch array and copied out once: pushing them one by one grows the array several times.
    const cells = this.scratch;
    let width = 0;
    let next = 0;
    let i = find(buf, cellOpen, from, to);
    while (i >= 0) {
      if (!endsName(buf[i + cellOpen.length])) {
        i = find(buf, cellOpen, i + 1, to);
        continue;
      }
      const tagEnd = findByte(buf, GT, i, to);
      if (tagEnd < 0) throw new SheetFormatError('unterminated cell tag');
      const selfClosing = buf[tagEnd - 1] === SLASH;
      readTagAttributes(buf, i + cellOpen.length, selfClosing ? tagEnd - 1 : tagEnd);
      // The r attribute is optional: without it a cell follows the previous one.
      const at = attrs.r < 0 ? -1 : columnIndex(buf, attrs.r, attrs.rEnd);
      const col = at < 0 ? next : at;
      // Beyond XFD, the last column Excel has: a made-up reference must not make the row array huge.
      if (col > MAX_COLUMN_INDEX) throw new SheetFormatError(`cell reference ${buf.toString('utf8', attrs.r, attrs.rEnd)} is beyond column XFD`);
      next = col + 1;
      let value: RawCell = EMPTY_CELL;
      if (selfClosing) {
        i = find(buf, cellOpen, tagEnd, to);
      } else {
        const styleIndex = attrs.s < 0 ? 0 : numberAt(buf, attrs.s, attrs.sEnd);
        const tFrom = attrs.t;
        const tTo = attrs.tEnd;
        const type = tFrom < 0 || (tTo - tFrom === 1 && buf[tFrom] === 110) ? TYPE_NUMBER : tTo - tFrom === 1 && buf[tFrom] === 115 ? TYPE_SHARED : TYPE_OTHER;
        // Nearly every cell's body is just <v>text</v>: read it in place (no formula, no other element to look for).
        let plainEnd = -1;
        let start = tagEnd + 1;
        let lt = -1;
        if (startsAt(buf, start, valueOpen, to) && buf[start + valueOpen.length] === GT) {
          start += valueOpen.length + 1;
          lt = findByte(buf, LT, start, to);
          if (lt > start && startsAt(buf, lt, valueClose, to) && startsAt(buf, lt + valueClose.length, cellClose, to)) plainEnd = lt + valueClose.length;
        }
        const typeText = type === TYPE_OTHER ? buf.toString('utf8', tFrom, tTo) : '';
        if (plainEnd >= 0 && typeText !== 'inlineStr') {
          if (type === TYPE_SHARED && digitsOnly(buf, start, lt)) value = this.shared(numberAt(buf, start, lt), buf, start, lt);
          else if (type === TYPE_NUMBER && digitsOnly(buf, start, lt)) {
            const n = numberAt(buf, start, lt);
            value = ctx.dateStyles[styleIndex] ? { type: 'date', serial: n } : { type: 'number', number: n };
          } else value = typedValue(type === TYPE_NUMBER ? 'n' : type === TYPE_SHARED ? 's' : typeText, styleIndex, buf.toString('utf8', start, lt), ctx);
          i = find(buf, cellOpen, plainEnd + cellClose.length, to);
        } else {
          const end = find(buf, cellClose, tagEnd, to);
          if (end < 0) throw new SheetFormatError('unterminated cell');
          value = cellValue(type === TYPE_NUMBER ? 'n' : type === TYPE_SHARED ? 's' : typeText, styleIndex, buf.toString('utf8', tagEnd + 1, end), tags.text, ctx);
          i = find(buf, cellOpen, end + cellClose.length, to);
        }
      }
      if (value === EMPTY_CELL) continue;
      while (width < col) cells[width++] = EMPTY_CELL;
      cells[col] = value;
      if (col >= width) width = col + 1;
    }
    return cells.slice(0, width);
  }
}

/** Slots of the shared-cell table (a power of two). */
const CACHE_SLOTS = 1 << 14;

/** Hidden column ranges declared in the text before <sheetData>. */
export function hiddenColumnsOf(prefixXml: string): HiddenColumns {
  const out: { from: number; to: number }[] = [];
  for (const m of prefixXml.matchAll(/<(?:[\w.-]+:)?col\b([^>]*)>/g)) {
    const attrs = m[1]!;
    if (!/\bhidden\s*=\s*["'](?:1|true)["']/.test(attrs)) continue;
    const min = Number(/\bmin\s*=\s*["'](\d+)["']/.exec(attrs)?.[1]);
    const max = Number(/\bmax\s*=\s*["'](\d+)["']/.exec(attrs)?.[1] ?? min);
    if (Number.isInteger(min) && min >= 1) out.push({ from: min - 1, to: Math.max(min, max) - 1 });
  }
  return out;
}

/** How much of the text before the first row is kept for the <cols> scan. */
const PREFIX_LIMIT = 4 * 1024 * 1024;

/** [\w.-]: a character of a namespace prefix. */
function isNameByte(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45);
}

/**
 * Complete elements of one local name in a chunk of bytes: `spans` holds three numbers for each, the offset of its
 * '<', of the '>' ending its start tag, and just past its end (its end tag, or the start tag when it closes itself).
 */
interface ElementBatch {
  readonly buf: Buffer;
  readonly spans: readonly number[];
  /** The namespace prefix of the first element's name ('' or e.g. 'x:'): the end tag looked for. */
  readonly prefix: string;
}

/**
 * The start of the next start tag with this local name and any prefix (/<([\w.-]+:)?name(?=[\s/>])/) at or after
 * `pos`, or -1 when none is complete in buf; `foundPrefix` gets its prefix's length.
 */
let foundPrefix = 0;

function findStart(buf: Buffer, pos: number, name: Buffer): number {
  const n = buf.length;
  // The next element usually starts right where the last one ended.
  for (let i = buf[pos] === LT ? pos : buf.indexOf(LT, pos); i >= 0; i = buf.indexOf(LT, i + 1)) {
    let j = i + 1;
    while (j < n && isNameByte(buf[j])) j++;
    if (j > i + 1 && j < n && buf[j] === COLON && nameFollows(buf, j + 1, name)) {
      foundPrefix = j + 1 - (i + 1);
      return i;
    }
    if (nameFollows(buf, i + 1, name)) {
      foundPrefix = 0;
      return i;
    }
  }
  return -1;
}

/** The local name at `at`, followed by whitespace, '/' or '>'. */
function nameFollows(buf: Buffer, at: number, name: Buffer): boolean {
  if (!startsAt(buf, at, name, buf.length)) return false;
  const k = at + name.length;
  if (k >= buf.length) return false;
  const c = buf[k]!;
  if (c === SLASH || c === GT || c === 32 || (c >= 9 && c <= 13)) return true;
  // \s beyond ASCII (a no-break space, an ideographic space…), as the regular expression on decoded text saw it.
  return c >= 0x80 && /^\s/u.test(buf.toString('utf8', k, Math.min(buf.length, k + 4)));
}

/** How far the end tag is looked for byte by byte before Buffer.indexOf (a native call, worth it only for a long element). */
const NEAR = 64;

/** The first `pattern` in buf at or after `from`, or -1. */
function findFrom(buf: Buffer, pattern: Buffer, from: number): number {
  const near = find(buf, pattern, from, Math.min(buf.length, from + NEAR + pattern.length));
  if (near >= 0 || from + NEAR + pattern.length >= buf.length) return near;
  return buf.indexOf(pattern, from + NEAR + 1);
}

/**
 * Cuts streamed bytes into complete elements with this local name (ending at their end tag, or self-closing), a
 * batch per chunk, keeping the unfinished tail for the next chunk. `onPrefix` gets the text before the first element.
 * Each chunk is copied after the tail into one working buffer, reused: a fresh buffer per chunk costs more in page
 * faults than the copy. A batch's bytes are therefore valid only until the next batch is asked for.
 */
async function* elementBatches(chunks: AsyncIterable<Buffer>, localName: string, onPrefix?: (prefix: string) => void): AsyncGenerator<ElementBatch> {
  const name = Buffer.from(localName, 'latin1');
  let prefix: string | undefined;
  let close = Buffer.alloc(0);
  let work = Buffer.allocUnsafe(0);
  let tailLength = 0;
  // Bytes before the first element that have already left the buffer; bounded, as only its <cols> matter.
  const before: Buffer[] = [];
  let beforeBytes = 0;
  const prefixText = (upTo: Buffer) => Buffer.concat([...before, upTo]).toString('utf8');
  for await (const chunk of chunks) {
    const length = tailLength + chunk.length;
    if (length > work.length) {
      const grown = Buffer.allocUnsafe(Math.max(length, work.length * 2));
      work.copy(grown, 0, 0, tailLength);
      work = grown;
    }
    chunk.copy(work, tailLength);
    const buf = work.subarray(0, length);
    const spans: number[] = [];
    let pos = 0;
    for (;;) {
      const o = findStart(buf, pos, name);
      if (o < 0) {
        // Keep enough of the tail that a start tag split across chunks is found next time.
        pos = Math.max(pos, buf.length - name.length - 32);
        break;
      }
      if (prefix === undefined) {
        prefix = buf.toString('latin1', o + 1, o + 1 + foundPrefix);
        close = Buffer.from(`</${prefix}${localName}>`, 'latin1');
        onPrefix?.(prefixText(buf.subarray(0, o)));
        before.length = 0;
      }
      const tagEnd = findByte(buf, GT, o, buf.length);
      if (tagEnd < 0) {
        pos = o;
        break;
      }
      if (buf[tagEnd - 1] === SLASH) {
        spans.push(o, tagEnd, tagEnd + 1);
        pos = tagEnd + 1;
        continue;
      }
      const end = findFrom(buf, close, tagEnd);
      if (end < 0) {
        pos = o;
        break;
      }
      spans.push(o, tagEnd, end + close.length);
      pos = end + close.length;
    }
    if (prefix === undefined && beforeBytes < PREFIX_LIMIT && pos > 0) {
      before.push(Buffer.from(buf.subarray(0, pos)));
      beforeBytes += pos;
    }
    if (spans.length > 0) yield { buf, spans, prefix: prefix! };
    // The batch has been read: its bytes may now be overwritten.
    tailLength = length - pos;
    work.copyWithin(0, pos, length);
  }
  if (prefix === undefined) onPrefix?.(prefixText(work.subarray(0, tailLength)));
}

/**
 * Rows of a sheet's XML as they stream in, a batch per inflated chunk; empty rows included (the caller decides when
 * a sheet has ended). `onPrefix` gets the XML before the first row, where <cols> declares hidden columns.
 */
export async function* scanSheetRows(chunks: AsyncIterable<Buffer>, ctx: SheetContext, onPrefix: (prefix: string) => void): AsyncGenerator<ScannedRow[]> {
  let previous = 0;
  let scanner: CellScanner | undefined;
  for await (const { buf, spans, prefix } of elementBatches(chunks, 'row', onPrefix)) {
    if (scanner === undefined) scanner = new CellScanner(ctx, byteTagsFor(prefix));
    const rows: ScannedRow[] = [];
    for (let k = 0; k < spans.length; k += 3) {
      const start = spans[k]!;
      const tagEnd = spans[k + 1]!;
      const end = spans[k + 2]!;
      const selfClosing = buf[tagEnd - 1] === SLASH;
      readTagAttributes(buf, start + prefix.length + 4, selfClosing ? tagEnd - 1 : tagEnd);
      // The r attribute is optional too: without it a row follows the previous one.
      const rowNumber = attrs.r < 0 ? previous + 1 : numberAt(buf, attrs.r, attrs.rEnd);
      previous = rowNumber;
      rows.push({ rowNumber, cells: selfClosing ? [] : scanner.cells(buf, tagEnd + 1, end) });
    }
    yield rows;
  }
}

const SIMPLE_SI_OPEN = Buffer.from('<si><t>', 'latin1');
const SIMPLE_SI_CLOSE = Buffer.from('</t></si>', 'latin1');

/** The shared strings, flattened to plain text (rich-text runs joined, phonetic guides left out). */
export async function scanSharedStrings(chunks: AsyncIterable<Buffer>): Promise<StringTable> {
  const store = new StringStore();
  for await (const { buf, spans } of elementBatches(chunks, 'si')) {
    for (let k = 0; k < spans.length; k += 3) {
      const start = spans[k]!;
      const end = spans[k + 2]!;
      // Most are <si><t>text</t></si>: decode just the text (runText would find the same).
      const textStart = start + SIMPLE_SI_OPEN.length;
      const textEnd = end - SIMPLE_SI_CLOSE.length;
      if (textEnd >= textStart && startsAt(buf, start, SIMPLE_SI_OPEN, end) && startsAt(buf, textEnd, SIMPLE_SI_CLOSE, end) && findByte(buf, LT, textStart, textEnd) < 0) {
        store.push(unescapeOoxml(decodeXml(buf.toString('utf8', textStart, textEnd))));
      } else store.push(runText(buf.toString('utf8', start, end)));
    }
  }
  store.seal();
  return store;
}
