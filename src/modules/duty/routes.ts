import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { sendExport } from '../exports/list-export.js';
import { isoDate } from '../registry/inputs.js';
import { exportCampaign } from './campaign-export.js';
import { assignVillage, campaignProgress, closeCampaign, fillTask, getCampaign, launchCampaign, listCampaigns, listTasks, templates } from './campaigns.js';
import { addAssignment, addLockPeriod, approveReplacement, cadreDetail, createCadre, endAssignment, listCadres, listLockPeriods, updateCadre } from './cadres.js';
import { coverage, exportUnvisited, unvisited } from './coverage.js';
import { dutyWarningSummary, exportDutyWarnings, listDutyWarnings } from './duty-warnings.js';
import * as I from './inputs.js';
import { myDuty } from './my.js';
import { listVisits, recordVisit, visitPhoto } from './visits.js';

export async function dutyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['duty'];

  r.get('/api/duty/cadres', { schema: { tags, summary: '帮扶干部 Cadres', querystring: I.cadreFilter } }, async (req) => listCadres(db, actorOf(req), req.query));
  r.post('/api/duty/cadres', { schema: { tags, summary: '新增帮扶干部 Add a cadre', body: I.cadreFields } }, async (req, reply) =>
    reply.status(201).send(await createCadre(db, actorOf(req), req.body)),
  );
  r.get('/api/duty/cadres/:id', { schema: { tags, summary: '帮扶干部及其职责 Cadre with assignments', params: idParam } }, async (req) => cadreDetail(db, actorOf(req), req.params.id));
  r.patch('/api/duty/cadres/:id', { schema: { tags, summary: '修改帮扶干部 Edit a cadre', params: idParam, body: I.cadrePatch } }, async (req) =>
    updateCadre(db, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/duty/cadres/:id/assignments', { schema: { tags, summary: '安排职责 Assign a role', params: idParam, body: I.newAssignment } }, async (req, reply) =>
    reply.status(201).send(await addAssignment(db, actorOf(req), req.params.id, req.body)),
  );
  r.post('/api/duty/assignments/:id/end', { schema: { tags, summary: '结束职责 End an assignment', params: idParam, body: I.endAssignment } }, async (req) =>
    endAssignment(db, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/duty/assignments/:id/approve', { schema: { tags, summary: '审批驻村干部调整 Approve a replacement', params: idParam, body: I.approveReplacement } }, async (req) =>
    approveReplacement(db, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/duty/lock-periods', { schema: { tags, summary: '驻村干部锁定期 Lock periods' } }, async (req) => listLockPeriods(db, actorOf(req)));
  r.post('/api/duty/lock-periods', { schema: { tags, summary: '设置锁定期 Add a lock period', body: I.newLockPeriod } }, async (req, reply) =>
    reply.status(201).send(await addLockPeriod(db, actorOf(req), req.body)),
  );

  r.get('/api/duty/warnings', { schema: { tags, summary: '帮扶责任预警 Duty warnings', querystring: I.warningFilter.extend(paging) } }, async (req) =>
    listDutyWarnings(db, actorOf(req), req.query),
  );
  r.get('/api/duty/warnings/export', { schema: { tags, summary: '导出帮扶责任预警 Export duty warnings', querystring: I.warningFilter.extend({ format: exportFormat }) } }, async (req, reply) => {
    const { format, ...q } = req.query;
    return sendExport(reply, await exportDutyWarnings(db, actorOf(req), q, format));
  });
  r.get(
    '/api/duty/warnings/summary',
    { schema: { tags, summary: '帮扶责任预警统计 Duty warnings per area', querystring: z.object({ areaId: z.coerce.number().int().positive().optional(), on: isoDate.optional() }) } },
    async (req) => dutyWarningSummary(db, actorOf(req), req.query),
  );

  r.get('/api/duty/visits', { schema: { tags, summary: '走访记录 Visits', querystring: I.visitFilter } }, async (req) => listVisits(db, actorOf(req), req.query));
  r.post('/api/duty/visits', { schema: { tags, summary: '登记走访 Record a visit', body: I.newVisit } }, async (req, reply) =>
    reply.status(201).send(await recordVisit(db, actorOf(req), req.body)),
  );
  r.get('/api/duty/visits/:id/photo', { schema: { tags, summary: '走访照片 Visit photo', params: idParam } }, async (req, reply) => {
    const photo = await visitPhoto(db, actorOf(req), req.params.id);
    reply.header('cache-control', 'private, no-store');
    return reply.type(photo.contentType).send(photo.data);
  });
  r.get('/api/duty/coverage', { schema: { tags, summary: '遍访覆盖率 Visit coverage', querystring: I.coverageQuery } }, async (req) => coverage(db, actorOf(req), req.query));
  r.get('/api/duty/coverage/unvisited', { schema: { tags, summary: '未遍访清单 Not yet visited', querystring: I.unvisitedQuery.extend(paging) } }, async (req) =>
    unvisited(db, actorOf(req), req.query),
  );
  r.get(
    '/api/duty/coverage/unvisited/export',
    { schema: { tags, summary: '导出未遍访清单 Export not yet visited', querystring: I.unvisitedQuery.extend({ format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, await exportUnvisited(db, actorOf(req), q, format));
    },
  );

  r.get('/api/duty/campaign-templates', { schema: { tags, summary: '排查表模板 Campaign templates' } }, async () => templates());
  r.get('/api/duty/campaigns', { schema: { tags, summary: '逐户排查 Campaigns', querystring: z.object(paging) } }, async (req) => listCampaigns(db, actorOf(req), req.query));
  r.post('/api/duty/campaigns', { schema: { tags, summary: '发起逐户排查 Launch a campaign', body: I.newCampaign } }, async (req, reply) =>
    reply.status(201).send(await launchCampaign(db, actorOf(req), req.body)),
  );
  r.get('/api/duty/campaigns/:id', { schema: { tags, summary: '逐户排查详情 Campaign', params: idParam } }, async (req) => getCampaign(db, actorOf(req), req.params.id));
  r.get(
    '/api/duty/campaigns/:id/progress',
    { schema: { tags, summary: '排查进度 Completion per area', params: idParam, querystring: z.object({ areaId: z.coerce.number().int().positive().optional() }) } },
    async (req) => campaignProgress(db, actorOf(req), req.params.id, req.query.areaId),
  );
  r.get('/api/duty/campaigns/:id/tasks', { schema: { tags, summary: '排查户清单 Households of a campaign', params: idParam, querystring: I.taskFilter } }, async (req) =>
    listTasks(db, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/duty/campaigns/:id/tasks/export',
    { schema: { tags, summary: '导出排查结果 Export results', params: idParam, querystring: I.taskFilter.omit({ page: true, pageSize: true }).extend({ format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, await exportCampaign(db, actorOf(req), req.params.id, q, format));
    },
  );
  r.post('/api/duty/campaigns/:id/assign', { schema: { tags, summary: '分配排查干部 Assign a village to a cadre', params: idParam, body: I.assignTasks } }, async (req) =>
    assignVillage(db, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/duty/campaigns/:id/close', { schema: { tags, summary: '结束排查 Close a campaign', params: idParam } }, async (req) => closeCampaign(db, actorOf(req), req.params.id));
  r.post('/api/duty/campaign-tasks/:id', { schema: { tags, summary: '填写排查表 Fill a household form', params: idParam, body: I.fillTask } }, async (req) =>
    fillTask(db, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/my/duty', { schema: { tags, summary: '我的帮扶任务 My duty', querystring: z.object({ on: isoDate.optional() }) } }, async (req) => myDuty(db, actorOf(req), req.query.on));
}
