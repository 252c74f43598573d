import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';
import { findings, ruleRuns } from '../findings/schema.js';


/** 整改记录: one workflow step of one problem — who, when, why, the deadline or evidence given. Never updated. */
export const problemEvents = pgTable(
  'problem_events',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    action: text('action').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    reason: text('reason'),
    deadline: date('deadline'),
    evidence: text('evidence'),
    /** Set when a run re-detected the problem (整改不实 by data). */
    runId: integer('run_id').references(() => ruleRuns.id),
    /** The bulk action or re-check this step was part of, so a batch reads as one decision. */
    batch: text('batch'),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_events_finding_idx').on(t.findingId, t.id), index('problem_events_action_at_idx').on(t.action, t.at)],
);

/** 佐证材料: a file attached to a step, kept in the database (size-limited) so backups and scope cover it. */
export const problemAttachments = pgTable(
  'problem_attachments',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    eventId: integer('event_id')
      .notNull()
      .references(() => problemEvents.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_attachments_finding_idx').on(t.findingId)],
);

/** 挂牌督办: an area (county or township) put under listed supervision by an office, until lifted. */
export const areaSupervisions = pgTable(
  'area_supervisions',
  {
    id: serial('id').primaryKey(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    reason: text('reason').notNull(),
    startedBy: integer('started_by').references(() => users.id),
    startedByName: text('started_by_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: integer('lifted_by').references(() => users.id),
    liftedByName: text('lifted_by_name'),
    liftReason: text('lift_reason'),
  },
  (t) => [
    uniqueIndex('area_supervisions_active_uq').on(t.areaId).where(sql`${t.liftedAt} IS NULL`),
    index('area_supervisions_path_idx').on(t.areaPath.op('text_pattern_ops')),
  ],
);

/** 回头看: a random sample of closed-off problems in an area drawn for re-check. */
export const recheckBatches = pgTable('recheck_batches', {
  id: serial('id').primaryKey(),
  areaId: integer('area_id')
    .notNull()
    .references(() => areas.id),
  areaPath: text('area_path').notNull(),
  department: text('department'),
  /** What was asked: a number of problems or a percentage of those eligible. */
  sampleSize: integer('sample_size'),
  samplePercent: integer('sample_percent'),
  eligible: integer('eligible').notNull(),
  drawn: integer('drawn').notNull(),
  userId: integer('user_id').references(() => users.id),
  username: text('username').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const recheckItems = pgTable(
  'recheck_items',
  {
    id: serial('id').primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => recheckBatches.id),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    /** null until re-checked; confirmed (still fixed) or reopened (整改不实). */
    result: text('result'),
    note: text('note'),
    checkedBy: integer('checked_by').references(() => users.id),
    checkedByName: text('checked_by_name'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recheck_items_batch_finding_uq').on(t.batchId, t.findingId), index('recheck_items_finding_idx').on(t.findingId)],
);
