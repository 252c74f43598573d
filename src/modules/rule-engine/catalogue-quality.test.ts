/**
 * Precision and recall of the built-in catalogue on a generated city: every planted problem is found by the rule
 * written for its kind, and no rule reports anything on a record that was not planted (the generator keeps its
 * normal data clean of every problem kind, see src/modules/demo/README.md).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type Db } from '../../db/client.js';
import { BUILT_IN_RULES, checkRule, ruleSql, type RuleRunContext, type StandardInForce } from '../../domain/rules/index.js';
import { generateDemoCity, REFERENCE_DATE } from '../demo/generate.js';
import { PLANTED_KINDS, type PlantedKindCode } from '../demo/planted.js';
import { RULE_FOR_PLANTED_KIND } from './planted-rules.js';
import { testDatabase } from '../../test/database.js';

describe('built-in catalogue on the demo city', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let ctx: RuleRunContext;

  beforeAll(async () => {
    const t = await testDatabase();
    db = t.db;
    dispose = t.dispose;
    await generateDemoCity(db, { households: 2500, seed: 7 });
    const standards = await query<StandardInForce & Record<string, unknown>>(
      db,
      sql`SELECT key, area_path AS "areaPath", value::float8 AS value FROM standard_values
          WHERE effective_from <= ${REFERENCE_DATE} AND (effective_to IS NULL OR effective_to >= ${REFERENCE_DATE})`,
    );
    ctx = { referenceDate: REFERENCE_DATE, standards };
  }, 600_000);
  afterAll(async () => {
    await dispose?.();
  });

  it('finds every planted problem with its rule (recall 1) and nothing outside the planted records (precision 1)', async () => {
    const planted = await query<{ kind: PlantedKindCode; household_id: number; member_id: number | null }>(db, sql`SELECT kind, household_id, member_id FROM demo_planted_problems`);
    expect(new Set(planted.map((p) => p.kind)).size).toBe(PLANTED_KINDS.length);
    const plantedRecords = new Set(planted.map((p) => `${p.household_id}/${p.member_id ?? '-'}`));
    const plantedHouseholds = new Set(planted.map((p) => p.household_id));
    const expectedByRule = new Map<string, string[]>();
    for (const p of planted) {
      const code = RULE_FOR_PLANTED_KIND[p.kind];
      expectedByRule.set(code, [...(expectedByRule.get(code) ?? []), `${p.household_id}/${p.member_id ?? '-'}`]);
    }
    const measuresExist = (await query(db, sql`SELECT 1 FROM information_schema.tables WHERE table_name = 'measures'`)).length > 0;
    const outside: string[] = [];
    for (const r of BUILT_IN_RULES) {
      if (!measuresExist && r.condition.includes('measures')) continue;
      const checked = checkRule(r);
      if (!checked.ok) throw new Error(r.code);
      const rows = await query<{ household_id: number; member_id: number | null }>(db, sql.raw(ruleSql(checked.rule, ctx)));
      const found = rows.map((x) => `${x.household_id}/${x.member_id ?? '-'}`);
      const expected = expectedByRule.get(r.code);
      if (expected) expect(found.sort(), r.code).toEqual([...expected].sort());
      // A member finding inside a household planted as a whole is still on a planted record.
      for (const [i, f] of found.entries()) if (!plantedRecords.has(f) && !plantedHouseholds.has(rows[i]!.household_id)) outside.push(`${r.code} ${f}`);
    }
    expect(outside).toEqual([]);
  }, 600_000);
});
