import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit trail. Append-only: a trigger in the migrations refuses UPDATE and DELETE, so not even a bug in the
 * API can rewrite history.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    username: text('username'),
    /** create | update | end | view | export | reveal_id | login | login_failed | logout | password_change … */
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** Area path of the record, so an auditor's search can be scoped like everything else. */
    areaPath: text('area_path'),
    oldValues: jsonb('old_values'),
    newValues: jsonb('new_values'),
    detail: jsonb('detail'),
    /** Groups the entries of one operation (an import, a demo run) so they can be listed together. */
    batch: text('batch'),
    /** The household a registry entry belongs to (its own, a member's, an income's), for the household history. */
    householdId: integer('household_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    // BRIN: entries come in time order, and the time only bounds searches (drizzle/0013_audit_time_index.sql).
    index('audit_at_idx').using('brin', t.at),
    index('audit_household_idx').on(t.householdId, t.id),
    index('audit_area_idx').on(t.areaPath.op('text_pattern_ops')),
  ],
);
