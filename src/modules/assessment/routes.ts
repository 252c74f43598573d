import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INDICATOR_CODES, INDICATOR_STATUS_CODES } from '../../domain/assessment.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { sendExport } from '../exports/list-export.js';
import { isoDate } from '../registry/inputs.js';
import { exportAssessments } from './export.js';
import { assessmentSummary, householdAssessment, listAssessments, refreshArea } from './service.js';

/** The list's filters, shared by the list and its export. */
const filters = z.object({
  areaId: z.coerce.number().int().positive().optional(),
  referenceDate: isoDate.optional(),
  indicator: z.enum(INDICATOR_CODES).optional(),
  status: z.enum(INDICATOR_STATUS_CODES).optional(),
  anyUnmet: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export async function assessmentRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['assessment'];

  r.get(
    '/api/households/:id/assessment',
    { schema: { tags, summary: '农户达标情况 A household’s assessment', params: idParam, querystring: z.object({ on: isoDate.optional() }) } },
    async (req) => householdAssessment(db, actorOf(req), req.params.id, req.query.on),
  );

  r.get('/api/assessments', { schema: { tags, summary: '达标情况列表 Assessed households', querystring: filters.extend(paging) } }, async (req) =>
    listAssessments(db, actorOf(req), req.query),
  );

  r.get(
    '/api/assessments/export',
    { schema: { tags, summary: '导出达标情况 Export the assessment list', querystring: filters.extend({ format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, await exportAssessments(db, actorOf(req), q, format));
    },
  );

  r.get(
    '/api/assessments/summary',
    {
      schema: {
        tags,
        summary: '分区域达标统计 Counts per child area',
        querystring: z.object({ areaId: z.coerce.number().int().positive().optional(), on: isoDate.optional() }),
      },
    },
    async (req) => assessmentSummary(db, actorOf(req), req.query.areaId, req.query.on),
  );

  r.post(
    '/api/assessments/refresh',
    {
      schema: {
        tags,
        summary: '重新测算达标情况 Recompute assessments',
        body: z.object({ areaId: z.number().int().positive().optional(), referenceDate: isoDate.optional() }),
      },
    },
    async (req) => refreshArea(db, actorOf(req), req.body),
  );
}
