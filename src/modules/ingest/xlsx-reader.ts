/**
 * Streaming .xlsx reader: yauzl gives random access to the parts (zip.ts), the small parts are parsed whole
 * (xlsx-parts.ts) and the sheet is scanned as it inflates (xlsx-sheet.ts). Only the chosen sheet is inflated, the
 * shared strings are read before it whatever the order of parts in the zip, and every part's size is checked
 * against the limits before it is inflated.
 *
 * Why not ExcelJS's streaming WorkbookReader, which the rest of the platform writes with: it reads a 25-column
 * roster at about 18,000 rows/s (the importer needs 50,000), corrupts Chinese characters split between two inflated
 * chunks (exceljs #2063, #2084), loses a formula's cached result of 0, does not know the zh-CN built-in date formats
 * (ids 27–36, 50–58), drops the hidden attribute of columns, spools sheets stored before the shared strings to
 * temporary files, and reads sheets whose elements carry a namespace prefix as empty. ExcelJS stays the independent
 * writer of the test files.
 *
 * Not reported: merged-cell ranges (stored after the rows; header.ts does without them) and hidden rows (read like
 * visible ones).
 */
import type { IngestLimits } from './limits.js';
import { fileRejection, FileRejectedError, rejected, type FileRejection, type ReadResult } from './rejection.js';
import { RowGate, type RowSource, type SourceRow } from './source.js';
import { parseDateStyles, parseRelationships, parseWorkbook } from './xlsx-parts.js';
import { hiddenColumnsOf, scanSharedStrings, scanSheetRows, SheetFormatError, type HiddenColumns, type SheetContext } from './xlsx-sheet.js';
import { StringStore, type StringTable } from './string-store.js';
import { openZip, ZipDataError, type ZipArchive } from './zip.js';

export type { HiddenColumns } from './xlsx-sheet.js';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInfo {
  /** Position among the workbook's worksheets, from 0, in tab order. */
  readonly index: number;
  readonly name: string;
  readonly state: SheetState;
  /** The zip part holding the sheet's XML. */
  readonly part: string;
  readonly xmlBytes: number;
}

export interface SheetRows extends RowSource {
  /** Known once the first row has been read (the declarations precede the rows). */
  hiddenColumns(): HiddenColumns;
}

export interface XlsxWorkbook {
  readonly sheets: readonly SheetInfo[];
  /** Serials count from 1904-01-01 (workbookPr date1904, old Mac Excel). */
  readonly date1904: boolean;
  /**
   * Rows of one sheet; each iteration reads the sheet from the top. Problems found while reading (too many rows, a
   * damaged part) are thrown as FileRejectedError.
   */
  rows(sheet: SheetInfo): SheetRows;
  close(): void;
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** zlib's errors for damaged data, and zip.ts's for a part whose data does not match its declared size. */
function isInflateError(e: unknown): boolean {
  if (e instanceof ZipDataError) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as NodeJS.ErrnoException).code;
  return (typeof code === 'string' && code.startsWith('Z_')) || /unexpected end of file/i.test(e.message);
}

/** A rejection for what went wrong reading a part; a programming error is rethrown rather than blamed on the file. */
function failureOf(part: string, e: unknown): FileRejection {
  if (e instanceof FileRejectedError) return e.rejection;
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
  if (e instanceof SheetFormatError) return fileRejection('BAD_XML', { part, detail });
  if (isInflateError(e)) return fileRejection('CORRUPT_ZIP', { detail: `${part}: ${detail}` });
  throw e;
}

function sizeCheck(zip: ZipArchive, name: string, limit: number): FileRejection | undefined {
  const part = zip.part(name);
  if (part && part.uncompressedSize > limit) return fileRejection('ZIP_BOMB', { part: name, size: part.uncompressedSize, limit });
  return undefined;
}

async function readSmallPart(zip: ZipArchive, name: string, limits: IngestLimits): Promise<ReadResult<string>> {
  const tooBig = sizeCheck(zip, name, limits.maxSmallPartBytes);
  if (tooBig) return { ok: false, rejection: tooBig };
  try {
    return { ok: true, value: await zip.readText(name) };
  } catch (e) {
    return { ok: false, rejection: failureOf(name, e) };
  }
}

/** Opens the workbook and reads its sheet list; a sheet is inflated only when its rows are read. */
export async function openXlsx(input: string | Buffer, limits: IngestLimits): Promise<ReadResult<XlsxWorkbook>> {
  const opened = await openZip(input, limits);
  if (!opened.ok) return opened;
  const zip = opened.value;
  const result = await describeWorkbook(zip, limits);
  if (!result.ok) zip.close();
  return result;
}

async function describeWorkbook(zip: ZipArchive, limits: IngestLimits): Promise<ReadResult<XlsxWorkbook>> {
  if (!zip.part(WORKBOOK)) {
    return zip.part('xl/workbook.bin') ? rejected('UNSUPPORTED', { what: 'Excel binary workbook (.xlsb)', whatZh: 'Excel二进制工作簿（.xlsb）' }) : rejected('NOT_XLSX_ZIP');
  }
  const workbookXml = await readSmallPart(zip, WORKBOOK, limits);
  if (!workbookXml.ok) return workbookXml;
  const relsXml = zip.part(WORKBOOK_RELS) ? await readSmallPart(zip, WORKBOOK_RELS, limits) : { ok: true as const, value: '' };
  if (!relsXml.ok) return relsXml;

  const workbook = parseWorkbook(workbookXml.value);
  const rels = parseRelationships(relsXml.value, 'xl');
  const relById = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetInfo[] = [];
  for (const s of workbook.sheets) {
    const rel = relById.get(s.relId);
    // Chart sheets and dialog sheets have no cells.
    if (rel?.type !== 'worksheet') continue;
    const part = zip.part(rel.target);
    if (!part) continue;
    sheets.push({ index: sheets.length, name: s.name, state: s.state, part: part.name, xmlBytes: part.uncompressedSize });
  }
  if (sheets.length === 0) return rejected('NO_SHEETS');
  const target = (type: string, fallback: string) => rels.find((r) => r.type === type)?.target ?? fallback;
  return {
    ok: true,
    value: new Workbook(zip, limits, sheets, workbook.date1904, {
      sharedStrings: target('sharedStrings', 'xl/sharedStrings.xml'),
      styles: target('styles', 'xl/styles.xml'),
    }),
  };
}

class Workbook implements XlsxWorkbook {
  private context: Promise<SheetContext> | undefined;

  constructor(
    private readonly zip: ZipArchive,
    private readonly limits: IngestLimits,
    readonly sheets: readonly SheetInfo[],
    readonly date1904: boolean,
    private readonly partNames: { sharedStrings: string; styles: string },
  ) {}

  close(): void {
    this.zip.close();
  }

  /** Shared strings and date styles, read once for all sheets. */
  private sheetContext(): Promise<SheetContext> {
    this.context ??= (async () => {
      const { sharedStrings, styles } = this.partNames;
      const stylesXml = this.zip.part(styles) ? await readSmallPart(this.zip, styles, this.limits) : { ok: true as const, value: '' };
      if (!stylesXml.ok) throw new FileRejectedError(stylesXml.rejection);
      let strings: StringTable = new StringStore();
      if (this.zip.part(sharedStrings)) {
        const tooBig = sizeCheck(this.zip, sharedStrings, this.limits.maxSharedStringsXmlBytes);
        if (tooBig) throw new FileRejectedError(tooBig);
        try {
          strings = await scanSharedStrings((await this.zip.openBytes(sharedStrings)).stream);
        } catch (e) {
          throw new FileRejectedError(failureOf(sharedStrings, e));
        }
      }
      return { sharedStrings: strings, dateStyles: parseDateStyles(stylesXml.value), date1904: this.date1904 };
    })();
    return this.context;
  }

  rows(sheet: SheetInfo): SheetRows {
    const { limits, zip } = this;
    let gate = new RowGate(limits, sheet.name);
    let hidden: HiddenColumns = [];
    let bytesRead = () => 0;
    const context = () => this.sheetContext();
    async function* batches(): AsyncGenerator<SourceRow[]> {
      gate = new RowGate(limits, sheet.name);
      if (sheet.xmlBytes > limits.maxSheetXmlBytes) {
        throw new FileRejectedError(fileRejection('ZIP_BOMB', { part: sheet.part, size: sheet.xmlBytes, limit: limits.maxSheetXmlBytes }));
      }
      const ctx = await context();
      const bytes = await zip.openBytes(sheet.part);
      bytesRead = bytes.bytesRead;
      try {
        for await (const batch of scanSheetRows(bytes.stream, ctx, (prefix) => (hidden = hiddenColumnsOf(prefix)))) {
          const out: SourceRow[] = [];
          for (const row of batch) {
            let verdict;
            try {
              verdict = gate.admit(row.rowNumber, row.cells);
            } catch (e) {
              // The rows before the one refused come first, as they would one by one.
              if (out.length > 0) yield out;
              throw e;
            }
            if (verdict === 'row') out.push(row);
            else if (verdict === 'stop') {
              if (out.length > 0) yield out;
              return;
            }
          }
          if (out.length > 0) yield out;
        }
      } catch (e) {
        throw new FileRejectedError(failureOf(sheet.part, e));
      } finally {
        bytes.stream.destroy();
      }
    }
    async function* iterate(): AsyncGenerator<SourceRow> {
      for await (const batch of batches()) for (const row of batch) yield row;
    }
    return {
      totalBytes: sheet.xmlBytes,
      bytesRead: () => bytesRead(),
      get stats() {
        return gate.stats;
      },
      hiddenColumns: () => hidden,
      batches,
      [Symbol.asyncIterator]: iterate,
    };
  }
}
