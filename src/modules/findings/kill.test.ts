/**
 * A run killed half-way, for real: a separate `jingzhun rules run` process is sent SIGKILL between rules, and every
 * rule's findings must be as before or as after that rule, the run record agreeing with them. Needs a PostgreSQL
 * server (two processes share the database), so it runs when TEST_DATABASE_URL is set, as in CI.
 */
import { spawn } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import type { BuiltInRule } from '../../domain/rules/index.js';
import { testDatabase } from '../../test/database.js';
import { makeCity, makeUser } from '../../test/factories.js';
import { seedBuiltInRules } from '../rules/catalogue.js';
import { storeReferenceDate } from '../rules/settings.js';
import { createRun, executeRun, recoverInterruptedRuns } from './runs.js';
import { ruleRuns } from './schema.js';

const server = process.env.TEST_DATABASE_URL;
const RULES = 16;
const HOUSEHOLDS = 30_000;
const VIOLATING = HOUSEHOLDS / 3;
let database: Awaited<ReturnType<typeof testDatabase>>;
let user: Awaited<ReturnType<typeof makeUser>>;

const catalogue: BuiltInRule[] = Array.from({ length: RULES }, (_, i) => ({
  code: `KILL-${String(i + 1).padStart(2, '0')}`,
  titleZh: `危房${i + 1}`,
  titleEn: `Unsafe house ${i + 1}`,
  severity: 'high',
  subject: 'household',
  department: 'housing',
  populationZh: '全部',
  explanationZh: '测试',
  appliesTo: null,
  condition: `household.housing_grade = 'D' and household.lifted_year != ${1000 + i}`,
  shape: 'threshold',
}));

beforeAll(async () => {
  if (!server) return;
  database = await testDatabase();
  const city = await makeCity(database.db);
  user = await makeUser(database.db, 'city_office', city.city.id, { username: 'killer' });
  await storeReferenceDate(database.db, null, '2020-09-01');
  await database.db.execute(sql`
    INSERT INTO households (household_no, area_id, area_path, type, housing_grade, lifted_year)
    SELECT 'KILL' || g, ${city.guanV1.id}, ${city.guanV1.path}, 'lifted', CASE WHEN g % 3 = 0 THEN 'D' ELSE 'A' END, 2018
    FROM generate_series(1, ${HOUSEHOLDS}) g`);
  // The real catalogue (the CLI seeds it at start) is switched off: only the KILL rules run.
  await seedBuiltInRules(database.db);
  await database.db.execute(sql`UPDATE rules SET enabled = false`);
  await seedBuiltInRules(database.db, catalogue);
});
afterAll(async () => {
  if (!server) return;
  await database.dispose();
});

describe.skipIf(!server)('a run killed half-way', () => {
  it('leaves each rule’s findings as before or as after it, and the run says which', async () => {
    const child = spawn(process.execPath, ['bin/jingzhun.mjs', 'rules', 'run', '--user', 'killer'], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: 'ignore',
    });
    let killedAt = -1;
    for (let i = 0; i < 2400 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const [run] = await database.db.select().from(ruleRuns);
      if (run && run.rulesDone >= 2) {
        child.kill('SIGKILL');
        killedAt = run.rulesDone;
        break;
      }
    }
    await new Promise((r) => child.once('exit', r));
    expect(killedAt, 'the child finished before it could be killed').toBeGreaterThan(0);
    const [run] = await database.db.select().from(ruleRuns);
    expect(run!.status).toBe('running');
    const done = run!.perRule as { code: string; new: number }[];
    expect(done.length).toBe(run!.rulesDone);
    expect(done.length).toBeLessThan(RULES);

    const perRule = await query<{ rule_code: string; n: number; events: number }>(
      database.db,
      sql`SELECT f.rule_code, count(*)::int AS n, sum((SELECT count(*) FROM finding_events e WHERE e.finding_id = f.id))::int AS events
          FROM findings f GROUP BY f.rule_code ORDER BY f.rule_code`,
    );
    // Exactly the rules the run record lists have findings, all of them, each with its one event.
    expect(perRule).toEqual(done.map((d) => ({ rule_code: d.code, n: VIOLATING, events: VIOLATING })));
    expect(done.every((d) => d.new === VIOLATING)).toBe(true);
    expect(run!.counts).toMatchObject({ new: VIOLATING * done.length });

    // At the next start the run is queued again and resumes: the rules it applied stand, the others are done now.
    expect(await recoverInterruptedRuns(database.db)).toEqual([run!.id]);
    const [queued] = await database.db.select().from(ruleRuns).where(eq(ruleRuns.id, run!.id));
    expect(queued).toMatchObject({ status: 'queued', rulesDone: done.length });
    const resumed = await executeRun(database.db, run!.id);
    expect(resumed).toMatchObject({ status: 'done', rulesDone: RULES, rulesTotal: RULES, counts: expect.objectContaining({ new: VIOLATING * RULES, closed: 0 }) });
    expect((resumed.perRule as { code: string }[]).map((r) => r.code)).toEqual(catalogue.map((c) => c.code));
    const after = await query<{ n: number; events: number }>(
      database.db,
      sql`SELECT count(*)::int AS n, (SELECT count(*) FROM finding_events)::int AS events FROM findings`,
    );
    expect(after[0]).toEqual({ n: VIOLATING * RULES, events: VIOLATING * RULES });

    // The next run picks up where the data is: every finding is still open.
    const again = await executeRun(database.db, (await createRun(database.db, user.actor, {})).id);
    expect(again.counts).toMatchObject({ stillOpen: VIOLATING * RULES, new: 0, closed: 0 });
  }, 120_000);
});
