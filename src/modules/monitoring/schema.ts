import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';
import { users } from '../accounts/schema.js';
import { findings } from '../findings/schema.js';
import { households } from '../registry/schema.js';


/**
 * 预警线索: a sign that a household may be at risk, from a self-application (typed by a cadre or the office), a cadre's
 * screening, a department (a finding), the income pre-assessment or a door-to-door campaign. Dismissed with a reason,
 * or turned into a monitoring case (case_id). Never deleted.
 */
export const monitoringWarnings = pgTable(
  'monitoring_warnings',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    areaPath: text('area_path').notNull(),
    source: text('source').notNull(),
    findingId: integer('finding_id').references(() => findings.id),
    /** A campaign answer (modules/duty); no foreign key, that table comes in a later migration. */
    campaignResponseId: integer('campaign_response_id'),
    detail: text('detail').notNull(),
    /** The raising department officer's department: department officers see only their own. */
    department: text('department'),
    /** open | dismissed | converted */
    status: text('status').notNull().default('open'),
    dismissReason: text('dismiss_reason'),
    caseId: integer('case_id').references((): AnyPgColumn => monitoringCases.id),
    createdBy: integer('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedByName: text('resolved_by_name'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('monitoring_warnings_path_idx').on(t.areaPath.op('text_pattern_ops'), t.id),
    index('monitoring_warnings_household_idx').on(t.householdId),
  ],
);

/**
 * 监测案例: one episode of monitoring of one household, from the procedure of inclusion to its rejection or the risk's
 * elimination. At most one open episode per household (partial unique index); closed ones stay as history.
 * `step` is the step waiting to be done (domain/monitoring.ts).
 */
export const monitoringCases = pgTable(
  'monitoring_cases',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    areaPath: text('area_path').notNull(),
    category: text('category').notNull(),
    riskTypes: text('risk_types').array().notNull(),
    disasterKind: text('disaster_kind'),
    otherNote: text('other_note'),
    identifiedOn: date('identified_on').notNull(),
    /** 识别时家庭年人均纯收入, yuan. */
    incomeAtIdentification: numeric('income_at_identification', { precision: 14, scale: 2 }).notNull(),
    source: text('source').notNull(),
    warningId: integer('warning_id').references((): AnyPgColumn => monitoringWarnings.id),
    findingId: integer('finding_id').references(() => findings.id),
    status: text('status').notNull().default('in_procedure'),
    step: text('step'),
    /** The day the inclusion procedure began. */
    openedOn: date('opened_on').notNull(),
    /** County approval of the inclusion: monitored from this day. */
    includedOn: date('included_on'),
    /** The day the current elimination procedure was proposed. */
    eliminationProposedOn: date('elimination_proposed_on'),
    eliminatedOn: date('eliminated_on'),
    rejectedOn: date('rejected_on'),
    rejectReason: text('reject_reason'),
    /** Set when elimination was refused for lack of labour: the household stays under safety-net tracking (兜底保障). */
    safetyNetSince: date('safety_net_since'),
    /** An office user's audited permission to propose elimination although conditions fail (not for lack of labour). */
    overrideReason: text('override_reason'),
    overrideByName: text('override_by_name'),
    overrideAt: timestamp('override_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('monitoring_cases_one_open_uq')
      .on(t.householdId)
      .where(sql`${t.status} IN ('in_procedure', 'monitored', 'eliminating')`),
    index('monitoring_cases_path_idx').on(t.areaPath.op('text_pattern_ops'), t.id),
    index('monitoring_cases_household_idx').on(t.householdId),
  ],
);

/** One step of a case's procedure as done: who, when, outcome, note; the notice's dates; the proposal's checks. */
export const monitoringSteps = pgTable(
  'monitoring_steps',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => monitoringCases.id),
    phase: text('phase').notNull(),
    step: text('step').notNull(),
    outcome: text('outcome').notNull(),
    performedOn: date('performed_on').notNull(),
    note: text('note'),
    noticeStart: date('notice_start'),
    noticeEnd: date('notice_end'),
    /** The elimination proposal's condition checks (domain/monitoring-elimination.ts) as they were. */
    checks: jsonb('checks'),
    overrideReason: text('override_reason'),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_steps_case_idx').on(t.caseId, t.id)],
);

/** Scans of the written authorisation, the appraisal minutes, the notice photo…: small files kept with the case. */
export const monitoringAttachments = pgTable(
  'monitoring_attachments',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => monitoringCases.id),
    stepId: integer('step_id').references(() => monitoringSteps.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_attachments_case_idx').on(t.caseId)],
);
