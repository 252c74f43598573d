/** One problem as its detail page shows it: the finding, its workflow history, attachments and the buttons open to the user. */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { availableActions, type ProblemState } from '../../domain/problem-workflow.js';
import { can, type Actor } from '../accounts/access.js';
import { getFinding } from '../findings/service.js';
import { capacitiesOf } from './actions.js';
import { listAttachments } from './attachments.js';

interface EventRow extends Record<string, unknown> {
  id: number;
  action: string;
  from_state: ProblemState;
  to_state: ProblemState;
  reason: string | null;
  deadline: string | null;
  evidence: string | null;
  run_id: number | null;
  batch: string | null;
  username: string | null;
  at: string | Date;
}

export async function problemHistory(db: Db, findingId: number) {
  const rows = await query<EventRow>(
    db,
    sql`SELECT id, action, from_state, to_state, reason, to_char(deadline, 'YYYY-MM-DD') AS deadline, evidence, run_id, batch, username, at
        FROM problem_events WHERE finding_id = ${findingId} ORDER BY id DESC`,
  );
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    from: r.from_state,
    to: r.to_state,
    reason: r.reason,
    deadline: r.deadline,
    evidence: r.evidence,
    runId: r.run_id,
    bulk: r.batch != null,
    username: r.username,
    at: new Date(r.at).toISOString(),
  }));
}

/** getFinding checks visibility (404 outside it) and audits the view; the workflow parts are added here. */
export async function getProblem(db: Db, actor: Actor, id: number) {
  const finding = await getFinding(db, actor, id);
  const [history, attachments, recheck] = await Promise.all([
    problemHistory(db, id),
    listAttachments(db, id),
    query<{ batch_id: number }>(db, sql`SELECT batch_id FROM recheck_items WHERE finding_id = ${id} AND result IS NULL ORDER BY batch_id DESC LIMIT 1`),
  ]);
  return {
    ...finding,
    history,
    attachments,
    actions: availableActions(finding.state, capacitiesOf(actor)),
    /** An open re-check (回头看) of this problem, which a supervising user records from here. */
    pendingRecheckBatchId: can(actor, 'problems.supervise') ? (recheck[0]?.batch_id ?? null) : null,
  };
}
