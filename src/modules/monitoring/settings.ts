/**
 * The figures the procedure and the elimination checks read. The notice days, the months of stable income and the
 * monitoring line are standards (per region and period, modules/standards); the procedure's time limit and the
 * minimum time between identification and elimination are installation-wide settings in the `settings` table,
 * changed by the city office (audited).
 */
import { inArray, sql } from 'drizzle-orm';
import { query, type DbOrTx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { settings } from '../rules/schema.js';
import { chinaDate, standardsFor } from '../standards/service.js';

export const SETTING_DEFAULTS = {
  'monitoring.procedure_days_limit': 15,
  'monitoring.min_months_since_identification': 6,
} as const;
type SettingKey = keyof typeof SETTING_DEFAULTS;
const KEYS = Object.keys(SETTING_DEFAULTS) as SettingKey[];

/** Used when no standard is set for the region (the policy's own figures). */
const NOTICE_DAYS_DEFAULT = 5;
const INCOME_MONTHS_DEFAULT = 6;

export interface MonitoringSettings {
  procedureDaysLimit: number;
  minMonthsSinceIdentification: number;
}

export async function monitoringSettings(db: DbOrTx): Promise<MonitoringSettings> {
  const rows = await db.select().from(settings).where(inArray(settings.key, KEYS));
  const get = (k: SettingKey) => {
    const v = Number(rows.find((r) => r.key === k)?.value);
    return Number.isFinite(v) ? v : SETTING_DEFAULTS[k];
  };
  return { procedureDaysLimit: get('monitoring.procedure_days_limit'), minMonthsSinceIdentification: get('monitoring.min_months_since_identification') };
}

/** Standards for a household's area on a date, with the policy's figures where none is set. */
export async function procedureStandards(db: DbOrTx, areaPath: string, on: string) {
  const s = await standardsFor(db, areaPath, on);
  const num = (k: 'public_notice_days_min' | 'risk_elimination_min_months' | 'monitoring_line') => {
    const row = s.get(k);
    return row ? Number(row.row.value) : null;
  };
  return {
    noticeDaysMin: num('public_notice_days_min') ?? NOTICE_DAYS_DEFAULT,
    incomeMonthsMin: num('risk_elimination_min_months') ?? INCOME_MONTHS_DEFAULT,
    monitoringLine: num('monitoring_line'),
  };
}

export async function settingsView(db: DbOrTx, actor: Actor) {
  requirePermission(actor, 'registry.read');
  return { ...(await monitoringSettings(db)), ...(await procedureStandards(db, actor.areaPath, chinaDate())) };
}

export async function updateSettings(db: DbOrTx, actor: Actor, input: Partial<MonitoringSettings>) {
  requirePermission(actor, 'standards.manage');
  const values: [SettingKey, number | undefined][] = [
    ['monitoring.procedure_days_limit', input.procedureDaysLimit],
    ['monitoring.min_months_since_identification', input.minMonthsSinceIdentification],
  ];
  for (const [key, value] of values) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0 || value > 365) {
      throw new AppError('VALIDATION_FAILED', 'A whole number from 0 to 365', '应为0至365之间的整数', { issues: [{ path: key, message: '应为0至365之间的整数' }] });
    }
    const [old] = await query<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${key}`);
    await db
      .insert(settings)
      .values({ key, value: String(value), updatedBy: actor.userId, updatedByName: actor.username })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(value), updatedBy: actor.userId, updatedByName: actor.username, updatedAt: new Date() } });
    await recordAudit(db, actor, { action: old ? 'update' : 'create', entity: 'setting', entityId: key, oldValues: old ? { value: old.value } : null, newValues: { value: String(value) } });
  }
  return settingsView(db, actor);
}
