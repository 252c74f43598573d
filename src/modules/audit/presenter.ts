import { maskIdNumber } from '../../domain/id-number.js';
import type { auditLog } from './schema.js';

/** A field holding an ID number: idNumber, headIdNumber, spouseIdNumber… */
const ID_FIELD = /idnumber$/i;
/** An 18-character ID number inside any text (a search filter, an import message), not part of a longer number. */
const ID_IN_TEXT = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;

/**
 * ID numbers inside recorded values are masked, at any depth and in free text too: reading the trail (on screen or
 * exported) is not a way around the reveal right. The trail itself keeps them whole.
 */
export function maskIdNumbers(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return ID_FIELD.test(key) ? maskIdNumber(value) : value.replace(ID_IN_TEXT, maskIdNumber);
  if (Array.isArray(value)) return value.map((v) => maskIdNumbers(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskIdNumbers(v, k)]));
  }
  return value;
}

/** What leaves the server about an audit entry: everything but its area path, ID numbers masked. */
export function presentAuditEntry(e: typeof auditLog.$inferSelect) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    userId: e.userId,
    username: e.username,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    householdId: e.householdId,
    oldValues: maskIdNumbers(e.oldValues),
    newValues: maskIdNumbers(e.newValues),
    detail: maskIdNumbers(e.detail),
    batch: e.batch,
    ip: e.ip,
  };
}
export type AuditEntryView = ReturnType<typeof presentAuditEntry>;
