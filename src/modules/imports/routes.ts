import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { recordAudit } from '../audit/service.js';
import { exportList, sendExport } from '../exports/list-export.js';
import { contentDisposition, exportFileName } from '../exports/table-file.js';
import { CSV_DELIMITERS, CSV_ENCODINGS } from '../ingest/csv-reader.js';
import { ROSTER_CATALOGUE } from '../ingest/fields.js';
import { errorFile } from './error-file.js';
import { presentIssue } from './presenter.js';
import {
  cancel,
  commitJob,
  deleteTemplate,
  getJobView,
  importFields,
  issuePages,
  listIssues,
  listJobs,
  listTemplates,
  saveTemplate,
  setOptions,
  uploadJob,
  visibleJob,
  type ImportServices,
} from './service.js';
import { COMMIT_MODES, IMPORT_KINDS, IMPORT_STATUSES } from './types.js';

const fieldKeys = ROSTER_CATALOGUE.fields.map((f) => f.key) as [string, ...string[]];

const options = z.object({
  sheets: z.array(z.union([z.string().min(1), z.number().int().min(0)])).max(100).optional(),
  mapping: z.record(z.string().regex(/^\d+$/), z.enum(fieldKeys).nullable()).optional(),
  templateId: z.number().int().positive().optional(),
  encoding: z.enum(CSV_ENCODINGS).optional(),
  delimiter: z.enum(CSV_DELIMITERS).optional(),
  headerRows: z.array(z.number().int().min(1)).min(1).max(3).optional(),
});

const issueQuery = z.object({
  ...paging,
  severity: z.enum(['error', 'warning']).optional(),
  code: z.string().max(40).optional(),
  sheet: z.string().max(200).optional(),
});

export async function importRoutes(app: FastifyInstance, ctx: AppContext, svc: ImportServices) {
  const { db } = ctx.database;
  const tags = ['imports'];

  await app.register(async (scoped) => {
    // The upload is the request body itself, streamed to disk; the service enforces the size limit as it goes.
    scoped.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/api/imports',
      {
        bodyLimit: svc.maxBytes,
        schema: {
          tags,
          summary: '上传导入文件 Upload a file to import (body: the file, application/octet-stream)',
          querystring: z.object({ kind: z.enum(IMPORT_KINDS).default('households'), fileName: z.string().min(1).max(255) }),
        },
      },
      async (req, reply) => reply.status(202).send(await uploadJob(svc, actorOf(req), req.query.fileName, req.body as Readable)),
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/imports', { schema: { tags, summary: '导入任务列表 Import jobs', querystring: z.object({ ...paging, status: z.enum(IMPORT_STATUSES).optional() }) } }, async (req) =>
    listJobs(db, actorOf(req), req.query),
  );
  r.get('/api/imports/:id', { schema: { tags, summary: '导入任务 Import job', params: idParam } }, async (req) => getJobView(db, actorOf(req), req.params.id));
  r.post('/api/imports/:id/options', { schema: { tags, summary: '修改选项并重新预检 Change choices and check again', params: idParam, body: options } }, async (req, reply) =>
    reply.status(202).send(await setOptions(svc, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/imports/:id/commit',
    { schema: { tags, summary: '提交导入 Commit the import', params: idParam, body: z.object({ mode: z.enum(COMMIT_MODES) }) } },
    async (req, reply) => reply.status(202).send(await commitJob(svc, actorOf(req), req.params.id, req.body.mode)),
  );
  r.post('/api/imports/:id/cancel', { schema: { tags, summary: '取消导入 Cancel the import', params: idParam } }, async (req) => cancel(svc, actorOf(req), req.params.id));
  r.get('/api/imports/:id/issues', { schema: { tags, summary: '导入问题清单 Issues found', params: idParam, querystring: issueQuery } }, async (req) =>
    listIssues(db, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/imports/:id/issues/export',
    { schema: { tags, summary: '导出问题清单 Export the issues', params: idParam, querystring: issueQuery.omit({ page: true, pageSize: true }).extend({ format: exportFormat }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const job = await visibleJob(db, actor, req.params.id);
      const { format, ...filter } = req.query;
      const total = (await listIssues(db, actor, job.id, { ...filter, page: 1, pageSize: 1 })).total;
      const reveal = false;
      type Row = ReturnType<typeof presentIssue>;
      async function* rows() {
        for await (const page of issuePages(db, job.id, filter)) yield page.map((i) => presentIssue(i, reveal));
      }
      const file = await exportList<Row>(db, actor, format, {
        title: `导入问题清单（${job.fileName}）`,
        entity: 'import_issue',
        areaPath: job.areaPath,
        filters: { jobId: job.id, ...filter },
        count: total,
        unit: '条',
        revealIds: reveal,
        columns: [
          { header: '工作表', value: (i) => i.sheet, text: true },
          { header: '行号', value: (i) => i.rowNumber, width: 8 },
          { header: '列', value: (i) => i.column, width: 6 },
          { header: '字段', value: (i) => i.label },
          { header: '单元格内容', value: (i) => i.value, text: true, width: 24 },
          { header: '级别', value: (i) => (i.severity === 'error' ? '错误' : '提示'), width: 8 },
          { header: '问题代码', value: (i) => i.code, width: 24 },
          { header: '说明', value: (i) => i.message, width: 60 },
          { header: '相关行', value: (i) => (i.related ? `${i.related.sheet} 第${i.related.rowNumber}行` : null), width: 18 },
        ],
        rows: rows(),
      });
      return sendExport(reply, file);
    },
  );
  r.get('/api/imports/:id/error-file', { schema: { tags, summary: '下载错误数据文件 Download the rejected rows', params: idParam } }, async (req, reply) => {
    const actor = actorOf(req);
    const job = await visibleJob(db, actor, req.params.id);
    const stream = await errorFile(db, job);
    await recordAudit(db, actor, { action: 'export', entity: 'import_error_file', entityId: job.id, areaPath: job.areaPath, detail: { fileName: job.fileName } });
    reply.header('content-disposition', contentDisposition(exportFileName(`导入错误数据_${job.fileName.replace(/\.[^.]*$/, '')}`, 'xlsx')));
    reply.header('cache-control', 'no-store');
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(stream);
  });
  r.get('/api/import-fields', { schema: { tags, summary: '可导入字段 Importable fields', querystring: z.object({ kind: z.enum(IMPORT_KINDS).default('households') }) } }, async () =>
    importFields(),
  );
  r.get('/api/import-templates', { schema: { tags, summary: '导入模板 Import templates', querystring: z.object({ kind: z.enum(IMPORT_KINDS).default('households') }) } }, async (req) =>
    listTemplates(db, actorOf(req)),
  );
  r.post(
    '/api/import-templates',
    { schema: { tags, summary: '保存导入模板 Save a mapping as a template', body: z.object({ name: z.string().trim().min(1).max(60), jobId: z.number().int().positive() }) } },
    async (req, reply) => reply.status(201).send(await saveTemplate(db, actorOf(req), req.body.name, req.body.jobId)),
  );
  r.delete('/api/import-templates/:id', { schema: { tags, summary: '删除导入模板 Delete a template', params: idParam } }, async (req, reply) => {
    await deleteTemplate(db, actorOf(req), req.params.id);
    return reply.status(204).send();
  });
}
