/** The shapes of an import job as stored (jsonb columns) and as the API shows them (API.md). */
import type { CsvDelimiter, CsvEncoding } from '../ingest/csv-reader.js';

export const IMPORT_STATUSES = ['queued', 'reading', 'previewed', 'committing', 'committed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const COMMIT_MODES = ['all_or_nothing', 'valid_only'] as const;
export type CommitMode = (typeof COMMIT_MODES)[number];
export const IMPORT_KINDS = ['households'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  sheets?: (string | number)[];
  /** Field (or null: not imported) by 0-based column index, as JSON keys. */
  mapping?: Record<string, string | null>;
  templateId?: number;
  encoding?: CsvEncoding;
  delimiter?: CsvDelimiter;
  headerRows?: number[];
}

export interface ImportLayout {
  sheets: { index: number; name: string; state: string }[];
  selectedSheets: string[];
  headerRows: number[];
  columns: { index: number; letter: string; header: string; field: string | null; hidden: boolean }[];
  missingRequired: string[];
  csv?: { encoding: string; delimiter: string };
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'comparing' | 'applying';
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportCounts {
  new: number;
  changed: number;
  unchanged: number;
  rejected: number;
}

export interface ImportSummary {
  rows: number;
  rowsRejected: number;
  errors: number;
  warnings: number;
  households: ImportCounts;
  members: ImportCounts & { absent: number };
  skipped: { empty: number; notesOrTotals: number; repeatedHeader: number };
}

export interface ImportSample {
  entity: 'household' | 'member';
  action: 'create' | 'update';
  householdNo: string;
  name: string;
  sheet: string;
  rowNumber: number;
  changes: { field: string; label: string; old: string | null; new: string | null }[];
}

export interface ImportResult {
  householdsCreated: number;
  householdsUpdated: number;
  membersCreated: number;
  membersUpdated: number;
  batch: string;
}

export interface ImportFailure {
  code: string;
  message: string;
  messageEn: string;
}
