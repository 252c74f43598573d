/**
 * A department upload's background work: read the file with the import pipeline's reader (header detection,
 * synonyms, the cell parsers, the 18-digit ID trap), keep each readable row as a record and each unreadable cell as
 * an issue, then match the records to registry persons. The snapshot ends "previewed"; nothing is compared until a
 * person commits it. A failure or a restart leaves a failed snapshot whose records are removed, never a half one.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { copyRows, type Column } from '../../db/bulk.js';
import { datasetType, templateColumns } from '../../domain/departments/datasets.js';
import { AppError } from '../../errors.js';
import { missingRequired } from '../ingest/header.js';
import { ingestLimits } from '../ingest/limits.js';
import { columnLetter } from '../ingest/raw-cell.js';
import { readTable } from '../ingest/read-table.js';
import { matchSnapshot } from './matching.js';
import { loadAddedDatasetTypes } from './dataset-types.js';
import { datasetCatalogue, recordRow, type RecordIssue, type RecordRow } from './record-row.js';
import { deptSnapshots } from './schema.js';

type Snapshot = typeof deptSnapshots.$inferSelect;

export interface UploadProgress {
  phase: 'reading' | 'matching';
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  matched?: number;
}

interface StoredRecord extends RecordRow {
  sheet: string;
  rowNumber: number;
}

const BATCH = 2_000;

export async function setSnapshot(db: Db, id: number, values: Partial<typeof deptSnapshots.$inferInsert>): Promise<void> {
  await db.update(deptSnapshots).set(values).where(eq(deptSnapshots.id, id));
}

export async function clearRecords(db: Db, snapshotId: number): Promise<void> {
  await db.execute(sql`DELETE FROM dept_match_candidates WHERE record_id IN (SELECT id FROM dept_records WHERE snapshot_id = ${snapshotId})`);
  await db.execute(sql`DELETE FROM dept_records WHERE snapshot_id = ${snapshotId}`);
  await db.execute(sql`DELETE FROM dept_snapshot_issues WHERE snapshot_id = ${snapshotId}`);
}

function recordColumns(snap: Snapshot): Column<StoredRecord>[] {
  return [
    { name: 'snapshot_id', type: 'int', get: () => snap.id },
    { name: 'sheet', type: 'text', get: (r) => r.sheet },
    { name: 'row_number', type: 'int', get: (r) => r.rowNumber },
    { name: 'id_number', type: 'text', get: (r) => r.idNumber },
    { name: 'id_raw', type: 'text', get: (r) => r.idRaw },
    { name: 'name', type: 'text', get: (r) => r.name },
    { name: 'sex', type: 'text', get: (r) => r.sex },
    { name: 'birth_date', type: 'date', get: (r) => r.birthDate },
    { name: 'village_name', type: 'text', get: (r) => r.villageName },
    { name: 'data', type: 'text', get: (r) => JSON.stringify(r.data) },
    { name: 'as_of', type: 'date', get: () => snap.asOf },
    { name: 'area_path', type: 'text', get: () => snap.areaPath },
    { name: 'match_status', type: 'text', get: () => 'unmatched' },
  ];
}

const ISSUE_COLUMNS = (snapshotId: number): Column<RecordIssue & { sheet: string; rowNumber: number }>[] => [
  { name: 'snapshot_id', type: 'int', get: () => snapshotId },
  { name: 'sheet', type: 'text', get: (r) => r.sheet },
  { name: 'row_number', type: 'int', get: (r) => r.rowNumber },
  { name: 'column', type: 'text', get: (r) => r.column },
  { name: 'field', type: 'text', get: (r) => r.field },
  { name: 'value', type: 'text', get: (r) => r.value },
  { name: 'code', type: 'text', get: (r) => r.code },
  { name: 'reason', type: 'text', get: (r) => r.reason },
  { name: 'reason_zh', type: 'text', get: (r) => r.reasonZh },
];

async function readRecords(db: Db, snap: Snapshot, filePath: string, report: (p: UploadProgress) => void): Promise<{ rows: number; rejected: number; issues: number }> {
  await loadAddedDatasetTypes(db);
  const type = datasetType(snap.datasetType);
  if (!type) throw new AppError('BAD_REQUEST', `Dataset type ${snap.datasetType} no longer exists`, `数据类型"${snap.datasetType}"已不存在`);
  const catalogue = datasetCatalogue(type);
  const read = await readTable(filePath, snap.fileName, { catalogue, limits: ingestLimits() });
  if (!read.ok) throw new AppError('BAD_REQUEST', read.rejection.message, read.rejection.messageZh);
  const table = read.value;
  const missing = missingRequired(catalogue, table.header.columns);
  if (missing.length) {
    table.close();
    const cols = templateColumns(type).filter((c) => missing.includes(c.key));
    throw new AppError(
      'BAD_REQUEST',
      `Required columns not found: ${cols.map((c) => c.labelEn).join(', ')}. Use the template of ${type.en}.`,
      `找不到必填列：${cols.map((c) => c.label).join('、')}。请按"${type.zh}"模板整理后重新上传。`,
    );
  }
  const letters = new Map(table.header.columns.filter((c) => c.field !== null).map((c) => [c.field as string, columnLetter(c.index)]));
  const counts = { rows: 0, rejected: 0, issues: 0 };
  let records: StoredRecord[] = [];
  let issues: (RecordIssue & { sheet: string; rowNumber: number })[] = [];
  const flush = async () => {
    await copyRows(db, 'dept_records', recordColumns(snap), records);
    await copyRows(db, 'dept_snapshot_issues', ISSUE_COLUMNS(snap.id), issues);
    records = [];
    issues = [];
    const p = table.progress();
    report({ phase: 'reading', rowsRead: p.rowsRead, bytesRead: p.bytesRead, totalBytes: p.totalBytes });
  };
  for await (const row of table.rows) {
    counts.rows++;
    const rec = recordRow(type, row.raw, letters, { date1904: table.date1904 });
    for (const i of rec.issues) issues.push({ ...i, sheet: row.sheet, rowNumber: row.rowNumber });
    counts.issues += rec.issues.length;
    if (rec.issues.some((i) => i.rejects) || rec.name === null) counts.rejected++;
    else records.push({ ...rec, sheet: row.sheet, rowNumber: row.rowNumber });
    if (records.length >= BATCH || issues.length >= BATCH) await flush();
  }
  await flush();
  return counts;
}

/** The whole background job of one upload. */
export async function processUpload(db: Db, snapshotId: number, filePath: string): Promise<void> {
  const [snap] = await db.select().from(deptSnapshots).where(eq(deptSnapshots.id, snapshotId));
  if (!snap || snap.status !== 'reading') return;
  let last = 0;
  const report = (p: UploadProgress) => {
    if (Date.now() - last < 500) return;
    last = Date.now();
    void setSnapshot(db, snapshotId, { progress: p }).catch(() => undefined);
  };
  try {
    const read = await readRecords(db, snap, filePath, report);
    await setSnapshot(db, snapshotId, { progress: { phase: 'matching', rowsRead: read.rows, bytesRead: 0, totalBytes: 0 } });
    const matched = await matchSnapshot(db, snap, (done) => report({ phase: 'matching', rowsRead: read.rows, bytesRead: 0, totalBytes: 0, matched: done }));
    await setSnapshot(db, snapshotId, { status: 'previewed', progress: null, counts: { ...read, ...matched } });
  } catch (e) {
    await clearRecords(db, snapshotId).catch(() => undefined);
    const error = e instanceof AppError ? { code: e.code, message: e.messageZh, messageEn: e.message } : { code: 'INTERNAL', message: '处理文件时出错，请联系管理员', messageEn: 'Processing the file failed' };
    if (!(e instanceof AppError)) console.error(`department upload ${snapshotId} failed:`, e);
    await setSnapshot(db, snapshotId, { status: 'failed', progress: null, error });
  }
}

/** Uploads a restart interrupted: their records are dropped and they are marked failed (the user uploads again). */
export async function recoverInterruptedUploads(db: Db): Promise<number> {
  const stuck = await db.select({ id: deptSnapshots.id }).from(deptSnapshots).where(eq(deptSnapshots.status, 'reading'));
  for (const s of stuck) {
    await clearRecords(db, s.id);
    await setSnapshot(db, s.id, { status: 'failed', progress: null, error: { code: 'INTERRUPTED', message: '处理中断（服务器重启），请重新上传', messageEn: 'Interrupted by a restart; upload the file again' } });
  }
  return stuck.length;
}
