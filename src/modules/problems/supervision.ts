/**
 * 挂牌督办: an office puts a county or township with too many open problems under listed supervision, with a reason,
 * and lifts it later. Problems in supervised areas carry a mark in every list (findings service, SUPERVISED).
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { escapeLike, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { findingVisibility } from '../findings/visibility.js';
import { areaSupervisions } from './schema.js';

/** Open = not closed off, not rejected-and-accepted, and still shown by the data or under way in the workflow. */
const OPEN_PROBLEM = sql`f.workflow_state <> 'closed_off' AND f.status <> 'exempted'`;

interface SupervisionRow extends Record<string, unknown> {
  id: number;
  area_id: number;
  area_name: string;
  area_level: string;
  reason: string;
  started_by_name: string;
  started_at: string | Date;
  lifted_at: string | Date | null;
  lifted_by_name: string | null;
  lift_reason: string | null;
  open_problems: number;
}

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

export async function listSupervisions(db: Db, actor: Actor, q: { active?: boolean | undefined }) {
  requirePermission(actor, 'registry.read');
  const rows = await query<SupervisionRow>(
    db,
    sql`SELECT s.id, s.area_id, a.name AS area_name, a.level AS area_level, s.reason, s.started_by_name, s.started_at, s.lifted_at,
               s.lifted_by_name, s.lift_reason,
               (SELECT count(*)::int FROM findings f WHERE f.area_path LIKE s.area_path || '%' AND ${findingVisibility(actor, 'f')} AND ${OPEN_PROBLEM}) AS open_problems
        FROM area_supervisions s JOIN areas a ON a.id = s.area_id
        WHERE s.area_path LIKE ${escapeLike(actor.areaPath) + '%'} ${q.active === undefined ? sql`` : q.active ? sql`AND s.lifted_at IS NULL` : sql`AND s.lifted_at IS NOT NULL`}
        ORDER BY s.lifted_at IS NOT NULL, s.started_at DESC`,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      areaId: r.area_id,
      areaName: r.area_name,
      areaLevel: r.area_level,
      reason: r.reason,
      startedBy: r.started_by_name,
      startedAt: iso(r.started_at)!,
      liftedAt: iso(r.lifted_at),
      liftedBy: r.lifted_by_name,
      liftReason: r.lift_reason,
      openProblems: r.open_problems,
    })),
  };
}

export async function startSupervision(db: Db, actor: Actor, input: { areaId: number; reason: string }) {
  requirePermission(actor, 'problems.supervise');
  const area = await getAreaInScope(db, actor, input.areaId);
  if (area.level !== 'county' && area.level !== 'township') {
    throw new AppError('BAD_REQUEST', 'Only a county or a township can be put under supervision', '只能对县（市、区）或乡镇（街道）挂牌督办');
  }
  return db.transaction(async (tx) => {
    const [active] = await query<{ id: number }>(tx, sql`SELECT id FROM area_supervisions WHERE area_id = ${area.id} AND lifted_at IS NULL FOR UPDATE`);
    if (active) throw new AppError('ALREADY_EXISTS', `${area.name} is already under supervision`, `${area.name}已在挂牌督办中`);
    const [row] = await tx
      .insert(areaSupervisions)
      .values({ areaId: area.id, areaPath: area.path, reason: input.reason.trim(), startedBy: actor.userId, startedByName: actor.username })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'area_supervision', entityId: row!.id, areaPath: area.path, newValues: { areaId: area.id, reason: row!.reason } });
    return { id: row!.id };
  });
}

export async function liftSupervision(db: Db, actor: Actor, id: number, reason: string) {
  requirePermission(actor, 'problems.supervise');
  return db.transaction(async (tx) => {
    const [row] = await query<{ id: number; area_path: string; lifted_at: string | null }>(
      tx,
      sql`SELECT id, area_path, lifted_at FROM area_supervisions WHERE id = ${id} AND area_path LIKE ${escapeLike(actor.areaPath) + '%'} FOR UPDATE`,
    );
    if (!row) throw notFound('Supervision', '挂牌督办');
    if (row.lifted_at) throw new AppError('INVALID_STATE', 'Already lifted', '该挂牌督办已摘牌');
    await tx.execute(
      sql`UPDATE area_supervisions SET lifted_at = now(), lifted_by = ${actor.userId}, lifted_by_name = ${actor.username}, lift_reason = ${reason.trim()} WHERE id = ${id}`,
    );
    await recordAudit(tx, actor, { action: 'end', entity: 'area_supervision', entityId: id, areaPath: row.area_path, newValues: { liftReason: reason.trim() } });
    return { id };
  });
}

/** Counties or townships in scope whose open problems exceed `threshold`, most first: candidates for 挂牌督办. */
export async function supervisionSuggestions(db: Db, actor: Actor, q: { threshold: number; level: 'county' | 'township' }) {
  requirePermission(actor, 'registry.read');
  const rows = await query<{ id: number; name: string; open_problems: number; overdue: number; supervised: boolean }>(
    db,
    sql`SELECT a.id, a.name, count(*)::int AS open_problems,
               count(*) FILTER (WHERE f.deadline < current_date AND f.workflow_state NOT IN ('rectified', 'closed_off'))::int AS overdue,
               EXISTS (SELECT 1 FROM area_supervisions s WHERE s.area_id = a.id AND s.lifted_at IS NULL) AS supervised
        FROM areas a JOIN findings f ON f.area_path LIKE a.path || '%'
        WHERE a.level = ${q.level} AND a.valid_to IS NULL AND a.path LIKE ${escapeLike(actor.areaPath) + '%'}
          AND ${findingVisibility(actor, 'f')} AND ${OPEN_PROBLEM}
        GROUP BY a.id, a.name HAVING count(*) > ${q.threshold}
        ORDER BY open_problems DESC, a.id LIMIT 100`,
  );
  return { threshold: q.threshold, items: rows.map((r) => ({ areaId: r.id, name: r.name, openProblems: r.open_problems, overdue: r.overdue, supervised: r.supervised })) };
}
