/**
 * The assessment on a small generated demo city against the generator's planted problems (modules/demo/README.md):
 * the households with an indicator not met are exactly the planted problems of the matching kinds, plus, for income,
 * the monitored households whose income is low (they are below the line on purpose: that is why they are monitored).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import type { ScratchDatabase } from '../../db/scratch.js';
import { INDICATOR_CODES, type IndicatorCode } from '../../domain/assessment.js';
import { HOUSEHOLD_SIZE_AT_SQL, PER_CAPITA_SQL } from '../../domain/income.js';
import { generateDemoCity, INCOME_LINE, INCOME_PERIODS, REFERENCE_DATE } from '../demo/generate.js';
import type { PlantedKindCode } from '../demo/planted.js';
import { REFERENCE_CHECKS } from '../demo/reference-checks.js';
import { testDatabase } from '../../test/database.js';

let database: ScratchDatabase;
let assessed: { household_id: number; any_unmet: boolean; [code: string]: unknown }[];

const MATCHING: Record<Exclude<IndicatorCode, 'food_clothing'>, PlantedKindCode[]> = {
  education: ['dropout'],
  medical: ['uninsured', 'no_critical_illness'],
  housing: ['unsafe_housing'],
  water: ['water_quantity_low'],
  income: ['income_below_line_not_monitored'],
};

async function plantedHouseholds(kinds: PlantedKindCode[]): Promise<number[]> {
  const found = await Promise.all(kinds.map((k) => query<{ household_id: number }>(database.db, sql.raw(REFERENCE_CHECKS[k]))));
  return [...new Set(found.flat().map((r) => r.household_id))].sort((a, b) => a - b);
}

const notMet = (code: IndicatorCode) =>
  assessed
    .filter((r) => r[code] === 'not_met')
    .map((r) => r.household_id)
    .sort((a, b) => a - b);

beforeAll(async () => {
  database = await testDatabase();
  // The generator assesses the city on its reference date itself (so a fresh start shows the assessment).
  await generateDemoCity(database.db, { households: 600, seed: 2020 });
  assessed = await query(database.db, sql`SELECT * FROM household_assessments WHERE reference_date = ${REFERENCE_DATE}`);
});
afterAll(() => database?.dispose());

describe('the assessment of the demo city', () => {
  it('covers every household on the demo reference date', async () => {
    const [n] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM households WHERE ended_on IS NULL`);
    expect(assessed).toHaveLength(n!.n);
  });

  for (const [code, kinds] of Object.entries(MATCHING) as [Exclude<IndicatorCode, 'food_clothing'>, PlantedKindCode[]][]) {
    it(`finds ${code} not met exactly where ${kinds.join(' / ')} was planted${code === 'income' ? ', and in low-income monitored households' : ''}`, async () => {
      const expected = await plantedHouseholds(kinds);
      expect(expected.length).toBeGreaterThan(0);
      if (code !== 'income') {
        expect(notMet(code)).toEqual(expected);
        return;
      }
      const monitoredLow = await query<{ id: number }>(
        database.db,
        sql.raw(`SELECT h.id FROM households h JOIN incomes i ON i.household_id = h.id
                 WHERE h.type = 'monitored' AND i.period_start = '${INCOME_PERIODS.fullYear2019.start}' AND i.period_end = '${INCOME_PERIODS.fullYear2019.end}'
                   AND ${PER_CAPITA_SQL('i', HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end'))} < ${INCOME_LINE}`),
      );
      expect(monitoredLow.length).toBeGreaterThan(0);
      expect(notMet('income')).toEqual([...expected, ...monitoredLow.map((r) => r.id)].sort((a, b) => a - b));
    });
  }

  it('finds food and clothing met everywhere, and no indicator unknown (the generated data is complete)', () => {
    expect(notMet('food_clothing')).toEqual([]);
    const unknown = INDICATOR_CODES.flatMap((c) => assessed.filter((r) => r[c] === 'unknown').map((r) => `${c}:${r.household_id}`));
    expect(unknown).toEqual([]);
  });
});
