/**
 * The SQL compiler and the in-memory evaluator agree on random registries, rule by rule: for the whole built-in
 * catalogue and for expressions that exercise the rest of the language.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type Db } from '../../db/client.js';
import { BUILT_IN_RULES, checkRule, evaluateRule, ruleSql, rulesSql, type CheckedRule, type RuleRunContext, type RuleSource, type StandardInForce, type Violation } from '../../domain/rules/index.js';
import { seedDemoStandards } from '../standards/service.js';
import { testDatabase } from '../../test/database.js';
import { makeCity } from '../../test/factories.js';
import { householdArb, loadRuleData, writeRandomRegistry } from './random-registry.js';
import { DATASET_TYPES } from '../../domain/departments/datasets.js';

const REF = '2020-09-01';

/** Expressions beyond the catalogue: arithmetic, division by zero, functions, all(), dates, shares, nulls. */
const LANGUAGE_CASES: RuleSource[] = [
  { subject: 'member', condition: 'coalesce(member.monthly_wage, 0) * 12 / household.size > 20000' },
  { subject: 'member', condition: 'member.monthly_wage / (member.employment_months - 12) < 0' },
  { subject: 'member', condition: "days_between(member.birth_date, ref_date) between 2190 and 2200 or months_between(member.joined_on, date '2020-09-02') = 0" },
  { subject: 'member', condition: "abs(member.age - head.age) < 15 and member.relation in ('son', 'daughter')" },
  { subject: 'member', condition: "length(member.phone) != 11 or member.phone is empty or not (member.name matches '^成员')" },
  { subject: 'member', condition: 'if(member.dibao, 1, 0) + if(member.tekun, 1, 0) = 1 and member.school_age = 6' },
  { subject: 'member', condition: 'member.id_check_ok = false or member.id_matches_sex is null or not member.id_matches_birth' },
  { subject: 'household', condition: "all(members where member.medical_insurance != 'none') = false" },
  { subject: 'household', condition: "all(members where member.critical_illness_insured) is null and household.size > 0" },
  { subject: 'household', condition: "share(members where member.age >= 60) >= 0.5 or share(members where member.dibao) is null" },
  { subject: 'household', condition: 'income.per_capita between std.monitoring_line and std.dibao_standard or income.net < -1000' },
  { subject: 'household', condition: "households_sharing(household.contact_phone) >= 1 and year(income.period_end) = 2019" },
  { subject: 'household', condition: "not exists(members where member.age < 16) and count(members) >= 2", appliesTo: "household.type != 'ordinary'" },
  { subject: 'household', condition: 'household.water_fetch_minutes > std.water_fetch_minutes_max or -household.water_quantity_lpd > -20' },
  { subject: 'household', condition: "count(insurance_enrolment where member.age > 10 and record.criticalIllness) >= 1 or share(social_assistance where record.monthlyAmount > 35) > 0.5" },
  { subject: 'member', condition: "all(school_enrolment where record.status = 'enrolled') and exists(vehicles) is null" },
  { subject: 'member', condition: 'count(large_medical_cost where record.selfPay > std.medical_selfpay_warning and record.as_of < ref_date) = 0 and exists(deregistrations where record.cancelledOn <= ref_date) = false' },
  // Aggregates as grouped passes, and the predicates that must fall back to a subquery (head, a member rule's measures).
  { subject: 'household', condition: 'count(measures where measure.yearly_value > 0) >= 2 or all(measures where measure.responsible_unit is not empty) = false' },
  { subject: 'household', condition: 'share(measures where measure.end_on < ref_date) > 0.4 or exists(members where member.age between std.school_age_min and std.school_age_max)' },
  { subject: 'member', condition: 'household.size >= 3 and count(members where member.age > head.age) >= 1' },
  { subject: 'member', condition: "exists(measures where measure.kind = 'welfare_post') and member.welfare_post = false" },
  { subject: 'household', condition: "monitoring.status in ('monitored', 'eliminating') and months_between(monitoring.identified_on, ref_date) > 6 or monitoring.income_at_identification < std.monitoring_line" },
];

describe('rule engine: SQL and in-memory evaluation agree', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let villages: { id: number; path: string }[];
  let counties: string[];
  let cityPath: string;
  let ctx: RuleRunContext;
  let snapshots: Record<string, number> = {};
  const rules: { code: string; rule: CheckedRule }[] = [];

  beforeAll(async () => {
    const t = await testDatabase();
    db = t.db;
    dispose = t.dispose;
    const city = await makeCity(db);
    villages = [city.guanV1, city.guanV2, city.shenV1, city.shenV2];
    counties = [city.guan.path, city.shen.path];
    cityPath = city.city.path;
    await db.execute(sql`UPDATE areas SET water_scarce = true WHERE id = ${city.shenV2.id}`);
    await seedDemoStandards(db, city.city);
    // A county override, so the most specific area's value is what both sides must pick.
    await db.execute(sql`INSERT INTO standard_values (key, area_id, area_path, value, effective_from, note)
      VALUES ('monitoring_line', ${city.shen.id}, ${city.shen.path}, 5000, '2020-01-01', 'test override'),
             ('water_quantity_lpd', ${city.guan.id}, ${city.guan.path}, 40, '2020-01-01', 'test override')`);
    const standards = await query<StandardInForce & Record<string, unknown>>(
      db,
      sql`SELECT key, area_path AS "areaPath", value::float8 AS value FROM standard_values WHERE effective_from <= ${REF} AND (effective_to IS NULL OR effective_to >= ${REF})`,
    );
    // Records of every dataset type, but one type's snapshot is not in force: rules over it must be silent on both sides.
    const datasets: Record<string, number> = {};
    for (const type of DATASET_TYPES) {
      const [row] = await query<{ id: number }>(db, sql`INSERT INTO dept_snapshots (dataset_type, department, as_of, status, file_name, area_id, area_path, username)
        VALUES (${type.code}, ${type.department}, '2020-08-31', 'committed', 'random.xlsx', ${city.city.id}, ${city.city.path}, 'test') RETURNING id`);
      datasets[type.code] = Number(row!.id);
    }
    snapshots = { ...datasets };
    delete datasets.vehicles;
    ctx = { referenceDate: REF, standards, datasets };
    for (const source of [...BUILT_IN_RULES, ...LANGUAGE_CASES]) {
      const checked = checkRule(source);
      if (!checked.ok) throw new Error(`${JSON.stringify(source)}: ${JSON.stringify(checked.errors)}`);
      rules.push({ code: 'code' in source ? String(source.code) : source.condition, rule: checked.rule });
    }
  });
  afterAll(async () => {
    await dispose?.();
  });

  const key = (v: { householdId: number; memberId: number | null }) => `${v.householdId}/${v.memberId ?? '-'}`;
  const roundEvidence = (e: Violation['evidence']) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v]));

  it('on random households, for every rule: the same records and the same evidence', async () => {
    let compared = 0;
    let found = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(householdArb, { minLength: 1, maxLength: 12 }), async (households) => {
        await writeRandomRegistry(db, villages, households, snapshots);
        const data = await loadRuleData(db);
        const perRule: { line: string; householdId: number }[] = [];
        for (const { code, rule } of rules) {
          const fromSql = (await query<{ household_id: number; member_id: number | null; evidence: Violation['evidence'] }>(db, sql.raw(ruleSql(rule, ctx)))).map((r) => ({
            householdId: r.household_id,
            memberId: r.member_id,
            evidence: roundEvidence(r.evidence),
          }));
          const inMemory = evaluateRule(rule, data, ctx).map((v) => ({ ...v, evidence: roundEvidence(v.evidence) }));
          const sort = (list: typeof fromSql) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
          expect(sort(inMemory), code).toEqual(sort(fromSql));
          compared++;
          found += fromSql.length;
          perRule.push(...fromSql.map((v) => ({ line: `${code} ${key(v)} ${JSON.stringify(v.evidence)}`, householdId: v.householdId })));
        }
        // The whole catalogue in one statement reports exactly what the rules report one by one; scoped to a county,
        // where each standard is one value (a literal in the statement), what they report for its households.
        const catalogue = async (areaPath?: string, context: RuleRunContext = ctx) =>
          (
            await query<{ rule_code: string; household_id: number; member_id: number | null; evidence: Violation['evidence'] }>(
              db,
              sql.raw(rulesSql(rules.map((r) => ({ code: r.code, rule: r.rule })), context, { areaPath })),
            )
          )
            .map((b) => `${b.rule_code} ${key({ householdId: b.household_id, memberId: b.member_id })} ${JSON.stringify(roundEvidence(b.evidence))}`)
            .sort();
        expect(await catalogue()).toEqual(perRule.map((r) => r.line).sort());
        // Scoped to the city known to hold the whole registry: no area filters in the helper passes, the same findings.
        expect(await catalogue(cityPath, { ...ctx, registryAreaPath: cityPath })).toEqual(perRule.map((r) => r.line).sort());
        const pathOf = new Map(data.households.map((h) => [Number(h.id), String(h.area_path)]));
        for (const county of counties) {
          expect(await catalogue(county), county).toEqual(perRule.filter((r) => pathOf.get(r.householdId)!.startsWith(county)).map((r) => r.line).sort());
        }
      }),
      { numRuns: 12, seed: 20200901 },
    );
    // The data must make rules fire, or the agreement would be empty.
    expect(found).toBeGreaterThan(compared / 3);
  }, 240_000);
});
