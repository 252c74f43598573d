/**
 * Scanners for the two large parts of an .xlsx, the sheet data and the shared strings, over their streamed text.
 *
 * ExcelJS's streaming reader (saxes plus a Row/Cell object per cell) reads a 25-column roster at about 18,000 rows/s;
 * saxes alone needs 4.7 s for 200,000 such rows. Cutting the text at </row> and finding cells and values with
 * indexOf reads the same file at well over the 50,000 rows/s the importer needs. The sheet format is regular enough
 * for this: rows do not nest, text never holds a raw '<', and a cell's attributes never contain '>'.
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

const PLAIN_TAGS = tagsFor('');
const MAX_COLUMN_INDEX = 16_383;

/** The 0-based column of a reference such as AB12, or -1 when it has no column letters. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** After a tag name: whitespace, '>' or '/' (so <c does not match <col). */
function endsName(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** The r, s and t attributes of a cell (or row) start tag, set by `readTagAttributes`; reused to spare allocations. */
const tagAttrs = { r: undefined as string | undefined, s: undefined as string | undefined, t: undefined as string | undefined };

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Reads name="value" / name='value' pairs with any spacing, keeping the one-letter names a cell uses. */
function readTagAttributes(tag: string): void {
  tagAttrs.r = tagAttrs.s = tagAttrs.t = undefined;
  const n = tag.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < n && tag.charCodeAt(i) !== 61 && !isSpace(tag.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (tag.charCodeAt(i) !== 61) return;
    i++;
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") return;
    const valueEnd = tag.indexOf(quote, i + 1);
    if (valueEnd < 0) return;
    if (nameEnd - nameStart === 1) {
      const c = tag.charCodeAt(nameStart);
      const value = tag.slice(i + 1, valueEnd);
      if (c === 114) tagAttrs.r = value;
      else if (c === 115) tagAttrs.s = value;
      else if (c === 116) tagAttrs.t = value;
    }
    i = valueEnd + 1;
  }
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

/**
 * The text of a cell body (xml from `from` to `end`) that is exactly <v>text</v> with non-empty text, or undefined
 * for any other body (a formula, an empty or self-closing value, attributes, anything else), left to `cellValue`.
 */
function plainValue(xml: string, from: number, end: number, tags: Tags): string | undefined {
  const open = tags.valueOpen;
  if (!xml.startsWith(open, from) || xml.charCodeAt(from + open.length) !== 62) return undefined;
  const start = from + open.length + 1;
  const lt = xml.indexOf('<', start);
  if (lt <= start || lt + tags.valueClose.length !== end || !xml.startsWith(tags.valueClose, lt)) return undefined;
  return xml.slice(start, lt);
}

/** The cells of one row's XML (from just after <row …> to </row>), dense from column A. */
export function scanRowCells(xml: string, ctx: SheetContext, tags: Tags = PLAIN_TAGS): RawCell[] {
  const cells: RawCell[] = [];
  let next = 0;
  let i = xml.indexOf(tags.cellOpen);
  while (i >= 0) {
    if (!endsName(xml.charCodeAt(i + tags.cellOpen.length))) {
      i = xml.indexOf(tags.cellOpen, i + 1);
      continue;
    }
    const tagEnd = xml.indexOf('>', i);
    if (tagEnd < 0) throw new SheetFormatError('unterminated cell tag');
    readTagAttributes(xml.slice(i + tags.cellOpen.length, xml.charCodeAt(tagEnd - 1) === 47 ? tagEnd - 1 : tagEnd));
    const { r: ref, s: style, t: type } = tagAttrs;
    // The r attribute is optional: without it a cell follows the previous one.
    const at = ref === undefined ? -1 : columnIndex(ref);
    const col = at < 0 ? next : at;
    // Beyond XFD, the last column Excel has: a made-up reference must not make the row array huge.
    if (col > MAX_COLUMN_INDEX) throw new SheetFormatError(`cell reference ${ref} is beyond column XFD`);
    next = col + 1;
    let value: RawCell = EMPTY_CELL;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      i = xml.indexOf(tags.cellOpen, tagEnd);
    } else {
      const end = xml.indexOf(tags.cellClose, tagEnd);
      if (end < 0) throw new SheetFormatError('unterminated cell');
      const t = type ?? 'n';
      const styleIndex = style === undefined ? 0 : Number(style);
      // Nearly every cell's body is just <v>text</v>: read it in place (no formula, no other element to look for).
      const text = t === 'inlineStr' ? undefined : plainValue(xml, tagEnd + 1, end, tags);
      value = text === undefined ? cellValue(t, styleIndex, xml.slice(tagEnd + 1, end), tags, ctx) : typedValue(t, styleIndex, text, ctx);
      i = xml.indexOf(tags.cellOpen, end + tags.cellClose.length);
    }
    if (value === EMPTY_CELL) continue;
    while (cells.length < col) cells.push(EMPTY_CELL);
    cells[col] = value;
  }
  return cells;
}

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

/** A complete element's text and the namespace prefix of its name ('' or e.g. 'x:'). */
interface Element {
  readonly xml: string;
  readonly prefix: string;
}

/**
 * Cuts streamed text into complete elements with this local name (ending at their end tag, or self-closing), a
 * batch per chunk, keeping the unfinished tail for the next chunk. `onPrefix` gets the text before the first element.
 */
async function* elementBatches(chunks: AsyncIterable<string>, name: string, onPrefix?: (prefix: string) => void): AsyncGenerator<Element[]> {
  const open = new RegExp(`<([\\w.-]+:)?${name}(?=[\\s/>])`, 'g');
  let prefix: string | undefined;
  let close = '';
  let buf = '';
  // Text before the first element that has already left the buffer; bounded, as only its <cols> matter.
  let before = '';
  for await (const chunk of chunks) {
    buf += chunk;
    const batch: Element[] = [];
    let pos = 0;
    for (;;) {
      open.lastIndex = pos;
      const o = open.exec(buf);
      if (!o) {
        // Keep enough of the tail that a start tag split across chunks is found next time.
        pos = Math.max(pos, buf.length - name.length - 32);
        break;
      }
      if (prefix === undefined) {
        prefix = o[1] ?? '';
        close = `</${prefix}${name}>`;
        onPrefix?.(before + buf.slice(0, o.index));
        before = '';
      }
      const tagEnd = buf.indexOf('>', o.index);
      if (tagEnd < 0) {
        pos = o.index;
        break;
      }
      if (buf.charCodeAt(tagEnd - 1) === 47) {
        batch.push({ xml: buf.slice(o.index, tagEnd + 1), prefix });
        pos = tagEnd + 1;
        continue;
      }
      const end = buf.indexOf(close, tagEnd);
      if (end < 0) {
        pos = o.index;
        break;
      }
      batch.push({ xml: buf.slice(o.index, end + close.length), prefix });
      pos = end + close.length;
    }
    if (prefix === undefined && before.length < PREFIX_LIMIT) before += buf.slice(0, pos);
    buf = buf.slice(pos);
    if (batch.length > 0) yield batch;
  }
  if (prefix === undefined) onPrefix?.(before + buf);
}

/**
 * Rows of a sheet's XML as they stream in, a batch per inflated chunk; empty rows included (the caller decides when
 * a sheet has ended). `onPrefix` gets the XML before the first row, where <cols> declares hidden columns.
 */
export async function* scanSheetRows(chunks: AsyncIterable<string>, ctx: SheetContext, onPrefix: (prefix: string) => void): AsyncGenerator<ScannedRow[]> {
  let previous = 0;
  let tags = PLAIN_TAGS;
  for await (const batch of elementBatches(chunks, 'row', onPrefix)) {
    const rows: ScannedRow[] = [];
    for (const { xml, prefix } of batch) {
      if (prefix !== '' && tags.cellOpen !== `<${prefix}c`) tags = tagsFor(prefix);
      const tagEnd = xml.indexOf('>');
      readTagAttributes(xml.slice(prefix.length + 4, xml.charCodeAt(tagEnd - 1) === 47 ? tagEnd - 1 : tagEnd));
      const r = tagAttrs.r;
      // The r attribute is optional too: without it a row follows the previous one.
      const rowNumber = r === undefined ? previous + 1 : Number(r);
      previous = rowNumber;
      rows.push({ rowNumber, cells: xml.charCodeAt(tagEnd - 1) === 47 ? [] : scanRowCells(xml.slice(tagEnd + 1), ctx, tags) });
    }
    yield rows;
  }
}

/** The shared strings, flattened to plain text (rich-text runs joined, phonetic guides left out). */
export async function scanSharedStrings(chunks: AsyncIterable<string>): Promise<StringTable> {
  const store = new StringStore();
  for await (const batch of elementBatches(chunks, 'si')) for (const si of batch) store.push(runText(si.xml));
  store.seal();
  return store;
}
