import { and, count, desc, eq, gte, lt, max, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { inScope, requirePermission, type Actor } from '../accounts/access.js';
import { presentAuditEntry } from './presenter.js';
import { auditLog } from './schema.js';

export type AuditAction =
  | 'create'
  | 'update'
  | 'end'
  | 'view'
  | 'export'
  | 'reveal_id'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_change'
  | 'password_reset';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  areaPath?: string | null;
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
  detail?: Record<string, unknown> | null;
  batch?: string | null;
  householdId?: number | null;
}

type Who = Pick<Actor, 'userId' | 'username' | 'ip'> | null;

/** Appends entries to the trail inside the caller's transaction, so a change and its record commit together. */
export async function recordAudit(tx: DbOrTx, who: Who, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(auditLog).values(
    list.map((e) => ({
      userId: who?.userId ?? null,
      username: who?.username ?? null,
      ip: who?.ip ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId == null ? null : String(e.entityId),
      areaPath: e.areaPath ?? null,
      oldValues: e.oldValues ?? null,
      newValues: e.newValues ?? null,
      detail: e.detail ?? null,
      batch: e.batch ?? null,
      householdId: e.householdId ?? null,
    })),
  );
}

/**
 * The fields that differ between two versions of a record, as the old and new values of just those fields.
 * Audit entries keep only what changed, so the history reads as "grade C → B", not two full copies.
 */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[] = ['version', 'updatedAt', 'createdAt'],
): { oldValues: Record<string, unknown>; newValues: Record<string, unknown> } | null {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(key) || !(key in after)) continue;
    if (!sameValue(before[key], after[key])) {
      oldValues[key] = before[key] ?? null;
      newValues[key] = after[key] ?? null;
    }
  }
  return Object.keys(newValues).length ? { oldValues, newValues } : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a == null && b == null) return true;
  if (a == null || b == null) return false;
  // Numeric columns come back as strings ("12.50"), inputs as numbers (12.5): compare them as numbers.
  if ((typeof a === 'number' || typeof b === 'number') && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b))) {
    return Number(a) === Number(b);
  }
  if (a instanceof Date || b instanceof Date) return new Date(a as string).getTime() === new Date(b as string).getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface AuditFilters {
  username?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditQuery extends AuditFilters {
  page: number;
  pageSize: number;
}

/**
 * The filter of an audit search, shared by the search, its count and its export. Every entry carries the area path
 * of what it is about (a user entry the user's area), so scoping the trail is the same LIKE as everywhere else;
 * failed logins of unknown names have no area and are seen by nobody but the database administrator.
 */
export function auditFilter(actor: Actor, q: AuditFilters): SQL | undefined {
  requirePermission(actor, 'audit.read');
  const conds: SQL[] = [];
  if (q.username) conds.push(eq(auditLog.username, q.username));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.from) conds.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) conds.push(lt(auditLog.at, new Date(new Date(q.to).getTime() + 86_400_000)));
  conds.push(inScope(actor, auditLog.areaPath));
  return and(...conds);
}

export async function countAudit(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return total?.n ?? 0;
}

/** Searches the trail within the actor's area, newest first; ID numbers in the values come back masked. */
export async function searchAudit(db: DbOrTx, actor: Actor, q: AuditQuery) {
  const where = auditFilter(actor, q);
  const [items, total] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    countAudit(db, where),
  ]);
  return { items: items.map(presentAuditEntry), total, page: q.page, pageSize: q.pageSize };
}

/** The newest entry's id: an export reads up to it, so the entry recording the export is not part of it. */
export async function lastAuditId(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ id: max(auditLog.id) }).from(auditLog);
  return row?.id ?? 0;
}

/** Every entry matching a filter, newest first, in batches, for exports. */
export async function* iterateAudit(db: DbOrTx, where: SQL | undefined, batchSize = 2_000) {
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(where, lt(auditLog.id, before)))
      .orderBy(desc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map(presentAuditEntry);
    before = rows[rows.length - 1]!.id;
  }
}
