import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';
import { households, members } from '../registry/schema.js';

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });

/**
 * 帮扶计划: one proposal to close the income gaps of an area's households below the standard on a projection
 * date, with the resources the office offered and the solver's result. A draft until accepted; accepting creates
 * the measures (measures.plan_id) and is final.
 */
export const gapPlans = pgTable(
  'gap_plans',
  {
    id: serial('id').primaryKey(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    areaPath: text('area_path').notNull(),
    /** The projection date the households and their gaps are taken on. */
    referenceOn: date('reference_on').notNull(),
    /** The start date of the measures the plan creates when accepted. */
    measuresStartOn: date('measures_start_on').notNull(),
    resources: jsonb('resources').notNull(),
    status: text('status').notNull().default('draft'),
    /** How the assignment was found: method, whether proven optimal, bounds, time. */
    solution: jsonb('solution').notNull(),
    /** Households below the line, persons, total gap, average per capita: before and after the plan. */
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedBy: integer('accepted_by').references(() => users.id),
    acceptedByName: text('accepted_by_name'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('gap_plans_path_idx').on(t.areaPath.op('text_pattern_ops'), t.id)],
);

/** Every household the plan considered (all below the line): its gap and whether the plan closes it, or why not. */
export const gapPlanHouseholds = pgTable(
  'gap_plan_households',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => gapPlans.id),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    areaPath: text('area_path').notNull(),
    size: integer('size').notNull(),
    projectedNet: money('projected_net').notNull(),
    standard: money('standard').notNull(),
    perCapitaBefore: money('per_capita_before').notNull(),
    /** Yuan the household's yearly net lacks to reach the standard. */
    gap: money('gap').notNull(),
    /** Yearly value the plan gives the household. */
    value: money('value').notNull().default('0'),
    closed: boolean('closed').notNull(),
    reason: text('reason'),
    reasonText: text('reason_text'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.householdId] })],
);

/** One measure the plan proposes: a post for a member, dividend shares or 低保 for a household. */
export const gapPlanItems = pgTable(
  'gap_plan_items',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => gapPlans.id),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    memberId: integer('member_id').references(() => members.id),
    areaPath: text('area_path').notNull(),
    kind: text('kind').notNull(),
    /** The pool's or project's key in the plan's resources; 'dibao' for 低保. */
    resource: text('resource').notNull(),
    resourceName: text('resource_name').notNull(),
    units: integer('units').notNull().default(1),
    value: money('value').notNull(),
  },
  (t) => [index('gap_plan_items_plan_idx').on(t.planId, t.householdId)],
);
