import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam } from '../../http/schemas.js';
import { AppError } from '../../errors.js';
import { sendExport } from '../exports/list-export.js';
import { addAttachment, ATTACHMENT_MAX_BYTES, readAttachment } from './attachments.js';
import { caseInScope, exportCases, getCase, listCases } from './case-read.js';
import { requirePermission } from '../accounts/access.js';
import { openCase } from './cases.js';
import { caseFilter, caseList, dismissBody, fromPreassessment, newCase, newWarning, overrideBody, overviewQuery, proposalBody, settingsBody, stepBody, warningFilter, warningList } from './inputs.js';
import { caseNotice } from './notice.js';
import { contentDisposition } from '../exports/table-file.js';
import { monitoringOverview } from './overview.js';
import { overrideElimination, performStep, previewElimination, proposeElimination } from './procedure.js';
import { settingsView, updateSettings } from './settings.js';
import { createWarning, dismissWarning, exportWarnings, listWarnings, warningsFromPreassessment } from './warnings.js';
import { isoDate } from '../registry/inputs.js';

async function readBody(stream: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) throw new AppError('FILE_TOO_LARGE', 'Attachments are limited to 2 MB', '附件不能超过2MB');
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

export async function monitoringRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['monitoring'];

  r.get('/api/monitoring/warnings', { schema: { tags, summary: '预警线索 Warnings', querystring: warningList } }, async (req) => listWarnings(db, actorOf(req), req.query));
  r.get('/api/monitoring/warnings/export', { schema: { tags, summary: '导出预警线索 Export warnings', querystring: warningFilter.extend({ format: exportFormat }) } }, async (req, reply) => {
    const { format, ...q } = req.query;
    return sendExport(reply, await exportWarnings(db, actorOf(req), q, format));
  });
  r.post('/api/monitoring/warnings', { schema: { tags, summary: '登记预警线索 Raise a warning', body: newWarning } }, async (req, reply) =>
    reply.status(201).send(await createWarning(db, actorOf(req), req.body)),
  );
  r.post('/api/monitoring/warnings/from-preassessment', { schema: { tags, summary: '收入预评估生成预警 Warnings from the pre-assessment', body: fromPreassessment } }, async (req, reply) =>
    reply.status(201).send(await warningsFromPreassessment(db, actorOf(req), req.body)),
  );
  r.post('/api/monitoring/warnings/:id/dismiss', { schema: { tags, summary: '排除预警 Dismiss a warning', params: idParam, body: dismissBody } }, async (req) =>
    dismissWarning(db, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/monitoring/cases', { schema: { tags, summary: '监测案例 Cases', querystring: caseList } }, async (req) => listCases(db, actorOf(req), req.query));
  r.get('/api/monitoring/cases/export', { schema: { tags, summary: '导出监测对象 Export cases', querystring: caseFilter.extend({ format: exportFormat }) } }, async (req, reply) => {
    const { format, ...q } = req.query;
    return sendExport(reply, await exportCases(db, actorOf(req), q, format));
  });
  r.post('/api/monitoring/cases', { schema: { tags, summary: '启动纳入程序 Open a case', body: newCase } }, async (req, reply) => reply.status(201).send(await openCase(db, actorOf(req), req.body)));
  r.get('/api/monitoring/cases/:id', { schema: { tags, summary: '监测案例详情 Case', params: idParam } }, async (req) => getCase(db, actorOf(req), req.params.id));
  r.post('/api/monitoring/cases/:id/steps', { schema: { tags, summary: '办理环节 Do a step', params: idParam, body: stepBody } }, async (req) =>
    performStep(db, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/monitoring/cases/:id/elimination-check',
    { schema: { tags, summary: '风险消除条件 Elimination conditions', params: idParam, querystring: z.object({ on: isoDate.optional() }) } },
    async (req) => previewElimination(db, actorOf(req), req.params.id, req.query.on),
  );
  r.post('/api/monitoring/cases/:id/elimination', { schema: { tags, summary: '提出风险消除 Propose elimination', params: idParam, body: proposalBody } }, async (req) =>
    proposeElimination(db, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/monitoring/cases/:id/override', { schema: { tags, summary: '越过风险消除条件 Override the conditions', params: idParam, body: overrideBody } }, async (req) =>
    overrideElimination(db, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/monitoring/cases/:id/notice',
    { schema: { tags, summary: '公示（可打印网页或Word） Public notice, printable page or Word', params: idParam, querystring: z.object({ format: z.enum(['html', 'docx']).default('html') }) } },
    async (req, reply) => {
      const notice = await caseNotice(db, actorOf(req), req.params.id, req.query.format);
      reply.header('cache-control', 'no-store');
      if ('docx' in notice) {
        reply.header('content-disposition', contentDisposition(`${notice.content.villageName}${notice.content.headName}公示.docx`));
        return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(notice.docx);
      }
      return reply.type('text/html; charset=utf-8').send(notice.html);
    },
  );

  await app.register(async (scoped) => {
    scoped.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/api/monitoring/cases/:id/attachments',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES + 1024,
        schema: {
          tags,
          summary: '上传附件 Upload an attachment (body: the file, application/octet-stream)',
          params: idParam,
          querystring: z.object({ fileName: z.string().min(1).max(255), stepId: z.coerce.number().int().positive().optional() }),
        },
      },
      async (req, reply) => {
        // Scope and role before the upload is read: a stranger learns nothing and sends nothing.
        requirePermission(actorOf(req), 'registry.write');
        await caseInScope(db, actorOf(req), req.params.id);
        if (!req.body || typeof (req.body as Readable).pipe !== 'function') throw new AppError('BAD_REQUEST', 'Send the file as application/octet-stream', '请以文件上传');
        const data = await readBody(req.body as Readable, ATTACHMENT_MAX_BYTES);
        return reply.status(201).send(await addAttachment(db, actorOf(req), req.params.id, { fileName: req.query.fileName, stepId: req.query.stepId, data }));
      },
    );
  });
  r.get('/api/monitoring/attachments/:id', { schema: { tags, summary: '下载附件 Download an attachment', params: idParam } }, async (req, reply) => {
    const a = await readAttachment(db, actorOf(req), req.params.id);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`);
    reply.header('cache-control', 'no-store');
    return reply.type(a.contentType).send(a.data);
  });

  r.get('/api/monitoring/overview', { schema: { tags, summary: '监测对象统计 Overview as of a date', querystring: overviewQuery } }, async (req) => monitoringOverview(db, actorOf(req), req.query));
  r.get('/api/monitoring/settings', { schema: { tags, summary: '监测程序设置 Settings' } }, async (req) => settingsView(db, actorOf(req)));
  r.put('/api/monitoring/settings', { schema: { tags, summary: '修改监测程序设置 Change settings', body: settingsBody } }, async (req) => updateSettings(db, actorOf(req), req.body));
}
