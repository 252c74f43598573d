/**
 * Rule runs (README "Runs"): queued on the one-at-a-time runner, then each rule evaluated and compared with its
 * stored findings in its own transaction, which also records the run's progress and counts. A stopped process
 * therefore leaves every rule's findings as before or as after that rule, and the run record agrees with them.
 */
import { DEPARTMENTS } from '../../domain/codes.js';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { forEachPart } from '../../db/parallel.js';
import { analyzeStale } from '../../db/statistics.js';
import { checkRule, quote, rulesSql, type CheckedRule } from '../../domain/rules/index.js';
import type { RuleRunContext, RuleSubject } from '../../domain/rules/types.js';
import { AppError, notFound } from '../../errors.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { areas } from '../areas/schema.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import type { ImportRunner } from '../imports/runner.js';
import { runContext } from '../rules/context.js';
import { warningsFromRun } from '../monitoring/from-findings.js';
import { loadRule, rulesForRun } from '../rules/service.js';
import { defaultReferenceDate, isIsoDate } from '../rules/settings.js';
import { chinaDate } from '../standards/service.js';
import { addCounts, applyViolations, ZERO_COUNTS, type DiffCounts } from './diff.js';
import { ruleRuns } from './schema.js';

export type RunRow = typeof ruleRuns.$inferSelect;
export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export interface RuleResult extends DiffCounts {
  code: string;
  version: number;
  ms: number;
  error: string | null;
}

export interface RunRequest {
  ruleCode?: string | undefined;
  /** Only these departments' rules: a comparison run of one department or several. */
  departments?: readonly string[] | undefined;
  areaId?: number | undefined;
  referenceDate?: string | undefined;
}

export interface RunProgress {
  rulesDone: number;
  rulesTotal: number;
  rule: string | null;
}

export function presentRun(r: RunRow, areaName: string, withPerRule: boolean) {
  return {
    id: r.id,
    status: r.status,
    ruleCode: r.ruleCode,
    departments: r.departments ?? null,
    area: { id: r.areaId, name: areaName },
    referenceDate: r.referenceDate,
    createdBy: r.username,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    progress: { phase: r.phase as 'evaluating' | 'applying' | null, rulesDone: r.rulesDone, rulesTotal: r.rulesTotal },
    evaluateMs: r.evaluateMs,
    counts: { ...ZERO_COUNTS, ...(r.counts as Partial<DiffCounts>) },
    failedRules: r.failedRules,
    error: (r.error as { code: string; message: string; messageEn: string } | null) ?? null,
    ...(withPerRule ? { perRule: r.perRule as RuleResult[] } : {}),
  };
}
export type RunView = ReturnType<typeof presentRun>;

async function areaName(db: DbOrTx, id: number): Promise<string> {
  const [a] = await db.select({ name: areas.name }).from(areas).where(eq(areas.id, id));
  return a?.name ?? '';
}

/** Checks the request and stores the run as queued; the caller hands `executeRun` to a runner (or runs it). */
export async function createRun(db: Db, actor: Actor, req: RunRequest): Promise<RunRow> {
  requirePermission(actor, 'rules.run');
  const area = await getAreaInScope(db, actor, req.areaId ?? actor.areaId);
  if (req.ruleCode) {
    const { r } = await loadRule(db, req.ruleCode);
    if (!r.enabled) {
      throw new AppError('INVALID_STATE', `Rule ${r.code} is switched off; try it with a preview`, `规则${r.code}未启用，不能运行；可先用“试运行（预览）”查看结果`);
    }
  }
  const unknown = (req.departments ?? []).filter((d) => !DEPARTMENTS.some((x) => x.code === d));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', `Unknown department ${unknown.join(', ')}`, `没有这个部门：${unknown.join('、')}`, { issues: [{ path: 'departments', message: '部门代码无效' }] });
  const referenceDate = req.referenceDate ?? (await defaultReferenceDate(db));
  if (!isIsoDate(referenceDate)) throw new AppError('VALIDATION_FAILED', 'Bad reference date', '参照日期无效', { issues: [{ path: 'referenceDate', message: '日期无效' }] });
  const [run] = await db
    .insert(ruleRuns)
    .values({ status: 'queued', ruleCode: req.ruleCode ?? null, departments: req.departments?.length ? [...req.departments] : null, areaId: area.id, areaPath: area.path, referenceDate, userId: actor.userId, username: actor.username })
    .returning();
  await recordAudit(db, actor, { action: 'create', entity: 'rule_run', entityId: run!.id, areaPath: area.path, newValues: { ruleCode: req.ruleCode ?? null, departments: req.departments ?? null, referenceDate } });
  return run!;
}

export async function queueRun(db: Db, runner: ImportRunner, actor: Actor, req: RunRequest) {
  const run = await createRun(db, actor, req);
  runner.enqueue(async () => {
    await executeRun(db, run.id);
  });
  return presentRun(run, await areaName(db, run.areaId), true);
}

function failureOf(e: unknown): { code: string; message: string; messageEn: string } {
  if (e instanceof AppError) return { code: e.code, message: e.messageZh, messageEn: e.message };
  return { code: 'INTERNAL', message: '规则运行因系统内部错误失败，已记录日志', messageEn: 'The run failed with an internal error; it has been logged' };
}

/** What a failed rule records: the database's own message helps the rule's author (it holds no personal data). */
function ruleError(e: unknown): string {
  const cause = (e as { cause?: { message?: string } }).cause;
  return (cause?.message ?? (e as Error).message ?? String(e)).slice(0, 500);
}

type CheckedEntry = { code: string; v: Awaited<ReturnType<typeof rulesForRun>>[number]['v']; rule: CheckedRule | null; error: string | null };

/**
 * Writes the violations of `rules` (one subject) into the run's staging with one statement; if that statement
 * fails (one rule's SQL breaks), each rule alone, so only the broken rule fails. Returns the failures by code.
 */
async function stage(db: Db, runId: number, rules: CheckedEntry[], ctx: RuleRunContext, areaPath: string): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  const insert = (text: string) =>
    db.execute(sql`INSERT INTO rule_run_hits (run_id, rule_code, household_id, member_id, area_path, evidence)
                   SELECT ${runId}, v.rule_code, v.household_id, v.member_id, v.area_path, coalesce(v.evidence, '{}'::jsonb) FROM (${sql.raw(text)}) v`);
  const named = rules.map((r) => ({ code: r.code, rule: r.rule! }));
  try {
    await insert(rulesSql(named, ctx, { areaPath }));
    return failures;
  } catch {
    await db.execute(sql`DELETE FROM rule_run_hits WHERE run_id = ${runId} AND rule_code IN (${sql.join(
      rules.map((r) => sql`${r.code}`),
      sql`, `,
    )})`);
  }
  for (const r of named) {
    try {
      await insert(rulesSql([r], ctx, { areaPath }));
    } catch (e) {
      failures.set(r.code, ruleError(e));
    }
  }
  return failures;
}

/**
 * Evaluates every rule of the run into the staging table (one statement per subject: the registry is scanned once),
 * then applies the rules one after another, each in its own transaction. Never throws: a failure is recorded.
 * A run a stopped server left half done resumes here: the rules it applied stand (their results are in per_rule),
 * the others are evaluated and applied now.
 */
export async function executeRun(db: Db, runId: number, onProgress: (p: RunProgress) => void = () => undefined): Promise<RunRow> {
  const [run] = await db.select().from(ruleRuns).where(eq(ruleRuns.id, runId));
  if (!run) throw notFound(`Run ${runId}`, `规则运行${runId}`);
  try {
    const applied = (run.perRule as RuleResult[] | null) ?? [];
    const appliedCodes = new Set(applied.map((r) => r.code));
    const all = (await rulesForRun(db, run.ruleCode, run.departments)).filter((r) => !run.ruleCodes.length || run.ruleCodes.includes(r.code));
    const list = all.filter((r) => !appliedCodes.has(r.code));
    await db
      .update(ruleRuns)
      .set({ status: 'running', phase: 'evaluating', startedAt: run.startedAt ?? new Date(), ruleCodes: all.map((r) => r.code), rulesTotal: all.length })
      .where(eq(ruleRuns.id, runId));
    onProgress({ rulesDone: applied.length, rulesTotal: all.length, rule: null });
    // Staging left by runs that did not finish is of no use to anyone.
    await db.execute(sql`DELETE FROM rule_run_hits WHERE run_id NOT IN (SELECT id FROM rule_runs WHERE status = 'running')`);
    const entries: CheckedEntry[] = list.map(({ code, v }) => {
      const checked = checkRule({ subject: v.subject as RuleSubject, condition: v.condition, appliesTo: v.appliesTo });
      return checked.ok ? { code, v, rule: checked.rule, error: null } : { code, v, rule: null, error: `规则表达式有误: ${checked.errors.map((e) => e.messageZh).join('; ')}` };
    });
    const ctx = await runContext(db, run.referenceDate);
    const evaluating = performance.now();
    // Without planner statistics a run over freshly loaded data got nested-loop plans that did not finish; PGlite
    // never gathers them by itself, so the run does when the data has changed enough (a second at city scale).
    await analyzeStale(db);
    // One statement per subject; on a server both at once (each is one core's work), members first, the longer.
    await forEachPart(db, ['member', 'household'] as const, async (subject) => {
      const group = entries.filter((e) => e.rule && e.rule.subject === subject);
      if (group.length === 0) return;
      const failures = await stage(db, runId, group, ctx, run.areaPath);
      for (const e of group) e.error = failures.get(e.code) ?? null;
    });
    await db.update(ruleRuns).set({ phase: 'applying', evaluateMs: Math.round(performance.now() - evaluating) }).where(eq(ruleRuns.id, runId));

    const today = chinaDate();
    let totals: DiffCounts = { ...ZERO_COUNTS, ...(run.counts as Partial<DiffCounts>) };
    const perRule: RuleResult[] = [...applied];
    let failed = run.failedRules;
    for (const [k, { code, v, error }] of entries.entries()) {
      const i = applied.length + k;
      onProgress({ rulesDone: i, rulesTotal: all.length, rule: code });
      const started = performance.now();
      const rule = { code, version: v.version, severity: v.severity, department: v.department };
      const staged = `SELECT household_id, member_id, area_path, evidence FROM rule_run_hits WHERE run_id = ${Number(runId)} AND rule_code = ${quote(code)}`;
      let result: RuleResult;
      try {
        if (error) throw new Error(error);
        result = await db.transaction(async (tx) => {
          const counts = await applyViolations(tx, { runId, areaPath: run.areaPath, today }, rule, staged);
          await tx.execute(sql`DELETE FROM rule_run_hits WHERE run_id = ${runId} AND rule_code = ${code}`);
          const r: RuleResult = { code, version: v.version, ...counts, ms: Math.round(performance.now() - started), error: null };
          await tx
            .update(ruleRuns)
            .set({ rulesDone: i + 1, counts: addCounts(totals, counts), perRule: [...perRule, r], failedRules: failed })
            .where(eq(ruleRuns.id, runId));
          return r;
        });
      } catch (e) {
        failed++;
        result = { code, version: v.version, ...ZERO_COUNTS, ms: Math.round(performance.now() - started), error: error ?? ruleError(e) };
        await db.update(ruleRuns).set({ rulesDone: i + 1, perRule: [...perRule, result], failedRules: failed }).where(eq(ruleRuns.id, runId));
      }
      perRule.push(result);
      totals = addCounts(totals, result);
    }
    onProgress({ rulesDone: all.length, rulesTotal: all.length, rule: null });
    // Risk signals found for the first time become monitoring warnings now (即时发现), not when someone reads the list.
    const warnings = await warningsFromRun(db, runId);
    const [done] = await db
      .update(ruleRuns)
      .set({ status: 'done', phase: null, finishedAt: new Date(), counts: { ...totals, monitoringWarnings: warnings } })
      .where(eq(ruleRuns.id, runId))
      .returning();
    return done!;
  } catch (e) {
    if (!(e instanceof AppError)) console.error(`rule run ${runId} failed:`, e);
    const [failed] = await db
      .update(ruleRuns)
      .set({ status: 'failed', phase: null, error: failureOf(e), finishedAt: new Date() })
      .where(eq(ruleRuns.id, runId))
      .returning();
    return failed!;
  } finally {
    await db.execute(sql`DELETE FROM rule_run_hits WHERE run_id = ${runId}`).catch(() => undefined);
  }
}

/**
 * At start-up: runs a stopped process left queued or running go back to the queue, to be resumed (executeRun keeps
 * the rules they applied and does the rest). Returns their ids, oldest first, for the caller to enqueue.
 */
export async function recoverInterruptedRuns(db: Db): Promise<number[]> {
  const rows = await db
    .update(ruleRuns)
    .set({ status: 'queued', phase: null })
    .where(sql`${ruleRuns.status} IN ('queued', 'running')`)
    .returning({ id: ruleRuns.id });
  // Their staging is evaluated again on resume.
  await db.execute(sql`DELETE FROM rule_run_hits WHERE run_id NOT IN (SELECT id FROM rule_runs WHERE status = 'running')`);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

function visibleRuns(actor: Actor) {
  return sql`${ruleRuns.areaPath} LIKE ${escapeLike(actor.areaPath) + '%'}`;
}

/** The runs a list, its export and its count show: in the user's area, of the status asked for. */
function runsWhere(actor: Actor, q: { status?: string | undefined }) {
  return and(visibleRuns(actor), q.status ? eq(ruleRuns.status, q.status) : undefined);
}

export async function listRuns(db: Db, actor: Actor, q: { status?: string | undefined; page: number; pageSize: number }) {
  requirePermission(actor, 'rules.run');
  const where = runsWhere(actor, q);
  const [rows, [total]] = await Promise.all([
    db
      .select({ r: ruleRuns, areaName: areas.name })
      .from(ruleRuns)
      .innerJoin(areas, eq(areas.id, ruleRuns.areaId))
      .where(where)
      .orderBy(desc(ruleRuns.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(ruleRuns).where(where),
  ]);
  return { items: rows.map((x) => presentRun(x.r, x.areaName, false)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every run of a filtered list, newest first, for the export (in batches by id). */
export async function* iterateRuns(db: Db, actor: Actor, q: { status?: string | undefined }, batchSize = 1_000) {
  requirePermission(actor, 'rules.run');
  let before = 2_147_483_647;
  for (;;) {
    const rows = await db
      .select({ r: ruleRuns, areaName: areas.name })
      .from(ruleRuns)
      .innerJoin(areas, eq(areas.id, ruleRuns.areaId))
      .where(and(runsWhere(actor, q), lt(ruleRuns.id, before)))
      .orderBy(desc(ruleRuns.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map((x) => presentRun(x.r, x.areaName, false));
    before = rows[rows.length - 1]!.r.id;
  }
}

export async function countRuns(db: Db, actor: Actor, q: { status?: string | undefined }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ruleRuns)
    .where(runsWhere(actor, q));
  return row?.n ?? 0;
}

export async function getRun(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'rules.run');
  const [row] = await db
    .select({ r: ruleRuns, areaName: areas.name })
    .from(ruleRuns)
    .innerJoin(areas, eq(areas.id, ruleRuns.areaId))
    .where(and(eq(ruleRuns.id, id), visibleRuns(actor)));
  if (!row) throw notFound(`Run ${id}`, `规则运行${id}`);
  return presentRun(row.r, row.areaName, true);
}
