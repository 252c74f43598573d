import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maskIdNumber } from '../../domain/id-number.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { paging } from '../../http/schemas.js';
import { searchAudit } from './service.js';

/** ID numbers inside recorded values are masked here too: reading the trail is not a way around the reveal right. */
function maskValues(values: unknown): unknown {
  if (!values || typeof values !== 'object') return values;
  return Object.fromEntries(
    Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, k === 'idNumber' && typeof v === 'string' ? maskIdNumber(v) : v]),
  );
}

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  // Read-only by design: there is no route that writes, changes or deletes audit entries.
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Search the audit trail',
        querystring: z.object({
          username: z.string().trim().max(60).optional(),
          action: z.string().trim().max(40).optional(),
          entity: z.string().trim().max(40).optional(),
          entityId: z.string().trim().max(40).optional(),
          from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
          to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
          ...paging,
        }),
      },
    },
    async (req) => {
      const result = await searchAudit(db, actorOf(req), req.query);
      return {
        ...result,
        items: result.items.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          userId: e.userId,
          username: e.username,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          householdId: e.householdId,
          oldValues: maskValues(e.oldValues),
          newValues: maskValues(e.newValues),
          detail: e.detail,
          batch: e.batch,
          ip: e.ip,
        })),
      };
    },
  );
}
