/**
 * What the routes and the CLI call: who may see and act on a job, uploads, choices, commits, issue lists and
 * templates. A job is seen by its uploader and by user managers whose area contains the uploader's; only the
 * uploader changes it. Every query is filtered by the caller's scope; a job outside it is "not found".
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { can, inScope, isInScope, requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { ROSTER_CATALOGUE } from '../ingest/fields.js';
import { saveUpload, uploadName } from '../ingest/upload-file.js';
import { cancelJob, createJob, hasErrors, loadJob, runCommit, runDryRun, uploadDir, type ImportEnv, type JobRow } from './jobs.js';
import { presentIssue, presentJob, presentTemplate, type ImportJobView } from './presenter.js';
import type { ImportRunner } from './runner.js';
import { importIssues, importJobs, importTemplates } from './schema.js';
import type { CommitMode, ImportLayout, ImportOptions, ImportStatus, ImportSummary } from './types.js';

export interface ImportServices extends ImportEnv {
  readonly runner: ImportRunner;
  readonly maxBytes: number;
}

const reveal = (actor: Actor) => can(actor, 'ids.reveal');

function mayOversee(actor: Actor, job: JobRow): boolean {
  return job.userId === actor.userId || (can(actor, 'users.manage') && isInScope(actor, job.areaPath));
}

export async function visibleJob(db: Db, actor: Actor, id: number): Promise<JobRow> {
  requirePermission(actor, 'registry.write');
  const job = await loadJob(db, id);
  if (!job || !mayOversee(actor, job)) throw notFound('Import job', '导入任务');
  return job;
}

async function ownJob(db: Db, actor: Actor, id: number): Promise<JobRow> {
  const job = await visibleJob(db, actor, id);
  if (job.userId !== actor.userId) throw new AppError('FORBIDDEN', 'Only the user who uploaded the file may change the import', '只有上传该文件的用户才能操作此导入任务');
  return job;
}

function requireStatus(job: JobRow, allowed: readonly ImportStatus[]): void {
  if (!allowed.includes(job.status as ImportStatus)) {
    throw new AppError('INVALID_STATE', `The import is ${job.status}`, `导入任务当前状态为“${STATUS_ZH[job.status as ImportStatus] ?? job.status}”，不能进行此操作`, { status: job.status });
  }
}

const STATUS_ZH: Record<ImportStatus, string> = {
  queued: '排队中',
  reading: '预检中',
  previewed: '已预检',
  committing: '提交中',
  committed: '已导入',
  failed: '失败',
  cancelled: '已取消',
};

export async function getJobView(db: Db, actor: Actor, id: number): Promise<ImportJobView> {
  return presentJob(await visibleJob(db, actor, id), reveal(actor));
}

export async function listJobs(db: Db, actor: Actor, q: { page: number; pageSize: number; status?: ImportStatus | undefined }) {
  requirePermission(actor, 'registry.write');
  const conds: SQL[] = [can(actor, 'users.manage') ? inScope(actor, importJobs.areaPath) : eq(importJobs.userId, actor.userId)];
  if (q.status) conds.push(eq(importJobs.status, q.status));
  const where = and(...conds);
  const [total] = await db.select({ n: count() }).from(importJobs).where(where);
  const rows = await db
    .select()
    .from(importJobs)
    .where(where)
    .orderBy(desc(importJobs.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((j) => presentJob(j, reveal(actor))), total: Number(total?.n ?? 0) };
}

/** Keeps the upload under the data folder, refusing it as soon as it passes the size limit. */
export async function uploadJob(svc: ImportServices, actor: Actor, fileName: string, body: Readable): Promise<ImportJobView> {
  requirePermission(actor, 'registry.write');
  const name = uploadName(fileName);
  const { path: tmp, size } = await saveUpload(path.join(svc.dataDir, 'imports'), body, svc.maxBytes);
  const job = await createJob(svc, actor, { path: tmp, name, size });
  const dir = uploadDir(svc, job.id);
  await fs.promises.mkdir(dir, { recursive: true });
  const finalPath = path.join(dir, name);
  await fs.promises.rename(tmp, finalPath);
  await svc.db.update(importJobs).set({ filePath: finalPath }).where(eq(importJobs.id, job.id));
  await recordAudit(svc.db, actor, { action: 'create', entity: 'import_job', entityId: job.id, areaPath: actor.areaPath, newValues: { fileName: name, fileSize: size } });
  svc.runner.enqueue(() => runDryRun(svc, job.id));
  return presentJob((await loadJob(svc.db, job.id))!, reveal(actor));
}

export async function setOptions(svc: ImportServices, actor: Actor, id: number, options: ImportOptions): Promise<ImportJobView> {
  const job = await ownJob(svc.db, actor, id);
  requireStatus(job, ['previewed', 'failed']);
  if (options.templateId !== undefined) await visibleTemplate(svc.db, actor, options.templateId);
  const [row] = await svc.db.update(importJobs).set({ options, status: 'queued', failure: null, updatedAt: new Date() }).where(eq(importJobs.id, id)).returning();
  svc.runner.enqueue(() => runDryRun(svc, id));
  return presentJob(row!, reveal(actor));
}

export async function commitJob(svc: ImportServices, actor: Actor, id: number, mode: CommitMode): Promise<ImportJobView> {
  const job = await ownJob(svc.db, actor, id);
  requireStatus(job, ['previewed']);
  const summary = job.summary as ImportSummary | null;
  if (!summary) throw new AppError('INVALID_STATE', 'The import has no preview', '该导入尚未完成预检');
  if (mode === 'all_or_nothing' && summary.errors > 0) throw hasErrors(summary.errors);
  const [row] = await svc.db
    .update(importJobs)
    .set({ status: 'committing', mode, failure: null, updatedAt: new Date() })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'previewed')))
    .returning();
  if (!row) throw new AppError('INVALID_STATE', 'The import changed state meanwhile', '导入任务状态已变化，请刷新');
  svc.runner.enqueue(() => runCommit(svc, id, mode, actor.ip ?? null));
  return presentJob(row, reveal(actor));
}

export async function cancel(svc: ImportServices, actor: Actor, id: number): Promise<ImportJobView> {
  const job = await ownJob(svc.db, actor, id);
  requireStatus(job, ['previewed', 'failed', 'queued']);
  await cancelJob(svc, job);
  return presentJob((await loadJob(svc.db, id))!, reveal(actor));
}

export interface IssueQuery {
  page: number;
  pageSize: number;
  severity?: 'error' | 'warning' | undefined;
  code?: string | undefined;
  sheet?: string | undefined;
}

function issueWhere(jobId: number, q: Omit<IssueQuery, 'page' | 'pageSize'>): SQL | undefined {
  const conds: SQL[] = [eq(importIssues.jobId, jobId)];
  if (q.severity) conds.push(eq(importIssues.severity, q.severity));
  if (q.code) conds.push(eq(importIssues.code, q.code));
  if (q.sheet) conds.push(eq(importIssues.sheet, q.sheet));
  return and(...conds);
}

export async function listIssues(db: Db, actor: Actor, id: number, q: IssueQuery) {
  await visibleJob(db, actor, id);
  const where = issueWhere(id, q);
  const [total] = await db.select({ n: count() }).from(importIssues).where(where);
  const rows = await db
    .select()
    .from(importIssues)
    .where(where)
    .orderBy(asc(importIssues.seq), asc(importIssues.rowNumber), asc(importIssues.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((i) => presentIssue(i, reveal(actor))), total: Number(total?.n ?? 0) };
}

/** All issues of a job in file order, a page at a time (exports, the error file). */
export async function* issuePages(db: Db, jobId: number, filter: Omit<IssueQuery, 'page' | 'pageSize'> = {}, size = 5_000) {
  for (let offset = 0; ; offset += size) {
    const rows = await db
      .select()
      .from(importIssues)
      .where(issueWhere(jobId, filter))
      .orderBy(asc(importIssues.seq), asc(importIssues.id))
      .limit(size)
      .offset(offset);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
  }
}

export function importFields() {
  return {
    fields: ROSTER_CATALOGUE.fields.map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn, level: f.group as 'household' | 'member', required: f.required })),
  };
}

async function visibleTemplate(db: Db, actor: Actor, id: number) {
  const [t] = await db.select().from(importTemplates).where(eq(importTemplates.id, id));
  // The same templates the list shows: of the areas above the user and of those in their scope.
  if (!t || !(actor.areaPath.startsWith(t.areaPath) || isInScope(actor, t.areaPath))) throw notFound('Import template', '导入模板');
  return t;
}

export async function listTemplates(db: Db, actor: Actor) {
  requirePermission(actor, 'registry.write');
  // Templates of the areas above the user (a city template serves every county) and of those in their scope.
  const rows = await db
    .select()
    .from(importTemplates)
    .where(or(sql`starts_with(${actor.areaPath}, ${importTemplates.areaPath})`, inScope(actor, importTemplates.areaPath)))
    .orderBy(asc(importTemplates.name));
  return { items: rows.map(presentTemplate) };
}

export async function saveTemplate(db: Db, actor: Actor, name: string, jobId: number) {
  const job = await visibleJob(db, actor, jobId);
  const layout = job.layout as ImportLayout | null;
  if (!layout || layout.columns.length === 0) throw new AppError('INVALID_STATE', 'The import has no column mapping yet', '该导入尚无列对应关系');
  const columns = layout.columns.filter((c) => c.header !== '').map((c) => ({ header: c.header, field: c.field }));
  const [existing] = await db
    .select({ id: importTemplates.id })
    .from(importTemplates)
    .where(and(eq(importTemplates.kind, 'households'), eq(importTemplates.areaPath, actor.areaPath), eq(importTemplates.name, name)));
  if (existing) throw new AppError('ALREADY_EXISTS', `A template named ${name} exists`, `已存在名为“${name}”的模板`);
  const [row] = await db
    .insert(importTemplates)
    .values({ kind: 'households', name, headerRowCount: layout.headerRows.length, columns, userId: actor.userId, username: actor.username, areaPath: actor.areaPath })
    .returning();
  await recordAudit(db, actor, { action: 'create', entity: 'import_template', entityId: row!.id, areaPath: actor.areaPath, newValues: { name, columns } });
  return presentTemplate(row!);
}

export async function deleteTemplate(db: Db, actor: Actor, id: number): Promise<void> {
  const t = await visibleTemplate(db, actor, id);
  if (t.userId !== actor.userId && !(can(actor, 'users.manage') && isInScope(actor, t.areaPath))) {
    throw new AppError('FORBIDDEN', 'Only the template’s author or a user manager may delete it', '只有模板创建者或管理员可以删除模板');
  }
  await db.delete(importTemplates).where(eq(importTemplates.id, id));
  await recordAudit(db, actor, { action: 'end', entity: 'import_template', entityId: id, areaPath: t.areaPath, oldValues: { name: t.name } });
}
