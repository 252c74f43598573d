/**
 * Income pre-assessment benchmark (issue 4, item 5): on a generated city (default the demo's 70,801 households), the
 * below-the-line list (first page, as the screen asks), its summary and export, and proposing a gap-closing plan for
 * the whole city (projection, members, solver, storing) with the real city's 1,722 public-welfare posts, then with
 * posts and shares too scarce for everybody. BENCH_DATABASE_URL selects a server (a scratch database there); PGlite in
 * memory otherwise.
 *
 *   npx tsx bench/preassessment.ts [--households N] [--pglite]
 */
import { sql } from 'drizzle-orm';
import { query } from '../src/db/client.js';
import { scratchDatabase } from '../src/db/scratch.js';
import { actorForUser } from '../src/modules/accounts/sessions.js';
import { generateDemoCity } from '../src/modules/demo/generate.js';
import { INCOME_PERIODS } from '../src/modules/demo/household.js';
import { belowLineQuery } from '../src/modules/preassessment/inputs.js';
import { belowLineSummary, exportBelowLine, listBelowLine } from '../src/modules/preassessment/list.js';
import { proposePlan } from '../src/modules/preassessment/plans.js';
import { round, summarise, timeIt } from './stats.js';

export async function runPreassessmentBench(opts: { households: number; serverUrl: string | undefined }): Promise<void> {
  const { households, serverUrl } = opts;
  console.log(`# Jingzhun income pre-assessment benchmark — ${households.toLocaleString('en')} households, ${serverUrl ? 'PostgreSQL server' : 'PGlite'}`);
  const database = await scratchDatabase(serverUrl, 8, 'jz_bench', 'file');
  const db = database.db;
  try {
    const gen = await timeIt(() => generateDemoCity(db, { households, seed: 2020 }));
    console.log(`demo generation: ${round(gen.ms / 1000, 1)} s`);
    const [user] = await query<{ id: number }>(db, sql`SELECT id FROM users WHERE username = 'city'`);
    const actor = (await actorForUser(db, user!.id))!;
    const on = INCOME_PERIODS.preAssessment.end;

    // The first read projects the whole city; the next ones read the kept set until the data changes.
    const first = await timeIt(() => listBelowLine(db, actor, belowLineQuery.parse({ on })));
    console.log(`${'list below the line, first read (city)'.padEnd(40)} ${round(first.ms)} ms`);
    const reads: [string, () => Promise<unknown>][] = [
      ['list below the line, page 1 (city)', () => listBelowLine(db, actor, belowLineQuery.parse({ on }))],
      ['list, cause 因病, gap ≥ 1,000, page 2', () => listBelowLine(db, actor, belowLineQuery.parse({ on, mainCause: 'illness', gapMin: 1000, page: 2 }))],
      ['summary by county and cause (city)', () => belowLineSummary(db, actor, undefined, on)],
    ];
    for (const [label, run] of reads) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push((await timeIt(run)).ms);
      const s = summarise(times);
      console.log(`${label.padEnd(40)} median ${String(s.medianMs).padStart(8)} ms  max ${String(s.maxMs).padStart(8)} ms`);
    }
    const list = await listBelowLine(db, actor, belowLineQuery.parse({ on }));
    console.log(`  below the line: ${list.total} households, total gap ${round(list.totalGap, 0).toLocaleString('en')} yuan`);
    const exported = await timeIt(async () => {
      const file = await exportBelowLine(db, actor, { on, sort: '-gapPerPerson' }, 'xlsx');
      let bytes = 0;
      for await (const chunk of file.stream) bytes += (chunk as Buffer).length;
      return bytes;
    });
    console.log(`export of the list (xlsx): ${round(exported.ms)} ms, ${round(exported.value / 1024, 0)} KiB`);

    const plans: [string, Parameters<typeof proposePlan>[2]][] = [
      [
        "the city's 1,722 posts and 3,000 shares",
        {
          on,
          posts: [
            { name: '村级保洁', wage: 6_000, posts: 1_000 },
            { name: '护路', wage: 4_800, posts: 522 },
            { name: '巡河', wage: 3_600, posts: 200 },
          ],
          dividends: [{ name: '光伏扶贫电站', valuePerShare: 800, shares: 3_000, perHousehold: 3 }],
          dibao: { enabled: true, households: null },
          maxPostsPerPerson: 2,
        },
      ],
      [
        'scarce: 300 posts, 600 shares, 100 低保',
        {
          on,
          posts: [
            { name: '村级保洁', wage: 6_000, posts: 180 },
            { name: '护路', wage: 4_800, posts: 90 },
            { name: '巡河', wage: 3_600, posts: 30 },
          ],
          dividends: [{ name: '光伏扶贫电站', valuePerShare: 800, shares: 600, perHousehold: 3 }],
          dibao: { enabled: true, households: 100 },
          maxPostsPerPerson: 2,
        },
      ],
    ];
    for (const [label, body] of plans) {
      const cpu0 = process.cpuUsage();
      const run = await timeIt(() => proposePlan(db, actor, body));
      const cpu = process.cpuUsage(cpu0);
      const p = run.value;
      const s = p.solution as { method: string; optimal: boolean; elapsedMs: number; closableAtMost: number; costAtLeast: number; totalCost: number };
      console.log(
        `plan, ${label}: ${round(run.ms)} ms in all (this process ${round((cpu.user + cpu.system) / 1000)} ms CPU), solver ${s.elapsedMs} ms (${s.method}, ${s.optimal ? 'proven optimal' : `closable at most ${s.closableAtMost}, cost ≥ ${s.costAtLeast}`}); ` +
          `closed ${(p.after as { closed: number }).closed} of ${(p.before as { households: number }).households}, cost ${s.totalCost.toLocaleString('en')} yuan`,
      );
    }
  } finally {
    await database.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--households');
  await runPreassessmentBench({
    households: at >= 0 ? Number(args[at + 1]) : 70_801,
    serverUrl: args.includes('--pglite') ? undefined : process.env.BENCH_DATABASE_URL,
  });
}
