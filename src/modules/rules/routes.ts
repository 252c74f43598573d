import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codesOf, DEPARTMENTS, labelOf } from '../../domain/codes.js';
import { RULE_SHAPES, type RuleShape } from '../../domain/rules/index.js';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam, paging } from '../../http/schemas.js';
import { requirePermission } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { exportList, sendExport } from '../exports/list-export.js';
import { severityZh } from '../findings/export.js';
import { countExemptions, createExemption, EXEMPTION_STATUSES, iterateExemptions, listExemptions, revokeExemption, type ExemptionView } from './exemptions.js';
import { ruleLanguage } from './language.js';
import { checkDraft, previewDraft, previewRule } from './preview.js';
import { countRules, createRule, editRule, getRule, iterateRules, listRules, setRuleEnabled, type RuleView } from './service.js';
import { referenceDateView, setReferenceDate } from './settings.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const codeParam = z.object({ code: z.string().min(1).max(40) });
const subject = z.enum(['household', 'member']);
const draft = z.object({ subject, condition: z.string().min(1).max(4000), appliesTo: z.string().max(4000).nullable().optional() });
const ruleInput = draft.extend({
  titleZh: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().min(1).max(200),
  severity: z.enum(['high', 'medium', 'low']),
  department: z.enum(codesOf(DEPARTMENTS)),
  populationZh: z.string().trim().min(1).max(500),
  explanationZh: z.string().trim().min(1).max(2000),
  note: z.string().trim().min(1).max(500),
});
const listQuery = z.object({
  q: z.string().trim().min(1).max(60).optional(),
  severity: z.enum(['high', 'medium', 'low']).optional(),
  department: z.enum(codesOf(DEPARTMENTS)).optional(),
  subject: subject.optional(),
  shape: z.enum(RULE_SHAPES.map((x) => x.code) as [RuleShape, ...RuleShape[]]).optional(),
  enabled: z.enum(['true', 'false']).optional(),
  builtIn: z.enum(['true', 'false']).optional(),
});
const previewOptions = z.object({ areaId: z.number().int().positive().optional(), referenceDate: isoDate.optional() });
const exemptionQuery = z.object({
  ruleCode: z.string().trim().min(1).max(40).optional(),
  status: z.enum(EXEMPTION_STATUSES).default('active'),
  areaId: z.coerce.number().int().positive().optional(),
  householdNo: z.string().trim().min(1).max(40).optional(),
});

const STATUS_ZH: Record<string, string> = { active: '有效', revoked: '已撤销', expired: '已过期' };

export async function ruleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['rules'];
  const withAppliesTo = <T extends { appliesTo?: string | null | undefined }>(b: T) => ({ ...b, appliesTo: b.appliesTo || null });

  r.get('/api/rules', { schema: { tags, summary: '核查规则目录 Rule catalogue', querystring: listQuery.extend(paging) } }, async (req) => listRules(db, actorOf(req), req.query));
  r.get('/api/rules/export', { schema: { tags, summary: '导出规则目录 Export the catalogue', querystring: listQuery.extend({ format: exportFormat }) } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'registry.read');
    const { format, ...q } = req.query;
    const file = await exportList<RuleView>(db, actor, format, {
      title: '核查规则目录',
      entity: 'rule',
      areaPath: actor.areaPath,
      filters: q,
      count: await countRules(db, q),
      unit: '条',
      columns: [
        { header: '规则编号', value: (x) => x.code, text: true, width: 10 },
        { header: '规则名称', value: (x) => x.titleZh, width: 30 },
        { header: '严重程度', value: (x) => severityZh(x.severity), width: 8 },
        { header: '对象', value: (x) => (x.subject === 'member' ? '人' : '户'), width: 6 },
        { header: '责任部门', value: (x) => labelOf('department', x.department), width: 10 },
        { header: '适用对象', value: (x) => x.populationZh, width: 20 },
        { header: '适用条件', value: (x) => x.appliesTo, width: 30 },
        { header: '问题条件', value: (x) => x.condition, width: 50 },
        { header: '说明', value: (x) => x.explanationZh, width: 40 },
        { header: '状态', value: (x) => (x.enabled ? '启用' : '停用'), width: 6 },
        { header: '内置', value: (x) => (x.builtIn ? '是' : '否'), width: 6 },
        { header: '当前版本', value: (x) => x.currentVersion, width: 8 },
        { header: '待处理问题数', value: (x) => x.openFindings, width: 10 },
      ],
      rows: iterateRules(db, actor, q),
    });
    return sendExport(reply, file);
  });
  r.get('/api/rules/fields', { schema: { tags, summary: '规则语言：字段与函数 Rule language' } }, async (req) => {
    actorOf(req);
    return ruleLanguage();
  });
  r.post('/api/rules/check', { schema: { tags, summary: '校验规则表达式 Check a rule text', body: draft } }, async (req) => checkDraft(actorOf(req), withAppliesTo(req.body)));
  r.post('/api/rules/preview', { schema: { tags, summary: '试运行规则草稿 Preview a draft', body: draft.merge(previewOptions) } }, async (req) => {
    const { areaId, referenceDate, ...d } = req.body;
    return previewDraft(db, actorOf(req), withAppliesTo(d), { areaId, referenceDate });
  });
  r.get('/api/rules/:code', { schema: { tags, summary: '规则详情与版本 Rule and its versions', params: codeParam } }, async (req) => getRule(db, actorOf(req), req.params.code));
  r.post('/api/rules', { schema: { tags, summary: '新建规则 Create a rule', body: ruleInput.extend({ code: z.string().trim().min(3).max(21) }) } }, async (req, reply) =>
    reply.status(201).send(await createRule(db, actorOf(req), withAppliesTo(req.body))),
  );
  r.put(
    '/api/rules/:code',
    { schema: { tags, summary: '修改规则（新版本）Edit a rule (a new version)', params: codeParam, body: ruleInput.extend({ baseVersion: z.number().int().positive() }) } },
    async (req) => editRule(db, actorOf(req), req.params.code, withAppliesTo(req.body)),
  );
  r.post('/api/rules/:code/preview', { schema: { tags, summary: '试运行当前版本 Preview the current version', params: codeParam, body: previewOptions } }, async (req) =>
    previewRule(db, actorOf(req), req.params.code, req.body),
  );
  r.post('/api/rules/:code/enable', { schema: { tags, summary: '启用规则 Switch a rule on', params: codeParam } }, async (req) => setRuleEnabled(db, actorOf(req), req.params.code, true));
  r.post('/api/rules/:code/disable', { schema: { tags, summary: '停用规则 Switch a rule off', params: codeParam } }, async (req) => setRuleEnabled(db, actorOf(req), req.params.code, false));

  const exTags = ['exemptions'];
  r.post(
    '/api/rules/:code/exemptions',
    {
      schema: {
        tags: exTags,
        summary: '豁免一条记录 Exempt a record',
        params: codeParam,
        body: z.object({ householdId: z.number().int().positive(), memberId: z.number().int().positive().nullable().optional(), reason: z.string().trim().min(1).max(500), validUntil: isoDate.nullable().optional() }),
      },
    },
    async (req, reply) => reply.status(201).send(await createExemption(db, actorOf(req), req.params.code, req.body)),
  );
  r.get('/api/exemptions', { schema: { tags: exTags, summary: '豁免清单 Exemptions', querystring: exemptionQuery.extend(paging) } }, async (req) => listExemptions(db, actorOf(req), req.query));
  r.get('/api/exemptions/export', { schema: { tags: exTags, summary: '导出豁免清单 Export exemptions', querystring: exemptionQuery.extend({ format: exportFormat }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const { format, ...q } = req.query;
    const count = await countExemptions(db, actor, q);
    const file = await exportList<ExemptionView>(db, actor, format, {
      title: '核查豁免清单',
      entity: 'rule_exemption',
      areaPath: q.areaId ? (await getAreaInScope(db, actor, q.areaId)).path : actor.areaPath,
      filters: q,
      count,
      unit: '条',
      columns: [
        { header: '豁免编号', value: (x) => x.id, width: 8 },
        { header: '规则编号', value: (x) => x.ruleCode, text: true, width: 10 },
        { header: '规则名称', value: (x) => x.ruleTitleZh, width: 30 },
        { header: '户编号', value: (x) => x.householdNo, text: true, width: 22 },
        { header: '村（社区）', value: (x) => x.villageName, width: 14 },
        { header: '姓名', value: (x) => x.memberName ?? '（整户）', width: 10 },
        { header: '豁免理由', value: (x) => x.reason, width: 40 },
        { header: '审批人', value: (x) => x.approvedBy, width: 12 },
        { header: '审批时间', value: (x) => x.approvedAt, text: true, width: 22 },
        { header: '有效期至', value: (x) => x.validUntil, text: true, width: 12 },
        { header: '状态', value: (x) => STATUS_ZH[x.status] ?? x.status, width: 8 },
        { header: '撤销人', value: (x) => x.revokedBy, width: 12 },
        { header: '撤销理由', value: (x) => x.revokeReason, width: 30 },
      ],
      rows: iterateExemptions(db, actor, q),
    });
    return sendExport(reply, file);
  });
  r.post(
    '/api/exemptions/:id/revoke',
    { schema: { tags: exTags, summary: '撤销豁免 Revoke an exemption', params: idParam, body: z.object({ reason: z.string().trim().min(1).max(500) }) } },
    async (req) => revokeExemption(db, actorOf(req), req.params.id, req.body.reason),
  );

  r.get('/api/settings/reference-date', { schema: { tags: ['settings'], summary: '参照日期 Reference date' } }, async (req) => {
    actorOf(req);
    return referenceDateView(db);
  });
  r.put('/api/settings/reference-date', { schema: { tags: ['settings'], summary: '设置参照日期 Set the reference date', body: z.object({ referenceDate: isoDate }) } }, async (req) =>
    setReferenceDate(db, actorOf(req), req.body.referenceDate),
  );
}
