import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { households } from '../registry/schema.js';

/**
 * 两不愁三保障及饮水、收入达标情况: one row per household and reference date, recomputed (never edited) whenever the
 * household's data or a standard changes (README.md). Statuses are met / not_met / unknown; `details` holds, per
 * indicator that is not met, the facts behind it (domain/assessment.ts AssessmentFact[]).
 */
export const householdAssessments = pgTable(
  'household_assessments',
  {
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    referenceDate: date('reference_date').notNull(),
    /** Copy of the household's area path when assessed, for scoped lists and per-area counts on one index. */
    areaPath: text('area_path').notNull(),
    foodClothing: text('food_clothing').notNull(),
    education: text('education').notNull(),
    medical: text('medical').notNull(),
    housing: text('housing').notNull(),
    water: text('water').notNull(),
    income: text('income').notNull(),
    details: jsonb('details').notNull().default({}),
    /** Some indicator is not_met (unknown does not count). */
    anyUnmet: boolean('any_unmet').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.referenceDate] }),
    index('household_assessments_path_idx').on(t.referenceDate, t.areaPath.op('text_pattern_ops')),
    // Households with a problem are a few per cent: small partial indexes serve "not met in this area".
    index('household_assessments_unmet_idx').on(t.referenceDate, t.areaPath.op('text_pattern_ops')).where(sql`${t.anyUnmet}`),
    index('household_assessments_food_clothing_idx').on(t.referenceDate, t.foodClothing, t.areaPath.op('text_pattern_ops')).where(sql`${t.foodClothing} <> 'met'`),
    index('household_assessments_education_idx').on(t.referenceDate, t.education, t.areaPath.op('text_pattern_ops')).where(sql`${t.education} <> 'met'`),
    index('household_assessments_medical_idx').on(t.referenceDate, t.medical, t.areaPath.op('text_pattern_ops')).where(sql`${t.medical} <> 'met'`),
    index('household_assessments_housing_idx').on(t.referenceDate, t.housing, t.areaPath.op('text_pattern_ops')).where(sql`${t.housing} <> 'met'`),
    index('household_assessments_water_idx').on(t.referenceDate, t.water, t.areaPath.op('text_pattern_ops')).where(sql`${t.water} <> 'met'`),
    index('household_assessments_income_idx').on(t.referenceDate, t.income, t.areaPath.op('text_pattern_ops')).where(sql`${t.income} <> 'met'`),
  ],
);
