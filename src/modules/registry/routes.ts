import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, idParam } from '../../http/schemas.js';
import { sendExport } from '../exports/list-export.js';
import { exportHouseholds } from './export.js';
import { createHousehold, endHousehold, getHousehold, householdHistory, updateHousehold } from './households.js';
import { addIncome, updateIncome } from './incomes.js';
import {
  addMember,
  endHousehold as endHouseholdBody,
  endMember as endMemberBody,
  householdListQuery,
  householdPatch,
  incomeFields,
  incomePatch,
  memberPatch,
  newHousehold,
} from './inputs.js';
import { listHouseholds } from './list.js';
import { addMember as addMemberTo, endMember, revealIdNumber, updateMember } from './members.js';

export async function registryRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['registry'];

  r.get('/api/households', { schema: { tags, summary: '农户列表 Household list', querystring: householdListQuery } }, async (req) =>
    listHouseholds(db, actorOf(req), req.query),
  );

  r.get(
    '/api/households/export',
    {
      schema: {
        tags,
        summary: '导出农户列表 Export the household list',
        querystring: householdListQuery.extend({ format: exportFormat, reveal: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req, reply) => {
      const { format, reveal, ...q } = req.query;
      return sendExport(reply, await exportHouseholds(db, actorOf(req), q, format, reveal === 'true'));
    },
  );

  r.post('/api/households', { schema: { tags, summary: '新建农户 Create a household', body: newHousehold } }, async (req, reply) => {
    const id = await createHousehold(db, actorOf(req), req.body);
    return reply.status(201).send(await getHousehold(db, actorOf(req), id));
  });

  r.get('/api/households/:id', { schema: { tags, summary: '农户详情 Household detail', params: idParam } }, async (req) =>
    getHousehold(db, actorOf(req), req.params.id),
  );

  r.patch('/api/households/:id', { schema: { tags, summary: '修改农户 Update a household', params: idParam, body: householdPatch } }, async (req) =>
    updateHousehold(db, actorOf(req), req.params.id, req.body),
  );

  r.post('/api/households/:id/end', { schema: { tags, summary: '销户 Close a household', params: idParam, body: endHouseholdBody } }, async (req) =>
    endHousehold(db, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/households/:id/history', { schema: { tags, summary: '变更历史 Household history', params: idParam } }, async (req) =>
    householdHistory(db, actorOf(req), req.params.id),
  );

  r.post('/api/households/:id/members', { schema: { tags, summary: '增加成员 Add a member', params: idParam, body: addMember } }, async (req, reply) =>
    reply.status(201).send(await addMemberTo(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch('/api/members/:id', { schema: { tags, summary: '修改成员 Update a member', params: idParam, body: memberPatch } }, async (req) =>
    updateMember(db, actorOf(req), req.params.id, req.body),
  );

  r.post('/api/members/:id/end', { schema: { tags, summary: '成员减员 A member leaves', params: idParam, body: endMemberBody } }, async (req) =>
    endMember(db, actorOf(req), req.params.id, req.body),
  );

  r.post('/api/members/:id/reveal-id', { schema: { tags, summary: '查看完整身份证号 Reveal an ID number', params: idParam } }, async (req) =>
    revealIdNumber(db, actorOf(req), req.params.id),
  );

  r.post('/api/households/:id/incomes', { schema: { tags, summary: '录入收入 Record income', params: idParam, body: incomeFields } }, async (req, reply) =>
    reply.status(201).send(await addIncome(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch('/api/incomes/:id', { schema: { tags, summary: '修改收入 Update income', params: idParam, body: incomePatch } }, async (req) =>
    updateIncome(db, actorOf(req), req.params.id, req.body),
  );
}
