import { date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';
import { households } from '../registry/schema.js';

const stamps = {
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};

/** 帮扶干部: a person who helps, with the area they are filed under (scope) and optionally their user account. */
export const cadres = pgTable(
  'cadres',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    unit: text('unit'),
    phone: text('phone'),
    userId: integer('user_id').references(() => users.id),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    ...stamps,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cadres_path_idx').on(t.areaPath.op('text_pattern_ops')), uniqueIndex('cadres_user_uq').on(t.userId)],
);

/**
 * One role of a cadre from a start to an end: helper of a household, resident of a village, secretary of an area.
 * Never deleted: ending keeps the history. A resident leaving inside a lock period needs the county's approval,
 * recorded on the assignment (approved_*).
 */
export const cadreAssignments = pgTable(
  'cadre_assignments',
  {
    id: serial('id').primaryKey(),
    cadreId: integer('cadre_id')
      .notNull()
      .references(() => cadres.id),
    role: text('role').notNull(),
    householdId: integer('household_id').references(() => households.id),
    /** The village of a helper's household, the village of a resident, the led area of a secretary. */
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    endReason: text('end_reason'),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvalNote: text('approval_note'),
    version: integer('version').notNull().default(1),
    ...stamps,
  },
  (t) => [
    index('cadre_assignments_path_idx').on(t.areaPath.op('text_pattern_ops'), t.role),
    index('cadre_assignments_cadre_idx').on(t.cadreId),
    index('cadre_assignments_household_idx').on(t.householdId),
  ],
);

/** 锁定期: a period in which resident cadres of an area's villages stay in place (e.g. the year). */
export const dutyLockPeriods = pgTable(
  'duty_lock_periods',
  {
    id: serial('id').primaryKey(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    note: text('note'),
    ...stamps,
  },
  (t) => [index('duty_lock_periods_path_idx').on(t.areaPath.op('text_pattern_ops'))],
);

/** 遍访: a cadre's visit (or call) to a household or to a village/township. */
export const dutyVisits = pgTable(
  'duty_visits',
  {
    id: serial('id').primaryKey(),
    cadreId: integer('cadre_id')
      .notNull()
      .references(() => cadres.id),
    householdId: integer('household_id').references(() => households.id),
    /** The household's village, or the visited village or township. */
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    visitedOn: date('visited_on').notNull(),
    method: text('method').notNull(),
    findings: text('findings'),
    followUp: text('follow_up'),
    ...stamps,
    createdByName: text('created_by_name'),
  },
  (t) => [
    index('duty_visits_path_idx').on(t.areaPath.op('text_pattern_ops'), t.visitedOn),
    index('duty_visits_household_idx').on(t.householdId, t.visitedOn),
    index('duty_visits_cadre_idx').on(t.cadreId, t.visitedOn),
  ],
);

/** One photo of a visit, kept in the database (size-limited, images only). */
export const dutyVisitPhotos = pgTable('duty_visit_photos', {
  visitId: integer('visit_id')
    .primaryKey()
    .references(() => dutyVisits.id),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 逐户排查: a door-to-door check over an area's households, with its form (questions as data). */
export const dutyCampaigns = pgTable(
  'duty_campaigns',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    template: text('template'),
    questions: jsonb('questions').notNull(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    /** all | lifted_monitored */
    population: text('population').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    closed: boolean('closed').notNull().default(false),
    ...stamps,
    createdByName: text('created_by_name'),
  },
  (t) => [index('duty_campaigns_path_idx').on(t.areaPath.op('text_pattern_ops'))],
);

/** One household of a campaign: its assigned cadre and, once filled, the answers (the campaign response). */
export const dutyCampaignTasks = pgTable(
  'duty_campaign_tasks',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => dutyCampaigns.id),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    areaPath: text('area_path').notNull(),
    /** Null: any cadre of the village may fill it. */
    cadreId: integer('cadre_id').references(() => cadres.id),
    answers: jsonb('answers'),
    risky: boolean('risky').notNull().default(false),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: integer('done_by').references(() => users.id),
    doneByName: text('done_by_name'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('duty_campaign_tasks_uq').on(t.campaignId, t.householdId),
    index('duty_campaign_tasks_path_idx').on(t.areaPath.op('text_pattern_ops'), t.campaignId),
    index('duty_campaign_tasks_cadre_idx').on(t.cadreId),
  ],
);
