/** Jobs, issues and templates as the API shows them (API.md). */
import { maskIdNumber } from '../../domain/id-number.js';
import { fieldOf, ROSTER_CATALOGUE } from '../ingest/fields.js';
import type { JobRow } from './jobs.js';
import type { importIssues, importTemplates } from './schema.js';
import type { ImportFailure, ImportLayout, ImportOptions, ImportProgress, ImportResult, ImportSample, ImportSummary, ImportStatus } from './types.js';

export interface ImportJobView {
  id: number;
  kind: 'households';
  fileName: string;
  fileSize: number;
  format: 'xlsx' | 'csv' | null;
  status: ImportStatus;
  mode: 'all_or_nothing' | 'valid_only' | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  progress: ImportProgress | null;
  sheets: ImportLayout['sheets'];
  selectedSheets: string[];
  headerRows: number[];
  columns: ImportLayout['columns'];
  missingRequired: string[];
  options: ImportOptions;
  summary: ImportSummary | null;
  samples: ImportSample[];
  result: ImportResult | null;
  failure: ImportFailure | null;
}

/** ID numbers in the sample are masked unless the viewer may see them whole. */
export function presentJob(job: JobRow, revealIds: boolean): ImportJobView {
  const layout = job.layout as ImportLayout | null;
  const samples = ((job.samples as ImportSample[] | null) ?? []).map((s) => ({
    ...s,
    changes: s.changes.map((c) => (c.field === 'idNumber' && !revealIds ? { ...c, old: mask(c.old), new: mask(c.new) } : c)),
  }));
  return {
    id: job.id,
    kind: 'households',
    fileName: job.fileName,
    fileSize: job.fileSize,
    format: job.format as ImportJobView['format'],
    status: job.status as ImportStatus,
    mode: job.mode as ImportJobView['mode'],
    createdBy: job.username,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    progress: job.progress as ImportProgress | null,
    sheets: layout?.sheets ?? [],
    selectedSheets: layout?.selectedSheets ?? [],
    headerRows: layout?.headerRows ?? [],
    columns: layout?.columns ?? [],
    missingRequired: layout?.missingRequired ?? [],
    options: job.options as ImportOptions,
    summary: job.summary as ImportSummary | null,
    samples,
    result: job.result as ImportResult | null,
    failure: job.failure as ImportFailure | null,
  };
}

const mask = (v: string | null) => (v === null ? null : maskIdNumber(v));

export function presentIssue(i: typeof importIssues.$inferSelect, revealIds: boolean) {
  const isId = i.field === 'idNumber' || i.field === 'headIdNumber';
  return {
    id: i.id,
    sheet: i.sheet,
    rowNumber: i.rowNumber,
    column: i.column,
    field: i.field,
    label: i.field ? (fieldOf(ROSTER_CATALOGUE, i.field)?.label ?? null) : null,
    value: isId && !revealIds && i.value ? maskIdNumber(i.value) : i.value,
    severity: i.severity as 'error' | 'warning',
    code: i.code,
    message: i.message,
    messageEn: i.messageEn,
    related: i.relatedSheet !== null && i.relatedRow !== null ? { sheet: i.relatedSheet, rowNumber: i.relatedRow } : null,
  };
}

export function presentTemplate(t: typeof importTemplates.$inferSelect) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind as 'households',
    headerRowCount: t.headerRowCount,
    columns: t.columns as { header: string; field: string | null }[],
    createdBy: t.username,
    createdAt: t.createdAt.toISOString(),
  };
}
