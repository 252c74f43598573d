/**
 * Bounds on what an uploaded table may cost. Every reader checks them as it goes, so a hostile or broken file stops
 * with a clear rejection instead of exhausting memory or disk. Tests pass small values to exercise each bound.
 */
export interface IngestLimits {
  /** Size of the uploaded file itself. */
  readonly maxFileBytes: number;
  /** Sum of the uncompressed sizes of every part of an .xlsx (zip bomb guard). */
  readonly maxUncompressedBytes: number;
  /** Uncompressed size of one worksheet's XML. */
  readonly maxSheetXmlBytes: number;
  /**
   * Uncompressed size of the shared-strings part. Unlike a worksheet it is held in memory while a sheet is read, so
   * this bound is what keeps peak memory of an .xlsx read bounded: 200 MB of the worst kind (millions of unique
   * 18-character IDs) peaked at about 410 MB of resident memory.
   */
  readonly maxSharedStringsXmlBytes: number;
  /** Uncompressed size of workbook.xml, its relationships and styles.xml, which are parsed whole. */
  readonly maxSmallPartBytes: number;
  readonly maxZipEntries: number;
  /** Rows of one sheet (or one CSV file), counting every row the file contains. */
  readonly maxRows: number;
  /** Columns up to the last non-empty cell of a row. */
  readonly maxColumns: number;
  /** A sheet ends after this many empty rows in a row, so millions of formatted-but-empty rows cost little. */
  readonly maxConsecutiveEmptyRows: number;
  /** One CSV record (an unclosed quote otherwise swallows the rest of the file into one field). */
  readonly maxCsvRecordChars: number;
  /** Rows read from the top of a sheet to find its header. */
  readonly headerScanRows: number;
}

const MB = 1024 * 1024;

export const DEFAULT_INGEST_LIMITS: IngestLimits = Object.freeze({
  maxFileBytes: 200 * MB,
  maxUncompressedBytes: 1024 * MB,
  maxSheetXmlBytes: 1024 * MB,
  maxSharedStringsXmlBytes: 200 * MB,
  maxSmallPartBytes: 64 * MB,
  maxZipEntries: 10_000,
  maxRows: 2_000_000,
  maxColumns: 1_000,
  maxConsecutiveEmptyRows: 1_000,
  maxCsvRecordChars: 1_000_000,
  headerScanRows: 30,
});

export function ingestLimits(overrides: Partial<IngestLimits> = {}): IngestLimits {
  return Object.freeze({ ...DEFAULT_INGEST_LIMITS, ...overrides });
}
