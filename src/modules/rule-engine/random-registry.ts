/**
 * Random small registries for the property test of the rule engine: households and members drawn from small
 * domains that sit on every boundary the rules test (ages around 6, 16 and 75 on the reference date, water around
 * the thresholds, shared phones, missing values, people who left, bad ID numbers), written straight into the
 * tables so that data the registry service would refuse can be tested too.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import * as codes from '../../domain/codes.js';
import { makeIdNumber } from '../../domain/id-number.js';
import { CASE_STATUSES, OPEN_STATUSES } from '../../domain/monitoring.js';
import { quote, type RuleData } from '../../domain/rules/index.js';
import { DATASET_TYPES, type DatasetColumn } from '../../domain/departments/datasets.js';

const codesOf = (list: readonly { code: string }[]) => list.map((c) => c.code);
const maybe = <T>(arb: fc.Arbitrary<T>, nullShare = 0.15) => fc.option(arb, { freq: Math.round(1 / nullShare), nil: null });
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const day = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from) / 86_400_000, max: Date.parse(to) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/** Birth dates clustered around the ages rules care about on 2020-09-01 (5/6, 15/16, 70, 75) and spread widely. */
const birthDate = fc.oneof(
  day('1900-01-01', '2020-08-31'),
  ...['2014-09-01', '2004-09-01', '1950-09-01', '1945-09-01', '2005-09-01'].map((d) => day(`${Number(d.slice(0, 4)) - 1}-08-25`, `${d.slice(0, 4)}-09-05`)),
);
const PHONES = ['13800000001', '13800000002', '13900000003', '1380000', '12345678901', ''];

/** A value for a dataset column, around the thresholds the comparison rules use. */
function columnArb(c: DatasetColumn): fc.Arbitrary<string | number | boolean | null> {
  if (c.kind.startsWith('coded:')) return maybe(pick(codesOf(codes.CODE_LISTS[c.kind.slice(6) as codes.CodeListName])));
  if (c.kind === 'boolean') return maybe(fc.boolean());
  if (c.kind === 'amount' || c.kind === 'integer') return maybe(pick([0, 20, 35, 6000, 20000, 20001]));
  if (c.kind === 'date') return maybe(pick(['2020-05-01', '2020-09-01', '2020-12-01']));
  return maybe(pick(['某单位', '']));
}

/** A department record of a random dataset type about the member; `matched: false` stays outside every rule. */
export const recordArb = fc.constantFrom(...DATASET_TYPES).chain((type) =>
  fc.record({ type: fc.constant(type.code), matched: fc.integer({ min: 0, max: 9 }).map((n) => n < 8), data: fc.record(Object.fromEntries(type.columns.map((c) => [c.key, columnArb(c)]))) }),
);

export const memberArb = fc.record({
  records: fc.array(recordArb, { maxLength: 3 }),
  sex: pick(['male', 'female']),
  birth_date: birthDate,
  relation: pick(['head', 'head', 'spouse', 'son', 'daughter', 'parent', 'grandchild']),
  idKind: pick(['valid', 'valid', 'valid', 'bad_check', 'wrong_birth', 'shared']),
  school_status: maybe(pick(codesOf(codes.SCHOOL_STATUSES))),
  not_in_school_reason: maybe(pick(codesOf(codes.NOT_IN_SCHOOL_REASONS)), 0.6),
  health: maybe(pick(codesOf(codes.HEALTH_STATUSES))),
  disability_kind: maybe(pick(codesOf(codes.DISABILITY_KINDS)), 0.5),
  disability_grade: maybe(pick(codesOf(codes.DISABILITY_GRADES)), 0.5),
  disability_cert_no: maybe(pick(['', ' ', '37152519800101123X11']), 0.5),
  labour_ability: maybe(pick(codesOf(codes.LABOUR_ABILITIES))),
  employment_place: maybe(pick(codesOf(codes.EMPLOYMENT_PLACES))),
  employer: maybe(pick(['', '某公司'])),
  employment_months: maybe(fc.integer({ min: 0, max: 14 })),
  monthly_wage: maybe(pick([50, 100, 2500, 30000, 30001])),
  medical_insurance: maybe(pick(codesOf(codes.MEDICAL_INSURANCES))),
  critical_illness_insured: maybe(fc.boolean()),
  family_doctor: maybe(fc.boolean()),
  dibao: fc.boolean(),
  tekun: fc.boolean(),
  welfare_post: fc.boolean(),
  phone: maybe(pick(PHONES)),
  joined_on: pick(['2014-01-01', '2020-09-01', '2020-09-02']),
  ended_on: fc.option(pick(['2019-05-01', '2020-09-01', '2020-09-02']), { freq: 6, nil: null }),
});
export type RandomMember = typeof memberArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Monitoring episodes around the reference date, eliminated 0–7 months after identification; at most one open (the
 * registry's unique index), and only the last may be.
 */
const casesArb = fc
  .array(fc.record({ status: pick(CASE_STATUSES), identified_on: day('2019-06-01', '2020-10-31'), months: fc.integer({ min: 0, max: 7 }) }), { maxLength: 2 })
  .map((list) => list.map((c, i) => (i < list.length - 1 && OPEN_STATUSES.includes(c.status) ? { ...c, status: 'eliminated' as const } : c)));

/** Measures around the reference date (some ended, some ending before they start), of the kinds rules ask about. */
const measuresArb = fc.array(
  fc.record({
    kind: pick(['safety_net_dibao', 'safety_net_tekun', 'employment', 'welfare_post', 'industry']),
    start_on: pick(['2019-01-01', '2020-09-01', '2020-09-02']),
    end_on: maybe(pick(['2018-12-31', '2020-08-31', '2020-09-01', '2021-12-31']), 0.6),
    yearly_value: maybe(pick([0, 1200, 6000])),
    responsible_unit: maybe(pick(['', '县人社局'])),
  }),
  { maxLength: 3 },
);

export const householdArb = fc.record({
  village: fc.integer({ min: 0, max: 3 }),
  type: pick(codesOf(codes.HOUSEHOLD_TYPES)),
  poverty_attribute: pick(codesOf(codes.POVERTY_ATTRIBUTES)),
  main_cause: maybe(pick(codesOf(codes.POVERTY_CAUSES))),
  contact_phone: maybe(pick(PHONES)),
  lifted_year: maybe(fc.integer({ min: 2013, max: 2022 })),
  helper_name: maybe(pick(['', '李四'])),
  helper_phone: maybe(pick(['13700000000'])),
  food_secure: maybe(fc.boolean()),
  clothing_secure: maybe(fc.boolean()),
  housing_area: maybe(pick([0, 60, 1200])),
  housing_grade: maybe(pick(codesOf(codes.HOUSING_GRADES))),
  housing_appraised_on: maybe(day('2014-01-01', '2021-01-01')),
  housing_exemption: maybe(pick(codesOf(codes.HOUSING_EXEMPTIONS)), 0.7),
  water_source: maybe(pick(codesOf(codes.WATER_SOURCES))),
  water_quantity_lpd: maybe(pick([19.9, 20, 34.9, 35, 60])),
  water_piped_to_yard: maybe(fc.boolean()),
  water_fetch_minutes: maybe(pick([10, 20, 20.1, 45])),
  water_guarantee_rate: maybe(pick([89.99, 90, 95, 100])),
  water_quality_ok: maybe(fc.boolean()),
  land_cultivated: maybe(pick([-1, 0, 2.5])),
  registered_on: maybe(pick(['2014-06-01', '2016-06-01', '2020-10-01'])),
  ended_on: fc.option(pick(['2020-01-01', '2020-09-02']), { freq: 8, nil: null }),
  members: fc.array(memberArb, { minLength: 0, maxLength: 5 }),
  cases: casesArb,
  measures: measuresArb,
  incomes: fc.array(
    fc.record({
      period: pick([
        ['2019-01-01', '2019-12-31'],
        ['2018-01-01', '2018-12-31'],
        ['2019-10-01', '2020-06-30'],
        ['2020-01-01', '2020-12-31'],
      ] as const),
      wage: pick([0, 3000, 12000]),
      business: pick([0, 2000]),
      transfer: pick([0, 1500]),
      production_cost: pick([0, 500, 30000]),
      medical_self_pay: pick([0, 20000, 20001]),
    }),
    { maxLength: 2 },
  ),
});
export type RandomHousehold = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;

const lit = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : quote(String(v)));

/** Replaces the registry's households, members, incomes, measures and monitoring episodes with these (areas and standards stay). */
export async function writeRandomRegistry(
  db: Db,
  villages: readonly { id: number; path: string }[],
  households: readonly RandomHousehold[],
  /** Snapshot id per dataset type; records of types without one are not written. */
  snapshots: Readonly<Record<string, number>> = {},
): Promise<void> {
  await db.execute(sql`TRUNCATE measures, monitoring_cases, incomes, member_events, members, households RESTART IDENTITY CASCADE`);
  if (!households.length) return;
  let memberSeq = 0;
  const hhRows: string[] = [];
  const memberRows: string[] = [];
  const incomeRows: string[] = [];
  const recordRows: string[] = [];
  const caseRows: string[] = [];
  const measureRows: string[] = [];
  households.forEach((h, i) => {
    const v = villages[h.village % villages.length]!;
    const hid = i + 1;
    hhRows.push(
      `(${hid}, ${lit(`H${hid}`)}, ${v.id}, ${lit(v.path)}, ${[h.type, h.poverty_attribute, h.main_cause, h.contact_phone, h.lifted_year, h.helper_name, h.helper_phone, h.food_secure, h.clothing_secure, h.housing_area, h.housing_grade, h.housing_appraised_on, h.housing_exemption, h.water_source, h.water_quantity_lpd, h.water_piped_to_yard, h.water_fetch_minutes, h.water_guarantee_rate, h.water_quality_ok, h.land_cultivated, h.registered_on, h.ended_on].map(lit).join(', ')})`,
    );
    h.members.forEach((m) => {
      const n = ++memberSeq;
      const valid = makeIdNumber('371525', m.birth_date, (n % 499) * 2 + (m.sex === 'male' ? 1 : 0));
      const id =
        m.idKind === 'bad_check' ? `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}` : m.idKind === 'wrong_birth' ? makeIdNumber('371525', '1999-01-01', 3) : m.idKind === 'shared' ? makeIdNumber('371525', '1980-01-01', 11) : valid;
      for (const r of m.records) {
        const snapshot = snapshots[r.type];
        if (snapshot === undefined) continue;
        recordRows.push(`(${snapshot}, 'S', 1, ${lit(`成员${n}`)}, ${lit(JSON.stringify(r.data))}::jsonb, '2020-08-31', ${r.matched ? n : 'NULL'}, ${r.matched ? hid : 'NULL'}, ${lit(v.path)}, ${lit(r.matched ? 'id_exact' : 'unmatched')})`);
      }
      memberRows.push(
        `(${n}, ${hid}, ${lit(v.path)}, ${lit(`成员${n}`)}, ${lit(id)}, ${[m.sex, m.birth_date, m.relation, m.school_status, m.not_in_school_reason, m.health, m.disability_kind, m.disability_grade, m.disability_cert_no, m.labour_ability, m.employment_place, m.employer, m.employment_months, m.monthly_wage, m.medical_insurance, m.critical_illness_insured, m.family_doctor, m.dibao, m.tekun, m.welfare_post, m.phone, m.joined_on, m.ended_on].map(lit).join(', ')})`,
      );
    });
    for (const ms of h.measures) {
      measureRows.push(`(${hid}, ${lit(v.path)}, ${[ms.kind, ms.start_on, ms.end_on, ms.yearly_value, ms.responsible_unit].map(lit).join(', ')})`);
    }
    for (const c of h.cases) {
      const after = (months: number) => {
        const d = new Date(`${c.identified_on}T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() + months);
        return d.toISOString().slice(0, 10);
      };
      const included = c.status === 'in_procedure' || c.status === 'rejected' ? null : after(1);
      const eliminated = c.status === 'eliminated' ? after(c.months) : null;
      caseRows.push(
        `(${hid}, ${lit(v.path)}, 'unstable_lifted', ARRAY['illness'], ${lit(c.identified_on)}, 4000, 'survey', ${lit(c.status)}, ${lit(c.identified_on)}, ${lit(included)}, ${lit(eliminated)})`,
      );
    }
    h.incomes.forEach((inc, k) => {
      if (h.incomes.findIndex((o) => o.period === inc.period) !== k) return;
      incomeRows.push(`(${hid}, ${lit(v.path)}, ${lit(inc.period[0])}, ${lit(inc.period[1])}, ${[inc.wage, inc.business, inc.transfer, inc.production_cost, inc.medical_self_pay].join(', ')})`);
    });
  });
  await db.execute(
    sql.raw(`INSERT INTO households (id, household_no, area_id, area_path, type, poverty_attribute, main_cause, contact_phone, lifted_year, helper_name, helper_phone,
      food_secure, clothing_secure, housing_area, housing_grade, housing_appraised_on, housing_exemption, water_source, water_quantity_lpd, water_piped_to_yard,
      water_fetch_minutes, water_guarantee_rate, water_quality_ok, land_cultivated, registered_on, ended_on) VALUES ${hhRows.join(', ')}`),
  );
  if (memberRows.length)
    await db.execute(
      sql.raw(`INSERT INTO members (id, household_id, area_path, name, id_number, sex, birth_date, relation, school_status, not_in_school_reason, health, disability_kind,
        disability_grade, disability_cert_no, labour_ability, employment_place, employer, employment_months, monthly_wage, medical_insurance, critical_illness_insured,
        family_doctor, dibao, tekun, welfare_post, phone, joined_on, ended_on) VALUES ${memberRows.join(', ')}`),
    );
  if (recordRows.length)
    await db.execute(sql.raw(`INSERT INTO dept_records (snapshot_id, sheet, row_number, name, data, as_of, member_id, household_id, area_path, match_status) VALUES ${recordRows.join(', ')}`));
  if (measureRows.length)
    await db.execute(sql.raw(`INSERT INTO measures (household_id, area_path, kind, start_on, end_on, yearly_value, responsible_unit) VALUES ${measureRows.join(', ')}`));
  if (caseRows.length)
    await db.execute(
      sql.raw(`INSERT INTO monitoring_cases (household_id, area_path, category, risk_types, identified_on, income_at_identification, source, status, opened_on,
        included_on, eliminated_on) VALUES ${caseRows.join(', ')}`),
    );
  if (incomeRows.length)
    await db.execute(sql.raw(`INSERT INTO incomes (household_id, area_path, period_start, period_end, wage, business, transfer, production_cost, medical_self_pay) VALUES ${incomeRows.join(', ')}`));
}

/** The registry as the in-memory evaluator reads it, straight from the tables (department records too). */
export async function loadRuleData(db: Db): Promise<RuleData> {
  return {
    households: await query(db, sql`SELECT * FROM households`),
    members: await query(db, sql`SELECT * FROM members`),
    incomes: await query(db, sql`SELECT * FROM incomes`),
    cases: await query(db, sql`SELECT * FROM monitoring_cases`),
    measures: await query(db, sql`SELECT * FROM measures`),
    areas: await query(db, sql`SELECT * FROM areas`),
    records: await query(db, sql`SELECT * FROM dept_records`),
  };
}
