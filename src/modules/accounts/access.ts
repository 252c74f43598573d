import { like, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Role } from '../../domain/codes.js';
import { AppError, forbidden } from '../../errors.js';

/** The signed-in user as every service sees it: who, what role, and the area subtree they may touch. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  areaId: number;
  /** Path of the user's area; the user sees rows whose area path starts with it. */
  areaPath: string;
  department: string | null;
  canRevealIds: boolean;
  ip?: string | undefined;
}

export const PERMISSIONS = ['registry.read', 'registry.write', 'users.manage', 'audit.read', 'ids.reveal', 'standards.manage', 'rules.manage', 'rules.run', 'rules.exempt', 'assistance.plan', 'monitoring.override', 'departments.upload', 'departments.match', 'duty.manage', 'duty.approve', 'problems.handle', 'problems.review', 'problems.supervise'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one place that decides what each role may do; area scope is applied on top, in every query. */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['registry.read', 'registry.write', 'users.manage', 'audit.read', 'standards.manage', 'rules.manage', 'rules.run', 'assistance.plan', 'departments.upload', 'departments.match'],
  city_office: ['registry.read', 'registry.write', 'users.manage', 'audit.read', 'standards.manage', 'rules.manage', 'rules.run', 'rules.exempt', 'assistance.plan', 'monitoring.override', 'departments.upload', 'departments.match', 'duty.manage', 'duty.approve', 'problems.review', 'problems.supervise'],
  county_office: ['registry.read', 'registry.write', 'users.manage', 'audit.read', 'rules.run', 'rules.exempt', 'assistance.plan', 'monitoring.override', 'departments.upload', 'departments.match', 'duty.manage', 'duty.approve', 'problems.handle', 'problems.review', 'problems.supervise'],
  township_staff: ['registry.read', 'registry.write', 'duty.manage'],
  village_cadre: ['registry.read', 'registry.write'],
  department_officer: ['registry.read', 'departments.upload', 'problems.handle'],
  leader: ['registry.read'],
  auditor: ['registry.read'],
};

/** Roles ordered by how much they may administer: a user manager can only create roles below or equal to theirs. */
const ROLE_RANK: Record<Role, number> = {
  admin: 100,
  city_office: 80,
  county_office: 60,
  township_staff: 40,
  village_cadre: 20,
  department_officer: 30,
  leader: 30,
  auditor: 30,
};

export function permissionsOf(actor: Pick<Actor, 'role' | 'canRevealIds'>): Permission[] {
  const granted = [...ROLE_PERMISSIONS[actor.role]];
  if (actor.canRevealIds) granted.push('ids.reveal');
  return granted;
}

export function can(actor: Actor, permission: Permission): boolean {
  return permissionsOf(actor).includes(permission);
}

const PERMISSION_ZH: Record<Permission, string> = {
  'registry.read': '查看建档立卡数据',
  'registry.write': '修改建档立卡数据',
  'users.manage': '管理用户',
  'audit.read': '查看审计日志',
  'ids.reveal': '查看完整身份证号',
  'standards.manage': '设置标准',
  'assistance.plan': '制定和采纳帮扶计划',
  'rules.manage': '管理核查规则',
  'rules.run': '运行核查规则',
  'rules.exempt': '审批核查豁免',
  'departments.upload': '上传部门比对数据',
  'departments.match': '确认部门数据人员匹配',
  'monitoring.override': '越过风险消除条件（须说明理由）',
  'problems.handle': '核实和整改问题',
  'problems.review': '审核问题销号或退回',
  'problems.supervise': '挂牌督办和回头看',
  'duty.manage': '管理帮扶干部、驻村安排和逐户排查',
  'duty.approve': '审批驻村干部锁定期内调整',
};

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(permission, PERMISSION_ZH[permission]);
}

export function mayAssignRole(actor: Actor, role: Role): boolean {
  return actor.role === 'admin' || ROLE_RANK[role] < ROLE_RANK[actor.role];
}

export function isInScope(actor: Pick<Actor, 'areaPath'>, areaPath: string): boolean {
  return areaPath.startsWith(actor.areaPath);
}

/** The WHERE clause that keeps a query inside the actor's area subtree. */
export function inScope(actor: Pick<Actor, 'areaPath'>, areaPathColumn: AnyColumn | SQL): SQL {
  return like(areaPathColumn as AnyColumn, `${escapeLike(actor.areaPath)}%`);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function assertInScope(actor: Actor, areaPath: string): void {
  if (!isInScope(actor, areaPath)) {
    throw new AppError('OUT_OF_SCOPE', 'That area is outside your scope', '该区域不在您的管辖范围内');
  }
}
