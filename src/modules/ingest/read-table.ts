/**
 * The one entry point for reading an uploaded table: what the file is, which sheets it has, where each sheet's header
 * is and which field each column holds, then the data rows as raw cells keyed by field. Interpreting the cells
 * (convert.ts) and saving them are the caller's steps.
 *
 * Problems known before the first row (wrong format, zip bomb, no header) come back as a rejection; problems found
 * while reading (too many rows, a damaged part, invalid UTF-8 halfway) are thrown from the row iterator as
 * FileRejectedError, an AppError with code BAD_REQUEST.
 */
import { basename } from 'node:path';
import { cleanText } from '../../domain/cell-values.js';
import { openCsv, type CsvDelimiter, type CsvEncoding } from './csv-reader.js';
import type { FieldCatalogue } from './fields.js';
import { detectHeader, headerKey, isNotesOrTotalsRow, type HeaderResult } from './header.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './limits.js';
import { applyMapping, type ColumnMapping } from './mapping.js';
import { isEmptyCell, type RawCell } from './raw-cell.js';
import { FileRejectedError, rejected, type ReadResult } from './rejection.js';
import { sniffFile, type FileFormat } from './sniff.js';
import type { RowSource, SourceRow } from './source.js';
import { openXlsx, type HiddenColumns, type SheetState } from './xlsx-reader.js';

export interface ReadTableOptions<K extends string> {
  readonly catalogue: FieldCatalogue<K>;
  readonly limits?: IngestLimits;
  /**
   * Sheets to read, by name or 0-based index, in this order (several for a workbook with a sheet per county), or
   * 'visible' for every visible sheet. Default: the first visible sheet.
   */
  readonly sheets?: readonly (string | number)[] | 'visible';
  readonly encoding?: CsvEncoding;
  readonly delimiter?: CsvDelimiter;
  /** The user's corrections to the detected fields, by 0-based column index; applied to every sheet read. */
  readonly mapping?: ColumnMapping<K>;
  /** The user's choice of header row(s), instead of detection; applied to every sheet read. */
  readonly headerRows?: readonly number[];
}

export interface SheetSummary {
  readonly index: number;
  readonly name: string;
  readonly state: SheetState;
}

export interface SelectedSheet<K extends string> {
  readonly sheet: SheetSummary;
  readonly header: HeaderResult<K>;
}

export interface TableRow<K extends string> {
  readonly sheet: string;
  readonly rowNumber: number;
  /** CSV only: the text line where the row starts. */
  readonly line?: number;
  /** Cells of the mapped columns, by field; a field whose cell is empty is absent. */
  readonly raw: Partial<Record<K, RawCell>>;
  readonly cells: readonly RawCell[];
}

export interface ReadProgress {
  readonly rowsRead: number;
  /** Bytes of the CSV file, or of the selected sheets' uncompressed XML. */
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface ReadSummary {
  /** Rows yielded as data. */
  readonly rows: number;
  readonly skipped: { readonly empty: number; readonly notesOrTotals: number; readonly repeatedHeader: number };
  /** Sheets that ended early after the limit of consecutive empty rows, and the last row read. */
  readonly stoppedEarly: readonly { readonly sheet: string; readonly afterRow: number }[];
}

export interface ReadTable<K extends string> {
  readonly format: FileFormat;
  /** Every sheet of the workbook (one, named after the file, for a CSV). */
  readonly sheets: readonly SheetSummary[];
  readonly selected: readonly SelectedSheet<K>[];
  /** The first selected sheet's header. */
  readonly header: HeaderResult<K>;
  readonly date1904: boolean;
  readonly csv?: { readonly encoding: CsvEncoding; readonly delimiter: CsvDelimiter };
  /** Data rows of the selected sheets in order; iterate once. */
  readonly rows: AsyncIterable<TableRow<K>>;
  progress(): ReadProgress;
  summary(): ReadSummary;
  /** Releases the file; done automatically when `rows` has been read to the end. */
  close(): void;
}

interface SheetSource {
  readonly sheet: SheetSummary;
  open(): RowSource & { hiddenColumns?: () => HiddenColumns };
}

/** The first non-empty rows of a sheet, for header detection; stops reading the sheet there. */
async function headRows(source: RowSource & { hiddenColumns?: () => HiddenColumns }, count: number): Promise<{ rows: SourceRow[]; hidden: HiddenColumns }> {
  const rows: SourceRow[] = [];
  for await (const row of source) {
    rows.push(row);
    if (rows.length >= count) break;
  }
  return { rows, hidden: source.hiddenColumns?.() ?? [] };
}

function chooseSheets(all: readonly SheetSummary[], wanted: ReadTableOptions<string>['sheets']): ReadResult<SheetSummary[]> {
  const visible = all.filter((s) => s.state === 'visible');
  if (wanted === 'visible') return visible.length > 0 ? { ok: true, value: visible } : rejected('NO_SHEETS');
  if (!wanted || wanted.length === 0) {
    const first = visible[0] ?? all[0];
    return first ? { ok: true, value: [first] } : rejected('NO_SHEETS');
  }
  const out: SheetSummary[] = [];
  for (const w of wanted) {
    const found = typeof w === 'number' ? all[w] : all.find((s) => s.name === w) ?? all.find((s) => cleanText(s.name) === cleanText(w));
    if (!found) return rejected('SHEET_NOT_FOUND', { sheet: String(w), available: all.map((s) => s.name).join('、') });
    out.push(found);
  }
  return { ok: true, value: out };
}

/** The mapped columns' headings (the lower part of a two-row heading), reduced for comparison. */
function headingKeys<K extends string>(header: HeaderResult<K>): { index: number; key: string }[] {
  return header.columns.filter((c) => c.field !== null).map((c) => ({ index: c.index, key: headerKey(c.header.split('/').pop() ?? '') }));
}

/**
 * A row that repeats the header's headings (tables pasted together, or a header per village block): half the mapped
 * columns hold their own heading. The first two columns are compared first, so a data row costs two comparisons.
 */
function holdsHeading(cells: readonly RawCell[], k: { index: number; key: string }): boolean {
  const cell = cells[k.index];
  // A reduced heading keeps the heading's characters, so a cell without its first one is not it.
  return k.key !== '' && cell?.type === 'text' && cell.text.length <= k.key.length * 3 + 8 && cell.text.toLowerCase().includes(k.key[0]!) && headerKey(cell.text) === k.key;
}

function isRepeatedHeader(cells: readonly RawCell[], keys: readonly { index: number; key: string }[]): boolean {
  if (keys.length === 0 || !(holdsHeading(cells, keys[0]!) || (keys.length > 1 && holdsHeading(cells, keys[1]!)))) return false;
  let same = 0;
  for (const k of keys) if (holdsHeading(cells, k)) same++;
  return same * 2 >= keys.length;
}

async function* oneByOne(source: RowSource): AsyncGenerator<readonly SourceRow[]> {
  for await (const row of source) yield [row];
}

/** Most rows of a sheet have the same mapped columns filled in: as many shapes of `raw` as are remembered. */
const MAX_SHAPES = 1024;
/** Mapped columns beyond which a shape is not remembered (its key is a number, exact to 2^53). */
const MAX_SHAPE_COLUMNS = 52;

type RawOf<K extends string> = (cells: readonly RawCell[]) => Partial<Record<K, RawCell>>;

/**
 * A row's cells by field. Adding a few dozen properties one by one under computed names leaves an object in V8's
 * slow dictionary mode, which every later lookup pays for too. Instead each combination of filled-in columns gets a
 * function returning an object literal of those fields (in column order, as they would be added one by one): V8
 * makes such an object with fast properties at once. The field names are written into the function as JSON strings.
 */
class RawBuilder<K extends string> {
  private readonly shapes = new Map<number, RawOf<K>>();
  private readonly present: Uint8Array;

  constructor(private readonly mapped: readonly { index: number; field: K }[]) {
    this.present = new Uint8Array(mapped.length);
  }

  /** The filled-in mapped cells by field, or undefined when none is filled in. */
  raw(cells: readonly RawCell[]): Partial<Record<K, RawCell>> | undefined {
    const { mapped, present } = this;
    let key = 0;
    let filled = 0;
    for (let k = 0; k < mapped.length; k++) {
      const cell = cells[mapped[k]!.index];
      const has = cell !== undefined && !isEmptyCell(cell);
      present[k] = has ? 1 : 0;
      key = key * 2 + (has ? 1 : 0);
      if (has) filled++;
    }
    if (filled === 0) return undefined;
    if (mapped.length > MAX_SHAPE_COLUMNS) return this.oneByOne(cells);
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      if (this.shapes.size >= MAX_SHAPES) return this.oneByOne(cells);
      const body = mapped.flatMap((c, k) => (present[k] === 1 ? [`${JSON.stringify(c.field)}: cells[${c.index}]`] : [])).join(', ');
      shape = new Function('cells', `return { ${body} };`) as RawOf<K>;
      this.shapes.set(key, shape);
    }
    return shape(cells);
  }

  private oneByOne(cells: readonly RawCell[]): Partial<Record<K, RawCell>> {
    const raw: Partial<Record<K, RawCell>> = {};
    for (let k = 0; k < this.mapped.length; k++) if (this.present[k] === 1) raw[this.mapped[k]!.field] = cells[this.mapped[k]!.index];
    return raw;
  }
}

export async function readTable<K extends string>(input: string | Buffer, fileName: string, options: ReadTableOptions<K>): Promise<ReadResult<ReadTable<K>>> {
  const limits = options.limits ?? DEFAULT_INGEST_LIMITS;
  const format = await sniffFile(input, fileName, limits);
  if (!format.ok) return format;

  let sources: SheetSource[];
  let allSheets: SheetSummary[];
  let date1904 = false;
  let csv: ReadTable<K>['csv'];
  let close = () => {};
  if (format.value === 'xlsx') {
    const wb = await openXlsx(input, limits);
    if (!wb.ok) return wb;
    const workbook = wb.value;
    close = () => workbook.close();
    date1904 = workbook.date1904;
    allSheets = workbook.sheets.map((s) => ({ index: s.index, name: s.name, state: s.state }));
    const chosen = chooseSheets(allSheets, options.sheets);
    if (!chosen.ok) {
      close();
      return chosen;
    }
    sources = chosen.value.map((sheet) => ({ sheet, open: () => workbook.rows(workbook.sheets[sheet.index]!) }));
  } else {
    const table = await openCsv(input, limits, { encoding: options.encoding, delimiter: options.delimiter });
    if (!table.ok) return table;
    csv = { encoding: table.value.encoding, delimiter: table.value.delimiter };
    const sheet: SheetSummary = { index: 0, name: basename(fileName).replace(/\.[^.]*$/, ''), state: 'visible' };
    allSheets = [sheet];
    sources = [{ sheet, open: () => table.value.rows() }];
  }

  const selected: SelectedSheet<K>[] = [];
  try {
    for (const source of sources) {
      const head = await headRows(source.open(), limits.headerScanRows);
      const detected = detectHeader(head.rows, options.catalogue, { hidden: head.hidden, headerRows: options.headerRows });
      if (!detected) {
        close();
        return rejected('NO_HEADER', { sheet: source.sheet.name });
      }
      const mapped = options.mapping ? applyMapping(detected, options.mapping, options.catalogue, limits.maxColumns) : { ok: true as const, value: detected };
      if (!mapped.ok) {
        close();
        return mapped;
      }
      selected.push({ sheet: source.sheet, header: mapped.value });
    }
  } catch (e) {
    close();
    if (e instanceof FileRejectedError) return { ok: false, rejection: e.rejection };
    throw e;
  }

  return { ok: true, value: new Table(format.value, allSheets, selected, sources, date1904, csv, close) };
}

class Table<K extends string> implements ReadTable<K> {
  readonly header: HeaderResult<K>;
  private rowsRead = 0;
  private readonly skipped = { empty: 0, notesOrTotals: 0, repeatedHeader: 0 };
  private readonly stoppedEarly: { sheet: string; afterRow: number }[] = [];
  private current: RowSource | undefined;
  private bytesDone = 0;
  private readonly totalBytes: number;

  constructor(
    readonly format: FileFormat,
    readonly sheets: readonly SheetSummary[],
    readonly selected: readonly SelectedSheet<K>[],
    private readonly sources: readonly SheetSource[],
    readonly date1904: boolean,
    readonly csv: ReadTable<K>['csv'],
    readonly close: () => void,
  ) {
    this.header = selected[0]!.header;
    // Opening a row source reads nothing until it is iterated.
    this.totalBytes = sources.reduce((sum, s) => sum + s.open().totalBytes, 0);
  }

  get rows(): AsyncIterable<TableRow<K>> {
    return { [Symbol.asyncIterator]: () => this.iterate() };
  }

  progress(): ReadProgress {
    return { rowsRead: this.rowsRead, bytesRead: this.bytesDone + (this.current?.bytesRead() ?? 0), totalBytes: this.totalBytes };
  }

  summary(): ReadSummary {
    return { rows: this.rowsRead, skipped: { ...this.skipped }, stoppedEarly: [...this.stoppedEarly] };
  }

  private async *iterate(): AsyncGenerator<TableRow<K>> {
    try {
      for (let i = 0; i < this.sources.length; i++) {
        const { sheet } = this.sources[i]!;
        const { header } = this.selected[i]!;
        const mapped = header.columns.filter((c) => c.field !== null) as { index: number; field: K }[];
        const keys = headingKeys(header);
        const source = this.sources[i]!.open();
        this.current = source;
        const build = new RawBuilder(mapped);
        for await (const batch of source.batches ? source.batches() : oneByOne(source)) {
          for (const row of batch) {
            if (row.rowNumber < header.dataStartRow) continue;
            if (isNotesOrTotalsRow(row.cells)) {
              this.skipped.notesOrTotals++;
              continue;
            }
            const raw = build.raw(row.cells);
            // Rows numbered in advance (序号 1…500) with nothing else filled in.
            if (raw === undefined) {
              this.skipped.empty++;
              continue;
            }
            if (isRepeatedHeader(row.cells, keys)) {
              this.skipped.repeatedHeader++;
              continue;
            }
            this.rowsRead++;
            yield row.line === undefined ? { sheet: sheet.name, rowNumber: row.rowNumber, raw, cells: row.cells } : { sheet: sheet.name, rowNumber: row.rowNumber, line: row.line, raw, cells: row.cells };
          }
        }
        this.skipped.empty += source.stats.emptyRows;
        if (source.stats.stoppedAtRow !== null) this.stoppedEarly.push({ sheet: sheet.name, afterRow: source.stats.stoppedAtRow });
        this.bytesDone += source.totalBytes;
        this.current = undefined;
      }
    } finally {
      this.close();
    }
  }
}
