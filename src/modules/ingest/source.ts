/**
 * What both readers (CSV and .xlsx) produce: the non-empty rows of one sheet with the row numbers the user sees, and
 * the same rules for where a sheet ends and how large it may be.
 */
import type { IngestLimits } from './limits.js';
import { isEmptyCell, type RawCell } from './raw-cell.js';
import { fileRejection, FileRejectedError } from './rejection.js';

export interface SourceRow {
  /** The row number Excel or WPS shows for this row (for a CSV: the record's position, counting empty lines). */
  readonly rowNumber: number;
  /** CSV only: the text line where the record starts (differs from rowNumber after a cell with a line break). */
  readonly line?: number;
  /** Cells from column A (index 0) to the last non-empty one. */
  readonly cells: readonly RawCell[];
}

export interface SourceStats {
  /** Non-empty rows yielded. */
  rows: number;
  /** Empty rows passed over (rows the file stores without any value; gaps between row numbers are not counted). */
  emptyRows: number;
  /** Set when the sheet was ended early after `maxConsecutiveEmptyRows` empty rows: the last row number read. */
  stoppedAtRow: number | null;
}

export interface RowSource extends AsyncIterable<SourceRow> {
  /** Bytes of the file (CSV) or of the sheet's uncompressed XML (.xlsx) to read in all. */
  readonly totalBytes: number;
  bytesRead(): number;
  readonly stats: SourceStats;
  /** The same rows in batches (a reader's chunk each), sparing a promise per row; iterating it also starts from the top. */
  batches?(): AsyncIterable<readonly SourceRow[]>;
}

export type GateVerdict = 'row' | 'empty' | 'stop';

/** Applies the empty-row and size limits to the rows of one sheet, in order. */
export class RowGate {
  readonly stats: SourceStats = { rows: 0, emptyRows: 0, stoppedAtRow: null };
  private emptyRun = 0;

  constructor(
    private readonly limits: IngestLimits,
    private readonly sheet: string | undefined,
  ) {}

  /** Trims trailing empty cells in place and decides; throws FileRejectedError past a hard limit. */
  admit(rowNumber: number, cells: RawCell[]): GateVerdict {
    let last = cells.length - 1;
    while (last >= 0 && isEmptyCell(cells[last])) last--;
    cells.length = last + 1;
    if (last < 0) {
      this.stats.emptyRows++;
      if (++this.emptyRun >= this.limits.maxConsecutiveEmptyRows) {
        this.stats.stoppedAtRow = rowNumber;
        return 'stop';
      }
      return 'empty';
    }
    this.emptyRun = 0;
    if (cells.length > this.limits.maxColumns) {
      throw new FileRejectedError(fileRejection('TOO_MANY_COLUMNS', { row: rowNumber, column: cells.length, limit: this.limits.maxColumns }));
    }
    if (++this.stats.rows > this.limits.maxRows) {
      throw new FileRejectedError(fileRejection('TOO_MANY_ROWS', { sheet: this.sheet ?? '', limit: this.limits.maxRows }));
    }
    return 'row';
  }
}
