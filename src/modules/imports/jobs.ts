/**
 * Import jobs: their states and the work each state change does. A job is created with its file, read and checked
 * (the dry run, 预检) in the background, shown, re-checked with other choices as often as the user likes, then
 * committed once. The commit is one transaction (checks, comparison, writes, audit and the job's own new state
 * together), so a crash leaves the registry as before the commit or as after it. Jobs interrupted by a restart are
 * marked failed at start-up; their staging is dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { analyzeStale } from '../../db/statistics.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../accounts/access.js';
import { areas } from '../areas/schema.js';
import { fieldOf, ROSTER_CATALOGUE, type RosterField } from '../ingest/fields.js';
import type { MappingTemplate } from '../ingest/mapping.js';
import { ingestLimits, type IngestLimits } from '../ingest/limits.js';
import { applyImport } from './apply.js';
import { runChecks } from './checks.js';
import { compare, sampleChanges } from './compare.js';
import { importJobs, importTemplates } from './schema.js';
import { clearStaging, stageFile } from './stage.js';
import type { CommitMode, ImportFailure, ImportLayout, ImportOptions, ImportProgress, ImportStatus, ImportSummary } from './types.js';

export type JobRow = typeof importJobs.$inferSelect;

export interface ImportEnv {
  readonly db: Db;
  /** Uploads are kept under `<dataDir>/imports/<job id>/`. */
  readonly dataDir: string;
  readonly limits?: IngestLimits;
}

/** JINGZHUN_IMPORT_TIMING=1 prints each phase's duration to stderr (benchmarks, diagnosis). */
function phaseTimer(jobId: number) {
  const on = process.env.JINGZHUN_IMPORT_TIMING === '1';
  let last = performance.now();
  return (phase: string) => {
    if (!on) return;
    const now = performance.now();
    process.stderr.write(`[import ${jobId}] ${phase}: ${((now - last) / 1000).toFixed(2)} s\n`);
    last = now;
  };
}

const ACTIVE: ImportStatus[] = ['queued', 'reading', 'committing'];

export async function loadJob(db: Db, id: number): Promise<JobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row;
}

async function setJob(db: Db, id: number, values: Partial<typeof importJobs.$inferInsert>): Promise<void> {
  await db
    .update(importJobs)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(importJobs.id, id));
}

/** A job row for a file already on disk; `keepFile` when it is the user's own file (the CLI), not an upload copy. */
export async function createJob(env: ImportEnv, actor: Actor, file: { path: string; name: string; size: number }, options: ImportOptions = {}): Promise<JobRow> {
  const [row] = await env.db
    .insert(importJobs)
    .values({
      kind: 'households',
      fileName: file.name,
      fileSize: file.size,
      filePath: file.path,
      status: 'queued',
      userId: actor.userId,
      username: actor.username,
      areaPath: actor.areaPath,
      options,
    })
    .returning();
  return row!;
}

export function uploadDir(env: ImportEnv, jobId: number): string {
  return path.join(env.dataDir, 'imports', String(jobId));
}

function throttled(fn: (p: ImportProgress) => void, ms = 500): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last >= ms) {
      last = now;
      fn(p);
    }
  };
}

/** What the user is told; an unexpected error's details (SQL, stack) go to the log only. */
function failureOf(e: unknown, jobId: number): ImportFailure {
  if (e instanceof AppError) return { code: e.code, message: e.messageZh, messageEn: e.message };
  const cause = (e as { cause?: unknown }).cause;
  console.error(`import job ${jobId} failed:`, cause ?? e);
  return { code: 'INTERNAL', message: `导入任务${jobId}因系统内部错误失败，已记录日志，请联系管理员。`, messageEn: `Import job ${jobId} failed with an internal error; it has been logged.` };
}

function mappedFields(layout: ImportLayout): Set<RosterField> {
  return new Set(layout.columns.flatMap((c) => (c.field ? [c.field as RosterField] : [])));
}

async function scopeName(db: DbOrTx, areaPath: string): Promise<{ name: string; nameEn: string }> {
  const id = Number(areaPath.split('/').filter(Boolean).pop());
  const [a] = await db.select({ name: areas.name, nameEn: areas.nameEn }).from(areas).where(eq(areas.id, id));
  return { name: a?.name ?? areaPath, nameEn: a?.nameEn ?? a?.name ?? areaPath };
}

/**
 * The newest change to households or members in the audit trail (every registry write leaves one). The commit
 * re-runs the checks only if it moved since the dry run.
 */
async function registryMark(db: DbOrTx): Promise<number> {
  const [row] = await query<{ id: number | null }>(
    db,
    sql`SELECT max(id) AS id FROM audit_log WHERE entity IN ('household', 'member') AND action IN ('create', 'update', 'end')`,
  );
  return Number(row?.id ?? 0);
}

/** Checks and comparison over the staged rows, inside `tx`; returns the summary without the read counts. */
async function analyse(tx: DbOrTx, job: JobRow, layout: ImportLayout, onProgress: (p: ImportProgress) => void, base: ImportProgress) {
  const mapped = mappedFields(layout);
  const scope = await scopeName(tx, job.areaPath);
  onProgress({ ...base, phase: 'checking' });
  await runChecks(tx, {
    jobId: job.id,
    areaPath: job.areaPath,
    areaName: scope.name,
    areaNameEn: scope.nameEn,
    mapped,
    letters: Object.fromEntries(layout.columns.flatMap((c) => (c.field ? [[c.field, c.letter]] : []))),
    severalSheets: layout.selectedSheets.length > 1,
  });
  onProgress({ ...base, phase: 'comparing' });
  const comparison = await compare(tx, job.id, mapped);
  const [issues] = await query<{ errors: number; warnings: number }>(
    tx,
    sql`SELECT count(*) FILTER (WHERE severity = 'error')::int AS errors, count(*) FILTER (WHERE severity = 'warning')::int AS warnings
        FROM import_issues WHERE job_id = ${job.id}`,
  );
  return { comparison, mapped, errors: Number(issues?.errors ?? 0), warnings: Number(issues?.warnings ?? 0) };
}

function summaryOf(a: Awaited<ReturnType<typeof analyse>>, rows: number, skipped: ImportSummary['skipped']): ImportSummary {
  return {
    rows,
    rowsRejected: a.comparison.rowsRejected,
    errors: a.errors,
    warnings: a.warnings,
    households: a.comparison.households,
    members: a.comparison.members,
    skipped,
  };
}

/** The dry run: read and stage the file, check, compare; the job ends `previewed` or `failed`. */
export async function runDryRun(env: ImportEnv, jobId: number): Promise<void> {
  const db = env.db;
  const job = await loadJob(db, jobId);
  if (!job) return;
  const options = job.options as ImportOptions;
  await setJob(db, jobId, { status: 'reading', failure: null, summary: null, samples: null, progress: { phase: 'reading', rowsRead: 0, bytesRead: 0, totalBytes: 0 } });
  const report = throttled((p) => void setJob(db, jobId, { progress: p }).catch(() => undefined));
  const lap = phaseTimer(jobId);
  try {
    const template = options.templateId ? await loadTemplate(db, options.templateId) : undefined;
    const staged = await stageFile(db, { id: job.id, filePath: job.filePath, fileName: job.fileName, options }, env.limits ?? ingestLimits(), report, template);
    if (!staged.ok) {
      await clearStaging(db, jobId);
      await setJob(db, jobId, {
        status: 'failed',
        layout: staged.layout,
        progress: null,
        finishedAt: new Date(),
        failure: { code: staged.rejection.reason, message: staged.rejection.messageZh, messageEn: staged.rejection.message },
      });
      return;
    }
    const { layout } = staged;
    lap('read and stage');
    if (layout.missingRequired.length > 0) {
      await setJob(db, jobId, {
        status: 'failed',
        format: staged.format,
        layout,
        progress: null,
        finishedAt: new Date(),
        failure: {
          code: 'MISSING_COLUMNS',
          message: `找不到必填列：${layout.missingRequired.map((k) => fieldOf(ROSTER_CATALOGUE, k)?.label ?? k).join('、')}。请在列对应关系中指定后重新预检。`,
          messageEn: `Required columns not found: ${layout.missingRequired.map((k) => fieldOf(ROSTER_CATALOGUE, k)?.labelEn ?? k).join(', ')}. Map them and run the check again.`,
        },
      });
      return;
    }
    const base: ImportProgress = { phase: 'checking', rowsRead: staged.read.rows, bytesRead: staged.totalBytes, totalBytes: staged.totalBytes };
    // Not one transaction: on the embedded database (one connection) that would stall every other request for the
    // whole check. The mark is taken first, so a registry change during the check makes the commit check again.
    const mark = await registryMark(db);
    const a = await analyse(db, job, layout, report, base);
    const summary = summaryOf(a, staged.read.rows, staged.read.skipped);
    const samples = await sampleChanges(db, job.id, a.mapped);
    lap('check and compare');
    await setJob(db, jobId, { status: 'previewed', format: staged.format, layout, summary, samples, registryMark: mark, progress: null, finishedAt: new Date() });
  } catch (e) {
    await clearStaging(db, jobId).catch(() => undefined);
    await setJob(db, jobId, { status: 'failed', progress: null, finishedAt: new Date(), failure: failureOf(e, jobId) });
  }
}

/**
 * The commit. Checks and comparison run again inside the transaction; with `all_or_nothing` any error rolls it all
 * back. The job's new state is written in the same transaction as the registry changes.
 */
export async function runCommit(env: ImportEnv, jobId: number, mode: CommitMode, ip: string | null): Promise<void> {
  const db = env.db;
  const job = await loadJob(db, jobId);
  if (!job || !job.layout) return;
  const layout = job.layout as ImportLayout;
  const before = job.summary as ImportSummary;
  const report = throttled((p) => void setJob(db, jobId, { progress: p }).catch(() => undefined));
  // Reading is long done; the bar stays full while the commit checks and writes.
  const base: ImportProgress = { phase: 'checking', rowsRead: before.rows, bytesRead: 1, totalBytes: 1 };
  const lap = phaseTimer(jobId);
  try {
    await db.transaction(async (tx) => {
      // Registry writers wait until the commit is done (readers do not), so what was checked is what gets written.
      await tx.execute(sql`LOCK TABLE households, members IN SHARE ROW EXCLUSIVE MODE`);
      // The commit's statements hash and join the whole staged file; in the default 4 MB a million-row file spills
      // every join to disk (a tenth of the commit's time). One commit runs at a time, so the memory is bounded.
      await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
      let summary: ImportSummary = before;
      if ((await registryMark(tx)) !== job.registryMark) {
        const a = await analyse(tx, job, layout, report, base);
        summary = summaryOf(a, before.rows, before.skipped);
      }
      if (mode === 'all_or_nothing' && summary.errors > 0) throw hasErrors(summary.errors);
      lap('commit: lock and re-check if needed');
      report({ ...base, phase: 'applying' });
      const result = await applyImport(tx, { jobId, userId: job.userId, username: job.username, ip, mapped: mappedFields(layout) });
      await tx
        .update(importJobs)
        .set({ status: 'committed', mode, result, summary, progress: null, finishedAt: new Date(), updatedAt: new Date() })
        .where(eq(importJobs.id, jobId));
    });
    lap('commit: write and audit');
    // Issues stay for the error list and file; the staged rows are not needed any more.
    await db.execute(sql`DELETE FROM import_rows WHERE job_id = ${jobId}`);
    await db.execute(sql`DELETE FROM import_households WHERE job_id = ${jobId}`);
    await db.execute(sql`DELETE FROM import_members WHERE job_id = ${jobId}`);
  } catch (e) {
    // The transaction rolled back: the registry is as before, the preview still stands.
    await setJob(db, jobId, { status: 'previewed', progress: null, failure: failureOf(e, jobId) });
    return;
  }
  // A large file changes the registry enough to need new planner statistics (a roster of a few households does not).
  // The import is committed whatever happens here.
  await analyzeStale(db).catch((e) => console.error(`import ${jobId}: planner statistics not taken:`, e));
}

export function hasErrors(n: number): AppError {
  return new AppError(
    'IMPORT_HAS_ERRORS',
    `The file has ${n} errors: with "all or nothing" nothing is imported. Fix them, or commit the valid households only.`,
    `文件中有${n}处错误，按“全部成功才导入”方式不会导入任何数据。请修改后重新上传，或选择“仅导入无误的户”。`,
    { errors: n },
  );
}

async function loadTemplate(db: Db, id: number): Promise<MappingTemplate<RosterField> | undefined> {
  const [t] = await db.select().from(importTemplates).where(eq(importTemplates.id, id));
  if (!t) return undefined;
  return { name: t.name, catalogue: ROSTER_CATALOGUE.name, headerRowCount: t.headerRowCount, columns: t.columns as MappingTemplate<RosterField>['columns'] };
}

/** Start-up: work that was running when the process stopped did not finish; say so, and drop its staging. */
export async function recoverInterruptedJobs(db: Db): Promise<number> {
  const stuck = await db.select({ id: importJobs.id, status: importJobs.status }).from(importJobs).where(inArray(importJobs.status, ACTIVE));
  for (const j of stuck) {
    await clearStaging(db, j.id);
    await setJob(db, j.id, {
      status: 'failed',
      progress: null,
      summary: null,
      finishedAt: new Date(),
      failure: {
        code: 'INTERRUPTED',
        message: j.status === 'committing' ? '服务在导入提交过程中停止，本次提交未生效，数据保持导入前状态。请重新预检后提交。' : '服务在预检过程中停止，请重新预检。',
        messageEn: j.status === 'committing' ? 'The server stopped during the commit; nothing of it was saved. Run the check again and commit.' : 'The server stopped during the check; run it again.',
      },
    });
  }
  return stuck.length;
}

export async function cancelJob(env: ImportEnv, job: JobRow): Promise<void> {
  if (job.status === 'committed' || job.status === 'committing') {
    throw new AppError('INVALID_STATE', 'A committed import cannot be cancelled', '已提交的导入不能取消');
  }
  await clearStaging(env.db, job.id);
  await setJob(env.db, job.id, { status: 'cancelled', progress: null, finishedAt: new Date() });
  await removeUpload(env, job);
}

async function removeUpload(env: ImportEnv, job: JobRow): Promise<void> {
  const dir = uploadDir(env, job.id);
  if (job.filePath.startsWith(dir)) await fs.promises.rm(dir, { recursive: true, force: true });
}

/** Jobs not committed within `days` lose their staging and their upload; committed ones keep the issues. */
export async function cleanUpOldJobs(env: ImportEnv, days = 7): Promise<void> {
  const old = await env.db
    .select()
    .from(importJobs)
    .where(and(inArray(importJobs.status, ['previewed', 'failed']), sql`${importJobs.updatedAt} < now() - make_interval(days => ${days})`));
  for (const job of old) await cancelJob(env, job);
}
