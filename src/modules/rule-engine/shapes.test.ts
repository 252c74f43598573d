/**
 * Each rule shape of DOMAIN.md §8 on small hand-made households: the record that breaks the rule is found, the
 * clean one and the one with missing data are not (missing data is "unknown", never a violation unless the rule is
 * a required-field check), and boundary ages fall on the right side of 1 September.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type Db } from '../../db/client.js';
import { BUILT_IN_RULES, checkRule, evaluateRule, ruleSql, rulesSql, type RuleRunContext, type RuleSource, type StandardInForce } from '../../domain/rules/index.js';
import { seedDemoStandards } from '../standards/service.js';
import { testDatabase } from '../../test/database.js';
import { makeCity } from '../../test/factories.js';
import { loadRuleData, writeRandomRegistry, type RandomHousehold, type RandomMember } from './random-registry.js';

const REF = '2020-09-01';

function person(o: Partial<RandomMember> = {}): RandomMember {
  return {
    sex: 'male', birth_date: '1970-05-01', relation: 'head', idKind: 'valid', school_status: 'not_in_school', not_in_school_reason: null, health: 'healthy',
    disability_kind: null, disability_grade: null, disability_cert_no: null, labour_ability: 'ordinary', employment_place: 'none', employer: null,
    employment_months: null, monthly_wage: null, medical_insurance: 'resident', critical_illness_insured: true, family_doctor: false, dibao: false,
    tekun: false, welfare_post: false, phone: null, joined_on: '2014-01-01', ended_on: null, records: [], ...o,
  };
}

function home(o: Partial<RandomHousehold> = {}, members: RandomMember[] = [person()]): RandomHousehold {
  return {
    village: 0, type: 'lifted', poverty_attribute: 'general', main_cause: 'illness', contact_phone: '13800000009', lifted_year: 2018, helper_name: '李四',
    helper_phone: '13700000000', food_secure: true, clothing_secure: true, housing_area: 80, housing_grade: 'A', housing_appraised_on: '2019-01-01',
    housing_exemption: null, water_source: 'piped_large', water_quantity_lpd: 60, water_piped_to_yard: true, water_fetch_minutes: null,
    water_guarantee_rate: 100, water_quality_ok: true, land_cultivated: 2.5, registered_on: '2014-06-01', ended_on: null,
    incomes: [{ period: ['2019-01-01', '2019-12-31'], wage: 12000, business: 0, transfer: 0, production_cost: 0, medical_self_pay: 0 }],
    cases: [],
    measures: [],
    members, ...o,
  };
}

interface Case {
  name: string;
  rule: string;
  households: RandomHousehold[];
  /** Records expected as violations: [household index, member index or null]. */
  expect: [number, number | null][];
}

const child = (birth: string, o: Partial<RandomMember> = {}) => person({ relation: 'son', birth_date: birth, labour_ability: 'none', school_status: 'primary', ...o });

const CASES: Case[] = [
  {
    name: 'required field: empty main cause is found, a filled one is not, ordinary households are outside the population',
    rule: 'REQ-001',
    households: [home({ main_cause: null }), home(), home({ main_cause: null, type: 'ordinary' })],
    expect: [[0, null]],
  },
  {
    name: 'person: a child turning 6 on 31 August is of school age on 1 September, one turning 6 on 2 September is not',
    rule: 'PER-001',
    households: [
      home({}, [person(), child('2014-08-31', { school_status: 'not_in_school' }), child('2014-09-02', { school_status: 'not_in_school' })]),
      home({}, [person(), child('2005-09-01', { school_status: 'not_in_school' }), child('2005-09-02', { school_status: 'not_in_school' })]),
      home({}, [person(), child('2010-01-01', { school_status: 'not_in_school', not_in_school_reason: 'home_teaching' }), child('2010-01-01', { school_status: null })]),
    ],
    // 2005-09-01 turns 15 on the day (still compulsory age); 2005-09-02 is 14… both in range: both found.
    expect: [[0, 1], [1, 1], [1, 2]],
  },
  {
    name: 'person: age against labour ability with both working-age limits from the standards',
    rule: 'PER-003',
    households: [home({}, [person(), child('2004-09-02', { labour_ability: 'ordinary' }), person({ relation: 'parent', birth_date: '1945-09-01', labour_ability: 'skilled' }), person({ relation: 'parent', birth_date: '1945-09-02', labour_ability: 'ordinary' })])],
    expect: [[0, 1], [0, 2]],
  },
  {
    name: 'person: head and spouse of one sex (the head is read through head.*); a missing spouse sex is not a violation',
    rule: 'PER-004',
    households: [home({}, [person(), person({ relation: 'spouse' })]), home({}, [person(), person({ relation: 'spouse', sex: 'female' })])],
    expect: [[0, 1]],
  },
  {
    name: 'person: ID number check character',
    rule: 'PER-007',
    households: [home({}, [person({ idKind: 'bad_check' }), person({ relation: 'son' })])],
    expect: [[0, 0]],
  },
  {
    name: 'household vs members: a share of members (more than a quarter can work) for cause "lack of labour"',
    rule: 'HHM-008',
    households: [
      home({ main_cause: 'no_labour' }, [person(), person({ relation: 'spouse', sex: 'female', labour_ability: 'none' }), person({ relation: 'parent', labour_ability: 'none' }), person({ relation: 'parent', labour_ability: 'none' })]),
      home({ main_cause: 'no_labour' }, [person(), person({ relation: 'spouse', sex: 'female', labour_ability: 'none' }), person({ relation: 'parent', labour_ability: 'none' }), person({ relation: 'parent', labour_ability: 'ordinary' })]),
    ],
    expect: [[1, null]],
  },
  {
    name: 'household vs members: a no-labour household with nobody on 低保 or 特困; one on 低保 is fine; a member who left does not count',
    rule: 'HHM-002',
    households: [
      home({}, [person({ labour_ability: 'none' })]),
      home({}, [person({ labour_ability: 'none', dibao: true })]),
      home({}, [person({ labour_ability: 'lost' }), person({ relation: 'son', labour_ability: 'ordinary', ended_on: '2019-05-01' })]),
    ],
    expect: [[0, null], [2, null]],
  },
  {
    name: 'threshold: water quantity against the water-scarce threshold of the household’s area; unknown quantity is not a violation',
    rule: 'THR-003',
    households: [home({ water_quantity_lpd: 34.9 }), home({ water_quantity_lpd: 34.9, village: 3 }), home({ water_quantity_lpd: 19.9, village: 3 }), home({ water_quantity_lpd: null })],
    expect: [[0, null], [2, null]],
  },
  {
    name: 'threshold: income below the monitoring line for lifted-out households, from the latest full-year record',
    rule: 'THR-001',
    households: [
      home({}, [person(), person({ relation: 'spouse', sex: 'female' }), child('2012-01-01'), child('2013-01-01')]),
      home({ incomes: [{ period: ['2019-10-01', '2020-06-30'], wage: 100, business: 0, transfer: 0, production_cost: 0, medical_self_pay: 0 }] }),
      home({ type: 'monitored' }, [person(), person({ relation: 'spouse', sex: 'female' }), child('2012-01-01'), child('2013-01-01')]),
    ],
    expect: [[0, null]],
  },
  {
    name: 'dates: lifted out in the year of registration',
    rule: 'DAT-005',
    households: [home({ lifted_year: 2014 }), home({ lifted_year: 2016 }), home({ lifted_year: 2014, registered_on: null })],
    expect: [[0, null]],
  },
  {
    name: 'dates: risk eliminated one month after identification, not six months after; the latest episode on the reference date counts',
    rule: 'DAT-007',
    households: [
      home({ type: 'monitored' }, [person()]),
      home({ type: 'monitored', cases: [{ status: 'eliminated', identified_on: '2020-01-15', months: 1 }] }),
      home({ type: 'monitored', cases: [{ status: 'eliminated', identified_on: '2019-10-15', months: 6 }] }),
      home({ type: 'monitored', cases: [{ status: 'eliminated', identified_on: '2020-01-15', months: 1 }, { status: 'monitored', identified_on: '2020-05-01', months: 0 }] }),
      home({ type: 'monitored', cases: [{ status: 'eliminated', identified_on: '2019-10-15', months: 6 }, { status: 'eliminated', identified_on: '2020-09-15', months: 0 }] }),
    ].map((h, i) => (i === 0 ? { ...h, cases: [{ status: 'eliminated' as const, identified_on: '2020-03-01', months: 0 }] } : h)),
    expect: [[0, null], [1, null]],
  },
  {
    name: 'thresholds: risk eliminated while the last full year’s income per head is below the monitoring line',
    rule: 'THR-014',
    households: [
      home({ type: 'monitored', cases: [{ status: 'eliminated', identified_on: '2019-10-01', months: 6 }], incomes: [{ period: ['2019-01-01', '2019-12-31'], wage: 4000, business: 0, transfer: 0, production_cost: 0, medical_self_pay: 0 }] }),
      home({ type: 'monitored', cases: [{ status: 'eliminated', identified_on: '2019-10-01', months: 6 }] }),
      home({ type: 'monitored', cases: [{ status: 'monitored', identified_on: '2019-10-01', months: 0 }], incomes: [{ period: ['2019-01-01', '2019-12-31'], wage: 4000, business: 0, transfer: 0, production_cost: 0, medical_self_pay: 0 }] }),
      home({ type: 'monitored', cases: [{ status: 'eliminated', identified_on: '2019-10-01', months: 6 }], incomes: [] }),
    ],
    expect: [[0, null]],
  },
  {
    name: 'across households: one mobile number on members of two households, not within one',
    rule: 'XHH-001',
    households: [
      home({}, [person({ phone: '13800000001' }), person({ relation: 'spouse', sex: 'female', phone: '13800000001' })]),
      home({}, [person({ phone: '13800000002' })]),
      home({}, [person({ phone: '13800000002' })]),
      home({ ended_on: '2020-01-01' }, [person({ phone: '13800000001' })]),
    ],
    expect: [[1, 0], [2, 0]],
  },
];

describe('rule shapes on hand-made households', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let villages: { id: number; path: string }[];
  let ctx: RuleRunContext;

  beforeAll(async () => {
    const t = await testDatabase();
    db = t.db;
    dispose = t.dispose;
    const city = await makeCity(db);
    villages = [city.guanV1, city.guanV2, city.shenV1, city.shenV2];
    await db.execute(sql`UPDATE areas SET water_scarce = true WHERE id = ${city.shenV2.id}`);
    await seedDemoStandards(db, city.city);
    const standards = await query<StandardInForce & Record<string, unknown>>(db, sql`SELECT key, area_path AS "areaPath", value::float8 AS value FROM standard_values`);
    ctx = { referenceDate: REF, standards };
  });
  afterAll(async () => {
    await dispose?.();
  });

  it.each(CASES)('$rule — $name', async (c) => {
    await writeRandomRegistry(db, villages, c.households);
    const source = BUILT_IN_RULES.find((r) => r.code === c.rule)!;
    const checked = checkRule(source);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const members = await query<{ id: number; household_id: number }>(db, sql`SELECT id, household_id FROM members ORDER BY id`);
    const memberIndex = (m: number | null, h: number) => (m === null ? null : members.filter((x) => x.household_id === h).findIndex((x) => x.id === m));
    const rows = await query<{ household_id: number; member_id: number | null }>(db, sql.raw(ruleSql(checked.rule, ctx)));
    const got = rows.map((r) => [r.household_id - 1, memberIndex(r.member_id, r.household_id)]).sort();
    expect(got).toEqual([...c.expect].sort());
    const data = await loadRuleData(db);
    expect(evaluateRule(checked.rule, data, ctx).length).toBe(c.expect.length);
  });
  it('a list compared with its subject over several records: the least, greatest or any record decides, as in memory', async () => {
    const snapshots: Record<string, number> = {};
    for (const type of ['water_survey', 'large_medical_cost', 'insurance_enrolment']) {
      const [row] = await query<{ id: number }>(db, sql`INSERT INTO dept_snapshots (dataset_type, department, as_of, status, file_name, area_id, area_path, username)
        VALUES (${type}, 'test', '2020-08-31', 'committed', 'list.xlsx', ${villages[0]!.id}, '/', 'test') RETURNING id`);
      snapshots[type] = Number(row!.id);
    }
    const rec = (type: string, data: Record<string, string | number>) => ({ type, matched: true, data });
    const survey = (...lpd: number[]) => lpd.map((quantityLpd) => rec('water_survey', { quantityLpd }));
    const cost = (...selfPay: number[]) => selfPay.map((v) => rec('large_medical_cost', { selfPay: v }));
    const scheme = (...schemes: string[]) => schemes.map((v) => rec('insurance_enrolment', { scheme: v }));
    await writeRandomRegistry(
      db,
      villages,
      [
        // Water 60 l: surveys 70 and 50 across two members (one below), 70 and 80 (none below), none at all.
        home({}, [person({ records: survey(70) }), person({ relation: 'spouse', records: survey(50) })]),
        home({}, [person({ records: survey(70, 80) })]),
        home(),
        // Wage 2,500: self-pay 100 and 3,000 (one above), 100 and 200 (none); resident insured listed as resident and
        // employee (one differs), resident twice (none differs, one equal).
        home({}, [person({ monthly_wage: 2500, records: [...cost(100, 3000), ...scheme('resident', 'employee')] })]),
        home({}, [person({ monthly_wage: 2500, records: [...cost(100, 200), ...scheme('resident', 'resident')] })]),
      ],
      snapshots,
    );
    const sources: RuleSource[] = [
      { subject: 'household', condition: 'exists(water_survey where record.quantityLpd < household.water_quantity_lpd)' },
      { subject: 'household', condition: 'none(water_survey where record.quantityLpd >= std.water_quantity_lpd and household.size > 0)' },
      { subject: 'household', condition: 'exists(water_survey where household.water_quantity_lpd <= record.quantityLpd)' },
      { subject: 'member', condition: 'exists(large_medical_cost where record.selfPay > member.monthly_wage)' },
      { subject: 'member', condition: 'exists(insurance_enrolment where record.scheme != member.medical_insurance)' },
      { subject: 'member', condition: 'none(insurance_enrolment where member.medical_insurance = record.scheme)' },
      { subject: 'member', condition: 'exists(large_medical_cost where coalesce(record.selfPay, 0) > member.monthly_wage and record.selfPay >= 100)' },
    ];
    const rules = sources.map((source, i) => {
      const checked = checkRule(source);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return { code: `L${i}`, rule: checked.rule };
    });
    const listCtx = { ...ctx, datasets: snapshots };
    const text = rulesSql(rules, listCtx);
    // The comparisons are made outside the lists' passes, which keep only the records' values.
    for (const kept of ['min(', 'max(', 'array_agg(']) expect(text).toContain(kept);
    const rows = await query<{ rule_code: string; household_id: number; member_id: number | null }>(db, sql.raw(text));
    const data = await loadRuleData(db);
    const found = (code: string) => rows.filter((r) => r.rule_code === code).map((r) => r.household_id).sort();
    expect(found('L0')).toEqual([1]);
    expect(found('L1')).toEqual([3, 4, 5]);
    expect(found('L2')).toEqual([1, 2]);
    expect(found('L3')).toEqual([4]);
    expect(found('L4')).toEqual([4]);
    expect(found('L5')).toEqual([1, 1, 2, 3]);
    expect(found('L6')).toEqual([4]);
    for (const { code, rule } of rules) expect(found(code), code).toEqual(evaluateRule(rule, data, listCtx).map((v) => v.householdId).sort());
  });

  it('XHH-001 in a run of one county still counts the other households across the county line', async () => {
    await writeRandomRegistry(db, villages, [
      home({ village: 0 }, [person({ phone: '13800000003' })]),
      home({ village: 2 }, [person({ phone: '13800000003' })]),
      home({ village: 3 }, [person({ phone: '13800000004' })]),
    ]);
    const checked = checkRule(BUILT_IN_RULES.find((r) => r.code === 'XHH-001')!);
    if (!checked.ok) throw new Error('XHH-001 does not check');
    const county = (v: { path: string }) => v.path.split('/').slice(0, 3).join('/') + '/';
    const inScope = async (areaPath: string) =>
      (await query<{ household_id: number }>(db, sql.raw(ruleSql(checked.rule, ctx, { areaPath })))).map((r) => r.household_id).sort();
    expect(await inScope(county(villages[0]!))).toEqual([1]);
    expect(await inScope(county(villages[2]!))).toEqual([2]);
    expect(await inScope(villages[3]!.path)).toEqual([]);
  });
});
