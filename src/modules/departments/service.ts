/**
 * What the routes call: uploads, snapshots and their records. A department officer sees their department's datasets
 * only; everyone sees records inside their area (a matched record is in its person's village, an unmatched one in
 * the uploader's area). Uploading needs departments.upload; committing is for the uploader or an office user above.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { allDatasetTypes, datasetType, isBuiltInDatasetType } from '../../domain/departments/datasets.js';
import { loadAddedDatasetTypes } from './dataset-types.js';
import { maskIdNumber } from '../../domain/id-number.js';
import { AppError, notFound } from '../../errors.js';
import { can, escapeLike, isInScope, requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import type { ImportRunner } from '../imports/runner.js';
import { saveUpload, uploadName } from '../ingest/upload-file.js';
import { deptDatasetTypes, deptSnapshots } from './schema.js';
import { clearRecords, processUpload } from './upload.js';

export interface DepartmentServices {
  db: Db;
  dataDir: string;
  maxBytes: number;
  runner: ImportRunner;
}

export const SNAPSHOT_STATUSES = ['reading', 'previewed', 'committed', 'failed', 'discarded'] as const;
export const MATCH_STATUSES = ['id_exact', 'auto', 'confirmed', 'review', 'unmatched', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

type SnapshotRow = typeof deptSnapshots.$inferSelect;

/** Snapshots a user may see: their department's (officers), uploaded in an area that contains theirs or lies in it. */
function snapshotVisible(actor: Actor): SQL {
  const conds = [sql`(${deptSnapshots.areaPath} LIKE ${escapeLike(actor.areaPath) + '%'} OR ${actor.areaPath} LIKE ${deptSnapshots.areaPath} || '%')`];
  if (actor.role === 'department_officer') conds.push(actor.department ? sql`${deptSnapshots.department} = ${actor.department}` : sql`false`);
  return sql.join(conds, sql` AND `);
}

export function presentSnapshot(s: SnapshotRow) {
  const type = datasetType(s.datasetType);
  return {
    id: s.id,
    datasetType: s.datasetType,
    datasetName: type?.zh ?? s.datasetType,
    department: s.department,
    asOf: s.asOf,
    status: s.status,
    fileName: s.fileName,
    areaPath: s.areaPath,
    username: s.username,
    note: s.note,
    counts: s.counts,
    progress: s.progress,
    error: s.error,
    createdAt: s.createdAt,
    committedAt: s.committedAt,
  };
}

export async function visibleSnapshot(db: Db, actor: Actor, id: number): Promise<SnapshotRow> {
  requirePermission(actor, 'registry.read');
  const [row] = await db.select().from(deptSnapshots).where(and(eq(deptSnapshots.id, id), snapshotVisible(actor)));
  if (!row) throw notFound('Department upload', '部门数据');
  return row;
}

export async function uploadSnapshot(svc: DepartmentServices, actor: Actor, input: { datasetType: string; asOf: string; fileName: string; note?: string | undefined }, body: Readable) {
  requirePermission(actor, 'departments.upload');
  await loadAddedDatasetTypes(svc.db);
  const type = datasetType(input.datasetType);
  if (!type) throw new AppError('BAD_REQUEST', `Unknown dataset type ${input.datasetType}`, `没有这种部门数据：${input.datasetType}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf) || Number.isNaN(Date.parse(input.asOf)))
    throw new AppError('BAD_REQUEST', `The as-of date ${input.asOf} is not a date (YYYY-MM-DD)`, `数据截止日期"${input.asOf}"格式错误，应为 YYYY-MM-DD`);
  if (actor.role === 'department_officer' && actor.department !== type.department)
    throw new AppError('FORBIDDEN', `Only ${type.department} officers upload ${type.en}`, `"${type.zh}"只能由本部门人员上传`);
  const name = uploadName(input.fileName);
  const file = await saveUpload(path.join(svc.dataDir, 'department-uploads'), body, svc.maxBytes);
  const [snap] = await svc.db
    .insert(deptSnapshots)
    .values({ datasetType: type.code, department: type.department, asOf: input.asOf, status: 'reading', fileName: name, areaId: actor.areaId, areaPath: actor.areaPath, userId: actor.userId, username: actor.username, note: input.note ?? null, counts: {} })
    .returning();
  const finalPath = path.join(svc.dataDir, 'department-uploads', `${snap!.id}-${name}`);
  await fs.promises.rename(file.path, finalPath);
  await recordAudit(svc.db, actor, { action: 'create', entity: 'dept_snapshot', entityId: snap!.id, areaPath: actor.areaPath, newValues: { datasetType: type.code, asOf: input.asOf, fileName: name, fileSize: file.size } });
  svc.runner.enqueue(() => processUpload(svc.db, snap!.id, finalPath));
  return presentSnapshot(snap!);
}

function mayDecide(actor: Actor, snap: SnapshotRow): boolean {
  return snap.userId === actor.userId || ((actor.role === 'city_office' || actor.role === 'county_office' || actor.role === 'admin') && isInScope(actor, snap.areaPath));
}

/**
 * Planner statistics of the department records, after a list comes into force: rule runs join every list in force,
 * and PGlite never gathers statistics by itself (without them the city's comparison rules took 3 s longer).
 */
export async function analyzeRecords(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE dept_records`);
}

/**
 * 确认入库: the previewed snapshot becomes the one in force for its as-of date. With rejected rows the user must say
 * so ("valid rows only"); "all or nothing" refuses, and the user fixes the file and uploads it again.
 */
export async function commitSnapshot(db: Db, actor: Actor, id: number, mode: 'all_or_nothing' | 'valid_only') {
  const snap = await visibleSnapshot(db, actor, id);
  requirePermission(actor, 'departments.upload');
  if (!mayDecide(actor, snap)) throw new AppError('FORBIDDEN', 'Only the uploader or an office above commits an upload', '只有上传人或上级扶贫办可以确认入库');
  if (snap.status !== 'previewed') throw new AppError('INVALID_STATE', `The upload is ${snap.status}, not previewed`, `该数据当前状态为"${snap.status}"，不能确认入库`);
  const rejected = Number((snap.counts as { rejected?: number }).rejected ?? 0);
  if (mode === 'all_or_nothing' && rejected > 0)
    throw new AppError('IMPORT_HAS_ERRORS', `${rejected} rows could not be read: fix them, or commit the valid rows only`, `有 ${rejected} 行无法读取：请修改后重新上传，或选择"仅导入正确行"`);
  const [row] = await db.update(deptSnapshots).set({ status: 'committed', committedAt: new Date() }).where(and(eq(deptSnapshots.id, id), eq(deptSnapshots.status, 'previewed'))).returning();
  await recordAudit(db, actor, { action: 'update', entity: 'dept_snapshot', entityId: id, areaPath: snap.areaPath, oldValues: { status: 'previewed' }, newValues: { status: 'committed', mode } });
  await analyzeRecords(db);
  return presentSnapshot(row!);
}

export async function discardSnapshot(db: Db, actor: Actor, id: number) {
  const snap = await visibleSnapshot(db, actor, id);
  if (!mayDecide(actor, snap)) throw new AppError('FORBIDDEN', 'Only the uploader or an office above discards an upload', '只有上传人或上级扶贫办可以作废');
  if (snap.status !== 'previewed' && snap.status !== 'failed') throw new AppError('INVALID_STATE', `A ${snap.status} upload cannot be discarded`, '已入库或处理中的数据不能作废');
  await clearRecords(db, id);
  const [row] = await db.update(deptSnapshots).set({ status: 'discarded' }).where(eq(deptSnapshots.id, id)).returning();
  await recordAudit(db, actor, { action: 'update', entity: 'dept_snapshot', entityId: id, areaPath: snap.areaPath, oldValues: { status: snap.status }, newValues: { status: 'discarded' } });
  return presentSnapshot(row!);
}

export async function listSnapshots(db: Db, actor: Actor, q: { datasetType?: string | undefined; department?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  requirePermission(actor, 'registry.read');
  const conds = [snapshotVisible(actor)];
  if (q.datasetType) conds.push(eq(deptSnapshots.datasetType, q.datasetType));
  if (q.department) conds.push(eq(deptSnapshots.department, q.department));
  if (q.status) conds.push(eq(deptSnapshots.status, q.status));
  const where = and(...conds);
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(deptSnapshots).where(where)) as [{ n: number }];
  const rows = await db.select().from(deptSnapshots).where(where).orderBy(desc(deptSnapshots.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { total: Number(n), page: q.page, pageSize: q.pageSize, items: rows.map(presentSnapshot) };
}

/** The catalogue with, per type, the snapshot in force today and the number of committed snapshots. */
export async function listDatasetTypes(db: Db, actor: Actor) {
  requirePermission(actor, 'registry.read');
  const current = await query<{ dataset_type: string; id: number; as_of: string; committed: number }>(
    db,
    sql`SELECT DISTINCT ON (dataset_type) dataset_type, id, as_of::text AS as_of, count(*) OVER (PARTITION BY dataset_type)::int AS committed
        FROM dept_snapshots WHERE status = 'committed' ORDER BY dataset_type, as_of DESC, id DESC`,
  );
  const byType = new Map(current.map((c) => [c.dataset_type, c]));
  const versions = new Map((await db.select({ code: deptDatasetTypes.code, version: deptDatasetTypes.version }).from(deptDatasetTypes)).map((r) => [r.code, r.version]));
  const all = allDatasetTypes();
  const visible = actor.role === 'department_officer' ? all.filter((t) => t.department === actor.department) : all;
  return visible.map((t) => ({
    builtIn: isBuiltInDatasetType(t.code),
    version: versions.get(t.code) ?? null,
    code: t.code,
    department: t.department,
    zh: t.zh,
    en: t.en,
    description: t.description,
    columns: t.columns,
    current: byType.has(t.code) ? { snapshotId: Number(byType.get(t.code)!.id), asOf: byType.get(t.code)!.as_of, committedSnapshots: Number(byType.get(t.code)!.committed) } : null,
  }));
}

export interface RecordFilter {
  matchStatus?: MatchStatus | undefined;
  q?: string | undefined;
}

function recordWhere(actor: Actor, snapshotId: number, f: RecordFilter): SQL {
  const conds = [sql`r.snapshot_id = ${snapshotId}`, sql`r.area_path LIKE ${escapeLike(actor.areaPath) + '%'}`];
  if (f.matchStatus) conds.push(sql`r.match_status = ${f.matchStatus}`);
  if (f.q) conds.push(sql`(r.name LIKE ${escapeLike(f.q) + '%'} OR r.id_number LIKE ${escapeLike(f.q) + '%'})`);
  return sql.join(conds, sql` AND `);
}

type RecordRowOut = Record<string, unknown> & { id: number; id_number: string | null; id_raw: string | null; member_id_number: string | null };

export function presentRecord(r: RecordRowOut, revealIds: boolean) {
  const mask = (v: string | null) => (v == null ? null : revealIds ? v : v.length >= 15 ? maskIdNumber(v) : v.replace(/\d(?=\d{4})/g, '*'));
  return {
    id: Number(r.id),
    sheet: r.sheet,
    rowNumber: r.row_number,
    idNumber: mask(r.id_number ?? r.id_raw),
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    villageName: r.village_name,
    data: r.data,
    matchStatus: r.match_status,
    matchScore: r.match_score == null ? null : Number(r.match_score),
    matchReasons: r.match_reasons,
    memberId: r.member_id,
    householdId: r.household_id,
    member: r.member_id == null ? null : { name: r.member_name, idNumber: mask(r.member_id_number), householdNo: r.household_no, areaPath: r.area_path },
  };
}

const RECORD_SELECT = sql`SELECT r.id::int AS id, r.sheet, r.row_number, r.id_number, r.id_raw, r.name, r.sex, r.birth_date::text AS birth_date, r.village_name, r.data,
  r.match_status, r.match_score, r.match_reasons, r.member_id, r.household_id, r.area_path, m.name AS member_name, m.id_number AS member_id_number, h.household_no
  FROM dept_records r LEFT JOIN members m ON m.id = r.member_id LEFT JOIN households h ON h.id = r.household_id`;

export async function listRecords(db: Db, actor: Actor, snapshotId: number, q: RecordFilter & { page: number; pageSize: number }, revealIds = false) {
  await visibleSnapshot(db, actor, snapshotId);
  const where = recordWhere(actor, snapshotId, q);
  const [{ n }] = (await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM dept_records r WHERE ${where}`)) as [{ n: number }];
  const rows = await query<RecordRowOut>(db, sql`${RECORD_SELECT} WHERE ${where} ORDER BY r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  const reveal = revealIds && can(actor, 'ids.reveal');
  await recordAudit(db, actor, { action: 'view', entity: 'dept_record', areaPath: actor.areaPath, detail: { snapshotId, filter: q, rows: rows.length, revealIds: reveal } });
  return { total: Number(n), page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentRecord(r, reveal)) };
}

export async function* iterateRecords(db: Db, actor: Actor, snapshotId: number, f: RecordFilter, revealIds: boolean, size = 2_000) {
  const where = recordWhere(actor, snapshotId, f);
  for (let last = 0; ; ) {
    const rows = await query<RecordRowOut>(db, sql`${RECORD_SELECT} WHERE ${where} AND r.id > ${last} ORDER BY r.id LIMIT ${size}`);
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    yield rows.map((r) => presentRecord(r, revealIds));
  }
}

export async function countRecords(db: Db, actor: Actor, snapshotId: number, f: RecordFilter): Promise<number> {
  const [{ n }] = (await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM dept_records r WHERE ${recordWhere(actor, snapshotId, f)}`)) as [{ n: number }];
  return Number(n);
}

/** What every department holds about one registry person, from the snapshots in force (evidence for a problem). */
export async function memberRecords(db: Db, actor: Actor, memberId: number) {
  requirePermission(actor, 'registry.read');
  const [inScope] = await query<{ id: number }>(db, sql`SELECT id FROM members WHERE id = ${memberId} AND area_path LIKE ${escapeLike(actor.areaPath) + '%'}`);
  if (!inScope) throw notFound('Registry member', '建档立卡成员');
  const rows = await query<RecordRowOut & { dataset_type: string; as_of: string; snapshot_id: number }>(
    db,
    sql`SELECT r.id::int AS id, r.sheet, r.row_number, r.id_number, r.id_raw, r.name, r.sex, r.birth_date::text AS birth_date, r.village_name, r.data,
          r.match_status, r.match_score, r.match_reasons, r.member_id, r.household_id, r.area_path, NULL AS member_name, NULL AS member_id_number, NULL AS household_no,
          s.dataset_type, s.as_of::text AS as_of, s.id AS snapshot_id
        FROM dept_records r JOIN dept_snapshots s ON s.id = r.snapshot_id
        WHERE r.member_id = ${memberId} AND s.status = 'committed' AND r.area_path LIKE ${escapeLike(actor.areaPath) + '%'}
        ORDER BY s.dataset_type, s.as_of DESC, r.id`,
  );
  await recordAudit(db, actor, { action: 'view', entity: 'dept_record', areaPath: actor.areaPath, detail: { memberId, rows: rows.length } });
  return rows.map((r) => ({ ...presentRecord(r, false), datasetType: r.dataset_type, datasetName: datasetType(r.dataset_type)?.zh ?? r.dataset_type, asOf: r.as_of, snapshotId: Number(r.snapshot_id) }));
}
