import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { inScope, requirePermission, type Actor } from '../accounts/access.js';
import { refreshStoredAssessments } from '../assessment/refresh.js';
import { diffRecords, recordAudit } from '../audit/service.js';
import { householdInScope, memberValues } from './households.js';
import { identityFrom } from './identity.js';
import type { MemberFields } from './inputs.js';
import { memberAuditValues, presentMember } from './presenter.js';
import { memberEvents, members } from './schema.js';

async function memberInScope(db: DbOrTx, actor: Actor, id: number) {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, id), inScope(actor, members.areaPath)));
  if (!row) throw notFound('Member', '家庭成员');
  return row;
}

/** A member joins through an event (birth, marriage in, moving in): the event's date is the join date. */
export async function addMember(
  db: Db,
  actor: Actor,
  householdId: number,
  input: { member: MemberFields; event: { kind: string; occurredOn: string; note?: string | null | undefined } },
) {
  requirePermission(actor, 'registry.write');
  const h = await householdInScope(db, actor, householdId);
  if (h.endedOn) throw new AppError('INVALID_STATE', 'The household has been closed', '该户已销户，不能增加成员');
  const identity = identityFrom(input.member, 'member');
  if (input.event.kind === 'birth' && input.event.occurredOn !== identity.birthDate) {
    throw new AppError('VALIDATION_FAILED', 'A birth is dated on the birth date of the ID number', '出生增员的日期应为身份证号中的出生日期', {
      issues: [{ path: 'event.occurredOn', message: `应为${identity.birthDate}` }],
    });
  }
  const active = await db.select().from(members).where(and(eq(members.householdId, householdId)));
  const current = active.filter((m) => m.endedOn == null);
  if (current.some((m) => m.idNumber === identity.idNumber)) {
    throw new AppError('ALREADY_EXISTS', 'This person is already a member of the household', '该人员已是本户成员', {
      issues: [{ path: 'member.idNumber', message: '该身份证号已在本户' }],
    });
  }
  if (input.member.relation === 'head' && current.some((m) => m.relation === 'head')) {
    throw new AppError('VALIDATION_FAILED', 'The household already has a head', '本户已有户主', {
      issues: [{ path: 'member.relation', message: '本户已有户主' }],
    });
  }
  return db.transaction(async (tx) => {
    const [m] = await tx
      .insert(members)
      .values({
        ...(memberValues(input.member) as typeof members.$inferInsert),
        ...identity,
        householdId,
        areaPath: h.areaPath,
        joinedOn: input.event.occurredOn,
      })
      .returning();
    await tx.insert(memberEvents).values({
      householdId,
      memberId: m!.id,
      kind: input.event.kind,
      occurredOn: input.event.occurredOn,
      note: input.event.note ?? null,
      recordedBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'member',
      entityId: m!.id,
      areaPath: h.areaPath,
      householdId,
      newValues: memberAuditValues(m!),
      detail: { event: input.event.kind, occurredOn: input.event.occurredOn },
    });
    await refreshStoredAssessments(tx, { householdIds: [householdId] });
    return presentMember(m!);
  });
}

export async function updateMember(db: Db, actor: Actor, id: number, patch: Partial<MemberFields> & { version: number }) {
  requirePermission(actor, 'registry.write');
  const before = await memberInScope(db, actor, id);
  if (before.endedOn) throw new AppError('INVALID_STATE', 'This member has left the household', '该成员已减员，不能修改');
  const { version, ...fields } = patch;
  const identity =
    fields.idNumber !== undefined || fields.sex || fields.birthDate
      ? identityFrom({ idNumber: fields.idNumber ?? before.idNumber, sex: fields.sex, birthDate: fields.birthDate })
      : undefined;
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(members)
      .set({ ...memberValues(fields), ...(identity ?? {}), version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(members.id, id), eq(members.version, version)))
      .returning();
    if (!after) throw versionConflict(presentMember(await memberInScope(tx, actor, id)));
    const diff = diffRecords(memberAuditValues(before), memberAuditValues(after));
    if (diff) {
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'member',
        entityId: id,
        areaPath: after.areaPath,
        householdId: after.householdId,
        ...diff,
      });
    }
    await refreshStoredAssessments(tx, { householdIds: [after.householdId] });
    return presentMember(after);
  });
}

/** A member leaves (death, marriage out…): the row is ended, never deleted, and the event is dated. */
export async function endMember(
  db: Db,
  actor: Actor,
  id: number,
  input: { version: number; kind: string; occurredOn: string; note?: string | null | undefined },
) {
  requirePermission(actor, 'registry.write');
  const before = await memberInScope(db, actor, id);
  if (before.endedOn) throw new AppError('INVALID_STATE', 'This member has already left', '该成员已减员');
  if (input.occurredOn < before.joinedOn) {
    throw new AppError('VALIDATION_FAILED', 'A member cannot leave before joining', '减员日期不能早于加入日期', {
      issues: [{ path: 'occurredOn', message: `应不早于${before.joinedOn}` }],
    });
  }
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(members)
      .set({ endedOn: input.occurredOn, endReason: input.kind, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(members.id, id), eq(members.version, input.version)))
      .returning();
    if (!after) throw versionConflict(presentMember(before));
    await tx.insert(memberEvents).values({
      householdId: before.householdId,
      memberId: id,
      kind: input.kind,
      occurredOn: input.occurredOn,
      note: input.note ?? null,
      recordedBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'end',
      entity: 'member',
      entityId: id,
      areaPath: after.areaPath,
      householdId: after.householdId,
      oldValues: { endedOn: null, endReason: null },
      newValues: { endedOn: input.occurredOn, endReason: input.kind, name: after.name },
    });
    await refreshStoredAssessments(tx, { householdIds: [after.householdId] });
    return presentMember(after);
  });
}

/** The full ID number, for those with the right; each reveal is in the trail. */
export async function revealIdNumber(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'ids.reveal');
  const m = await memberInScope(db, actor, id);
  await recordAudit(db, actor, { action: 'reveal_id', entity: 'member', entityId: id, areaPath: m.areaPath, householdId: m.householdId });
  return { idNumber: m.idNumber };
}
