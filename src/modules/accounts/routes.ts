import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codesOf, DEPARTMENTS, ROLES } from '../../domain/codes.js';
import { actorOf, SESSION_COOKIE, setSessionCookie } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { ancestorsOf } from '../areas/service.js';
import { sendExport } from '../exports/list-export.js';
import { permissionsOf, type Actor } from './access.js';
import { exportUsers } from './export.js';
import { login, logout } from './sessions.js';
import { changeOwnPassword, createUser, listUsers, resetPassword, updateUser } from './users.js';
import { users } from './schema.js';

const role = z.enum(codesOf(ROLES));
const department = z.enum(codesOf(DEPARTMENTS));
/** The user list's filters, shared by the list and its export. */
const userFilters = z.object({ q: z.string().optional(), role: role.optional() });

export async function accountRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;

  async function me(actor: Actor) {
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    const chain = await ancestorsOf(db, actor.areaPath);
    const area = chain.at(-1);
    return {
      id: actor.userId,
      username: actor.username,
      displayName: user?.displayName ?? actor.username,
      role: actor.role,
      department: actor.department,
      canRevealIds: actor.canRevealIds,
      mustChangePassword: user?.mustChangePassword ?? false,
      permissions: permissionsOf(actor),
      area: { id: actor.areaId, code: area?.code ?? '', name: area?.name ?? '', level: area?.level ?? '', path: chain.map((a) => a.name) },
    };
  }

  r.post(
    '/api/auth/login',
    { config: { public: true }, schema: { tags: ['auth'], summary: '登录 Sign in', body: z.object({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) }) } },
    async (req, reply) => {
      const result = await login(db, ctx.throttle, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] }, ctx.config.sessionHours);
      setSessionCookie(reply, result.token, result.expiresAt, ctx.config.secureCookies);
      return { user: await me(result.actor) };
    },
  );

  r.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], summary: '退出 Sign out' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(db, token, req.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户 Current user' } }, async (req) => me(actorOf(req)));

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change own password',
        body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(200) }),
      },
    },
    async (req, reply) => {
      await changeOwnPassword(db, actorOf(req), req.body.currentPassword, req.body.newPassword, req.cookies[SESSION_COOKIE] ?? '');
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/users',
    { schema: { tags: ['users'], summary: '用户列表 Users in scope', querystring: userFilters.extend(paging) } },
    async (req) => listUsers(db, actorOf(req), req.query),
  );

  r.get(
    '/api/users/export',
    { schema: { tags: ['users'], summary: '导出用户列表 Export the user list', querystring: userFilters.extend({ format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, await exportUsers(db, actorOf(req), q, format));
    },
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户 Create a user',
        body: z.object({
          username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,40}$/, '用户名为3-40位字母、数字或 _ . -'),
          displayName: z.string().trim().min(1).max(40),
          password: z.string().min(1).max(200),
          role,
          areaId: z.number().int().positive(),
          department: department.nullable().optional(),
          phone: z.string().trim().max(20).nullable().optional(),
          canRevealIds: z.boolean().optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户 Update a user',
        params: idParam,
        body: z.object({
          version: z.number().int().positive(),
          displayName: z.string().trim().min(1).max(40).optional(),
          role: role.optional(),
          areaId: z.number().int().positive().optional(),
          department: department.nullable().optional(),
          phone: z.string().trim().max(20).nullable().optional(),
          active: z.boolean().optional(),
          canRevealIds: z.boolean().optional(),
        }),
      },
    },
    async (req) => updateUser(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/reset-password',
    { schema: { tags: ['users'], summary: '重置密码 Reset a password', params: idParam, body: z.object({ password: z.string().min(1).max(200) }) } },
    async (req, reply) => {
      await resetPassword(db, actorOf(req), req.params.id, req.body.password);
      return reply.status(204).send();
    },
  );
}
