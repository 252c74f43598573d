import { date, index, integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { areas } from '../areas/schema.js';

/**
 * 标准: one value of one standard for a region (an area and all below it) and a period. Never updated in place or
 * deleted: a new period is added and the one it follows is ended the day before (effective_to), both audited.
 */
export const standardValues = pgTable(
  'standard_values',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    /** Copy of the area's path, for "this area or above it" on one index. */
    areaPath: text('area_path').notNull(),
    value: numeric('value', { precision: 14, scale: 2 }).notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    note: text('note').notNull(),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('standard_values_key_idx').on(t.key, t.areaPath, t.effectiveFrom)],
);
