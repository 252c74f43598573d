import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { exportFormat, paging } from '../../http/schemas.js';
import { sendExport } from '../exports/list-export.js';
import { exportAudit } from './export.js';
import { searchAudit } from './service.js';

/** The audit search's filters, shared by the search and its export. */
const auditFilters = z.object({
  username: z.string().trim().max(60).optional(),
  action: z.string().trim().max(40).optional(),
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  // Read-only by design: there is no route that writes, changes or deletes audit entries.
  r.get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: '审计日志 Search the audit trail', querystring: auditFilters.extend(paging) } },
    async (req) => searchAudit(db, actorOf(req), req.query),
  );

  r.get(
    '/api/audit/export',
    { schema: { tags: ['audit'], summary: '导出审计日志 Export the audit search', querystring: auditFilters.extend({ format: exportFormat }) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendExport(reply, await exportAudit(db, actorOf(req), q, format));
    },
  );
}
