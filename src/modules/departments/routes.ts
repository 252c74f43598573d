import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { datasetType } from '../../domain/departments/datasets.js';
import { addDatasetType, datasetTypeInput, updateDatasetType } from './dataset-types.js';
import { codesOf, DEPARTMENTS } from '../../domain/codes.js';
import { notFound } from '../../errors.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { can } from '../accounts/access.js';
import { contentDisposition } from '../exports/table-file.js';
import { sendExport } from '../exports/list-export.js';
import type { ImportRunner } from '../imports/runner.js';
import { exportIssues, exportRecords, listIssues } from './export.js';
import { confirmMatch, listReviews, rejectMatch } from './review.js';
import {
  commitSnapshot,
  discardSnapshot,
  listDatasetTypes,
  listRecords,
  listSnapshots,
  memberRecords,
  MATCH_STATUSES,
  presentSnapshot,
  SNAPSHOT_STATUSES,
  uploadSnapshot,
  visibleSnapshot,
} from './service.js';
import { templateWorkbook } from './template.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
// Built-in or added by the city: checked against the catalogue by the service, not a fixed list.
const typeCode = z.string().regex(/^[a-z][a-z0-9_]{2,39}$/);
const recordFilter = z.object({ matchStatus: z.enum(MATCH_STATUSES).optional(), q: z.string().trim().min(1).max(40).optional() });
const reveal = z.enum(['true', 'false']).default('false');

export async function departmentRoutes(app: FastifyInstance, ctx: AppContext, runner: ImportRunner) {
  const { db } = ctx.database;
  const tags = ['departments'];
  const svc = { db, dataDir: ctx.config.dataDir, maxBytes: ctx.config.importMaxBytes, runner };

  await app.register(async (scoped) => {
    scoped.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/api/departments/snapshots',
      {
        bodyLimit: svc.maxBytes,
        schema: {
          tags,
          summary: '上传部门数据 Upload a department dataset (body: the file, application/octet-stream)',
          querystring: z.object({ datasetType: typeCode, asOf: isoDate, fileName: z.string().min(1).max(255), note: z.string().max(500).optional() }),
        },
      },
      async (req, reply) => reply.status(202).send(await uploadSnapshot(svc, actorOf(req), req.query, req.body as Readable)),
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/departments/datasets', { schema: { tags, summary: '部门数据类型与模板 Dataset types' } }, async (req) => listDatasetTypes(db, actorOf(req)));
  r.post('/api/departments/datasets', { schema: { tags, summary: '新增数据类型 Add a dataset type (city)', body: datasetTypeInput } }, async (req, reply) =>
    reply.status(201).send(await addDatasetType(db, actorOf(req), req.body)),
  );
  r.put(
    '/api/departments/datasets/:code',
    { schema: { tags, summary: '修改自定义数据类型 Edit a dataset type the city added', params: z.object({ code: typeCode }), body: datasetTypeInput.extend({ version: z.number().int().positive() }) } },
    async (req) => updateDatasetType(db, actorOf(req), req.params.code, req.body),
  );
  r.get(
    '/api/departments/datasets/:code/template',
    { schema: { tags, summary: '下载数据模板（含示例） Template with example rows', params: z.object({ code: z.string().max(40) }) } },
    async (req, reply) => {
      actorOf(req);
      const type = datasetType(req.params.code);
      if (!type) throw notFound('Dataset type', '数据类型');
      reply.header('content-disposition', contentDisposition(`${type.zh}模板.xlsx`));
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(await templateWorkbook(type));
    },
  );
  r.get(
    '/api/departments/snapshots',
    {
      schema: {
        tags,
        summary: '部门数据上传记录 Snapshots',
        querystring: z.object({ datasetType: typeCode.optional(), department: z.enum(codesOf(DEPARTMENTS)).optional(), status: z.enum(SNAPSHOT_STATUSES).optional(), ...paging }),
      },
    },
    async (req) => listSnapshots(db, actorOf(req), req.query),
  );
  r.get('/api/departments/snapshots/:id', { schema: { tags, summary: '部门数据快照 Snapshot', params: idParam } }, async (req) =>
    presentSnapshot(await visibleSnapshot(db, actorOf(req), req.params.id)),
  );
  r.post(
    '/api/departments/snapshots/:id/commit',
    { schema: { tags, summary: '确认入库 Commit a previewed upload', params: idParam, body: z.object({ mode: z.enum(['all_or_nothing', 'valid_only']).default('all_or_nothing') }) } },
    async (req) => commitSnapshot(db, actorOf(req), req.params.id, req.body.mode),
  );
  r.post('/api/departments/snapshots/:id/discard', { schema: { tags, summary: '作废上传 Discard an upload', params: idParam } }, async (req) => discardSnapshot(db, actorOf(req), req.params.id));
  r.get(
    '/api/departments/snapshots/:id/records',
    { schema: { tags, summary: '快照中的记录及匹配结果 Records and their matches', params: idParam, querystring: recordFilter.extend({ ...paging, reveal }) } },
    async (req) => {
      const { reveal: rv, ...q } = req.query;
      return listRecords(db, actorOf(req), req.params.id, q, rv === 'true');
    },
  );
  r.get(
    '/api/departments/snapshots/:id/records/export',
    { schema: { tags, summary: '导出记录 Export records', params: idParam, querystring: recordFilter.extend({ format: exportFormat, reveal }) } },
    async (req, reply) => {
      const { format, reveal: rv, ...q } = req.query;
      const actor = actorOf(req);
      return sendExport(reply, await exportRecords(db, actor, req.params.id, q, format, rv === 'true' && can(actor, 'ids.reveal')));
    },
  );
  r.get('/api/departments/snapshots/:id/issues', { schema: { tags, summary: '无法读取的单元格 Issues', params: idParam, querystring: z.object({ ...paging }) } }, async (req) =>
    listIssues(db, actorOf(req), req.params.id, req.query),
  );
  r.get('/api/departments/snapshots/:id/issues/export', { schema: { tags, summary: '导出错误清单 Export issues', params: idParam, querystring: z.object({ format: exportFormat }) } }, async (req, reply) =>
    sendExport(reply, await exportIssues(db, actorOf(req), req.params.id, req.query.format)),
  );
  r.get(
    '/api/departments/reviews',
    { schema: { tags, summary: '待确认的匹配 Matches waiting for a person', querystring: z.object({ datasetType: typeCode.optional(), status: z.enum(['review', 'unmatched']).optional(), ...paging, reveal }) } },
    async (req) => {
      const { reveal: rv, ...q } = req.query;
      return listReviews(db, actorOf(req), q, rv === 'true');
    },
  );
  r.post(
    '/api/departments/records/:id/confirm',
    { schema: { tags, summary: '确认匹配 Confirm the record is this registry member', params: idParam, body: z.object({ memberId: z.number().int().positive() }) } },
    async (req) => confirmMatch(db, actorOf(req), req.params.id, req.body.memberId),
  );
  r.post('/api/departments/records/:id/reject', { schema: { tags, summary: '不是建档立卡人员 No registry person', params: idParam } }, async (req) => rejectMatch(db, actorOf(req), req.params.id));
  r.get('/api/members/:id/department-records', { schema: { tags, summary: '某成员的部门数据 What departments hold about a member', params: idParam } }, async (req) =>
    memberRecords(db, actorOf(req), req.params.id),
  );
}
