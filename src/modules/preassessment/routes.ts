import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam } from '../../http/schemas.js';
import { sendExport } from '../exports/list-export.js';
import { belowLineQuery, planBody, planHouseholdsQuery, plansQuery, summaryQuery } from './inputs.js';
import { belowLineSummary, exportBelowLine, listBelowLine } from './list.js';
import { exportPlan, getPlan, listPlans } from './plan-read.js';
import { acceptPlan, proposePlan } from './plans.js';

export async function preassessmentRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['preassessment'];

  r.get('/api/preassessment', { schema: { tags, summary: '收入预评估：低于标准的农户 Households projected below the standard', querystring: belowLineQuery } }, async (req) =>
    listBelowLine(db, actorOf(req), req.query),
  );
  r.get(
    '/api/preassessment/export',
    { schema: { tags, summary: '导出低于标准的农户 Export the list', querystring: belowLineQuery.omit({ page: true, pageSize: true }).extend({ format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, await exportBelowLine(db, actorOf(req), q, format));
    },
  );
  r.get('/api/preassessment/summary', { schema: { tags, summary: '按区域和致贫原因汇总 Summary by area and cause', querystring: summaryQuery } }, async (req) =>
    belowLineSummary(db, actorOf(req), req.query.areaId, req.query.on),
  );
  r.get('/api/preassessment/plans', { schema: { tags, summary: '帮扶计划列表 Gap-closing plans', querystring: plansQuery } }, async (req) =>
    listPlans(db, actorOf(req), req.query),
  );
  r.post('/api/preassessment/plans', { schema: { tags, summary: '制定帮扶计划 Propose a gap-closing plan', body: planBody } }, async (req, reply) =>
    reply.status(201).send(await proposePlan(db, actorOf(req), req.body)),
  );
  r.get(
    '/api/preassessment/plans/:id',
    { schema: { tags, summary: '帮扶计划详情 A plan with its households', params: idParam, querystring: planHouseholdsQuery } },
    async (req) => getPlan(db, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/preassessment/plans/:id/export',
    {
      schema: {
        tags,
        summary: '导出帮扶计划 Export a plan',
        params: idParam,
        querystring: z.object({ outcome: planHouseholdsQuery.shape.outcome, format: exportFormat }),
      },
    },
    async (req, reply) => sendExport(reply, await exportPlan(db, actorOf(req), req.params.id, req.query.outcome, req.query.format)),
  );
  r.post('/api/preassessment/plans/:id/accept', { schema: { tags, summary: '采纳帮扶计划 Accept a plan (creates the measures)', params: idParam } }, async (req) =>
    acceptPlan(db, actorOf(req), req.params.id),
  );
}
