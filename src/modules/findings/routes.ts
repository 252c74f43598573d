import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codesOf, DEPARTMENTS } from '../../domain/codes.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { sendExport } from '../exports/list-export.js';
import type { ImportRunner } from '../imports/runner.js';
import { exportFindings, exportRuns } from './export.js';
import { getRun, listRuns, queueRun, RUN_STATUSES } from './runs.js';
import { FINDING_SORTS, FINDING_STATUSES, findingSummary, getFinding, householdFindings, listFindings } from './service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const severity = z.enum(['high', 'medium', 'low']);

const filter = z.object({
  ruleCode: z.string().trim().min(1).max(40).optional(),
  severity: severity.optional(),
  department: z.enum(codesOf(DEPARTMENTS)).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  areaId: z.coerce.number().int().positive().optional(),
  householdNo: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().min(1).max(60).optional(),
});

export async function findingRoutes(app: FastifyInstance, ctx: AppContext, runner: ImportRunner) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['findings'];

  r.get(
    '/api/findings',
    { schema: { tags, summary: '核查问题清单 Findings', querystring: filter.extend({ sort: z.enum(FINDING_SORTS).default('ruleCode'), ...paging }) } },
    async (req) => listFindings(db, actorOf(req), req.query),
  );
  r.get(
    '/api/findings/export',
    { schema: { tags, summary: '导出核查问题 Export findings', querystring: filter.extend({ format: exportFormat, reveal: z.enum(['true', 'false']).default('false') }) } },
    async (req, reply) => {
      const { format, reveal, ...q } = req.query;
      return sendExport(reply, await exportFindings(db, actorOf(req), q, format, reveal === 'true'));
    },
  );
  r.get(
    '/api/findings/summary',
    { schema: { tags, summary: '核查问题统计 Findings per rule and area', querystring: filter.pick({ areaId: true, ruleCode: true, severity: true, department: true }) } },
    async (req) => findingSummary(db, actorOf(req), req.query),
  );
  r.get('/api/findings/:id', { schema: { tags, summary: '核查问题详情 Finding with history', params: idParam } }, async (req) => getFinding(db, actorOf(req), req.params.id));
  r.get(
    '/api/households/:id/findings',
    { schema: { tags, summary: '某户的核查问题 Findings of a household', params: idParam, querystring: z.object({ status: z.enum(FINDING_STATUSES).optional() }) } },
    async (req) => householdFindings(db, actorOf(req), req.params.id, req.query.status),
  );

  const runTags = ['rule-runs'];
  r.post(
    '/api/rule-runs',
    {
      schema: {
        tags: runTags,
        summary: '运行核查规则 Run the rules',
        body: z.object({
          ruleCode: z.string().trim().min(1).max(40).optional(),
          departments: z.array(z.enum(codesOf(DEPARTMENTS))).max(20).optional(),
          areaId: z.number().int().positive().optional(),
          referenceDate: isoDate.optional(),
        }),
      },
    },
    async (req, reply) => reply.status(202).send(await queueRun(db, runner, actorOf(req), req.body)),
  );
  r.get('/api/rule-runs', { schema: { tags: runTags, summary: '规则运行记录 Runs', querystring: z.object({ status: z.enum(RUN_STATUSES).optional(), ...paging }) } }, async (req) =>
    listRuns(db, actorOf(req), req.query),
  );
  r.get(
    '/api/rule-runs/export',
    { schema: { tags: runTags, summary: '导出规则运行记录 Export runs', querystring: z.object({ status: z.enum(RUN_STATUSES).optional(), format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, await exportRuns(db, actorOf(req), q, format));
    },
  );
  r.get('/api/rule-runs/:id', { schema: { tags: runTags, summary: '规则运行 Run', params: idParam } }, async (req) => getRun(db, actorOf(req), req.params.id));
}
