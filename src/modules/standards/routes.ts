import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STANDARD_KEY_NAMES } from '../../domain/standards.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { addStandardValue, effectiveStandards, standardHistory, standardKeys } from './service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export async function standardRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['standards'];

  r.get('/api/standards/keys', { schema: { tags, summary: '标准项目录 Standard keys' } }, async (req) => {
    actorOf(req);
    return standardKeys();
  });
  r.get(
    '/api/standards',
    { schema: { tags, summary: '某区域某日适用的标准 Standards in force', querystring: z.object({ areaId: z.coerce.number().int().positive().optional(), on: isoDate.optional() }) } },
    async (req) => effectiveStandards(db, actorOf(req), req.query.areaId, req.query.on),
  );
  r.get(
    '/api/standards/history',
    { schema: { tags, summary: '标准取值历史 History of a standard', querystring: z.object({ key: z.enum(STANDARD_KEY_NAMES), areaId: z.coerce.number().int().positive().optional() }) } },
    async (req) => standardHistory(db, actorOf(req), req.query.key, req.query.areaId),
  );
  r.post(
    '/api/standards',
    {
      schema: {
        tags,
        summary: '设置新标准 Set a standard for a period',
        body: z.object({
          key: z.enum(STANDARD_KEY_NAMES),
          areaId: z.number().int().positive(),
          value: z.number(),
          effectiveFrom: isoDate,
          effectiveTo: isoDate.nullable().optional(),
          note: z.string().trim().min(1).max(500),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await addStandardValue(db, actorOf(req), req.body)),
  );
}
