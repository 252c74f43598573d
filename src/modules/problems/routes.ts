import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codesOf, DEPARTMENTS } from '../../domain/codes.js';
import { MANUAL_ACTIONS, PROBLEM_STATES } from '../../domain/problem-workflow.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { contentDisposition } from '../exports/table-file.js';
import { sendExport } from '../exports/list-export.js';
import { FINDING_SORTS, FINDING_STATUSES, listFindings } from '../findings/service.js';
import { actOnProblem, bulkAction } from './actions.js';
import { ATTACHMENT_TYPES, getAttachment } from './attachments.js';
import { getProblem } from './detail.js';
import { inbox } from './inbox.js';
import { exportLedger, ledger } from './ledger.js';
import { drawRecheck, getRecheck, listRechecks, recordRecheck } from './recheck.js';
import { liftSupervision, listSupervisions, startSupervision, supervisionSuggestions } from './supervision.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const department = z.enum(codesOf(DEPARTMENTS));

/** The problem list's filter: the findings filter plus the workflow's (state, county, overdue, 整改不实, supervised). */
const filter = z.object({
  ruleCode: z.string().trim().min(1).max(40).optional(),
  severity: z.enum(['high', 'medium', 'low']).optional(),
  department: department.optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  areaId: z.coerce.number().int().positive().optional(),
  householdNo: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().min(1).max(60).optional(),
  state: z.enum(PROBLEM_STATES).optional(),
  countyId: z.coerce.number().int().positive().optional(),
  overdue: flag.optional(),
  falseRectification: flag.optional(),
  supervised: flag.optional(),
  returned: flag.optional(),
});

const actionBody = z.object({
  action: z.enum(MANUAL_ACTIONS),
  reason: z.string().trim().max(1000).optional(),
  deadline: isoDate.optional(),
  evidence: z.string().trim().max(2000).optional(),
});

const attachment = z.object({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.enum(ATTACHMENT_TYPES),
  dataBase64: z.string().min(1).max(3_000_000),
});

export async function problemRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['problems'];

  r.get(
    '/api/problems',
    { schema: { tags, summary: '问题整改清单 Problems with their workflow state', querystring: filter.extend({ sort: z.enum(FINDING_SORTS).default('-stateAt'), ...paging }) } },
    async (req) => listFindings(db, actorOf(req), req.query),
  );
  r.get(
    '/api/problems/export',
    { schema: { tags, summary: '导出整改台账 Export the rectification ledger', querystring: filter.extend({ format: exportFormat, reveal: z.enum(['true', 'false']).default('false') }) } },
    async (req, reply) => {
      const { format, reveal, ...q } = req.query;
      return sendExport(reply, await exportLedger(db, actorOf(req), q, format, reveal === 'true'));
    },
  );
  r.get('/api/problems/inbox', { schema: { tags, summary: '我的待办 What waits for me' } }, async (req) => inbox(db, actorOf(req)));
  r.get(
    '/api/problems/ledger',
    {
      schema: {
        tags,
        summary: '整改台账统计 Ledger figures per department, county and week',
        querystring: filter.pick({ areaId: true, department: true, ruleCode: true, countyId: true, state: true }).extend({ weeks: z.coerce.number().int().min(1).max(104).default(12) }),
      },
    },
    async (req) => ledger(db, actorOf(req), req.query),
  );
  r.post(
    '/api/problems/bulk',
    {
      schema: {
        tags,
        summary: '批量处理 Bulk action on selected problems or a filter',
        body: actionBody.extend({ ids: z.array(z.number().int().positive()).min(1).max(2000).optional(), filter: filter.optional() }),
      },
    },
    async (req) => {
      const { ids, filter: f, ...action } = req.body;
      return bulkAction(db, actorOf(req), { ids, filter: f }, action);
    },
  );
  r.get('/api/problems/:id', { schema: { tags, summary: '问题详情 Problem with history and attachments', params: idParam } }, async (req) => getProblem(db, actorOf(req), req.params.id));
  r.post(
    '/api/problems/:id/actions',
    { schema: { tags, summary: '处理问题 Take a workflow step', params: idParam, body: actionBody.extend({ attachments: z.array(attachment).max(5).optional() }) } },
    async (req) => {
      const actor = actorOf(req);
      await actOnProblem(db, actor, req.params.id, req.body);
      return getProblem(db, actor, req.params.id);
    },
  );
  r.get(
    '/api/problems/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载附件 Download an attachment', params: idParam.extend({ attachmentId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const a = await getAttachment(db, actorOf(req), req.params.id, req.params.attachmentId);
      reply.header('content-disposition', contentDisposition(a.fileName));
      reply.header('cache-control', 'private, no-store');
      reply.header('x-content-type-options', 'nosniff');
      return reply.type(a.contentType).send(a.data);
    },
  );

  const supTags = ['supervision'];
  r.get('/api/supervisions', { schema: { tags: supTags, summary: '挂牌督办 Areas under listed supervision', querystring: z.object({ active: flag.optional() }) } }, async (req) =>
    listSupervisions(db, actorOf(req), req.query),
  );
  r.get(
    '/api/supervisions/suggestions',
    {
      schema: {
        tags: supTags,
        summary: '建议挂牌督办的地区 Areas with many open problems',
        querystring: z.object({ threshold: z.coerce.number().int().min(0).default(10), level: z.enum(['county', 'township']).default('township') }),
      },
    },
    async (req) => supervisionSuggestions(db, actorOf(req), req.query),
  );
  r.post(
    '/api/supervisions',
    { schema: { tags: supTags, summary: '挂牌督办 Put an area under supervision', body: z.object({ areaId: z.number().int().positive(), reason: z.string().trim().min(2).max(500) }) } },
    async (req, reply) => reply.status(201).send(await startSupervision(db, actorOf(req), req.body)),
  );
  r.post(
    '/api/supervisions/:id/lift',
    { schema: { tags: supTags, summary: '摘牌 Lift a supervision', params: idParam, body: z.object({ reason: z.string().trim().min(2).max(500) }) } },
    async (req) => liftSupervision(db, actorOf(req), req.params.id, req.body.reason),
  );

  const reTags = ['rechecks'];
  r.get('/api/rechecks', { schema: { tags: reTags, summary: '回头看批次 Re-check samples' } }, async (req) => listRechecks(db, actorOf(req)));
  r.post(
    '/api/rechecks',
    {
      schema: {
        tags: reTags,
        summary: '抽取回头看样本 Draw closed-off problems for re-check',
        body: z.object({
          areaId: z.number().int().positive().optional(),
          department: department.optional(),
          ruleCode: z.string().trim().min(1).max(40).optional(),
          size: z.number().int().min(1).max(2000).optional(),
          percent: z.number().int().min(1).max(100).optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await drawRecheck(db, actorOf(req), req.body)),
  );
  r.get('/api/rechecks/:id', { schema: { tags: reTags, summary: '回头看批次 One re-check sample', params: idParam } }, async (req) => getRecheck(db, actorOf(req), req.params.id));
  r.post(
    '/api/rechecks/:id/items/:findingId',
    {
      schema: {
        tags: reTags,
        summary: '记录回头看结果 Record a re-check',
        params: idParam.extend({ findingId: z.coerce.number().int().positive() }),
        body: z.object({ result: z.enum(['confirmed', 'reopened']), note: z.string().trim().max(1000).optional(), deadline: isoDate.optional() }),
      },
    },
    async (req) => recordRecheck(db, actorOf(req), req.params.id, req.params.findingId, req.body),
  );
}
