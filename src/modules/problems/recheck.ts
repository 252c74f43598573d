/**
 * 回头看: draw a random sample of closed-off problems in a scope and re-check each one: still fixed (confirmed), or
 * not (re-opened → 整改中 with a new deadline, marked 整改不实). The workflow step goes through applyAction.
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { findingWhere } from '../findings/service.js';
import { findingVisibility } from '../findings/visibility.js';
import { applyAction } from './actions.js';
import { recheckBatches } from './schema.js';

export interface DrawInput {
  areaId?: number | undefined;
  department?: string | undefined;
  ruleCode?: string | undefined;
  size?: number | undefined;
  percent?: number | undefined;
}

export async function drawRecheck(db: Db, actor: Actor, input: DrawInput) {
  requirePermission(actor, 'problems.supervise');
  if ((input.size == null) === (input.percent == null)) throw new AppError('BAD_REQUEST', 'Give either a size or a percentage', '请填写抽取数量或比例之一');
  const area = await getAreaInScope(db, actor, input.areaId ?? actor.areaId);
  return db.transaction(async (tx) => {
    const w = await findingWhere(tx, actor, { areaId: area.id, department: input.department, ruleCode: input.ruleCode, state: 'closed_off' });
    // A problem already waiting in an unfinished re-check is not drawn twice.
    const eligibleWhere = sql`${w.where} AND NOT EXISTS (SELECT 1 FROM recheck_items i WHERE i.finding_id = f.id AND i.result IS NULL)`;
    const [c] = await query<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM findings f WHERE ${eligibleWhere}`);
    const eligible = c?.n ?? 0;
    const want = input.size ?? Math.ceil((eligible * input.percent!) / 100);
    const drawn = Math.min(want, eligible);
    if (drawn === 0) throw new AppError('INVALID_STATE', 'No closed-off problems to draw from', '该范围内没有可抽取的已销号问题');
    const [batch] = await tx
      .insert(recheckBatches)
      .values({ areaId: area.id, areaPath: area.path, department: input.department ?? null, sampleSize: input.size ?? null, samplePercent: input.percent ?? null, eligible, drawn, userId: actor.userId, username: actor.username })
      .returning();
    await tx.execute(sql`
      INSERT INTO recheck_items (batch_id, finding_id)
      SELECT ${batch!.id}, f.id FROM findings f WHERE ${eligibleWhere} ORDER BY random() LIMIT ${drawn}`);
    await recordAudit(tx, actor, { action: 'create', entity: 'recheck_batch', entityId: batch!.id, areaPath: area.path, newValues: { eligible, drawn, ...input } });
    return { id: batch!.id, eligible, drawn };
  });
}

export async function listRechecks(db: Db, actor: Actor) {
  requirePermission(actor, 'registry.read');
  const rows = await query<{ id: number; area_name: string; department: string | null; eligible: number; drawn: number; username: string; created_at: string | Date; confirmed: number; reopened: number }>(
    db,
    sql`SELECT b.id, a.name AS area_name, b.department, b.eligible, b.drawn, b.username, b.created_at,
               (SELECT count(*)::int FROM recheck_items i WHERE i.batch_id = b.id AND i.result = 'confirmed') AS confirmed,
               (SELECT count(*)::int FROM recheck_items i WHERE i.batch_id = b.id AND i.result = 'reopened') AS reopened
        FROM recheck_batches b JOIN areas a ON a.id = b.area_id
        WHERE b.area_path LIKE ${escapeLike(actor.areaPath) + '%'} ORDER BY b.id DESC LIMIT 200`,
  );
  return {
    items: rows.map((r) => ({ id: r.id, areaName: r.area_name, department: r.department, eligible: r.eligible, drawn: r.drawn, username: r.username, createdAt: new Date(r.created_at).toISOString(), confirmed: r.confirmed, reopened: r.reopened })),
  };
}

export async function getRecheck(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'registry.read');
  const [batch] = await query<{ id: number; area_path: string }>(db, sql`SELECT id, area_path FROM recheck_batches WHERE id = ${id} AND area_path LIKE ${escapeLike(actor.areaPath) + '%'}`);
  if (!batch) throw notFound('Re-check', '回头看批次');
  const items = await query<{ finding_id: number; rule_code: string; household_no: string; member_name: string | null; result: string | null; note: string | null; checked_by_name: string | null; checked_at: string | Date | null; workflow_state: string }>(
    db,
    sql`SELECT i.finding_id, f.rule_code, h.household_no, m.name AS member_name, i.result, i.note, i.checked_by_name, i.checked_at, f.workflow_state
        FROM recheck_items i JOIN findings f ON f.id = i.finding_id JOIN households h ON h.id = f.household_id LEFT JOIN members m ON m.id = f.member_id
        WHERE i.batch_id = ${id} AND ${findingVisibility(actor, 'f')} ORDER BY i.id`,
  );
  await recordAudit(db, actor, { action: 'view', entity: 'recheck_batch', entityId: id, areaPath: batch.area_path, detail: { findings: items.map((i) => i.finding_id) } });
  return {
    id,
    items: items.map((i) => ({
      findingId: i.finding_id,
      ruleCode: i.rule_code,
      householdNo: i.household_no,
      memberName: i.member_name,
      state: i.workflow_state,
      result: i.result,
      note: i.note,
      checkedBy: i.checked_by_name,
      checkedAt: i.checked_at == null ? null : new Date(i.checked_at).toISOString(),
    })),
  };
}

/** Records one sampled problem's re-check; re-opening needs a reason and a new deadline. */
export async function recordRecheck(db: Db, actor: Actor, batchId: number, findingId: number, input: { result: 'confirmed' | 'reopened'; note?: string | undefined; deadline?: string | undefined }) {
  requirePermission(actor, 'problems.supervise');
  return db.transaction(async (tx) => {
    const [item] = await query<{ id: number; result: string | null }>(
      tx,
      sql`SELECT i.id, i.result FROM recheck_items i JOIN recheck_batches b ON b.id = i.batch_id
          WHERE i.batch_id = ${batchId} AND i.finding_id = ${findingId} AND b.area_path LIKE ${escapeLike(actor.areaPath) + '%'} FOR UPDATE OF i`,
    );
    if (!item) throw notFound('Re-check item', '回头看问题');
    if (item.result) throw new AppError('INVALID_STATE', 'Already re-checked', '该问题已回头看');
    const action = input.result === 'confirmed' ? 'recheck_confirm' : 'recheck_reopen';
    const { done, refused } = await applyAction(tx, actor, { ids: [findingId] }, { action, reason: input.note, deadline: input.deadline }, { requestedIds: [findingId] });
    const r = refused[0];
    if (!done.length && r) throw new AppError(r.code as 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'VALIDATION_FAILED', r.reason, r.reasonZh);
    await tx.execute(
      sql`UPDATE recheck_items SET result = ${input.result}, note = ${input.note?.trim() || null}, checked_by = ${actor.userId}, checked_by_name = ${actor.username}, checked_at = now() WHERE id = ${item.id}`,
    );
    return { findingId, result: input.result, state: done[0]!.to };
  });
}
