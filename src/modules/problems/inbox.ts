/**
 * 我的待办: what waits for the signed-in user, as counts per kind with the list filter that shows them. A handler
 * (department officer, county office) waits on pending, returned and rectifying problems; a reviewer on rectified and
 * rejected ones; both see the overdue ones; a supervisor the re-checks not yet recorded.
 */
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { can, requirePermission, type Actor } from '../accounts/access.js';
import { chinaToday, OVERDUE, RETURNED } from '../findings/service.js';
import { findingVisibility } from '../findings/visibility.js';

export const INBOX_KINDS = ['pending', 'returned', 'rectifying', 'rectified', 'rejected', 'overdue', 'recheck'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** The list filter (query string of GET /api/problems) behind each kind. */
const FILTERS: Record<Exclude<InboxKind, 'recheck'>, Record<string, string>> = {
  pending: { state: 'pending' },
  returned: { returned: 'true' },
  rectifying: { state: 'rectifying' },
  rectified: { state: 'rectified' },
  rejected: { state: 'rejected' },
  overdue: { overdue: 'true' },
};


export async function inbox(db: Db, actor: Actor) {
  requirePermission(actor, 'registry.read');
  const handle = can(actor, 'problems.handle');
  const review = can(actor, 'problems.review');
  const kinds: InboxKind[] = [];
  if (handle) kinds.push('pending', 'returned', 'rectifying');
  if (review) kinds.push('rectified', 'rejected');
  if (handle || review) kinds.push('overdue');
  const cond: Record<Exclude<InboxKind, 'recheck'>, SQL> = {
    pending: sql`f.workflow_state = 'pending'`,
    returned: RETURNED,
    rectifying: sql`f.workflow_state = 'rectifying'`,
    rectified: sql`f.workflow_state = 'rectified'`,
    rejected: sql`f.workflow_state = 'rejected'`,
    overdue: OVERDUE(chinaToday()),
  };
  const counted = kinds.filter((k): k is Exclude<InboxKind, 'recheck'> => k !== 'recheck');
  const [row] = counted.length
    ? await query<Record<string, number>>(
        db,
        sql`SELECT ${sql.join(
          counted.map((k) => sql`count(*) FILTER (WHERE ${cond[k]})::int AS ${sql.identifier(k)}`),
          sql`, `,
        )} FROM findings f WHERE ${findingVisibility(actor, 'f')} AND f.status <> 'exempted'`,
      )
    : [{}];
  const items = counted.map((k) => ({ kind: k as InboxKind, count: row?.[k] ?? 0, filter: FILTERS[k] }));
  if (can(actor, 'problems.supervise')) {
    const [r] = await query<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM recheck_items i JOIN findings f ON f.id = i.finding_id WHERE i.result IS NULL AND ${findingVisibility(actor, 'f')}`,
    );
    items.push({ kind: 'recheck', count: r?.n ?? 0, filter: {} });
  }
  // Returned and overdue problems are also pending or rectifying; the badge counts each problem once.
  const total = items.filter((i) => i.kind !== 'overdue' && i.kind !== 'returned').reduce((s, i) => s + i.count, 0);
  return { items, total };
}
