/**
 * 帮扶措施 of a household: list, add, end (API.md). Scope is the household's; adding and ending need registry.write
 * and are audited with the household, so they show in its history. Plans create measures through `insertMeasures`.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isPayingKind } from '../../domain/measures.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { inScope, requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit, type AuditEntry } from '../audit/service.js';
import { householdInScope } from '../registry/households.js';
import { members } from '../registry/schema.js';
import { measures } from './schema.js';
import type { EndMeasure, NewMeasure } from './inputs.js';

type Row = typeof measures.$inferSelect;

export function presentMeasure(m: Row & { memberName?: string | null }) {
  return {
    id: m.id,
    householdId: m.householdId,
    memberId: m.memberId,
    memberName: m.memberName ?? null,
    kind: m.kind,
    startOn: m.startOn,
    endOn: m.endOn,
    yearlyValue: m.yearlyValue === null ? null : Number(m.yearlyValue),
    responsibleUnit: m.responsibleUnit,
    note: m.note,
    source: m.source,
    planId: m.planId,
    endReason: m.endReason,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
  };
}
export type MeasureView = ReturnType<typeof presentMeasure>;

const auditValues = ({ createdAt: _c, updatedAt: _u, areaPath: _a, version: _v, ...rest }: Row) => rest as Record<string, unknown>;

export async function listMeasures(db: Db, actor: Actor, householdId: number) {
  requirePermission(actor, 'registry.read');
  await householdInScope(db, actor, householdId);
  const rows = await db
    .select({ m: measures, memberName: members.name })
    .from(measures)
    .leftJoin(members, eq(members.id, measures.memberId))
    .where(and(eq(measures.householdId, householdId), inScope(actor, measures.areaPath)))
    .orderBy(sql`${measures.endOn} IS NOT NULL`, asc(measures.startOn), asc(measures.id));
  return { items: rows.map((r) => presentMeasure({ ...r.m, memberName: r.memberName })) };
}

function invalid(path: string, message: string, messageZh: string): AppError {
  return new AppError('VALIDATION_FAILED', message, messageZh, { issues: [{ path, message: messageZh }] });
}

export async function addMeasure(db: Db, actor: Actor, householdId: number, input: NewMeasure) {
  requirePermission(actor, 'registry.write');
  const h = await householdInScope(db, actor, householdId);
  if (h.endedOn) throw new AppError('INVALID_STATE', 'The household is closed', '该户已销户，不能新增帮扶措施');
  if (input.endOn && input.endOn < input.startOn) throw invalid('endOn', 'The measure ends before it starts', '结束日期早于开始日期');
  if (input.yearlyValue != null && input.yearlyValue > 0 && !isPayingKind(input.kind)) {
    throw invalid('yearlyValue', 'This kind of measure brings no yearly income', '该类措施不计入家庭收入，不填年度金额');
  }
  if (input.memberId != null) {
    const [m] = await db.select({ id: members.id }).from(members).where(and(eq(members.id, input.memberId), eq(members.householdId, householdId)));
    if (!m) throw invalid('memberId', 'The member is not in this household', '该成员不属于本户');
  }
  return db.transaction(async (tx) => {
    const [row] = await insertMeasures(tx, actor, [{ ...input, householdId, areaPath: h.areaPath, source: 'manual', planId: null }]);
    return presentMeasure(row!);
  });
}

export interface MeasureInsert extends NewMeasure {
  householdId: number;
  areaPath: string;
  source: 'manual' | 'gap_plan';
  planId: number | null;
}

/** Inserts measures and their audit entries (one per measure, with the household) in the caller's transaction. */
export async function insertMeasures(tx: DbOrTx, actor: Actor, list: MeasureInsert[], batch?: string): Promise<Row[]> {
  if (list.length === 0) return [];
  const rows: Row[] = [];
  // Statements stay well below the 65,535 bind parameters of the protocol.
  for (let i = 0; i < list.length; i += 2_000) {
    rows.push(
      ...(await tx
        .insert(measures)
        .values(
          list.slice(i, i + 2_000).map((m) => ({
            householdId: m.householdId,
            memberId: m.memberId ?? null,
            areaPath: m.areaPath,
            kind: m.kind,
            startOn: m.startOn,
            endOn: m.endOn ?? null,
            yearlyValue: m.yearlyValue == null ? null : String(m.yearlyValue),
            responsibleUnit: m.responsibleUnit ?? null,
            note: m.note ?? null,
            source: m.source,
            planId: m.planId,
            createdBy: actor.userId,
          })),
        )
        .returning()),
    );
  }
  const entries: AuditEntry[] = rows.map((r) => ({
    action: 'create',
    entity: 'measure',
    entityId: r.id,
    areaPath: r.areaPath,
    householdId: r.householdId,
    newValues: auditValues(r),
    batch: batch ?? null,
  }));
  for (let i = 0; i < entries.length; i += 2_000) await recordAudit(tx, actor, entries.slice(i, i + 2_000));
  return rows;
}

export async function endMeasure(db: Db, actor: Actor, id: number, input: EndMeasure) {
  requirePermission(actor, 'registry.write');
  const [before] = await db.select().from(measures).where(and(eq(measures.id, id), inScope(actor, measures.areaPath)));
  if (!before) throw notFound('Measure', '帮扶措施');
  if (before.endOn !== null) throw new AppError('INVALID_STATE', `The measure already ended on ${before.endOn}`, `该措施已于${before.endOn}结束`);
  if (input.endOn < before.startOn) throw invalid('endOn', 'The measure ends before it starts', '结束日期早于开始日期');
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(measures)
      .set({ endOn: input.endOn, endReason: input.reason, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(measures.id, id), eq(measures.version, input.version)))
      .returning();
    if (!after) throw versionConflict(presentMeasure(before));
    await recordAudit(tx, actor, {
      action: 'end',
      entity: 'measure',
      entityId: id,
      areaPath: after.areaPath,
      householdId: after.householdId,
      oldValues: { endOn: null, endReason: null },
      newValues: { endOn: input.endOn, endReason: input.reason },
    });
    return presentMeasure(after);
  });
}
