/**
 * 帮扶干部 and their assignments (API.md): people, the roles they hold where and when, lock periods and the county's
 * approval of a resident's replacement. A cadre is seen by users whose area covers the area the cadre is filed
 * under; an assignment by users whose area covers its household or area.
 */
import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { RESIDENT_ROLES, targetOf, type CadreRole } from '../../domain/duty.js';
import { AppError, notFound, versionConflict } from '../../errors.js';
import { escapeLike, inScope, requirePermission, type Actor } from '../accounts/access.js';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';
import { getAreaInScope } from '../areas/service.js';
import { diffRecords, recordAudit } from '../audit/service.js';
import { householdInScope } from '../registry/households.js';
import { households } from '../registry/schema.js';
import type { CadreFields, CadreFilter, CadrePatch, EndAssignment, NewAssignment, NewLockPeriod } from './inputs.js';
import { cadreAssignments, cadres, dutyLockPeriods } from './schema.js';

type CadreRow = typeof cadres.$inferSelect;
type AssignmentRow = typeof cadreAssignments.$inferSelect;

export const invalid = (path: string, message: string, messageZh: string) =>
  new AppError('VALIDATION_FAILED', message, messageZh, { issues: [{ path, message: messageZh }] });

export function presentCadre(c: CadreRow) {
  return { id: c.id, name: c.name, unit: c.unit, phone: c.phone, userId: c.userId, areaId: c.areaId, note: c.note, version: c.version };
}

const auditCadre = ({ createdAt: _c, updatedAt: _u, areaPath: _a, version: _v, ...rest }: CadreRow) => rest as Record<string, unknown>;

export async function cadreInScope(db: Db, actor: Actor, id: number): Promise<CadreRow> {
  const [row] = await db.select().from(cadres).where(and(eq(cadres.id, id), inScope(actor, cadres.areaPath)));
  if (!row) throw notFound('Cadre', '帮扶干部');
  return row;
}

/** The cadre record of the signed-in user, if one is linked. */
export async function cadreOfUser(db: Db, userId: number): Promise<CadreRow | undefined> {
  const [row] = await db.select().from(cadres).where(eq(cadres.userId, userId));
  return row;
}

/** A linked account must exist and belong to no other cadre (the cadre view finds its cadre by the account). */
async function checkUser(db: Db, userId: number | null | undefined) {
  if (userId == null) return;
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!u) throw invalid('userId', 'No such user', '用户不存在');
  const [taken] = await db.select({ id: cadres.id }).from(cadres).where(eq(cadres.userId, userId));
  if (taken) throw new AppError('ALREADY_EXISTS', 'That user account is linked to another cadre', '该用户账号已关联其他帮扶干部');
}

export async function listCadres(db: Db, actor: Actor, q: CadreFilter) {
  requirePermission(actor, 'registry.read');
  const area = q.areaId ? await getAreaInScope(db, actor, q.areaId) : null;
  const conds = [sql`c.area_path LIKE ${escapeLike(actor.areaPath) + '%'}`];
  // A cadre belongs to an area by where they are filed or where any of their assignments run.
  if (area) conds.push(sql`(c.area_path LIKE ${escapeLike(area.path) + '%'} OR EXISTS (SELECT 1 FROM cadre_assignments x WHERE x.cadre_id = c.id AND x.area_path LIKE ${escapeLike(area.path) + '%'}))`);
  if (q.q) conds.push(sql`(c.name LIKE ${'%' + escapeLike(q.q) + '%'} OR c.unit LIKE ${'%' + escapeLike(q.q) + '%'} OR c.phone LIKE ${escapeLike(q.q) + '%'})`);
  if (q.role) conds.push(sql`EXISTS (SELECT 1 FROM cadre_assignments x WHERE x.cadre_id = c.id AND x.role = ${q.role} AND x.ends_on IS NULL)`);
  const where = sql.join(conds, sql` AND `);
  const [count] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM cadres c WHERE ${where}`);
  const rows = await query<{ id: number; name: string; unit: string | null; phone: string | null; user_id: number | null; area_id: number; area_name: string; note: string | null; version: number; roles: string[] | null }>(
    db,
    sql`SELECT c.id, c.name, c.unit, c.phone, c.user_id, c.area_id, a.name AS area_name, c.note, c.version,
          (SELECT array_agg(DISTINCT x.role) FROM cadre_assignments x WHERE x.cadre_id = c.id AND x.ends_on IS NULL) AS roles
        FROM cadres c JOIN areas a ON a.id = c.area_id WHERE ${where}
        ORDER BY c.name, c.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return {
    total: count!.n,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({ id: r.id, name: r.name, unit: r.unit, phone: r.phone, userId: r.user_id, areaId: r.area_id, areaName: r.area_name, note: r.note, version: r.version, roles: r.roles ?? [] })),
  };
}

export async function createCadre(db: Db, actor: Actor, input: CadreFields) {
  requirePermission(actor, 'duty.manage');
  const area = await getAreaInScope(db, actor, input.areaId);
  await checkUser(db, input.userId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cadres)
      .values({ name: input.name, unit: input.unit ?? null, phone: input.phone ?? null, userId: input.userId ?? null, areaId: area.id, areaPath: area.path, note: input.note ?? null, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'cadre', entityId: row!.id, areaPath: row!.areaPath, newValues: auditCadre(row!) });
    return presentCadre(row!);
  });
}

export async function updateCadre(db: Db, actor: Actor, id: number, patch: CadrePatch) {
  requirePermission(actor, 'duty.manage');
  const before = await cadreInScope(db, actor, id);
  const area = patch.areaId !== undefined ? await getAreaInScope(db, actor, patch.areaId) : null;
  if (patch.userId != null && patch.userId !== before.userId) await checkUser(db, patch.userId);
  const { version, ...fields } = patch;
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(cadres)
      .set({ ...fields, ...(area ? { areaId: area.id, areaPath: area.path } : {}), version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(cadres.id, id), eq(cadres.version, version)))
      .returning();
    if (!after) throw versionConflict(presentCadre(before));
    const diff = diffRecords(auditCadre(before), auditCadre(after));
    if (diff) await recordAudit(tx, actor, { action: 'update', entity: 'cadre', entityId: id, areaPath: after.areaPath, ...diff });
    return presentCadre(after);
  });
}

export function presentAssignment(a: AssignmentRow & { householdNo?: string | null; areaName?: string | null; cadreName?: string | null }) {
  return {
    id: a.id,
    cadreId: a.cadreId,
    cadreName: a.cadreName ?? null,
    role: a.role as CadreRole,
    householdId: a.householdId,
    householdNo: a.householdNo ?? null,
    areaId: a.areaId,
    areaName: a.areaName ?? null,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    endReason: a.endReason,
    approvedByName: a.approvedByName,
    approvedAt: a.approvedAt?.toISOString() ?? null,
    approvalNote: a.approvalNote,
    version: a.version,
  };
}

/** A cadre's assignments (those in the user's area), current first, then the history. */
export async function cadreDetail(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'registry.read');
  const c = await cadreInScope(db, actor, id);
  const rows = await db
    .select({ a: cadreAssignments, householdNo: households.householdNo, areaName: areas.name })
    .from(cadreAssignments)
    .innerJoin(areas, eq(areas.id, cadreAssignments.areaId))
    .leftJoin(households, eq(households.id, cadreAssignments.householdId))
    .where(and(eq(cadreAssignments.cadreId, id), inScope(actor, cadreAssignments.areaPath)))
    .orderBy(sql`${cadreAssignments.endsOn} IS NOT NULL`, sql`${cadreAssignments.startsOn} DESC`, sql`${cadreAssignments.id} DESC`);
  return { ...presentCadre(c), assignments: rows.map((r) => presentAssignment({ ...r.a, householdNo: r.householdNo, areaName: r.areaName, cadreName: c.name })) };
}

/** Where an assignment runs: a household's village for a helper, else an area of the role's level. */
async function assignmentTarget(db: Db, actor: Actor, input: NewAssignment) {
  const target = targetOf(input.role);
  if (target === 'household') {
    if (input.householdId === undefined) throw invalid('householdId', 'A helper is assigned to a household', '帮扶责任人须指定农户');
    const h = await householdInScope(db, actor, input.householdId);
    if (h.endedOn) throw new AppError('INVALID_STATE', 'The household is closed', '该户已销户');
    return { householdId: h.id, areaId: h.areaId, areaPath: h.areaPath };
  }
  if (input.areaId === undefined) throw invalid('areaId', 'This role is assigned to an area', '请指定区域');
  const area = await getAreaInScope(db, actor, input.areaId);
  if (area.level !== target) throw invalid('areaId', `This role is assigned to a ${target}`, `该职责须指定到${{ city: '市', county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' }[target]}`);
  return { householdId: null, areaId: area.id, areaPath: area.path };
}

export async function addAssignment(db: Db, actor: Actor, cadreId: number, input: NewAssignment) {
  requirePermission(actor, 'duty.manage');
  await cadreInScope(db, actor, cadreId);
  const where = await assignmentTarget(db, actor, input);
  const [dup] = await db
    .select({ id: cadreAssignments.id })
    .from(cadreAssignments)
    .where(
      and(
        eq(cadreAssignments.cadreId, cadreId),
        eq(cadreAssignments.role, input.role),
        eq(cadreAssignments.areaId, where.areaId),
        where.householdId === null ? sql`${cadreAssignments.householdId} IS NULL` : eq(cadreAssignments.householdId, where.householdId),
        sql`${cadreAssignments.endsOn} IS NULL`,
      ),
    );
  if (dup) throw new AppError('ALREADY_EXISTS', 'The cadre already holds this assignment', '该干部已有此项职责');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cadreAssignments)
      .values({ cadreId, role: input.role, ...where, startsOn: input.startsOn, createdBy: actor.userId })
      .returning();
    const { createdAt: _c, version: _v, ...values } = row!;
    await recordAudit(tx, actor, { action: 'create', entity: 'cadre_assignment', entityId: row!.id, areaPath: row!.areaPath, householdId: row!.householdId, newValues: values });
    return presentAssignment(row!);
  });
}

async function assignmentInScope(db: Db, actor: Actor, id: number): Promise<AssignmentRow> {
  const [row] = await db.select().from(cadreAssignments).where(and(eq(cadreAssignments.id, id), inScope(actor, cadreAssignments.areaPath)));
  if (!row) throw notFound('Assignment', '干部职责');
  return row;
}

export async function endAssignment(db: Db, actor: Actor, id: number, input: EndAssignment) {
  requirePermission(actor, 'duty.manage');
  const before = await assignmentInScope(db, actor, id);
  if (before.endsOn) throw new AppError('INVALID_STATE', `The assignment ended on ${before.endsOn}`, `该职责已于${before.endsOn}结束`);
  if (input.endsOn < before.startsOn) throw invalid('endsOn', 'It ends before it starts', '结束日期早于开始日期');
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(cadreAssignments)
      .set({ endsOn: input.endsOn, endReason: input.reason, version: before.version + 1 })
      .where(and(eq(cadreAssignments.id, id), eq(cadreAssignments.version, input.version)))
      .returning();
    if (!after) throw versionConflict(presentAssignment(before));
    await recordAudit(tx, actor, {
      action: 'end',
      entity: 'cadre_assignment',
      entityId: id,
      areaPath: after.areaPath,
      householdId: after.householdId,
      oldValues: { endsOn: null },
      newValues: { endsOn: input.endsOn, endReason: input.reason },
    });
    return presentAssignment(after);
  });
}

/** The county office approves a resident cadre's replacement (换人), so the lock-period warning no longer flags it. */
export async function approveReplacement(db: Db, actor: Actor, id: number, input: { version: number; note: string }) {
  requirePermission(actor, 'duty.approve');
  const before = await assignmentInScope(db, actor, id);
  if (!RESIDENT_ROLES.includes(before.role as CadreRole)) throw new AppError('INVALID_STATE', 'Only resident cadres need approval', '只有驻村干部的调整需要审批');
  if (before.approvedAt) throw new AppError('INVALID_STATE', 'Already approved', '已审批');
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(cadreAssignments)
      .set({ approvedBy: actor.userId, approvedByName: actor.username, approvedAt: new Date(), approvalNote: input.note, version: before.version + 1 })
      .where(and(eq(cadreAssignments.id, id), eq(cadreAssignments.version, input.version)))
      .returning();
    if (!after) throw versionConflict(presentAssignment(before));
    await recordAudit(tx, actor, { action: 'update', entity: 'cadre_assignment', entityId: id, areaPath: after.areaPath, oldValues: { approvedAt: null }, newValues: { approvedBy: actor.username, approvalNote: input.note } });
    return presentAssignment(after);
  });
}

export async function listLockPeriods(db: Db, actor: Actor) {
  requirePermission(actor, 'registry.read');
  // Lock periods of the user's own area and its ancestors apply to it, as well as those set below it.
  const rows = await query<{ id: number; area_id: number; area_name: string; starts_on: string; ends_on: string; note: string | null }>(
    db,
    sql`SELECT l.id, l.area_id, a.name AS area_name, l.starts_on::text, l.ends_on::text, l.note FROM duty_lock_periods l JOIN areas a ON a.id = l.area_id
        WHERE l.area_path LIKE ${escapeLike(actor.areaPath) + '%'} OR ${actor.areaPath} LIKE l.area_path || '%'
        ORDER BY l.starts_on DESC, l.id DESC`,
  );
  return { items: rows.map((r) => ({ id: r.id, areaId: r.area_id, areaName: r.area_name, startsOn: r.starts_on, endsOn: r.ends_on, note: r.note })) };
}

export async function addLockPeriod(db: Db, actor: Actor, input: NewLockPeriod) {
  requirePermission(actor, 'duty.approve');
  const area = await getAreaInScope(db, actor, input.areaId);
  if (input.endsOn < input.startsOn) throw invalid('endsOn', 'It ends before it starts', '结束日期早于开始日期');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dutyLockPeriods)
      .values({ areaId: area.id, areaPath: area.path, startsOn: input.startsOn, endsOn: input.endsOn, note: input.note ?? null, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: 'create', entity: 'duty_lock_period', entityId: row!.id, areaPath: area.path, newValues: { startsOn: row!.startsOn, endsOn: row!.endsOn, note: row!.note } });
    return { id: row!.id, areaId: area.id, areaName: area.name, startsOn: row!.startsOn, endsOn: row!.endsOn, note: row!.note };
  });
}
