/**
 * Moving problems through the workflow (整改流程): one action on one problem or on many (a selection or everything a
 * filter matches). The pure state machine decides per problem; allowed ones are written in one set-based statement
 * (state + history), refused ones come back with their reason. Every step is audited.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { transition, type ActionInput, type Capacity, type ProblemAction, type ProblemState } from '../../domain/problem-workflow.js';
import { AppError, forbidden } from '../../errors.js';
import { can, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { chinaToday, FINDING_FROM, findingWhere, type FindingFilter } from '../findings/service.js';
import { storeAttachments, type AttachmentInput } from './attachments.js';

export function capacitiesOf(actor: Actor): Capacity[] {
  const caps: Capacity[] = [];
  if (can(actor, 'problems.handle')) caps.push('handle');
  if (can(actor, 'problems.review')) caps.push('review');
  return caps;
}

export interface ActionRequest extends ActionInput {
  action: ProblemAction;
  attachments?: AttachmentInput[] | undefined;
}

export interface Refusal {
  id: number;
  code: string;
  reason: string;
  reasonZh: string;
}

/** A bulk action touches at most this many problems at once; larger filters must be narrowed. */
export const BULK_LIMIT = 2_000;

interface Target extends Record<string, unknown> {
  id: number;
  workflow_state: ProblemState;
  area_path: string;
  household_id: number;
  deadline: string | null;
}

/**
 * Applies `req` to the problems `filter` selects (inside the actor's visibility). `requestedIds` are the ids asked for
 * by number, so that those not visible are reported as not found rather than silently skipped.
 */
export async function applyAction(
  tx: DbOrTx,
  actor: Actor,
  filter: FindingFilter,
  req: ActionRequest,
  opts: { requestedIds?: number[]; batch?: string | null } = {},
): Promise<{ done: { id: number; from: ProblemState; to: ProblemState; eventId: number }[]; refused: Refusal[] }> {
  const caps = capacitiesOf(actor);
  if (caps.length === 0) throw forbidden('act on problems', '处理问题');
  if (req.deadline && req.deadline < chinaToday() && (req.action === 'set_deadline' || req.action === 'recheck_reopen')) {
    throw new AppError('VALIDATION_FAILED', 'The deadline is in the past', '整改期限不能早于今天');
  }
  const w = await findingWhere(tx, actor, filter);
  const rows = await query<Target>(
    tx,
    sql`SELECT f.id, f.workflow_state, f.area_path, f.household_id, to_char(f.deadline, 'YYYY-MM-DD') AS deadline
        ${w.needsJoins ? FINDING_FROM : sql`FROM findings f`} WHERE ${w.where} ORDER BY f.id LIMIT ${BULK_LIMIT + 1} FOR UPDATE OF f`,
  );
  if (rows.length > BULK_LIMIT) {
    throw new AppError('BAD_REQUEST', `More than ${BULK_LIMIT} problems match; narrow the filter`, `符合条件的问题超过${BULK_LIMIT}条，请缩小筛选范围`);
  }
  const refused: Refusal[] = [];
  const found = new Set(rows.map((r) => r.id));
  for (const id of opts.requestedIds ?? []) {
    if (!found.has(id)) refused.push({ id, code: 'NOT_FOUND', reason: 'Problem not found', reasonZh: '问题不存在或不在您的管辖范围内' });
  }
  const moves: { id: number; from_state: ProblemState; to_state: ProblemState }[] = [];
  for (const r of rows) {
    const t = transition(r.workflow_state, req.action, caps, req);
    if (t.ok) moves.push({ id: r.id, from_state: r.workflow_state, to_state: t.to });
    else refused.push({ id: r.id, code: t.code, reason: t.reason, reasonZh: t.reasonZh });
  }
  if (moves.length === 0) return { done: [], refused };

  const batch = opts.batch ?? (rows.length > 1 ? randomUUID() : null);
  const setsDeadline = req.action === 'set_deadline' || req.action === 'recheck_reopen';
  const falseRect = req.action === 'recheck_reopen';
  const text = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());
  // One statement: the guarded update (a concurrent step on the same problem makes it drop out) and its history rows.
  const written = await query<{ id: number; event_id: number; from_state: ProblemState; to_state: ProblemState }>(
    tx,
    sql`
    WITH x AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) AS x(id int, from_state text, to_state text)),
    upd AS (
      UPDATE findings f SET workflow_state = x.to_state, workflow_action = ${req.action}, workflow_at = now(), updated_at = now(),
             deadline = ${setsDeadline ? sql`${req.deadline}::date` : sql`f.deadline`},
             false_rectification = f.false_rectification OR ${falseRect}
      FROM x WHERE f.id = x.id AND f.workflow_state = x.from_state
      RETURNING f.id, x.from_state, x.to_state
    ), ev AS (
      INSERT INTO problem_events (finding_id, action, from_state, to_state, reason, deadline, evidence, batch, user_id, username)
      SELECT id, ${req.action}, from_state, to_state, ${text(req.reason)}, ${setsDeadline ? req.deadline : null}::date, ${text(req.evidence)},
             ${batch}, ${actor.userId}, ${actor.username}
      FROM upd
      RETURNING id AS event_id, finding_id
    )
    SELECT upd.id, ev.event_id, upd.from_state, upd.to_state FROM upd JOIN ev ON ev.finding_id = upd.id ORDER BY upd.id`,
  );
  const writtenIds = new Set(written.map((r) => r.id));
  for (const m of moves) {
    if (!writtenIds.has(m.id)) refused.push({ id: m.id, code: 'VERSION_CONFLICT', reason: 'Changed by someone else meanwhile', reasonZh: '该问题已被他人处理，请刷新' });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (req.attachments?.length) {
    if (written.length !== 1) throw new AppError('BAD_REQUEST', 'Attachments go with one problem at a time', '附件只能随单个问题的处理上传');
    await storeAttachments(tx, actor, written[0]!.id, written[0]!.event_id, req.attachments);
  }
  await recordAudit(
    tx,
    actor,
    written.map((r) => ({
      action: 'update' as const,
      entity: 'problem',
      entityId: r.id,
      areaPath: byId.get(r.id)!.area_path,
      householdId: byId.get(r.id)!.household_id,
      oldValues: { state: r.from_state, ...(setsDeadline ? { deadline: byId.get(r.id)!.deadline } : {}) },
      newValues: { state: r.to_state, action: req.action, ...(setsDeadline ? { deadline: req.deadline } : {}) },
      detail: { reason: text(req.reason), evidence: text(req.evidence), attachments: req.attachments?.map((a) => a.fileName) ?? [] },
      batch,
    })),
  );
  refused.sort((a, b) => a.id - b.id);
  return { done: written.map((r) => ({ id: r.id, from: r.from_state, to: r.to_state, eventId: r.event_id })), refused };
}

/** One action on one problem: refused → the error (403 role, 409 state, 400 missing field, 404 not visible). */
export async function actOnProblem(db: Db, actor: Actor, id: number, req: ActionRequest) {
  return db.transaction(async (tx) => {
    const { done, refused } = await applyAction(tx, actor, { ids: [id] }, req, { requestedIds: [id] });
    const r = refused[0];
    if (done.length === 0 && r) {
      const code = r.code as 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'VALIDATION_FAILED' | 'VERSION_CONFLICT';
      throw new AppError(code, r.reason, r.code === 'NOT_FOUND' ? '问题不存在或不在您的管辖范围内' : r.reasonZh);
    }
    return done[0]!;
  });
}

/** A bulk action on selected ids or on everything the filter matches; each problem gets its own history row. */
export async function bulkAction(db: Db, actor: Actor, target: { ids?: number[] | undefined; filter?: FindingFilter | undefined }, req: ActionRequest) {
  if (req.attachments?.length) throw new AppError('BAD_REQUEST', 'Attachments go with one problem at a time', '附件只能随单个问题的处理上传');
  if (!target.ids && !target.filter) throw new AppError('BAD_REQUEST', 'Give ids or a filter', '请选择问题或给出筛选条件');
  const filter: FindingFilter = target.ids ? { ...target.filter, ids: target.ids } : target.filter!;
  return db.transaction(async (tx) => {
    const { done, refused } = await applyAction(tx, actor, filter, req, target.ids ? { requestedIds: target.ids } : {});
    return { done: done.length, doneIds: done.map((d) => d.id), refused };
  });
}
