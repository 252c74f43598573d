import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { HOUSEHOLD_SIZE_AT_SQL } from '../../domain/income.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { inScope, requirePermission, type Actor } from '../accounts/access.js';
import { ancestorsOf, getAreaInScope } from '../areas/service.js';
import { refreshStoredAssessments } from '../assessment/refresh.js';
import { auditLog } from '../audit/schema.js';
import { diffRecords, recordAudit } from '../audit/service.js';
import { identityFrom } from './identity.js';
import type { HouseholdFields, MemberFields } from './inputs.js';
import { householdAuditValues, memberAuditValues, presentHousehold, presentIncome, presentMember } from './presenter.js';
import { households, incomes, memberEvents, members } from './schema.js';

/** A household the actor may see, or NOT_FOUND: out of scope and absent look the same from outside. */
export async function householdInScope(db: DbOrTx, actor: Actor, id: number) {
  const [row] = await db
    .select()
    .from(households)
    .where(and(eq(households.id, id), inScope(actor, households.areaPath)));
  if (!row) throw notFound('Household', '农户');
  return row;
}

/** The village a household is filed under: in scope, and a village (households do not live in townships). */
async function villageFor(db: DbOrTx, actor: Actor, areaId: number) {
  const area = await getAreaInScope(db, actor, areaId);
  if (area.level !== 'village') {
    throw new AppError('VALIDATION_FAILED', 'A household belongs to a village', '农户必须归属到村（社区）', {
      issues: [{ path: 'areaId', message: '请选择村（社区）' }],
    });
  }
  return area;
}

export async function getHousehold(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'registry.read');
  const h = await householdInScope(db, actor, id);
  const [memberRows, incomeRows, eventRows, ancestors] = await Promise.all([
    db.select().from(members).where(eq(members.householdId, id)).orderBy(asc(members.endedOn), asc(members.id)),
    query<typeof incomes.$inferSelect & { size: number }>(
      db,
      sql`SELECT i.id, i.household_id AS "householdId", i.period_start AS "periodStart", i.period_end AS "periodEnd",
                 i.wage, i.business, i.property, i.transfer, i.production_cost AS "productionCost",
                 i.medical_self_pay AS "medicalSelfPay", i.note, i.version,
                 ${sql.raw(HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end'))}::int AS size
          FROM incomes i WHERE i.household_id = ${id} ORDER BY i.period_end DESC`,
    ),
    db.select().from(memberEvents).where(eq(memberEvents.householdId, id)).orderBy(desc(memberEvents.occurredOn)),
    ancestorsOf(db, h.areaPath),
  ]);
  // Seeing a household's members is seeing personal data: the trail records who looked at whom.
  await recordAudit(db, actor, {
    action: 'view',
    entity: 'household',
    entityId: id,
    areaPath: h.areaPath,
    householdId: id,
    detail: { members: memberRows.map((m) => m.id) },
  });
  return {
    ...presentHousehold(h),
    area: { id: h.areaId, name: ancestors.at(-1)?.name ?? '', ancestors },
    members: memberRows.map((m) => presentMember(m)),
    incomes: incomeRows.map((i) => presentIncome(i, i.size)),
    events: eventRows.map((e) => ({
      id: e.id,
      memberId: e.memberId,
      kind: e.kind,
      occurredOn: e.occurredOn,
      note: e.note,
      memberName: memberRows.find((m) => m.id === e.memberId)?.name ?? null,
    })),
  };
}

function householdValues(f: Partial<HouseholdFields>) {
  const { housingArea, waterQuantityLpd, waterFetchMinutes, waterGuaranteeRate, landCultivated, landForest, landGrass, ...rest } =
    f;
  const dec = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : String(v));
  const out: Record<string, unknown> = {
    ...rest,
    housingArea: dec(housingArea),
    waterQuantityLpd: dec(waterQuantityLpd),
    waterFetchMinutes: dec(waterFetchMinutes),
    waterGuaranteeRate: dec(waterGuaranteeRate),
    landCultivated: dec(landCultivated),
    landForest: dec(landForest),
    landGrass: dec(landGrass),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as Partial<typeof households.$inferInsert>;
}

export function memberValues(f: Partial<MemberFields>) {
  const { monthlyWage, idNumber: _id, sex: _s, birthDate: _b, ...rest } = f;
  const out: Record<string, unknown> = { ...rest };
  if (monthlyWage !== undefined) out.monthlyWage = monthlyWage === null ? null : String(monthlyWage);
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as Partial<typeof members.$inferInsert>;
}

function checkOneHead(list: { relation: string }[]) {
  const heads = list.filter((m) => m.relation === 'head').length;
  if (heads !== 1) {
    throw new AppError('VALIDATION_FAILED', `A household has exactly one head (found ${heads})`, `一户须有且仅有一名户主（现有${heads}名）`, {
      issues: [{ path: 'members', message: `户主人数为${heads}` }],
    });
  }
}

export async function createHousehold(db: Db, actor: Actor, input: HouseholdFields & { members: MemberFields[] }) {
  requirePermission(actor, 'registry.write');
  const village = await villageFor(db, actor, input.areaId);
  checkOneHead(input.members);
  const identities = input.members.map((m, i) => identityFrom(m, `members.${i}`));
  const [dup] = await db.select({ id: households.id }).from(households).where(eq(households.householdNo, input.householdNo));
  if (dup) {
    throw new AppError('ALREADY_EXISTS', `Household number ${input.householdNo} exists`, `户编号${input.householdNo}已存在`, {
      issues: [{ path: 'householdNo', message: '户编号已存在' }],
    });
  }
  const joinedOn = input.registeredOn ?? new Date().toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const { members: memberInputs, ...fields } = input;
    const [h] = await tx
      .insert(households)
      .values({ ...(householdValues(fields) as typeof households.$inferInsert), areaPath: village.path })
      .returning();
    const created = await tx
      .insert(members)
      .values(
        memberInputs.map((m, i) => ({
          ...(memberValues(m) as typeof members.$inferInsert),
          ...identities[i]!,
          householdId: h!.id,
          areaPath: village.path,
          joinedOn,
        })),
      )
      .returning();
    await tx
      .insert(memberEvents)
      .values(created.map((m) => ({ householdId: h!.id, memberId: m.id, kind: 'joined', occurredOn: joinedOn, recordedBy: actor.userId })));
    await recordAudit(tx, actor, [
      { action: 'create', entity: 'household', entityId: h!.id, areaPath: village.path, householdId: h!.id, newValues: householdAuditValues(h!) },
      ...created.map((m) => ({
        action: 'create' as const,
        entity: 'member',
        entityId: m.id,
        areaPath: village.path,
        householdId: h!.id,
        newValues: memberAuditValues(m),
      })),
    ]);
    // The household's assessments follow its data (modules/assessment/README.md).
    await refreshStoredAssessments(tx, { householdIds: [h!.id] });
    return h!.id;
  });
}

export async function updateHousehold(db: Db, actor: Actor, id: number, patch: Partial<HouseholdFields> & { version: number }) {
  requirePermission(actor, 'registry.write');
  const before = await householdInScope(db, actor, id);
  if (before.endedOn) throw new AppError('INVALID_STATE', 'The household has been closed', '该户已销户，不能修改');
  const { version, ...fields } = patch;
  const village = fields.areaId !== undefined && fields.areaId !== before.areaId ? await villageFor(db, actor, fields.areaId) : undefined;
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(households)
      .set({ ...householdValues(fields), ...(village ? { areaPath: village.path } : {}), version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(households.id, id), eq(households.version, version)))
      .returning();
    if (!after) throw versionConflict(presentHousehold(await householdInScope(tx, actor, id)));
    if (village) {
      // Moving a household to another village moves the area path of everything hanging off it.
      await tx.update(members).set({ areaPath: village.path }).where(eq(members.householdId, id));
      await tx.update(incomes).set({ areaPath: village.path }).where(eq(incomes.householdId, id));
    }
    const diff = diffRecords(householdAuditValues(before), householdAuditValues(after));
    if (diff) await recordAudit(tx, actor, { action: 'update', entity: 'household', entityId: id, areaPath: after.areaPath, householdId: id, ...diff });
    await refreshStoredAssessments(tx, { householdIds: [id] });
    return presentHousehold(after);
  });
}

export async function endHousehold(db: Db, actor: Actor, id: number, input: { version: number; endedOn: string; reason: string }) {
  requirePermission(actor, 'registry.write');
  const before = await householdInScope(db, actor, id);
  if (before.endedOn) throw new AppError('INVALID_STATE', 'The household is already closed', '该户已销户');
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(households)
      .set({ endedOn: input.endedOn, endReason: input.reason, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(households.id, id), eq(households.version, input.version)))
      .returning();
    if (!after) throw versionConflict(presentHousehold(before));
    await recordAudit(tx, actor, {
      action: 'end',
      entity: 'household',
      entityId: id,
      areaPath: after.areaPath,
      householdId: id,
      oldValues: { endedOn: null, endReason: null },
      newValues: { endedOn: input.endedOn, endReason: input.reason },
    });
    await refreshStoredAssessments(tx, { householdIds: [id] });
    return presentHousehold(after);
  });
}

/** Values never shown in a history, even to those who may read the trail. */
const HIDDEN = new Set(['idNumber']);

/** A household's history: every audited change of it, its members and incomes, and the dated member events. */
export async function householdHistory(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'registry.read');
  await householdInScope(db, actor, id);
  const [entries, events] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, id), inArray(auditLog.action, ['create', 'update', 'end'])))
      .orderBy(desc(auditLog.id))
      .limit(500),
    db
      .select({ e: memberEvents, name: members.name })
      .from(memberEvents)
      .innerJoin(members, eq(members.id, memberEvents.memberId))
      .where(eq(memberEvents.householdId, id)),
  ]);
  const audit = entries.map((e) => {
    const oldV = (e.oldValues ?? {}) as Record<string, unknown>;
    const newV = (e.newValues ?? {}) as Record<string, unknown>;
    const fields = e.action === 'create' ? [] : Object.keys(newV);
    return {
      at: e.at.toISOString(),
      source: 'audit' as const,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      username: e.username,
      changes: fields.map((f) => ({
        field: f,
        old: HIDDEN.has(f) ? '***' : (oldV[f] ?? null),
        new: HIDDEN.has(f) ? '***' : (newV[f] ?? null),
      })),
      note: e.entity === 'member' && typeof newV.name === 'string' ? newV.name : null,
    };
  });
  const dated = events.map(({ e, name }) => ({
    at: e.occurredOn,
    source: 'event' as const,
    action: e.kind,
    entity: 'member',
    entityId: String(e.memberId),
    username: null,
    changes: [],
    note: [name, e.note].filter(Boolean).join('：'),
  }));
  return [...audit, ...dated].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
