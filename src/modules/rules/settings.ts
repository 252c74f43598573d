/**
 * The reference date (参照日期) runs and previews take ages, activity and income periods on, when the caller names
 * none. A setting, not a constant: the demo data describes 1 September 2020, a live registry describes today.
 */
import { eq, sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { chinaDate } from '../standards/service.js';
import { settings } from './schema.js';

export const REFERENCE_DATE_KEY = 'reference_date';

export interface ReferenceDateView {
  referenceDate: string;
  source: 'setting' | 'default';
  updatedBy: string | null;
  updatedAt: string | null;
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export async function referenceDateView(db: DbOrTx): Promise<ReferenceDateView> {
  const [row] = await db.select().from(settings).where(eq(settings.key, REFERENCE_DATE_KEY));
  if (!row) return { referenceDate: chinaDate(), source: 'default', updatedBy: null, updatedAt: null };
  return { referenceDate: row.value, source: 'setting', updatedBy: row.updatedByName, updatedAt: row.updatedAt.toISOString() };
}

/** The date a run or preview uses when none is given. */
export async function defaultReferenceDate(db: DbOrTx): Promise<string> {
  return (await referenceDateView(db)).referenceDate;
}

/** Stores the setting; `actor` null for the demo seed. */
export async function storeReferenceDate(db: DbOrTx, actor: Actor | null, date: string): Promise<void> {
  if (!isIsoDate(date)) {
    throw new AppError('VALIDATION_FAILED', 'Not a date', '日期格式应为YYYY-MM-DD', { issues: [{ path: 'referenceDate', message: '日期无效' }] });
  }
  const [old] = await query<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${REFERENCE_DATE_KEY}`);
  await db
    .insert(settings)
    .values({ key: REFERENCE_DATE_KEY, value: date, updatedBy: actor?.userId ?? null, updatedByName: actor?.username ?? null })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: date, updatedBy: actor?.userId ?? null, updatedByName: actor?.username ?? null, updatedAt: new Date() },
    });
  await recordAudit(db, actor, {
    action: old ? 'update' : 'create',
    entity: 'setting',
    entityId: REFERENCE_DATE_KEY,
    oldValues: old ? { value: old.value } : null,
    newValues: { value: date },
  });
}

export async function setReferenceDate(db: DbOrTx, actor: Actor, date: string): Promise<ReferenceDateView> {
  requirePermission(actor, 'standards.manage');
  await storeReferenceDate(db, actor, date);
  return referenceDateView(db);
}
