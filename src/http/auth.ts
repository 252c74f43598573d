import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Actor } from '../modules/accounts/access.js';
import { actorForSession } from '../modules/accounts/sessions.js';

export const SESSION_COOKIE = 'jz_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, coded lists, static files). */
    public?: boolean;
  }
}

/**
 * Resolves the session cookie into `req.actor` before anything else runs, and turns away anonymous callers of
 * private API routes before their input is even validated, so an anonymous caller learns nothing from errors.
 */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', undefined);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await actorForSession(db, token, req.ip);
    const isApi = req.url.startsWith('/api/') && !req.url.startsWith('/api/docs');
    if (isApi && !req.routeOptions.config.public && !req.actor && req.routeOptions.url) {
      throw new AppError('UNAUTHENTICATED', 'Please sign in', '请先登录');
    }
  });
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in', '请先登录');
  return req.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}
