import { and, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../accounts/access.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import { chinaDateTime, type ExportColumn } from '../exports/table-file.js';
import type { AuditEntryView } from './presenter.js';
import { auditLog } from './schema.js';
import { auditFilter, countAudit, iterateAudit, lastAuditId, type AuditAction, type AuditFilters } from './service.js';

const ACTIONS: Record<AuditAction, string> = {
  create: '新建',
  update: '修改',
  end: '终止',
  view: '查看',
  export: '导出',
  reveal_id: '查看完整身份证号',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  password_change: '修改密码',
  password_reset: '重置密码',
};

const ENTITIES: Record<string, string> = {
  household: '农户',
  member: '家庭成员',
  income: '收入',
  user: '用户',
  session: '会话',
  audit: '审计日志',
};

const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

/** The columns of the audit page, then what its expanded row shows. */
const COLUMNS: ExportColumn<AuditEntryView>[] = [
  { header: '时间', value: (e) => chinaDateTime(e.at), width: 20 },
  { header: '用户名', value: (e) => e.username, text: true, width: 16 },
  { header: '操作', value: (e) => ACTIONS[e.action as AuditAction] ?? e.action, width: 16 },
  { header: '对象类型', value: (e) => ENTITIES[e.entity] ?? e.entity, width: 12 },
  { header: '对象编号', value: (e) => e.entityId, text: true, width: 12 },
  { header: 'IP 地址', value: (e) => e.ip, text: true, width: 16 },
  { header: '修改前', value: (e) => json(e.oldValues), width: 50 },
  { header: '修改后', value: (e) => json(e.newValues), width: 50 },
  { header: '详情', value: (e) => json(e.detail), width: 40 },
];

/**
 * Exports the audit search with its filters, newest first, ID numbers masked as on screen. The export is itself an
 * entry of the trail; the file holds the entries up to the moment it was asked for, so not that one.
 */
export async function exportAudit(db: DbOrTx, actor: Actor, q: AuditFilters, format: ExportFormat) {
  const where = and(auditFilter(actor, q), lte(auditLog.id, await lastAuditId(db)));
  return exportList(db, actor, format, {
    title: '审计日志',
    entity: 'audit',
    areaPath: actor.areaPath,
    filters: q,
    count: await countAudit(db, where),
    unit: '条',
    revealIds: false,
    columns: COLUMNS,
    rows: iterateAudit(db, where),
  });
}
