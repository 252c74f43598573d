/**
 * Reading step of a dry run: streams the file through readTable, checks each row on its own (row.ts) and writes the
 * typed rows and their issues into the staging tables in batches, one batch in flight while the next is read.
 * Memory stays bounded whatever the file's size: nothing but the current batch is held.
 */
import { eq, sql } from 'drizzle-orm';
import { copyRows, type Column } from '../../db/bulk.js';
import type { Db } from '../../db/client.js';
import { ROSTER_CATALOGUE, type RosterField } from '../ingest/fields.js';
import type { IngestLimits } from '../ingest/limits.js';
import { mappingFromTemplate, type MappingTemplate } from '../ingest/mapping.js';
import { readTable, type ReadSummary } from '../ingest/read-table.js';
import { FileRejectedError, type FileRejection } from '../ingest/rejection.js';
import { stageRow, type RowIssue, type StagedRow, type StagedValue } from './row.js';
import { ROSTER_COLUMNS } from './roster.js';
import { importHouseholds, importIssues, importMembers, importRows } from './schema.js';
import type { ImportLayout, ImportOptions, ImportProgress } from './types.js';

const BATCH_ROWS = 2_000;

interface Pending {
  seq: number;
  sheet: string;
  rowNumber: number;
  row: StagedRow;
}

interface PendingIssue extends RowIssue {
  seq: number;
  sheet: string;
  rowNumber: number;
}

const ROW_COLUMNS: Column<Pending>[] = [
  { name: 'seq', type: 'int', get: (p) => p.seq },
  { name: 'sheet', type: 'text', get: (p) => p.sheet },
  { name: 'row_number', type: 'int', get: (p) => p.rowNumber },
  { name: 'hh_key', type: 'text', get: (p) => p.row.hhKey },
  { name: 'row_error', type: 'bool', get: (p) => p.row.rowError },
  ...ROSTER_COLUMNS.map((c): Column<Pending> => ({ name: c.column, type: c.type, get: (p) => asParam(p.row.values[c.column]) })),
];

const ISSUE_COLUMNS: Column<PendingIssue>[] = [
  { name: 'seq', type: 'int', get: (i) => i.seq },
  { name: 'sheet', type: 'text', get: (i) => i.sheet },
  { name: 'row_number', type: 'int', get: (i) => i.rowNumber },
  { name: 'column', type: 'text', get: (i) => i.column },
  { name: 'field', type: 'text', get: (i) => i.field },
  { name: 'value', type: 'text', get: (i) => i.value },
  { name: 'severity', type: 'text', get: (i) => i.severity },
  { name: 'code', type: 'text', get: (i) => i.code },
  { name: 'message', type: 'text', get: (i) => i.message },
  { name: 'message_en', type: 'text', get: (i) => i.messageEn },
];

/** Numbers travel as text for numeric columns, like the bulk helper's other types. */
function asParam(v: StagedValue | undefined): string | number | boolean | null {
  return v === undefined ? null : v;
}

export type StageOutcome =
  | { readonly ok: true; readonly layout: ImportLayout; readonly format: 'xlsx' | 'csv'; readonly read: ReadSummary; readonly totalBytes: number }
  | { readonly ok: false; readonly rejection: FileRejection; readonly layout: ImportLayout | null };

export async function clearStaging(db: Db, jobId: number): Promise<void> {
  await db.delete(importRows).where(eq(importRows.jobId, jobId));
  await db.delete(importHouseholds).where(eq(importHouseholds.jobId, jobId));
  await db.delete(importMembers).where(eq(importMembers.jobId, jobId));
  await db.delete(importIssues).where(eq(importIssues.jobId, jobId));
}

export async function stageFile(
  db: Db,
  job: { id: number; filePath: string; fileName: string; options: ImportOptions },
  limits: IngestLimits | undefined,
  onProgress: (p: ImportProgress) => void,
  template?: MappingTemplate<RosterField>,
): Promise<StageOutcome> {
  await clearStaging(db, job.id);
  const common = {
    catalogue: ROSTER_CATALOGUE,
    ...(limits ? { limits } : {}),
    ...(job.options.sheets?.length ? { sheets: job.options.sheets } : {}),
    ...(job.options.encoding ? { encoding: job.options.encoding } : {}),
    ...(job.options.delimiter ? { delimiter: job.options.delimiter } : {}),
    ...(job.options.headerRows?.length ? { headerRows: job.options.headerRows } : {}),
  };
  // A template maps by heading, so it needs the detected header first; the user's own choices go on top of it.
  let mapping = job.options.mapping ? numericKeys(job.options.mapping) : undefined;
  if (template) {
    const probe = await readTable(job.filePath, job.fileName, common);
    if (!probe.ok) return { ok: false, rejection: probe.rejection, layout: null };
    probe.value.close();
    mapping = { ...mappingFromTemplate(probe.value.header, template).mapping, ...mapping };
  }
  const opened = await readTable(job.filePath, job.fileName, { ...common, ...(mapping ? { mapping } : {}) });
  if (!opened.ok) return { ok: false, rejection: opened.rejection, layout: null };
  const table = opened.value;
  const h = table.header;
  const layout: ImportLayout = {
    sheets: table.sheets.map((s) => ({ index: s.index, name: s.name, state: s.state })),
    selectedSheets: table.selected.map((s) => s.sheet.name),
    headerRows: [...h.headerRowNumbers],
    columns: h.columns.map((c) => ({ index: c.index, letter: c.letter, header: c.header, field: c.field, hidden: c.hidden })),
    missingRequired: [...new Set(table.selected.flatMap((s) => s.header.missingRequired))],
    ...(table.csv ? { csv: table.csv } : {}),
  };
  if (layout.missingRequired.length > 0) {
    table.close();
    return { ok: true, layout, format: table.format, read: table.summary(), totalBytes: table.progress().totalBytes };
  }
  const letters = new Map<string, Map<RosterField, string>>(
    table.selected.map((s) => [s.sheet.name, new Map(s.header.columns.filter((c) => c.field !== null).map((c) => [c.field!, c.letter]))]),
  );

  let rows: Pending[] = [];
  let issues: PendingIssue[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  let seq = 0;
  // One "today" for the whole file: ID numbers born after it are rejected, and it need not be recomputed per cell.
  const id = { today: new Date() };
  const flush = async () => {
    const [r, i] = [rows, issues];
    rows = [];
    issues = [];
    await inFlight;
    inFlight = (async () => {
      await copyRows(db, 'import_rows', [{ name: 'job_id', type: 'int', get: () => job.id }, ...ROW_COLUMNS], r);
      await copyRows(db, 'import_issues', [{ name: 'job_id', type: 'int', get: () => job.id }, { name: 'phase', type: 'text', get: () => 'row' }, ...ISSUE_COLUMNS], i);
    })();
    // Surface a failed insert at the next await rather than as an unhandled rejection.
    inFlight.catch(() => undefined);
  };
  try {
    for await (const row of table.rows) {
      seq++;
      const staged = stageRow(row.raw, { date1904: table.date1904, letters: letters.get(row.sheet)!, id });
      rows.push({ seq, sheet: row.sheet, rowNumber: row.rowNumber, row: staged });
      for (const i of staged.issues) issues.push({ ...i, seq, sheet: row.sheet, rowNumber: row.rowNumber });
      if (rows.length >= BATCH_ROWS) {
        await flush();
        onProgress({ phase: 'reading', rowsRead: seq, ...bytes(table.progress()) });
      }
    }
    await flush();
    await inFlight;
  } catch (e) {
    await inFlight.catch(() => undefined);
    if (e instanceof FileRejectedError) return { ok: false, rejection: e.rejection, layout };
    throw e;
  } finally {
    table.close();
  }
  onProgress({ phase: 'reading', rowsRead: seq, ...bytes(table.progress()) });
  await db.execute(sql`ANALYZE import_rows`);
  return { ok: true, layout, format: table.format, read: table.summary(), totalBytes: table.progress().totalBytes };
}

function bytes(p: { bytesRead: number; totalBytes: number }) {
  return { bytesRead: p.bytesRead, totalBytes: p.totalBytes };
}

function numericKeys(mapping: Readonly<Record<string, string | null>>): Record<number, RosterField | null> {
  const out: Record<number, RosterField | null> = {};
  for (const [k, v] of Object.entries(mapping)) out[Number(k)] = v as RosterField | null;
  return out;
}
