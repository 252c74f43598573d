import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { idParam } from '../../http/schemas.js';
import { endMeasure, newMeasure } from './inputs.js';
import { addMeasure, endMeasure as end, listMeasures } from './service.js';

export async function measureRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['measures'];

  r.get('/api/households/:id/measures', { schema: { tags, summary: '帮扶措施 Measures of a household', params: idParam } }, async (req) =>
    listMeasures(db, actorOf(req), req.params.id),
  );
  r.post(
    '/api/households/:id/measures',
    { schema: { tags, summary: '新增帮扶措施 Add a measure', params: idParam, body: newMeasure } },
    async (req, reply) => reply.status(201).send(await addMeasure(db, actorOf(req), req.params.id, req.body)),
  );
  r.post('/api/measures/:id/end', { schema: { tags, summary: '结束帮扶措施 End a measure', params: idParam, body: endMeasure } }, async (req) =>
    end(db, actorOf(req), req.params.id, req.body),
  );
}
