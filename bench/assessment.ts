/**
 * Assessment benchmark (issue 4, item 2), part of `npm run bench`: on a generated city (default the demo's 70,801
 * households), the city-wide refresh of the 两不愁三保障 assessment, one household's refresh (what every registry edit
 * adds), a standard change that re-assesses the whole city inside the standards transaction, the reads (summary, list,
 * household list filter) and how long a read waits while a city-wide refresh runs. BENCH_DATABASE_URL selects a server
 * (a scratch database there); PGlite in memory otherwise.
 */
import { sql } from 'drizzle-orm';
import { parallelismOf, query } from '../src/db/client.js';
import { scratchDatabase } from '../src/db/scratch.js';
import { actorForUser } from '../src/modules/accounts/sessions.js';
import { refreshAreaInParts, refreshAssessments, refreshStoredAssessments } from '../src/modules/assessment/refresh.js';
import { assessmentSummary, listAssessments } from '../src/modules/assessment/service.js';
import { HOUSEHOLD_SIZE_AT_SQL, PER_CAPITA_SQL } from '../src/domain/income.js';
import { generateDemoCity, INCOME_LINE, REFERENCE_DATE } from '../src/modules/demo/generate.js';
import type { PlantedKindCode } from '../src/modules/demo/planted.js';
import { REFERENCE_CHECKS } from '../src/modules/demo/reference-checks.js';
import { householdListQuery } from '../src/modules/registry/inputs.js';
import { listHouseholds } from '../src/modules/registry/list.js';
import { addStandardValue } from '../src/modules/standards/service.js';
import { peakRssMb, round, summarise, timeIt } from './stats.js';

export interface AssessmentBenchOptions {
  households: number;
  smoke: boolean;
  serverUrl: string | undefined;
}

export async function runAssessmentBench(opts: AssessmentBenchOptions): Promise<void> {
  const { households, smoke, serverUrl } = opts;
  const samples = smoke ? 10 : 50;
  console.log(`# Jingzhun assessment benchmark — ${households.toLocaleString('en')} households, ${serverUrl ? 'PostgreSQL server' : 'PGlite'}${smoke ? ' (smoke)' : ''}`);
  const database = await scratchDatabase(serverUrl, 8, 'jz_bench', 'file');
  const db = database.db;
  try {
    const gen = await timeIt(() => generateDemoCity(db, { households, seed: 7 }));
    console.log(`demo generation (its last step assesses the city): ${round(gen.ms / 1000, 1)} s, ${gen.value.members.toLocaleString('en')} members`);

    // A server's autovacuum analyses the new tables soon after a load (the registry benchmark does the same); PGlite has
    // none, so there the refresh runs without statistics, as it does on a fresh start.
    if (database.kind === 'postgres') await db.execute(sql`ANALYZE`);
    // The generator already assessed the city; this is what the city office's 重新测算 costs.
    // PGlite computes in this process, so its CPU time is the work itself, whatever else the machine is doing.
    const cpu = process.cpuUsage();
    const city = await timeIt(() => refreshAssessments(db, { referenceDate: REFERENCE_DATE }));
    const used = process.cpuUsage(cpu);
    const cpuText = database.kind === 'pglite' ? ` (CPU ${round((used.user + used.system) / 1e6, 2)} s)` : '';
    console.log(`city-wide refresh, one reference date: ${round(city.ms / 1000, 2)} s${cpuText} for ${city.value.toLocaleString('en')} households`);
    const [counts] = await query<{ unmet: number; unknown: number }>(
      db,
      sql`SELECT count(*) FILTER (WHERE any_unmet)::int AS unmet,
                 count(*) FILTER (WHERE 'unknown' IN (food_clothing, education, medical, housing, water, income))::int AS unknown
          FROM household_assessments WHERE reference_date = ${REFERENCE_DATE}`,
    );
    console.log(`  households with an unmet indicator: ${counts!.unmet}, with an unknown one: ${counts!.unknown}`);
    // Against the generator's planted problems: each indicator not met exactly where its kinds were planted (income also
    // in the monitored households with a low income, which are below the line on purpose).
    const checks: [string, PlantedKindCode[], string][] = [
      ['education', ['dropout'], ''],
      ['medical', ['uninsured', 'no_critical_illness'], ''],
      ['housing', ['unsafe_housing'], ''],
      ['water', ['water_quantity_low'], ''],
      ['income', ['income_below_line_not_monitored'], `UNION SELECT h.id FROM households h JOIN incomes i ON i.household_id = h.id
         WHERE h.type = 'monitored' AND i.period_start = '2019-01-01' AND i.period_end = '2019-12-31'
           AND ${PER_CAPITA_SQL('i', HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end'))} < ${INCOME_LINE}`],
    ];
    for (const [code, kinds, extra] of checks) {
      const planted = kinds.map((k) => `SELECT household_id FROM (${REFERENCE_CHECKS[k]}) q`).join(' UNION ');
      const [d] = await query<{ planted: number; assessed: number; both: number }>(
        db,
        sql.raw(`WITH p AS (${planted} ${extra}), a AS (SELECT household_id FROM household_assessments WHERE reference_date = '${REFERENCE_DATE}' AND ${code} = 'not_met')
                 SELECT (SELECT count(DISTINCT household_id) FROM p)::int AS planted, (SELECT count(*) FROM a)::int AS assessed,
                        (SELECT count(*) FROM a WHERE household_id IN (SELECT household_id FROM p))::int AS both`),
      );
      console.log(`  ${code.padEnd(10)} not met: ${d!.assessed}, planted${code === 'income' ? ' + monitored low income' : ''}: ${d!.planted}, in both: ${d!.both}`);
    }
    const two = await timeIt(() => refreshAssessments(db, { referenceDate: '2020-12-31' }));
    console.log(`city-wide refresh of a second date: ${round(two.ms / 1000, 2)} s (now ${two.value.toLocaleString('en')} more rows)`);
    const [cityPath] = await query<{ path: string }>(db, sql`SELECT path FROM areas WHERE level = 'city'`);
    const counties = await query<{ path: string }>(db, sql`SELECT path FROM areas WHERE level = 'county' ORDER BY path`);
    const parts: number[] = [];
    for (const c of counties) parts.push((await timeIt(() => refreshAssessments(db, { referenceDate: REFERENCE_DATE, areaPath: c.path }))).ms);
    console.log(`the same county by county, one statement each: ${round(parts.reduce((a, b) => a + b, 0) / 1000, 2)} s, longest ${round(Math.max(...parts))} ms`);
    const inParts = await timeIt(() => refreshAreaInParts(db, { areaPath: cityPath!.path, dates: [REFERENCE_DATE] }));
    console.log(`the same as the refresh button and a standard change do it, in parts (${parallelismOf(db)} at once): ${round(inParts.ms / 1000, 2)} s`);

    const ids = await query<{ id: number }>(db, sql`SELECT id FROM households ORDER BY random() LIMIT ${samples}`);
    const one: number[] = [];
    for (const { id } of ids) one.push((await timeIt(() => refreshStoredAssessments(db, { householdIds: [id] }))).ms);
    const f = summarise(one);
    console.log(`one household, both stored dates (added to every registry edit): median ${f.medianMs} ms, p99 ${f.p99Ms} ms`);

    const [admin] = await query<{ id: number }>(db, sql`SELECT id FROM users WHERE username = 'city'`);
    const actor = (await actorForUser(db, admin!.id))!;
    const [cityArea] = await query<{ id: number }>(db, sql`SELECT id FROM areas WHERE level = 'city'`);
    const std = await timeIt(() =>
      addStandardValue(db, actor, { key: 'income_exit_standard', areaId: cityArea!.id, value: 4600, effectiveFrom: '2020-07-01', note: 'bench' }),
    );
    console.log(`a new city-wide standard, answered once both stored dates are re-assessed in parts: ${round(std.ms / 1000, 2)} s`);

    const reads: [string, () => Promise<unknown>][] = [
      ['summary per county (city)', () => assessmentSummary(db, actor, undefined, undefined)],
      ['assessment list, any unmet, page 1', () => listAssessments(db, actor, { anyUnmet: true, page: 1, pageSize: 20 })],
      ['household list, unmet=any, page 1', () => listHouseholds(db, actor, householdListQuery.parse({ unmet: 'any' }))],
    ];
    for (const [label, run] of reads) {
      const times: number[] = [];
      for (let i = 0; i < Math.min(samples, 20); i++) times.push((await timeIt(run)).ms);
      const s = summarise(times);
      console.log(`${label.padEnd(40)} median ${String(s.medianMs).padStart(8)} ms  p99 ${String(s.p99Ms).padStart(8)} ms`);
    }

    // Reads issued while the city is re-assessed in parts: on PGlite (one connection) each waits for at most
    // the part in progress; on a server they read the previous rows and do not wait at all.
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push((await timeIt(() => listHouseholds(db, actor, householdListQuery.parse({ pageSize: 20 })))).ms);
    console.log(`household list page, nothing else running: median ${summarise(idle).medianMs} ms`);
    let done = false;
    const running = refreshAreaInParts(db, { areaPath: cityPath!.path, dates: [REFERENCE_DATE] }).finally(() => (done = true));
    const waits: number[] = [];
    while (!done) waits.push((await timeIt(() => listHouseholds(db, actor, householdListQuery.parse({ pageSize: 20 })))).ms);
    await running;
    const w = summarise(waits);
    console.log(`household list pages requested during a city-wide refresh in parts: n=${w.n}, median ${w.medianMs} ms, longest ${w.maxMs} ms`);
    console.log(`peak RSS ${await peakRssMb()} MB`);
  } finally {
    await database.dispose();
  }
}
