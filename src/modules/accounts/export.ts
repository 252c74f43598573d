import type { Db } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { exportList, type ExportFormat } from '../exports/list-export.js';
import { chinaDateTime, type ExportColumn } from '../exports/table-file.js';
import type { Actor } from './access.js';
import { countUsers, iterateUsers, userFilter, type presentUser, type UserFilters } from './users.js';

type UserRow = ReturnType<typeof presentUser>;

/** The columns of the users page, in its order. */
const COLUMNS: ExportColumn<UserRow>[] = [
  { header: '用户名', value: (u) => u.username, text: true, width: 18 },
  { header: '姓名', value: (u) => u.displayName, width: 12 },
  { header: '角色', value: (u) => labelOf('role', u.role), width: 20 },
  { header: '管辖区域', value: (u) => u.areaName, width: 16 },
  { header: '行业部门', value: (u) => labelOf('department', u.department), width: 12 },
  { header: '电话', value: (u) => u.phone, text: true, width: 14 },
  { header: '可查看完整身份证号', value: (u) => (u.canRevealIds ? '是' : '否'), width: 18 },
  { header: '状态', value: (u) => (u.active ? '启用' : '已停用') + (u.locked ? '（已锁定）' : ''), width: 14 },
  { header: '最近登录', value: (u) => chinaDateTime(u.lastLoginAt), width: 20 },
];

/** Exports the users in the actor's scope with the same filters as the users page; audited like every export. */
export async function exportUsers(db: Db, actor: Actor, q: UserFilters, format: ExportFormat) {
  const where = userFilter(actor, q);
  return exportList(db, actor, format, {
    title: '用户名单',
    entity: 'user',
    areaPath: actor.areaPath,
    filters: q,
    count: await countUsers(db, where),
    unit: '人',
    columns: COLUMNS,
    rows: iterateUsers(db, where),
  });
}
