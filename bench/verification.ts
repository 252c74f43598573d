/**
 * Verification benchmark (issue 4, item 8), part of `npm run bench`: the whole built-in rule catalogue over a
 * generated city, each rule compiled from the rule language and run set-based, against the hand-written SQL of the
 * rules that have a twin (the demo generator's reference checks), plus the precision and recall of the catalogue
 * against the planted problems. Runs on BENCH_DATABASE_URL (scratch database) or in-memory PGlite.
 */
import { sql } from 'drizzle-orm';
import { parallelismOf, query, type Db } from '../src/db/client.js';
import { forEachPart } from '../src/db/parallel.js';
import { keptDatabase, scratchDatabase } from '../src/db/scratch.js';
import { analyzeStale, REGISTRY_TABLES } from '../src/db/statistics.js';
import { BUILT_IN_RULES, checkRule, ruleSql, rulesSql, type RuleRunContext, type StandardInForce } from '../src/domain/rules/index.js';
import { actorForUser } from '../src/modules/accounts/sessions.js';
import { refreshAreaInParts, refreshAssessments } from '../src/modules/assessment/refresh.js';
import { createRun, executeRun } from '../src/modules/findings/runs.js';
import { runContext } from '../src/modules/rules/context.js';
import { generateDemoCity, REFERENCE_DATE } from '../src/modules/demo/generate.js';
import type { PlantedKindCode } from '../src/modules/demo/planted.js';
import { REFERENCE_CHECKS } from '../src/modules/demo/reference-checks.js';
import { RULE_FOR_PLANTED_KIND } from '../src/modules/rule-engine/planted-rules.js';
import { peakRssMb, round, timeIt } from './stats.js';

export interface VerificationBenchOptions {
  households: number;
  /** Generate the department lists too (the demo's 17); without them the comparison rules are unknown and cheap. */
  departmentLists: boolean;
  smoke: boolean;
  serverUrl: string | undefined;
  /** Keep the generated city in this database on the server and reuse it next time (generation is minutes at 1M). */
  keepDatabase?: string | undefined;
}

function checkedOf(r: (typeof BUILT_IN_RULES)[number]) {
  const checked = checkRule(r);
  if (!checked.ok) throw new Error(`${r.code} does not check`);
  return checked.rule;
}

async function countOf(db: Db, text: string): Promise<{ ms: number; rows: { household_id: number; member_id: number | null }[] }> {
  const t = await timeIt(() => query<{ household_id: number; member_id: number | null }>(db, sql.raw(`SELECT household_id, member_id FROM (${text}) q`)));
  return { ms: t.ms, rows: t.value };
}

export async function runVerificationBench(opts: VerificationBenchOptions): Promise<void> {
  const { households, serverUrl } = opts;
  console.log(
    `# Jingzhun verification benchmark — ${households.toLocaleString('en')} households, ${serverUrl ? 'PostgreSQL server' : 'PGlite'}${opts.departmentLists ? '' : ', without department lists'}${opts.smoke ? ' (smoke)' : ''}`,
  );
  const database = serverUrl && opts.keepDatabase ? await keptDatabase(serverUrl, opts.keepDatabase) : await scratchDatabase(serverUrl, 8, 'jz_bench', 'file');
  try {
    const [kept] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM households`);
    if (kept!.n > 0) {
      if (kept!.n !== households) throw new Error(`database ${opts.keepDatabase} holds ${kept!.n} households, not ${households}`);
      console.log(`demo generation: reusing the city kept in database ${opts.keepDatabase}`);
    } else {
      const gen = await timeIt(() => generateDemoCity(database.db, { households, seed: 7, departmentData: opts.departmentLists }));
      console.log(`demo generation: ${round(gen.ms / 1000, 1)} s (${gen.value.members.toLocaleString('en')} members)`);
    }
    const db = database.db;
    // Planner statistics: what taking them costs (the first run after a restart or a bulk load), then the check every
    // run makes first, which finds them fresh (generation took them at its end, as a bulk load does).
    const analyze = await timeIt(() => db.execute(sql`ANALYZE ${sql.raw(REGISTRY_TABLES.join(', '))}`));
    const check = await timeIt(() => analyzeStale(db));
    if (check.value.analyzed.length) throw new Error(`statistics stale right after ANALYZE: ${check.value.analyzed.join(', ')}`);
    const standards = await query<StandardInForce & Record<string, unknown>>(
      db,
      sql`SELECT key, area_path AS "areaPath", value::float8 AS value FROM standard_values
          WHERE effective_from <= ${REFERENCE_DATE} AND (effective_to IS NULL OR effective_to >= ${REFERENCE_DATE})`,
    );
    const ctx: RuleRunContext = { referenceDate: REFERENCE_DATE, standards };
    // Statements are scoped to the city, as a run of the city office's is.
    const [root] = await query<{ path: string }>(db, sql`SELECT path FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
    const city = { areaPath: root!.path };
    const measuresExist = (await query(db, sql`SELECT 1 FROM information_schema.tables WHERE table_name = 'measures'`)).length > 0;

    const planted = await query<{ kind: PlantedKindCode; household_id: number; member_id: number | null }>(db, sql`SELECT kind, household_id, member_id FROM demo_planted_problems`);
    const plantedOf = new Map<string, Set<string>>();
    for (const p of planted) {
      const code = RULE_FOR_PLANTED_KIND[p.kind];
      plantedOf.set(code, (plantedOf.get(code) ?? new Set()).add(`${p.household_id}/${p.member_id ?? '-'}`));
    }

    let catalogueMs = 0;
    let twinCompiledMs = 0;
    let twinHandMs = 0;
    let findings = 0;
    let truePositives = 0;
    let onPlantedRecords = 0;
    const otherRule = new Map<string, number>();
    const outside = new Map<string, number>();
    const plantedRecords = new Set(planted.map((p) => `${p.household_id}/${p.member_id ?? '-'}`));
    let plantedFound = 0;
    const slowest: [string, number, number][] = [];
    // Precision and recall are the registry rules' (the planted problems are registry problems); the comparison rules
    // over department lists are measured by bench/comparison.ts and are timed below with the lists in force.
    const rules = BUILT_IN_RULES.filter((r) => (measuresExist || !r.condition.includes('measures')) && !checkedOf(r).datasets.length);
    for (const r of rules) {
      const compiled = await countOf(db, ruleSql(checkedOf(r), ctx, city));
      catalogueMs += compiled.ms;
      findings += compiled.rows.length;
      slowest.push([r.code, compiled.ms, compiled.rows.length]);
      const expected = plantedOf.get(r.code);
      for (const x of compiled.rows) {
        const key = `${x.household_id}/${x.member_id ?? '-'}`;
        if (expected?.has(key)) continue;
        const tally = plantedRecords.has(key) ? otherRule : outside;
        tally.set(r.code, (tally.get(r.code) ?? 0) + 1);
        if (plantedRecords.has(key)) onPlantedRecords++;
      }
      if (expected) {
        const kind = (Object.entries(RULE_FOR_PLANTED_KIND).find(([, code]) => code === r.code)![0]) as PlantedKindCode;
        const hand = await countOf(db, REFERENCE_CHECKS[kind]);
        twinCompiledMs += compiled.ms;
        twinHandMs += hand.ms;
        const found = new Set(compiled.rows.map((x) => `${x.household_id}/${x.member_id ?? '-'}`));
        plantedFound += [...expected].filter((k) => found.has(k)).length;
        truePositives += [...found].filter((k) => expected.has(k)).length;
      }
    }
    const plantedTotal = planted.length;
    console.log(`registry rules one by one: ${rules.length} rules in ${round(catalogueMs / 1000, 2)} s, ${findings.toLocaleString('en')} findings`);
    console.log(`rules with a hand-written twin (${plantedOf.size}): compiled ${round(twinCompiledMs / 1000, 2)} s vs hand-written ${round(twinHandMs / 1000, 2)} s = ratio ${round(twinCompiledMs / twinHandMs, 2)}`);
    console.log(`slowest rules alone: ${slowest.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([c, ms, n]) => `${c} ${Math.round(ms)} ms (${n})`).join(', ')}`);
    const list = (m: Map<string, number>) => [...m].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    const clean = truePositives + onPlantedRecords;
    console.log(
      `precision ${round(findings ? clean / findings : 1, 4)} (${clean}/${findings} findings are on planted problem records: ${truePositives} by the planted problem's own rule, ${onPlantedRecords} by another rule on the same record [${list(otherRule)}]; on records with no planted problem: ${list(outside)}), ` +
        `recall ${round(plantedTotal ? plantedFound / plantedTotal : 1, 4)} (${plantedFound}/${plantedTotal} planted problems found by their rule)`,
    );

    // The catalogue as a run evaluates it: one statement per subject, with the department lists in force.
    const runCtx = await runContext(db, REFERENCE_DATE);
    const all = BUILT_IN_RULES.filter((r) => measuresExist || !r.condition.includes('measures')).map((r) => ({ code: r.code, rule: checkedOf(r) }));
    // As a run does it: on a server the two subjects' statements at once (forEachPart), on PGlite one after the other.
    const evaluate = async (list: typeof all) => {
      let n = 0;
      const t = await timeIt(() =>
        forEachPart(db, ['member', 'household'] as const, async (subject) => {
          const group = list.filter((x) => x.rule.subject === subject);
          if (!group.length) return;
          const rows = await query(db, sql.raw(rulesSql(group, runCtx, city)));
          n += rows.length;
        }),
      );
      return { ms: t.ms, n };
    };
    const registryOnly = await evaluate(all.filter((x) => !x.rule.datasets.length));
    const whole = await evaluate(all);
    // The assessment: the first computation (nothing stored), then the recomputation 重新测算 (little changed).
    // Once as one statement, once as the city office's 重新测算 does it: in parts (on a server county by county, several at once).
    await db.execute(sql`DELETE FROM household_assessments`);
    const single = await timeIt(() => refreshAssessments(db, { referenceDate: REFERENCE_DATE }));
    await db.execute(sql`DELETE FROM household_assessments`);
    const first = await timeIt(() => refreshAreaInParts(db, { areaPath: root!.path, dates: [REFERENCE_DATE] }));
    const again = await timeIt(() => refreshAreaInParts(db, { areaPath: root!.path, dates: [REFERENCE_DATE] }));
    // A whole run through the service, as the UI starts it: statistics, evaluation, findings written rule by rule.
    const [cityUser] = await query<{ id: number }>(db, sql`SELECT id FROM users WHERE role = 'city_office' AND active ORDER BY id LIMIT 1`);
    const actor = cityUser ? await actorForUser(db, cityUser.id) : undefined;
    const run = actor ? await timeIt(async () => executeRun(db, (await createRun(db, actor, { referenceDate: REFERENCE_DATE })).id)) : undefined;

    console.log(`planner statistics: the check every run makes ${round(check.ms)} ms; taking them when stale (first run after a restart or a bulk load) ${round(analyze.ms / 1000, 2)} s`);
    console.log(`statements at once on this database: ${parallelismOf(db)}`);
    console.log(`registry catalogue, one statement per subject: ${all.length - all.filter((x) => x.rule.datasets.length).length} rules in ${round(registryOnly.ms / 1000, 2)} s, ${registryOnly.n.toLocaleString('en')} findings`);
    console.log(`whole catalogue with the department lists in force: ${all.length} rules in ${round(whole.ms / 1000, 2)} s, ${whole.n.toLocaleString('en')} findings`);
    console.log(
      `household assessment, all ${first.value.toLocaleString('en')} households: first computation in parts (${parallelismOf(db)} at once) ${round(first.ms / 1000, 2)} s (as one statement ${round(single.ms / 1000, 2)} s), recomputation ${round(again.ms / 1000, 2)} s`,
    );
    const total = check.ms + whole.ms + first.ms;
    const target = serverUrl && households >= 1_000_000 ? { label: 'province (1M households, server) < 120 s', s: 120 } : { label: 'city (PGlite) < 10 s', s: 10 };
    console.log(
      `${total / 1000 < target.s ? 'MET    ' : 'NOT MET'} TARGET ${target.label}: statistics check + whole catalogue + first assessment = ${round(total / 1000, 2)} s ` +
        `(${round((total - check.ms + analyze.ms) / 1000, 2)} s when the statistics are taken too)`,
    );
    if (run) {
      const r = run.value;
      console.log(`a whole run through the service (${r.rulesTotal} rules, status ${r.status}): ${round(run.ms / 1000, 2)} s, of which evaluating ${round((r.evaluateMs ?? 0) / 1000, 2)} s; ${(r.counts as { new?: number }).new ?? 0} new findings`);
    }
    console.log(`peak memory: ${await peakRssMb()} MB`);
  } finally {
    await database.dispose();
  }
}
