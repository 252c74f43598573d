import { and, eq, sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { HOUSEHOLD_SIZE_AT_SQL } from '../../domain/income.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { inScope, requirePermission, type Actor } from '../accounts/access.js';
import { refreshStoredAssessments } from '../assessment/refresh.js';
import { diffRecords, recordAudit } from '../audit/service.js';
import { householdInScope } from './households.js';
import type { IncomeFields } from './inputs.js';
import { presentIncome } from './presenter.js';
import { incomes } from './schema.js';

type IncomeRow = typeof incomes.$inferSelect;
const MONEY = ['wage', 'business', 'property', 'transfer', 'productionCost', 'medicalSelfPay'] as const;

function incomeValues(f: Partial<IncomeFields>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    out[k] = (MONEY as readonly string[]).includes(k) ? String(v) : v;
  }
  return out as Partial<typeof incomes.$inferInsert>;
}

const auditValues = ({ createdAt: _c, updatedAt: _u, areaPath: _a, ...rest }: IncomeRow) => rest as Record<string, unknown>;

async function sizeOn(db: DbOrTx, householdId: number, date: string) {
  const [row] = await query<{ n: number }>(db, sql`SELECT ${sql.raw(HOUSEHOLD_SIZE_AT_SQL('h', 'd'))}::int AS n
    FROM (SELECT ${householdId}::int AS h, ${date}::date AS d) x`);
  return row?.n ?? 0;
}

export async function addIncome(db: Db, actor: Actor, householdId: number, input: IncomeFields) {
  requirePermission(actor, 'registry.write');
  const h = await householdInScope(db, actor, householdId);
  const [clash] = await db
    .select({ id: incomes.id })
    .from(incomes)
    .where(and(eq(incomes.householdId, householdId), eq(incomes.periodStart, input.periodStart), eq(incomes.periodEnd, input.periodEnd)));
  if (clash) {
    throw new AppError('ALREADY_EXISTS', 'Income for this period is already recorded; edit it instead', '该统计期的收入已录入，请修改原记录', {
      incomeId: clash.id,
    });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incomes)
      .values({ ...(incomeValues(input) as typeof incomes.$inferInsert), householdId, areaPath: h.areaPath })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'income', entityId: row!.id, areaPath: h.areaPath, householdId, newValues: auditValues(row!) });
    await refreshStoredAssessments(tx, { householdIds: [householdId] });
    return presentIncome(row!, await sizeOn(tx, householdId, row!.periodEnd));
  });
}

export async function updateIncome(db: Db, actor: Actor, id: number, patch: Partial<IncomeFields> & { version: number }) {
  requirePermission(actor, 'registry.write');
  const [before] = await db.select().from(incomes).where(and(eq(incomes.id, id), inScope(actor, incomes.areaPath)));
  if (!before) throw notFound('Income record', '收入记录');
  const { version, ...fields } = patch;
  const start = fields.periodStart ?? before.periodStart;
  const end = fields.periodEnd ?? before.periodEnd;
  if (start > end) {
    throw new AppError('VALIDATION_FAILED', 'The period cannot end before it starts', '统计期止不能早于统计期起', {
      issues: [{ path: 'periodEnd', message: '统计期止不能早于统计期起' }],
    });
  }
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(incomes)
      .set({ ...incomeValues(fields), version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(incomes.id, id), eq(incomes.version, version)))
      .returning();
    if (!after) throw versionConflict(presentIncome(before, await sizeOn(tx, before.householdId, before.periodEnd)));
    const diff = diffRecords(auditValues(before), auditValues(after));
    if (diff) await recordAudit(tx, actor, { action: 'update', entity: 'income', entityId: id, areaPath: after.areaPath, householdId: after.householdId, ...diff });
    await refreshStoredAssessments(tx, { householdIds: [after.householdId] });
    return presentIncome(after, await sizeOn(tx, after.householdId, after.periodEnd));
  });
}
