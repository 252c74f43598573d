import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Role } from '../../domain/codes.js';
import { AppError } from '../../errors.js';
import { areas } from '../areas/schema.js';
import { recordAudit } from '../audit/service.js';
import type { Actor } from './access.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { sessions, users } from './schema.js';
import type { LoginThrottle } from './throttle.js';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

export async function login(
  db: Db,
  throttle: LoginThrottle,
  input: { username: string; password: string; ip?: string | undefined; userAgent?: string | undefined },
  sessionHours: number,
): Promise<LoginResult> {
  const ipKey = input.ip ?? 'unknown';
  if (throttle.isBlocked(ipKey)) {
    throw new AppError('TOO_MANY_REQUESTS', 'Too many failed logins from this address; wait 15 minutes', '登录失败次数过多，请15分钟后再试');
  }
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (user && user.lockedUntil && user.lockedUntil > new Date()) {
    throw new AppError(
      'ACCOUNT_LOCKED',
      `Account locked after ${MAX_FAILURES} failed logins until ${user.lockedUntil.toISOString()}`,
      `连续${MAX_FAILURES}次密码错误，账号已锁定至${user.lockedUntil.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`,
      { lockedUntil: user.lockedUntil.toISOString() },
    );
  }
  if (!user || !ok || !user.active) {
    throttle.fail(ipKey);
    if (user) {
      await db
        .update(users)
        .set({
          failedLogins: sql`${users.failedLogins} + 1`,
          lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${MAX_FAILURES}
            THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE NULL END`,
        })
        .where(eq(users.id, user.id));
    }
    // A failed login of a known account is filed under that account's area, so its administrators see attacks on it.
    const [area] = user ? await db.select({ path: areas.path }).from(areas).where(eq(areas.id, user.areaId)) : [];
    await recordAudit(db, null, {
      action: 'login_failed',
      entity: 'user',
      entityId: user?.id ?? null,
      areaPath: area?.path ?? null,
      detail: { username: input.username, ip: input.ip ?? null },
    });
    throw new AppError('INVALID_CREDENTIALS', 'Wrong user name or password', '用户名或密码错误');
  }
  throttle.succeed(ipKey);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
      .where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      tokenHash: tokenHash(token),
      userId: user.id,
      expiresAt,
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    // Old sessions are cleared here rather than by a scheduler: logins are frequent enough.
    await tx.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  });
  const actor = await actorForUser(db, user.id, input.ip);
  if (!actor) throw new AppError('INVALID_CREDENTIALS', 'Wrong user name or password', '用户名或密码错误');
  await recordAudit(db, actor, { action: 'login', entity: 'user', entityId: user.id, areaPath: actor.areaPath });
  return { token, expiresAt, actor };
}

export async function actorForUser(db: Db, userId: number, ip?: string): Promise<Actor | undefined> {
  const [row] = await db
    .select({ user: users, areaPath: areas.path })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (!row) return undefined;
  return {
    userId: row.user.id,
    username: row.user.username,
    role: row.user.role as Role,
    areaId: row.user.areaId,
    areaPath: row.areaPath,
    department: row.user.department,
    canRevealIds: row.user.canRevealIds,
    ip,
  };
}

/** The actor behind a session cookie, or undefined when it is unknown, expired or its user is disabled. */
export async function actorForSession(db: Db, token: string, ip?: string): Promise<Actor | undefined> {
  const hashed = tokenHash(token);
  const [session] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hashed), gt(sessions.expiresAt, new Date())));
  if (!session) return undefined;
  // Touch at most once a minute: a write per request would serialise PGlite for nothing.
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, hashed));
  }
  return actorForUser(db, session.userId, ip);
}

export async function logout(db: Db, token: string, actor: Actor | undefined): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  if (actor) await recordAudit(db, actor, { action: 'logout', entity: 'user', entityId: actor.userId, areaPath: actor.areaPath });
}

export async function endSessionsOf(db: DbOrTx, userId: number, exceptToken?: string): Promise<void> {
  const keep = exceptToken ? tokenHash(exceptToken) : '';
  await db.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keep}`));
}
