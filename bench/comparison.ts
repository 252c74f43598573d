/**
 * Department comparison benchmark (issue 5, item 9), part of `npm run bench`: a generated city with every
 * department's dataset, the matching of damaged rows, and the 34 comparison rules compiled from the rule language —
 * all at once, and department by department — against the same comparisons written by hand as plain SQL for the
 * rules that have a hand-written twin. `--dataset-rows N` pads every dataset with people outside the registry up to
 * N rows (they are listed as unmatched, as a city-wide list would hold them), to measure lists of province size: the
 * nine departments' main lists of DOMAIN.md §7 are padded, the smaller lists keep their generated size.
 */
import { sql } from 'drizzle-orm';
import { query, type Db } from '../src/db/client.js';
import { scratchDatabase } from '../src/db/scratch.js';
import { BUILT_IN_RULES, checkRule, ruleSql, rulesSql, type NamedRule } from '../src/domain/rules/index.js';
import { generateDemoCity, REFERENCE_DATE } from '../src/modules/demo/generate.js';
import { generateDepartmentData } from '../src/modules/departments/demo-data.js';
import { runContext } from '../src/modules/rules/context.js';
import { peakRssMb, round, timeIt } from './stats.js';

export interface ComparisonBenchOptions {
  households: number;
  datasetRows: number;
  smoke: boolean;
  serverUrl: string | undefined;
}

const ACTIVE = `m.joined_on <= DATE '${REFERENCE_DATE}' AND (m.ended_on IS NULL OR m.ended_on > DATE '${REFERENCE_DATE}') AND (h.ended_on IS NULL OR h.ended_on > DATE '${REFERENCE_DATE}')`;
const POOR = `h.type IN ('lifted', 'monitored')`;

/** The same comparisons as the rule language's, written by hand (snapshot ids filled in per run). */
function handWritten(s: Record<string, number>): Record<string, string> {
  const member = (where: string) => `SELECT m.household_id, m.id AS member_id FROM members m JOIN households h ON h.id = m.household_id WHERE ${ACTIVE} AND ${POOR} AND ${where}`;
  const has = (type: string, where = 'true') => `EXISTS (SELECT 1 FROM dept_records r WHERE r.snapshot_id = ${s[type]} AND r.member_id = m.id AND ${where})`;
  return {
    'CMP-004': member(`NOT ${has('insurance_enrolment')}`),
    'CMP-011': member(`m.health = 'disabled' AND NOT ${has('disability_certificates')}`),
    'CMP-013': member(`${has('disability_certificates', `r.data->>'grade' IN ('1', '2')`)} AND NOT ${has('disability_subsidies', `r.data->>'kind' = 'care'`)}`),
    'CMP-015': member(`${has('social_assistance', `r.data->>'kind' = 'dibao'`)} AND coalesce(m.dibao, false) = false`),
    'CMP-026': member(has('deregistrations', `(r.data->>'cancelledOn')::date <= DATE '${REFERENCE_DATE}'`)),
    'CMP-029': member(has('vehicles')),
    'CMP-031': member(has('salaried_staff')),
    'CMP-021': `SELECT h.id AS household_id, NULL::int AS member_id FROM households h WHERE (h.ended_on IS NULL OR h.ended_on > DATE '${REFERENCE_DATE}') AND ${POOR}
      AND h.housing_grade IN ('C', 'D') AND h.housing_exemption IS NULL
      AND NOT EXISTS (SELECT 1 FROM dept_records r JOIN members m ON m.id = r.member_id WHERE r.snapshot_id = ${s.renovation_list} AND m.household_id = h.id
                      AND m.joined_on <= DATE '${REFERENCE_DATE}' AND (m.ended_on IS NULL OR m.ended_on > DATE '${REFERENCE_DATE}'))`,
  };
}

async function rows(db: Db, text: string) {
  return timeIt(() => query<{ household_id: number; member_id: number | null }>(db, sql.raw(`SELECT household_id, member_id FROM (${text}) q`)));
}

/** The nine departments' main lists (DOMAIN.md §7), the ones a province-scale comparison pads to full size. */
const NINE = ['school_enrolment', 'insurance_enrolment', 'family_doctor', 'housing_appraisal', 'water_survey', 'disability_certificates', 'social_assistance', 'employment', 'deregistrations'];

async function padDatasets(db: Db, target: number): Promise<void> {
  const sizes = await query<{ id: number; n: number }>(
    db,
    sql`SELECT r.snapshot_id AS id, count(*)::int AS n FROM dept_records r JOIN dept_snapshots s ON s.id = r.snapshot_id
        WHERE s.dataset_type = ANY(${sql.param(NINE)}::text[]) GROUP BY r.snapshot_id`,
  );
  for (const { id, n } of sizes) {
    const extra = target - Number(n);
    if (extra <= 0) continue;
    await db.execute(sql`INSERT INTO dept_records (snapshot_id, sheet, row_number, name, birth_date, data, as_of, area_path, match_status)
      SELECT ${id}, 'Sheet1', 200000 + g, '外' || g, DATE '1940-01-01' + (g % 25000), (SELECT data FROM dept_records WHERE snapshot_id = ${id} LIMIT 1), '2020-08-31', '/', 'unmatched'
      FROM generate_series(1, ${extra}) g`);
  }
}

export async function runComparisonBench(opts: ComparisonBenchOptions): Promise<void> {
  const { households, serverUrl } = opts;
  console.log(`# Jingzhun department comparison benchmark — ${households.toLocaleString('en')} households, ${serverUrl ? 'PostgreSQL server' : 'PGlite'}${opts.smoke ? ' (smoke)' : ''}`);
  const database = await scratchDatabase(serverUrl, 8, 'jz_bench', 'file');
  try {
    const db = database.db;
    const gen = await timeIt(() => generateDemoCity(db, { households, seed: 7, departmentData: false }));
    console.log(`registry generation: ${round(gen.ms / 1000, 1)} s (${gen.value.members.toLocaleString('en')} members)`);
    const dept = await timeIt(() => generateDepartmentData(db, { seed: 7 }));
    console.log(`department data (17 datasets, generated in SQL and matched): ${round(dept.ms / 1000, 1)} s, ${dept.value.toLocaleString('en')} records`);
    if (opts.datasetRows > 0) {
      const pad = await timeIt(() => padDatasets(db, opts.datasetRows));
      console.log(`padded the nine departments' main lists to ${opts.datasetRows.toLocaleString('en')} rows each with people outside the registry: ${round(pad.ms / 1000, 1)} s`);
    }
    await db.execute(sql`ANALYZE`);

    const [m] = await query<{ damaged: number; auto: number; review: number; wrong: number; outsiders: number; outsiders_matched: number; total: number; exact: number }>(
      db,
      sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE r.match_status = 'id_exact')::int AS exact,
                 count(*) FILTER (WHERE r.id_number IS NULL AND r.name NOT LIKE '非建档%' AND r.name NOT LIKE '外%')::int AS damaged,
                 count(*) FILTER (WHERE r.id_number IS NULL AND r.name NOT LIKE '非建档%' AND r.name NOT LIKE '外%' AND r.match_status = 'auto')::int AS auto,
                 count(*) FILTER (WHERE r.id_number IS NULL AND r.name NOT LIKE '非建档%' AND r.name NOT LIKE '外%' AND r.match_status = 'review')::int AS review,
                 count(*) FILTER (WHERE r.match_status = 'auto' AND (mm.birth_date <> r.birth_date OR mm.sex <> r.sex))::int AS wrong,
                 count(*) FILTER (WHERE r.name LIKE '非建档%')::int AS outsiders,
                 count(*) FILTER (WHERE r.name LIKE '非建档%' AND r.member_id IS NOT NULL)::int AS outsiders_matched
          FROM dept_records r LEFT JOIN members mm ON mm.id = r.member_id`,
    );
    console.log(
      `matching: ${m!.total.toLocaleString('en')} records, ${m!.exact.toLocaleString('en')} by ID; damaged rows (no ID, traditional characters, swapped digits) ${m!.damaged}: ` +
        `auto ${m!.auto} (${round((100 * m!.auto) / Math.max(1, m!.damaged), 1)} %), review ${m!.review}, wrong automatic matches ${m!.wrong}; outsiders matched ${m!.outsiders_matched} of ${m!.outsiders}`,
    );

    const ctx = await runContext(db, REFERENCE_DATE);
    const named: (NamedRule & { department: string })[] = BUILT_IN_RULES.filter((r) => r.shape === 'department').map((r) => {
      const c = checkRule(r);
      if (!c.ok) throw new Error(`${r.code} does not check`);
      return { code: r.code, rule: c.rule, department: r.department };
    });
    const all = await timeIt(() => query<{ rule_code: string }>(db, sql.raw(`SELECT rule_code FROM (${rulesSql(named, ctx)}) v`)));
    console.log(`all ${named.length} comparison rules in one statement (each a UNION branch joining its lists): ${round(all.ms / 1000, 2)} s, ${all.value.length.toLocaleString('en')} findings`);
    const departments = [...new Set(named.map((r) => r.department))];
    const perDept: string[] = [];
    let sumDept = 0;
    for (const d of departments) {
      const t = await timeIt(() => query(db, sql.raw(`SELECT rule_code FROM (${rulesSql(named.filter((r) => r.department === d), ctx)}) v`)));
      sumDept += t.ms;
      perDept.push(`${d} ${round(t.ms / 1000, 2)} s (${t.value.length})`);
    }
    console.log(`by department (sum ${round(sumDept / 1000, 2)} s): ${perDept.join(', ')}`);

    const hand = handWritten(ctx.datasets ?? {});
    let compiledMs = 0;
    let handMs = 0;
    const detail: string[] = [];
    for (const [code, text] of Object.entries(hand)) {
      const rule = named.find((r) => r.code === code)!;
      const c = await rows(db, ruleSql(rule.rule, ctx));
      const h = await rows(db, text);
      if (c.value.length !== h.value.length) throw new Error(`${code}: compiled ${c.value.length} rows, hand-written ${h.value.length}`);
      compiledMs += c.ms;
      handMs += h.ms;
      detail.push(`${code} ${round(c.ms)}/${round(h.ms)} ms (${c.value.length})`);
    }
    console.log(`compiled vs hand-written SQL on ${detail.length} rules with a twin: ${round(compiledMs)} ms vs ${round(handMs)} ms, ratio ${round(compiledMs / Math.max(1, handMs), 2)} — ${detail.join(', ')}`);
    console.log(`peak RSS: ${await peakRssMb()} MB`);
  } finally {
    await database.dispose();
  }
}
