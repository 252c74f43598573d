/**
 * Exemptions (豁免, README "Exemptions"): approving one marks the record's open finding exempted at once; revoking
 * one re-evaluates that household against the rule's current version at once, so the finding is open again only if
 * the record still violates the rule. Both hold the rule's lock, like a run of it, so neither overwrites the other.
 */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { checkRule, ruleSql } from '../../domain/rules/index.js';
import type { RuleSubject } from '../../domain/rules/types.js';
import { AppError, notFound } from '../../errors.js';
import { escapeLike, inScope, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { lockRule } from '../findings/diff.js';
import { householdInScope } from '../registry/households.js';
import { members } from '../registry/schema.js';
import { chinaDate } from '../standards/service.js';
import { runContext } from './context.js';
import { ACTIVE_EXEMPTION_SQL, ruleExemptions } from './schema.js';
import { loadRule } from './service.js';
import { defaultReferenceDate } from './settings.js';

export const EXEMPTION_STATUSES = ['active', 'revoked', 'expired', 'all'] as const;

export interface ExemptionInput {
  householdId: number;
  memberId?: number | null | undefined;
  reason: string;
  validUntil?: string | null | undefined;
}

export interface ExemptionListQuery {
  ruleCode?: string | undefined;
  status: (typeof EXEMPTION_STATUSES)[number];
  areaId?: number | undefined;
  householdNo?: string | undefined;
  page: number;
  pageSize: number;
}

interface ExemptionRow extends Record<string, unknown> {
  id: number;
  rule_code: string;
  title_zh: string;
  household_id: number;
  household_no: string;
  village_name: string;
  member_id: number | null;
  member_name: string | null;
  reason: string;
  approved_by_name: string;
  approved_at: string | Date;
  valid_until: string | null;
  revoked_by_name: string | null;
  revoked_at: string | Date | null;
  revoke_reason: string | null;
  status: 'active' | 'revoked' | 'expired';
}

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

function present(r: ExemptionRow) {
  return {
    id: r.id,
    ruleCode: r.rule_code,
    ruleTitleZh: r.title_zh,
    householdId: r.household_id,
    householdNo: r.household_no,
    villageName: r.village_name,
    memberId: r.member_id,
    memberName: r.member_name,
    reason: r.reason,
    approvedBy: r.approved_by_name,
    approvedAt: iso(r.approved_at)!,
    validUntil: r.valid_until,
    status: r.status,
    revokedBy: r.revoked_by_name,
    revokedAt: iso(r.revoked_at),
    revokeReason: r.revoke_reason,
  };
}
export type ExemptionView = ReturnType<typeof present>;

function rowsSql(where: SQL, today: string) {
  return sql`
    SELECT e.id, e.rule_code, v.title_zh, e.household_id, h.household_no, a.name AS village_name, e.member_id, m.name AS member_name,
           e.reason, e.approved_by_name, e.approved_at, e.valid_until, e.revoked_by_name, e.revoked_at, e.revoke_reason,
           CASE WHEN e.revoked_at IS NOT NULL THEN 'revoked' WHEN ${ACTIVE_EXEMPTION_SQL('e', today)} THEN 'active' ELSE 'expired' END AS status
    FROM rule_exemptions e
    JOIN rules r ON r.code = e.rule_code
    JOIN rule_versions v ON v.rule_code = r.code AND v.version = r.current_version
    JOIN households h ON h.id = e.household_id
    JOIN areas a ON a.id = h.area_id
    LEFT JOIN members m ON m.id = e.member_id
    WHERE ${where}`;
}

async function exemptionView(db: DbOrTx, id: number): Promise<ExemptionView> {
  const [row] = await query<ExemptionRow>(db, rowsSql(sql`e.id = ${id}`, chinaDate()));
  return present(row!);
}

export async function createExemption(db: Db, actor: Actor, code: string, input: ExemptionInput): Promise<ExemptionView> {
  requirePermission(actor, 'rules.exempt');
  const { v } = await loadRule(db, code);
  const household = await householdInScope(db, actor, input.householdId);
  const memberId = input.memberId ?? null;
  if (memberId !== null) {
    if (v.subject === 'household') {
      throw new AppError('VALIDATION_FAILED', 'A household rule is exempted for the household', '户级规则的豁免针对整户，不能指定成员', { issues: [{ path: 'memberId', message: '户级规则不能指定成员' }] });
    }
    const [m] = await db.select({ id: members.id }).from(members).where(and(eq(members.id, memberId), eq(members.householdId, household.id)));
    if (!m) throw new AppError('VALIDATION_FAILED', 'That member is not of this household', '该成员不属于此户', { issues: [{ path: 'memberId', message: '成员不属于此户' }] });
  }
  const today = chinaDate();
  if (input.validUntil && input.validUntil < today) {
    throw new AppError('VALIDATION_FAILED', 'Valid until lies in the past', '有效期不能早于今天', { issues: [{ path: 'validUntil', message: '有效期已过' }] });
  }
  const id = await db.transaction(async (tx) => {
    await lockRule(tx, code);
    const [dup] = await query<{ id: number }>(
      tx,
      sql`SELECT e.id FROM rule_exemptions e WHERE e.rule_code = ${code} AND e.household_id = ${household.id}
          AND e.member_id IS NOT DISTINCT FROM ${memberId}::int AND ${ACTIVE_EXEMPTION_SQL('e', today)}`,
    );
    if (dup) throw new AppError('ALREADY_EXISTS', 'That record is already exempted', `该记录已有有效的豁免（编号${dup.id}）`);
    const [row] = await tx
      .insert(ruleExemptions)
      .values({
        ruleCode: code,
        householdId: household.id,
        memberId,
        areaPath: household.areaPath,
        reason: input.reason,
        approvedBy: actor.userId,
        approvedByName: actor.username,
        validUntil: input.validUntil ?? null,
      })
      .returning();
    const memberMatch = memberId === null ? sql`true` : sql`f.member_id = ${memberId}`;
    await tx.execute(sql`
      WITH ex AS (
        UPDATE findings f SET status = 'exempted', exemption_id = ${row!.id}, updated_at = now()
        WHERE f.rule_code = ${code} AND f.household_id = ${household.id} AND ${memberMatch} AND f.status = 'open'
        RETURNING f.id
      )
      INSERT INTO finding_events (finding_id, kind, from_status, to_status, user_id, username, note)
      SELECT id, 'exempted', 'open', 'exempted', ${actor.userId}, ${actor.username}, ${input.reason} FROM ex`);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'rule_exemption',
      entityId: row!.id,
      areaPath: household.areaPath,
      householdId: household.id,
      newValues: { ruleCode: code, householdId: household.id, memberId, reason: input.reason, validUntil: input.validUntil ?? null },
    });
    return row!.id;
  });
  return exemptionView(db, id);
}

export async function revokeExemption(db: Db, actor: Actor, id: number, reason: string): Promise<ExemptionView> {
  requirePermission(actor, 'rules.exempt');
  const [e] = await db.select().from(ruleExemptions).where(and(eq(ruleExemptions.id, id), inScope(actor, ruleExemptions.areaPath)));
  if (!e) throw notFound(`Exemption ${id}`, '豁免');
  const { v } = await loadRule(db, e.ruleCode);
  // Compiled before the transaction: it reads the standards and the reference-date setting.
  const checked = checkRule({ subject: v.subject as RuleSubject, condition: v.condition, appliesTo: v.appliesTo });
  const text = checked.ok ? ruleSql(checked.rule, await runContext(db, await defaultReferenceDate(db)), { householdIds: [e.householdId] }) : null;
  const today = chinaDate();
  await db.transaction(async (tx) => {
    await lockRule(tx, e.ruleCode);
    const revoked = await tx
      .update(ruleExemptions)
      .set({ revokedAt: new Date(), revokedBy: actor.userId, revokedByName: actor.username, revokeReason: reason })
      .where(and(eq(ruleExemptions.id, id), isNull(ruleExemptions.revokedAt)))
      .returning();
    if (revoked.length === 0) throw new AppError('INVALID_STATE', 'Already revoked', '该豁免已撤销');
    // The household's current violations of the rule ('false' when its text no longer checks: nothing reopens).
    const hits = text ? sql`SELECT household_id, member_id, evidence FROM (${sql.raw(text)}) v` : sql`SELECT NULL::int AS household_id, NULL::int AS member_id, NULL::jsonb AS evidence WHERE false`;
    await tx.execute(sql`
      WITH hits AS (${hits}),
      next AS (
        SELECT f.id, f.status AS old_status, hit.evidence,
               (SELECT o.id FROM rule_exemptions o WHERE o.rule_code = f.rule_code AND o.household_id = f.household_id
                  AND (o.member_id IS NULL OR o.member_id = f.member_id) AND o.id <> ${id} AND ${ACTIVE_EXEMPTION_SQL('o', today)}
                ORDER BY o.member_id NULLS LAST, o.id LIMIT 1) AS other,
               hit.household_id IS NOT NULL AS violated
        FROM findings f
        LEFT JOIN hits hit ON hit.household_id = f.household_id AND coalesce(hit.member_id, 0) = coalesce(f.member_id, 0)
        WHERE f.exemption_id = ${id}
      ), upd AS (
        UPDATE findings f
        SET status = CASE WHEN n.other IS NOT NULL THEN 'exempted' WHEN n.violated THEN 'open' ELSE 'closed' END,
            exemption_id = n.other,
            evidence = coalesce(n.evidence, f.evidence),
            closed_at = CASE WHEN n.other IS NULL AND NOT n.violated THEN now() END,
            updated_at = now()
        FROM next n WHERE f.id = n.id
        RETURNING f.id, n.old_status, f.status
      )
      INSERT INTO finding_events (finding_id, kind, from_status, to_status, user_id, username, note)
      SELECT id, CASE WHEN status = 'closed' THEN 'closed' ELSE 'unexempted' END, old_status, status, ${actor.userId}, ${actor.username}, ${reason}
      FROM upd WHERE status <> old_status`);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'rule_exemption',
      entityId: id,
      areaPath: e.areaPath,
      householdId: e.householdId,
      oldValues: { revokedAt: null },
      newValues: { revokedAt: revoked[0]!.revokedAt!.toISOString(), revokeReason: reason },
    });
  });
  return exemptionView(db, id);
}

async function listWhere(db: DbOrTx, actor: Actor, q: Omit<ExemptionListQuery, 'page' | 'pageSize'>, today: string): Promise<SQL> {
  const scope = q.areaId ? (await getAreaInScope(db, actor, q.areaId)).path : actor.areaPath;
  const conds: SQL[] = [sql`e.area_path LIKE ${escapeLike(scope) + '%'}`];
  if (actor.role === 'department_officer') conds.push(actor.department ? sql`v.department = ${actor.department}` : sql`false`);
  if (q.ruleCode) conds.push(sql`e.rule_code = ${q.ruleCode}`);
  if (q.householdNo) conds.push(sql`h.household_no LIKE ${escapeLike(q.householdNo.trim()) + '%'}`);
  if (q.status === 'active') conds.push(ACTIVE_EXEMPTION_SQL('e', today));
  if (q.status === 'revoked') conds.push(sql`e.revoked_at IS NOT NULL`);
  if (q.status === 'expired') conds.push(sql`e.revoked_at IS NULL AND e.valid_until < ${today}`);
  return sql.join(conds, sql` AND `);
}

export async function listExemptions(db: Db, actor: Actor, q: ExemptionListQuery) {
  requirePermission(actor, 'registry.read');
  const today = chinaDate();
  const where = await listWhere(db, actor, q, today);
  const [rows, [total]] = await Promise.all([
    query<ExemptionRow>(db, sql`${rowsSql(where, today)} ORDER BY e.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${rowsSql(where, today)}) x`),
  ]);
  return { items: rows.map(present), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function* iterateExemptions(db: Db, actor: Actor, q: Omit<ExemptionListQuery, 'page' | 'pageSize'>, batchSize = 2_000) {
  const today = chinaDate();
  const where = await listWhere(db, actor, q, today);
  let before = 2_147_483_647;
  for (;;) {
    const rows = await query<ExemptionRow>(db, sql`${rowsSql(sql`${where} AND e.id < ${before}`, today)} ORDER BY e.id DESC LIMIT ${batchSize}`);
    if (rows.length === 0) return;
    yield rows.map(present);
    before = rows[rows.length - 1]!.id;
  }
}

export async function countExemptions(db: Db, actor: Actor, q: Omit<ExemptionListQuery, 'page' | 'pageSize'>) {
  const today = chinaDate();
  const [row] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${rowsSql(await listWhere(db, actor, q, today), today)}) x`);
  return row?.n ?? 0;
}

