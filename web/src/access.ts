/**
 * The one place deciding what the signed-in user may see. The server enforces every rule again; this only keeps
 * the UI from offering what would be refused.
 */
import { useMe } from './api/auth';
import type { Me, Permission } from './api/types';

export interface Access {
  canReadRegistry: boolean;
  canWriteRegistry: boolean;
  canManageUsers: boolean;
  canReadAudit: boolean;
  canRevealIds: boolean;
}

export function hasPermission(me: Pick<Me, 'permissions'> | undefined, permission: Permission | undefined): boolean {
  if (!permission) return true;
  return me?.permissions.includes(permission) ?? false;
}

export function accessOf(me: Pick<Me, 'permissions'> | undefined): Access {
  return {
    canReadRegistry: hasPermission(me, 'registry.read'),
    canWriteRegistry: hasPermission(me, 'registry.write'),
    canManageUsers: hasPermission(me, 'users.manage'),
    canReadAudit: hasPermission(me, 'audit.read'),
    canRevealIds: hasPermission(me, 'ids.reveal'),
  };
}

export function useAccess(): Access {
  return accessOf(useMe().data);
}
