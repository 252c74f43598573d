import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';

/**
 * The data problems the demo generator planted on purpose, so the checks of later modules can be measured for
 * precision and recall against a known truth.
 */
export const demoPlantedProblems = pgTable('demo_planted_problems', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  householdId: integer('household_id'),
  memberId: integer('member_id'),
  description: text('description').notNull(),
});
