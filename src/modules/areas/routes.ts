import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codesOf, AREA_LEVELS } from '../../domain/codes.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { idParam } from '../../http/schemas.js';
import { requirePermission } from '../accounts/access.js';
import { areaChildren, getAreaWithAncestors, searchAreas } from './service.js';
import { overview } from './stats.js';

export async function areaRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['areas'];

  r.get(
    '/api/areas/children',
    { schema: { tags, summary: '下级区域 Child areas', querystring: z.object({ parentId: z.coerce.number().int().positive().optional() }) } },
    async (req) => areaChildren(db, actorOf(req), req.query.parentId),
  );

  r.get(
    '/api/areas/search',
    {
      schema: {
        tags,
        summary: '查找区域 Search areas',
        querystring: z.object({ q: z.string().trim().max(40).optional(), level: z.enum(codesOf(AREA_LEVELS)).optional() }),
      },
    },
    async (req) => searchAreas(db, actorOf(req), req.query.q, req.query.level),
  );

  r.get('/api/areas/:id', { schema: { tags, summary: '区域详情 Area', params: idParam } }, async (req) =>
    getAreaWithAncestors(db, actorOf(req), req.params.id),
  );

  r.get(
    '/api/stats/overview',
    { schema: { tags: ['stats'], summary: '总览 Overview counts', querystring: z.object({ areaId: z.coerce.number().int().positive().optional() }) } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'registry.read');
      return overview(db, actor, req.query.areaId);
    },
  );
}
