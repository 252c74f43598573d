/**
 * The household list's assessment filter ("households with any unmet indicator in 冠县", "education not met"): a
 * condition on `h` (households) the registry's list, count and export share. Stays free of registry imports, like
 * refresh.ts, because the registry imports it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { INDICATOR_CODES, type IndicatorCode } from '../../domain/assessment.js';
import { escapeLike } from '../accounts/access.js';

export const UNMET_FILTERS = ['any', ...INDICATOR_CODES] as const;
export type UnmetFilter = 'any' | IndicatorCode;

/**
 * Households whose assessment on `on` (default: the latest stored reference date) has the indicator not met, or any
 * indicator when 'any'. `scopePath` narrows the subquery to the list's area, so it runs on the partial indexes.
 */
export function unmetCondition(unmet: UnmetFilter, on: string | undefined, scopePath: string): SQL {
  const date = on ? sql`${on}::date` : sql`(SELECT max(reference_date) FROM household_assessments)`;
  const which = unmet === 'any' ? sql`ha.any_unmet` : sql`${sql.raw(`ha.${unmet}`)} = 'not_met'`;
  return sql`h.id IN (SELECT ha.household_id FROM household_assessments ha
    WHERE ha.reference_date = ${date} AND ha.area_path LIKE ${escapeLike(scopePath) + '%'} AND ${which})`;
}
