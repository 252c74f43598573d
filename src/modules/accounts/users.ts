import { and, asc, count, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Department, Role } from '../../domain/codes.js';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.js';
import { getAreaInScope } from '../areas/service.js';
import { areas } from '../areas/schema.js';
import { diffRecords, recordAudit } from '../audit/service.js';
import { escapeLike, inScope, mayAssignRole, requirePermission, type Actor } from './access.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.js';
import { endSessionsOf } from './sessions.js';
import { users } from './schema.js';

/** What leaves the server about a user: never the hash, never the lock counters' internals. */
export function presentUser(u: typeof users.$inferSelect, area?: { name: string; path: string }) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    areaId: u.areaId,
    areaName: area?.name ?? null,
    department: u.department,
    phone: u.phone,
    canRevealIds: u.canRevealIds,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    locked: u.lockedUntil != null && u.lockedUntil > new Date(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
  };
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaId: number;
  department?: Department | null | undefined;
  phone?: string | null | undefined;
  canRevealIds?: boolean | undefined;
}

function checkRoleAndDepartment(actor: Actor, role: Role, department: string | null | undefined) {
  if (!mayAssignRole(actor, role)) throw forbidden(`assign the role ${role}`, `分配角色“${role}”`);
  if (role === 'department_officer' && !department) {
    throw new AppError('VALIDATION_FAILED', 'A department officer needs a department', '行业部门用户必须选择所属部门', {
      issues: [{ path: 'department', message: '请选择所属部门' }],
    });
  }
}

export interface UserFilters {
  q?: string | undefined;
  role?: string | undefined;
}

/** The filter of the user list, shared by the list, its count and its export: the actor's subtree first, always. */
export function userFilter(actor: Actor, q: UserFilters): SQL | undefined {
  requirePermission(actor, 'users.manage');
  const conds: SQL[] = [inScope(actor, areas.path)];
  if (q.q) conds.push(or(ilike(users.username, `%${escapeLike(q.q)}%`), ilike(users.displayName, `%${escapeLike(q.q)}%`))!);
  if (q.role) conds.push(eq(users.role, q.role));
  return and(...conds);
}

/** Users matching a filter in user-name order, from after `after` (the last name of the previous page) or `offset`. */
async function userRows(db: Db, where: SQL | undefined, page: { limit: number; offset?: number; after?: string }) {
  const rows = await db
    .select({ user: users, areaName: areas.name, areaPath: areas.path })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .where(page.after === undefined ? where : and(where, gt(users.username, page.after)))
    .orderBy(asc(users.username))
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return rows.map((r) => presentUser(r.user, { name: r.areaName, path: r.areaPath }));
}

export async function countUsers(db: Db, where: SQL | undefined): Promise<number> {
  const [total] = await db.select({ n: count() }).from(users).innerJoin(areas, eq(areas.id, users.areaId)).where(where);
  return total?.n ?? 0;
}

export async function listUsers(db: Db, actor: Actor, q: UserFilters & { page: number; pageSize: number }) {
  const where = userFilter(actor, q);
  const [items, total] = await Promise.all([
    userRows(db, where, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    countUsers(db, where),
  ]);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Every user matching a filter, in batches, for exports. */
export async function* iterateUsers(db: Db, where: SQL | undefined, batchSize = 500) {
  let after: string | undefined;
  for (;;) {
    const rows = await userRows(db, where, { limit: batchSize, ...(after === undefined ? {} : { after }) });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.username;
  }
}

/** Creates a user. `actor` null is the CLI and the demo seeding, which act as the system itself. */
export async function createUser(db: Db, actor: Actor | null, input: UserInput & { mustChangePassword?: boolean }) {
  if (actor) {
    requirePermission(actor, 'users.manage');
    checkRoleAndDepartment(actor, input.role, input.department);
    await getAreaInScope(db, actor, input.areaId);
  }
  checkPasswordStrength(input.password);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing) throw new AppError('ALREADY_EXISTS', `User name ${input.username} is taken`, `用户名${input.username}已存在`);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        areaId: input.areaId,
        department: input.department ?? null,
        phone: input.phone ?? null,
        canRevealIds: input.canRevealIds ?? false,
        mustChangePassword: input.mustChangePassword ?? actor != null,
      })
      .returning();
    const [area] = await tx.select().from(areas).where(eq(areas.id, input.areaId));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: created!.id,
      areaPath: area?.path ?? null,
      newValues: { ...presentUser(created!), password: undefined },
    });
    return presentUser(created!, area);
  });
}

async function userInScope(db: Db, actor: Actor, id: number) {
  const [row] = await db
    .select({ user: users, area: areas })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .where(and(eq(users.id, id), inScope(actor, areas.path)));
  if (!row) throw notFound('User', '用户');
  return row;
}

export interface UserPatch {
  version: number;
  displayName?: string | undefined;
  role?: Role | undefined;
  areaId?: number | undefined;
  department?: Department | null | undefined;
  phone?: string | null | undefined;
  active?: boolean | undefined;
  canRevealIds?: boolean | undefined;
}

export async function updateUser(db: Db, actor: Actor, id: number, patch: UserPatch) {
  requirePermission(actor, 'users.manage');
  const { user: before, area } = await userInScope(db, actor, id);
  if (!mayAssignRole(actor, before.role as Role) && actor.userId !== before.id) {
    throw forbidden('edit a user of a higher role', '修改更高级别角色的用户');
  }
  const role = patch.role ?? (before.role as Role);
  if (patch.role) checkRoleAndDepartment(actor, role, patch.department ?? before.department);
  if (patch.areaId !== undefined) await getAreaInScope(db, actor, patch.areaId);
  const { version, ...changes } = patch;
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning();
    if (!after) throw versionConflict(presentUser(before, area));
    if (patch.active === false) await endSessionsOf(tx, id);
    const diff = diffRecords(presentUser(before), presentUser(after));
    if (diff) await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: id, areaPath: area.path, ...diff });
    return presentUser(after, area);
  });
}

export async function resetPassword(db: Db, actor: Actor, id: number, password: string) {
  requirePermission(actor, 'users.manage');
  const { user, area } = await userInScope(db, actor, id);
  if (!mayAssignRole(actor, user.role as Role)) throw forbidden('reset the password of a higher role', '重置更高级别角色的密码');
  checkPasswordStrength(password);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, version: user.version + 1 })
      .where(eq(users.id, id));
    await endSessionsOf(tx, id);
    await recordAudit(tx, actor, { action: 'password_reset', entity: 'user', entityId: id, areaPath: area.path });
  });
}

/** Sets a password without the old one: for the CLI, run by whoever administers the machine. */
export async function setPasswordAsSystem(db: Db, username: string, password: string) {
  checkPasswordStrength(password);
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) throw notFound(`User ${username}`, `用户${username}`);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await recordAudit(tx, null, { action: 'password_reset', entity: 'user', entityId: user.id, detail: { via: 'cli' } });
  });
}

export async function changeOwnPassword(db: Db, actor: Actor, current: string, next: string, keepToken: string) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong', '原密码错误');
  }
  if (current === next) {
    throw new AppError('VALIDATION_FAILED', 'The new password must differ from the old one', '新密码不能与原密码相同', {
      issues: [{ path: 'newPassword', message: '新密码不能与原密码相同' }],
    });
  }
  checkPasswordStrength(next);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, actor.userId));
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await endSessionsOf(tx, actor.userId, keepToken);
    await recordAudit(tx, actor, { action: 'password_change', entity: 'user', entityId: actor.userId, areaPath: actor.areaPath });
  });
}
