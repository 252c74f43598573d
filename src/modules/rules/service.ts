/**
 * The rule catalogue (API.md "Rules"): list, read, create, edit (every edit a new version), enable, disable. A rule
 * is switched on only once its current version has been previewed on live data; editing an enabled rule switches it
 * off for that reason. Every change is audited.
 */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { checkRule } from '../../domain/rules/index.js';
import type { RuleSubject } from '../../domain/rules/types.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { diffRecords, recordAudit } from '../audit/service.js';
import { findingVisibility } from '../findings/visibility.js';
import { presentRule, presentVersion, type RuleView } from './presenter.js';
import { ruleVersions, rules } from './schema.js';

export interface RuleInput {
  titleZh: string;
  titleEn: string;
  severity: 'high' | 'medium' | 'low';
  subject: RuleSubject;
  department: string;
  populationZh: string;
  explanationZh: string;
  appliesTo: string | null;
  condition: string;
  note: string;
}

export interface RuleListQuery {
  q?: string | undefined;
  severity?: string | undefined;
  department?: string | undefined;
  subject?: string | undefined;
  /** The check's shape (DOMAIN §8): required, person, household_members, … */
  shape?: string | undefined;
  enabled?: 'true' | 'false' | undefined;
  builtIn?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export const RULE_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,9}-[0-9A-Z]{1,10}$/;

type VersionRow = typeof ruleVersions.$inferSelect;

/** Both texts through the rule language's checker; 400 with every RuleError (code, part, span, messages) if not. */
export function validateRuleText(source: { subject: RuleSubject; condition: string; appliesTo: string | null }) {
  const result = checkRule({ subject: source.subject, condition: source.condition, appliesTo: source.appliesTo || null });
  if (!result.ok) {
    throw new AppError('VALIDATION_FAILED', 'The rule text does not check', '规则表达式有误，请按提示修改', {
      ruleErrors: result.errors,
      issues: result.errors.map((e) => ({ path: e.part, message: e.messageZh })),
    });
  }
  return result.rule;
}

const current = and(eq(ruleVersions.ruleCode, rules.code), eq(ruleVersions.version, rules.currentVersion));

function listFilter(q: Omit<RuleListQuery, 'page' | 'pageSize'>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (q.q) {
    const like = `%${escapeLike(q.q.trim())}%`;
    conds.push(or(ilike(rules.code, like), ilike(ruleVersions.titleZh, like), ilike(ruleVersions.titleEn, like)));
  }
  if (q.severity) conds.push(eq(ruleVersions.severity, q.severity));
  if (q.department) conds.push(eq(ruleVersions.department, q.department));
  if (q.subject) conds.push(eq(ruleVersions.subject, q.subject));
  if (q.shape) conds.push(eq(ruleVersions.shape, q.shape));
  if (q.enabled) conds.push(eq(rules.enabled, q.enabled === 'true'));
  if (q.builtIn) conds.push(eq(rules.builtIn, q.builtIn === 'true'));
  return and(...conds);
}

/** Open findings per rule inside what the actor may see. */
async function openCounts(db: DbOrTx, actor: Actor, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await query<{ rule_code: string; n: number }>(
    db,
    sql`SELECT f.rule_code, count(*)::int AS n FROM findings f
        WHERE f.status = 'open' AND f.rule_code IN (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )}) AND ${findingVisibility(actor, 'f')}
        GROUP BY f.rule_code`,
  );
  return new Map(rows.map((r) => [r.rule_code, r.n]));
}

export async function listRules(db: Db, actor: Actor, q: RuleListQuery) {
  requirePermission(actor, 'registry.read');
  const where = listFilter(q);
  const [rows, [total]] = await Promise.all([
    db
      .select({ r: rules, v: ruleVersions })
      .from(rules)
      .innerJoin(ruleVersions, current)
      .where(where)
      .orderBy(asc(rules.code))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(rules).innerJoin(ruleVersions, current).where(where),
  ]);
  const open = await openCounts(db, actor, rows.map((r) => r.r.code));
  return { items: rows.map((r) => presentRule(r.r, r.v, open.get(r.r.code) ?? 0)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every rule of a filtered catalogue, for the export (the catalogue is small: one batch). */
export async function* iterateRules(db: Db, actor: Actor, q: Omit<RuleListQuery, 'page' | 'pageSize'>) {
  const rows = await db.select({ r: rules, v: ruleVersions }).from(rules).innerJoin(ruleVersions, current).where(listFilter(q)).orderBy(asc(rules.code));
  const open = await openCounts(db, actor, rows.map((r) => r.r.code));
  yield rows.map((r) => presentRule(r.r, r.v, open.get(r.r.code) ?? 0));
}

export async function countRules(db: Db, q: Omit<RuleListQuery, 'page' | 'pageSize'>): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(rules).innerJoin(ruleVersions, current).where(listFilter(q));
  return row?.n ?? 0;
}

/** A rule with its current version; 404 when there is no such code. */
export async function loadRule(db: DbOrTx, code: string, forUpdate = false) {
  const base = db.select({ r: rules, v: ruleVersions }).from(rules).innerJoin(ruleVersions, current).where(eq(rules.code, code));
  const [row] = forUpdate ? await base.for('update', { of: rules }) : await base;
  if (!row) throw notFound(`Rule ${code}`, `规则${code}`);
  return row;
}

export async function getRule(db: DbOrTx, actor: Actor, code: string) {
  requirePermission(actor, 'registry.read');
  const { r, v } = await loadRule(db, code);
  const versions = await db.select().from(ruleVersions).where(eq(ruleVersions.ruleCode, code)).orderBy(desc(ruleVersions.version));
  const open = await openCounts(db, actor, [code]);
  return { ...presentRule(r, v, open.get(code) ?? 0), versions: versions.map(presentVersion) };
}

function versionValues(code: string, version: number, input: RuleInput, actor: Actor | null, origin: 'user' | 'built_in', shape: string | null) {
  return {
    ruleCode: code,
    version,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    severity: input.severity,
    subject: input.subject,
    department: input.department,
    populationZh: input.populationZh,
    explanationZh: input.explanationZh,
    appliesTo: input.appliesTo || null,
    condition: input.condition,
    shape,
    note: input.note,
    origin,
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
  };
}

/** The fields an audit entry compares between two versions. */
function auditText(v: Pick<VersionRow, 'titleZh' | 'titleEn' | 'severity' | 'subject' | 'department' | 'populationZh' | 'explanationZh' | 'appliesTo' | 'condition'>) {
  return {
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    severity: v.severity,
    subject: v.subject,
    department: v.department,
    populationZh: v.populationZh,
    explanationZh: v.explanationZh,
    appliesTo: v.appliesTo || null,
    condition: v.condition,
  };
}

export async function createRule(db: Db, actor: Actor, input: RuleInput & { code: string }) {
  requirePermission(actor, 'rules.manage');
  if (!RULE_CODE_PATTERN.test(input.code)) {
    throw new AppError('VALIDATION_FAILED', 'Bad rule code', '规则编号格式应为大写字母开头、短横线分隔，如 CUS-001', { issues: [{ path: 'code', message: '规则编号格式错误' }] });
  }
  validateRuleText(input);
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(rules).values({ code: input.code, enabled: false, builtIn: false, currentVersion: 1 }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw new AppError('ALREADY_EXISTS', `Rule ${input.code} exists`, `规则编号${input.code}已存在`);
    await tx.insert(ruleVersions).values(versionValues(input.code, 1, input, actor, 'user', null));
    await recordAudit(tx, actor, { action: 'create', entity: 'rule', entityId: input.code, newValues: { ...auditText(input), enabled: false }, detail: { version: 1, note: input.note } });
  });
  return getRule(db, actor, input.code);
}

export async function editRule(db: Db, actor: Actor, code: string, input: RuleInput & { baseVersion: number }) {
  requirePermission(actor, 'rules.manage');
  validateRuleText(input);
  await db.transaction(async (tx) => {
    const { r, v } = await loadRule(tx, code, true);
    if (r.currentVersion !== input.baseVersion) throw versionConflict(presentRule(r, v, 0));
    const next = r.currentVersion + 1;
    await tx.insert(ruleVersions).values(versionValues(code, next, input, actor, 'user', v.shape));
    await tx.update(rules).set({ currentVersion: next, enabled: false, updatedAt: new Date() }).where(eq(rules.code, code));
    const diff = diffRecords({ ...auditText(v), enabled: r.enabled }, { ...auditText(input), enabled: false });
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'rule',
      entityId: code,
      oldValues: diff?.oldValues ?? null,
      newValues: diff?.newValues ?? null,
      detail: { version: next, note: input.note, switchedOff: r.enabled },
    });
  });
  return getRule(db, actor, code);
}

export async function setRuleEnabled(db: Db, actor: Actor, code: string, enabled: boolean) {
  requirePermission(actor, 'rules.manage');
  await db.transaction(async (tx) => {
    const { r, v } = await loadRule(tx, code, true);
    if (r.enabled === enabled) return;
    if (enabled && !v.previewedAt) {
      throw new AppError(
        'INVALID_STATE',
        `Preview version ${v.version} of ${code} on live data before switching it on`,
        `规则${code}第${v.version}版尚未试运行（预览），请先预览命中数量和样例再启用`,
      );
    }
    await tx.update(rules).set({ enabled, updatedAt: new Date() }).where(eq(rules.code, code));
    await recordAudit(tx, actor, { action: 'update', entity: 'rule', entityId: code, oldValues: { enabled: r.enabled }, newValues: { enabled }, detail: { version: v.version } });
  });
  return getRule(db, actor, code);
}

/** The rules a run takes: every enabled rule, or the one named (which must be enabled), each with its current text. */
export async function rulesForRun(db: DbOrTx, code?: string | null, departments?: readonly string[] | null): Promise<{ code: string; v: VersionRow }[]> {
  const rows = await db
    .select({ r: rules, v: ruleVersions })
    .from(rules)
    .innerJoin(ruleVersions, current)
    .where(and(eq(rules.enabled, true), code ? eq(rules.code, code) : undefined, departments?.length ? inArray(ruleVersions.department, [...departments]) : undefined))
    .orderBy(asc(rules.code));
  return rows.map((x) => ({ code: x.r.code, v: x.v }));
}

export type { RuleView };
