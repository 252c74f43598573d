/**
 * The demo city's department data: every dataset type gets a committed snapshot, badly typed rows are recovered by
 * the matcher without a wrong automatic match, people outside the registry stay unmatched, and the comparison rules
 * find the disagreements planted in the lists.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import { DATASET_TYPES } from '../../domain/departments/datasets.js';
import { BUILT_IN_RULES, checkRule, rulesSql, type NamedRule } from '../../domain/rules/index.js';
import { testDatabase } from '../../test/database.js';
import { generateDemoCity } from '../demo/generate.js';
import { runContext } from '../rules/context.js';

let database: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  database = await testDatabase();
  // The demo generator writes the department data as its last step.
  await generateDemoCity(database.db, { households: 1_500, seed: 7 });
}, 300_000);

afterAll(async () => {
  await database?.dispose();
});

describe('demo department data', () => {
  it('commits one snapshot per dataset type', async () => {
    const rows = await query<{ dataset_type: string; status: string }>(database.db, sql`SELECT dataset_type, status FROM dept_snapshots`);
    expect(rows.map((r) => r.dataset_type).sort()).toEqual(DATASET_TYPES.map((t) => t.code).sort());
    expect(rows.every((r) => r.status === 'committed')).toBe(true);
  });

  it('recovers badly typed rows without matching anyone wrongly, and leaves outsiders unmatched', async () => {
    const [q] = await query<{ damaged: number; recovered: number; wrong: number; outsiders_matched: number }>(
      database.db,
      sql`SELECT count(*) FILTER (WHERE r.id_number IS NULL AND r.name NOT LIKE '非建档%')::int AS damaged,
                 count(*) FILTER (WHERE r.id_number IS NULL AND r.name NOT LIKE '非建档%' AND r.match_status = 'auto')::int AS recovered,
                 count(*) FILTER (WHERE r.match_status = 'auto' AND (m.birth_date <> r.birth_date OR m.sex <> r.sex))::int AS wrong,
                 count(*) FILTER (WHERE r.name LIKE '非建档%' AND r.member_id IS NOT NULL)::int AS outsiders_matched
          FROM dept_records r LEFT JOIN members m ON m.id = r.member_id`,
    );
    expect(q!.damaged).toBeGreaterThan(20);
    expect(q!.wrong).toBe(0);
    expect(q!.outsiders_matched).toBe(0);
    expect(q!.recovered / q!.damaged).toBeGreaterThan(0.8);
  });

  it('gives the comparison rules something to find', async () => {
    const rules: NamedRule[] = BUILT_IN_RULES.filter((r) => r.shape === 'department').map((r) => {
      const c = checkRule(r);
      if (!c.ok) throw new Error(r.code);
      return { code: r.code, rule: c.rule };
    });
    const ctx = await runContext(database.db, '2020-09-01');
    const hits = await query<{ rule_code: string; n: number }>(database.db, sql.raw(`SELECT rule_code, count(*)::int AS n FROM (${rulesSql(rules, ctx)}) v GROUP BY rule_code`));
    const byRule = new Map(hits.map((h) => [h.rule_code, Number(h.n)]));
    for (const code of ['CMP-001', 'CMP-002', 'CMP-004', 'CMP-011', 'CMP-026', 'CMP-029', 'CMP-031']) expect(byRule.get(code) ?? 0, code).toBeGreaterThan(0);
  });
});
