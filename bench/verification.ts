/**
 * Verification benchmark (issue 4, item 8), part of `npm run bench`: the whole built-in rule catalogue over a
 * generated city, each rule compiled from the rule language and run set-based, against the hand-written SQL of the
 * rules that have a twin (the demo generator's reference checks), plus the precision and recall of the catalogue
 * against the planted problems. Runs on BENCH_DATABASE_URL (scratch database) or in-memory PGlite.
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../src/db/client.js';
import { scratchDatabase } from '../src/db/scratch.js';
import { BUILT_IN_RULES, checkRule, ruleSql, rulesSql, type RuleRunContext, type StandardInForce } from '../src/domain/rules/index.js';
import { refreshAssessments } from '../src/modules/assessment/refresh.js';
import { generateDemoCity, REFERENCE_DATE } from '../src/modules/demo/generate.js';
import type { PlantedKindCode } from '../src/modules/demo/planted.js';
import { REFERENCE_CHECKS } from '../src/modules/demo/reference-checks.js';
import { RULE_FOR_PLANTED_KIND } from '../src/modules/rule-engine/planted-rules.js';
import { peakRssMb, round, timeIt } from './stats.js';

export interface VerificationBenchOptions {
  households: number;
  smoke: boolean;
  serverUrl: string | undefined;
}

async function countOf(db: Db, text: string): Promise<{ ms: number; rows: { household_id: number; member_id: number | null }[] }> {
  const t = await timeIt(() => query<{ household_id: number; member_id: number | null }>(db, sql.raw(`SELECT household_id, member_id FROM (${text}) q`)));
  return { ms: t.ms, rows: t.value };
}

export async function runVerificationBench(opts: VerificationBenchOptions): Promise<void> {
  const { households, serverUrl } = opts;
  console.log(`# Jingzhun verification benchmark — ${households.toLocaleString('en')} households, ${serverUrl ? 'PostgreSQL server' : 'PGlite'}${opts.smoke ? ' (smoke)' : ''}`);
  const database = await scratchDatabase(serverUrl);
  try {
    const gen = await timeIt(() => generateDemoCity(database.db, { households, seed: 7 }));
    console.log(`demo generation: ${round(gen.ms / 1000, 1)} s (${gen.value.members.toLocaleString('en')} members)`);
    if (database.kind === 'postgres') await database.db.execute(sql`ANALYZE`);
    const db = database.db;
    const standards = await query<StandardInForce & Record<string, unknown>>(
      db,
      sql`SELECT key, area_path AS "areaPath", value::float8 AS value FROM standard_values
          WHERE effective_from <= ${REFERENCE_DATE} AND (effective_to IS NULL OR effective_to >= ${REFERENCE_DATE})`,
    );
    const ctx: RuleRunContext = { referenceDate: REFERENCE_DATE, standards };
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
    let plantedFound = 0;
    const slowest: [string, number, number][] = [];
    const rules = BUILT_IN_RULES.filter((r) => measuresExist || !r.condition.includes('measures'));
    for (const r of rules) {
      const checked = checkRule(r);
      if (!checked.ok) throw new Error(`${r.code} does not check`);
      const compiled = await countOf(db, ruleSql(checked.rule, ctx));
      catalogueMs += compiled.ms;
      findings += compiled.rows.length;
      slowest.push([r.code, compiled.ms, compiled.rows.length]);
      const expected = plantedOf.get(r.code);
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
    const named = rules.map((r) => {
      const checked = checkRule(r);
      if (!checked.ok) throw new Error(r.code);
      return { code: r.code, rule: checked.rule };
    });
    const batch = await timeIt(() => query(db, sql.raw(rulesSql(named, ctx))));
    const assessment = await timeIt(() => refreshAssessments(db, { referenceDate: REFERENCE_DATE }));
    console.log(`catalogue in one statement: ${rules.length} rules in ${round(batch.ms / 1000, 2)} s, ${batch.value.length.toLocaleString('en')} findings`);
    console.log(`household assessment (all households): ${round(assessment.ms / 1000, 2)} s; catalogue + assessment = ${round((batch.ms + assessment.ms) / 1000, 2)} s`);
    console.log(`catalogue rule by rule: ${round(catalogueMs / 1000, 2)} s, ${findings.toLocaleString('en')} findings`);
    console.log(`rules with a hand-written twin (${plantedOf.size}): compiled ${round(twinCompiledMs / 1000, 2)} s vs hand-written ${round(twinHandMs / 1000, 2)} s = ratio ${round(twinCompiledMs / twinHandMs, 2)}`);
    console.log(`slowest rules: ${slowest.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([c, ms, n]) => `${c} ${Math.round(ms)} ms (${n})`).join(', ')}`);
    console.log(`precision ${round(findings ? truePositives / findings : 1, 4)} (${truePositives}/${findings} findings are the planted problem of their rule), recall ${round(plantedTotal ? plantedFound / plantedTotal : 1, 4)} (${plantedFound}/${plantedTotal} planted problems found)`);
    console.log(`peak memory: ${await peakRssMb()} MB`);
  } finally {
    await database.dispose();
  }
}
