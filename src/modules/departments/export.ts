import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { datasetType } from '../../domain/departments/datasets.js';
import type { Actor } from '../accounts/access.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import type { ExportColumn } from '../exports/table-file.js';
import type { presentRecord} from './service.js';
import { countRecords, iterateRecords, visibleSnapshot, type RecordFilter } from './service.js';

type RecordView = ReturnType<typeof presentRecord>;

export const MATCH_STATUS_ZH: Record<string, string> = {
  id_exact: '身份证号匹配',
  auto: '自动匹配',
  confirmed: '人工确认',
  review: '待确认',
  unmatched: '未匹配',
  rejected: '确认非建档立卡人员',
};

function recordColumns(typeCode: string): ExportColumn<RecordView>[] {
  const type = datasetType(typeCode);
  return [
    { header: '工作表', value: (r) => String(r.sheet), width: 12 },
    { header: '行号', value: (r) => Number(r.rowNumber), width: 6 },
    { header: '身份证号', value: (r) => r.idNumber, text: true, width: 22 },
    { header: '姓名', value: (r) => String(r.name), width: 10 },
    { header: '出生日期', value: (r) => (r.birthDate as string | null) ?? null, text: true, width: 12 },
    { header: '所在村', value: (r) => (r.villageName as string | null) ?? null, width: 12 },
    ...(type?.columns ?? []).map((c) => ({ header: c.label, value: (r: RecordView) => ((r.data as Record<string, string | number | boolean>)[c.key] ?? null) as string | number | null, width: 14 })),
    { header: '匹配结果', value: (r) => MATCH_STATUS_ZH[String(r.matchStatus)] ?? String(r.matchStatus), width: 12 },
    { header: '匹配得分', value: (r) => r.matchScore, width: 8 },
    { header: '匹配依据', value: (r) => (r.matchReasons as string[]).join('、'), width: 24 },
    { header: '户编号', value: (r) => (r.member?.householdNo as string | null) ?? null, text: true, width: 22 },
    { header: '建档立卡姓名', value: (r) => (r.member?.name as string | null) ?? null, width: 10 },
  ];
}

export async function exportRecords(db: Db, actor: Actor, snapshotId: number, f: RecordFilter, format: ExportFormat, revealIds: boolean) {
  const snap = await visibleSnapshot(db, actor, snapshotId);
  return exportList(db, actor, format, {
    title: `${datasetType(snap.datasetType)?.zh ?? snap.datasetType}比对结果`,
    entity: 'dept_record',
    areaPath: actor.areaPath,
    filters: { snapshotId, ...f },
    count: await countRecords(db, actor, snapshotId, f),
    unit: '条',
    revealIds,
    columns: recordColumns(snap.datasetType),
    rows: iterateRecords(db, actor, snapshotId, f, revealIds),
  });
}

interface IssueRow extends Record<string, unknown> {
  id: number;
  sheet: string;
  row_number: number;
  column: string | null;
  field: string | null;
  value: string | null;
  code: string;
  reason: string;
  reason_zh: string;
}

const presentIssue = (i: IssueRow) => ({ sheet: i.sheet, rowNumber: i.row_number, column: i.column, field: i.field, value: i.value, code: i.code, reason: i.reason_zh, reasonEn: i.reason });

export async function listIssues(db: Db, actor: Actor, snapshotId: number, q: { page: number; pageSize: number }) {
  await visibleSnapshot(db, actor, snapshotId);
  const [{ n }] = (await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM dept_snapshot_issues WHERE snapshot_id = ${snapshotId}`)) as [{ n: number }];
  const rows = await query<IssueRow>(db, sql`SELECT * FROM dept_snapshot_issues WHERE snapshot_id = ${snapshotId} ORDER BY row_number, id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  return { total: Number(n), page: q.page, pageSize: q.pageSize, items: rows.map(presentIssue) };
}

async function* issuePages(db: Db, snapshotId: number, size = 5_000) {
  for (let last = 0; ; ) {
    const rows = await query<IssueRow>(db, sql`SELECT * FROM dept_snapshot_issues WHERE snapshot_id = ${snapshotId} AND id > ${last} ORDER BY id LIMIT ${size}`);
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    yield rows.map(presentIssue);
  }
}

/** The cells that could not be read, with sheet, row and column as the user sees them in Excel, to fix and re-upload. */
export async function exportIssues(db: Db, actor: Actor, snapshotId: number, format: ExportFormat) {
  const snap = await visibleSnapshot(db, actor, snapshotId);
  const [{ n }] = (await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM dept_snapshot_issues WHERE snapshot_id = ${snapshotId}`)) as [{ n: number }];
  type V = ReturnType<typeof presentIssue>;
  const columns: ExportColumn<V>[] = [
    { header: '工作表', value: (i) => i.sheet, width: 12 },
    { header: '行号', value: (i) => i.rowNumber, width: 6 },
    { header: '列', value: (i) => i.column, text: true, width: 6 },
    { header: '单元格内容', value: (i) => i.value, text: true, width: 24 },
    { header: '问题', value: (i) => i.reason, width: 60 },
  ];
  return exportList(db, actor, format, {
    title: `${snap.fileName} 错误清单`,
    entity: 'dept_snapshot',
    areaPath: snap.areaPath,
    filters: { snapshotId },
    count: Number(n),
    unit: '条',
    columns,
    rows: issuePages(db, snapshotId),
  });
}
