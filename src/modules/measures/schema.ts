import { date, index, integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { gapPlans } from '../preassessment/schema.js';
import { households, members } from '../registry/schema.js';

/**
 * 帮扶措施: what a household (or one of its members) receives, from when to when, and what it pays a year when it
 * is income. Entered by cadres (source manual) or created by an accepted gap-closing plan (source gap_plan, plan_id).
 * Never deleted: a measure is ended with a date and a reason.
 */
export const measures = pgTable(
  'measures',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    memberId: integer('member_id').references(() => members.id),
    /** Copy of the household's area path, for scoped queries. */
    areaPath: text('area_path').notNull(),
    kind: text('kind').notNull(),
    startOn: date('start_on').notNull(),
    /** Last day in force; null while open. */
    endOn: date('end_on'),
    /** Yuan per year, for kinds that pay the household (domain/measures.ts); null otherwise. */
    yearlyValue: numeric('yearly_value', { precision: 14, scale: 2 }),
    responsibleUnit: text('responsible_unit'),
    note: text('note'),
    source: text('source').notNull().default('manual'),
    planId: integer('plan_id').references(() => gapPlans.id),
    endReason: text('end_reason'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('measures_household_idx').on(t.householdId, t.startOn),
    index('measures_path_idx').on(t.areaPath.op('text_pattern_ops')),
    index('measures_plan_idx').on(t.planId),
    index('measures_member_idx').on(t.memberId),
  ],
);
