/**
 * Every built-in comparison rule (CMP-*) on hand-made households: one that has the problem and one that differs only
 * in what the rule looks at. SQL and the in-memory evaluator must agree on both, and a rule over a dataset nobody
 * uploaded reports nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import { BUILT_IN_RULES } from '../../domain/rules/catalogue/index.js';
import { checkRule, evaluateRule, ruleSql, type CheckedRule } from '../../domain/rules/index.js';
import type { RuleRunContext } from '../../domain/rules/types.js';
import { DATASET_TYPES, datasetType } from '../../domain/departments/datasets.js';
import { testApp, type TestApp } from '../../test/app.js';
import { makeCity, makeHousehold, makeUser, memberInput, newIdNumber } from '../../test/factories.js';
import type { HouseholdFields, MemberFields } from '../registry/inputs.js';
import { runContext } from '../rules/context.js';
import { seedDemoStandards } from '../standards/service.js';
import { deptSnapshots } from './schema.js';

const REF = '2020-09-01';
type Rec = [type: string, data: Record<string, string | number | boolean>];
interface Scenario {
  household?: Partial<HouseholdFields>;
  member?: Partial<MemberFields>;
  /** Born on this date (the ID number is made to agree). */
  born?: string;
  records?: Rec[];
  employmentMeasure?: boolean;
}
interface Case {
  hit: Scenario;
  miss: Scenario;
}

const CHILD = { born: '2010-03-01', member: { relation: 'son', schoolStatus: 'primary' } } as const;
const ENROLLED: Rec = ['school_enrolment', { status: 'enrolled', school: '实验小学' }];
const INSURED: Rec = ['insurance_enrolment', { scheme: 'resident', year: 2020, criticalIllness: true }];
const CERT = (grade: string): Rec => ['disability_certificates', { kind: 'physical', grade }];
const DIBAO: Rec = ['social_assistance', { kind: 'dibao', monthlyAmount: 400 }];
const DEATH: Rec = ['deregistrations', { reason: 'death', cancelledOn: '2020-05-01' }];

const CASES: Record<string, Case> = {
  'CMP-001': { hit: { ...CHILD, records: [['school_enrolment', { status: 'graduated' }]] }, miss: { ...CHILD, records: [ENROLLED] } },
  'CMP-002': { hit: { ...CHILD, records: [['school_enrolment', { status: 'dropout' }]] }, miss: { ...CHILD, member: { relation: 'son', schoolStatus: 'not_in_school', notInSchoolReason: 'dropout' }, records: [['school_enrolment', { status: 'dropout' }]] } },
  'CMP-003': { hit: { ...CHILD, member: { relation: 'son', schoolStatus: 'not_in_school', notInSchoolReason: 'dropout' }, records: [ENROLLED] }, miss: { ...CHILD, records: [ENROLLED] } },
  'CMP-004': { hit: { records: [] }, miss: { records: [INSURED] } },
  'CMP-005': { hit: { records: [['insurance_enrolment', { scheme: 'resident', criticalIllness: false }]] }, miss: { records: [INSURED] } },
  'CMP-006': { hit: { member: { medicalInsurance: 'employee' }, records: [INSURED] }, miss: { member: { medicalInsurance: 'resident' }, records: [INSURED] } },
  'CMP-007': { hit: { records: [['large_medical_cost', { year: 2020, selfPay: 35000 }]] }, miss: { records: [['large_medical_cost', { year: 2020, selfPay: 8000 }]] } },
  'CMP-008': { hit: { records: [['chronic_disease', { disease: '高血压' }]] }, miss: { records: [['chronic_disease', { disease: '高血压' }], ['family_doctor', { signedOn: '2020-01-05' }]] } },
  'CMP-009': { hit: { member: { health: 'healthy' }, records: [['chronic_disease', { disease: '糖尿病' }]] }, miss: { member: { health: 'chronic' }, records: [['chronic_disease', { disease: '糖尿病' }]] } },
  'CMP-010': { hit: { member: { familyDoctor: true }, records: [] }, miss: { member: { familyDoctor: true }, records: [['family_doctor', { signedOn: '2020-01-05' }]] } },
  'CMP-011': { hit: { member: { health: 'disabled', disabilityKind: 'physical', disabilityGrade: '3' }, records: [] }, miss: { member: { health: 'disabled', disabilityKind: 'physical', disabilityGrade: '3' }, records: [CERT('3')] } },
  'CMP-012': { hit: { member: { health: 'healthy' }, records: [CERT('4')] }, miss: { member: { health: 'disabled', disabilityKind: 'physical', disabilityGrade: '4' }, records: [CERT('4')] } },
  'CMP-013': { hit: { member: { health: 'disabled', disabilityKind: 'physical', disabilityGrade: '1' }, records: [CERT('1')] }, miss: { member: { health: 'disabled', disabilityKind: 'physical', disabilityGrade: '1' }, records: [CERT('1'), ['disability_subsidies', { kind: 'care', monthlyAmount: 80 }]] } },
  'CMP-014': { hit: { member: { health: 'disabled', disabilityKind: 'physical', disabilityGrade: '2' }, records: [CERT('3')] }, miss: { member: { health: 'disabled', disabilityKind: 'physical', disabilityGrade: '3' }, records: [CERT('3')] } },
  'CMP-015': { hit: { member: { dibao: false }, records: [DIBAO] }, miss: { member: { dibao: true }, records: [DIBAO] } },
  'CMP-016': { hit: { member: { dibao: true }, records: [['social_assistance', { kind: 'temporary' }]] }, miss: { member: { dibao: true }, records: [DIBAO] } },
  'CMP-017': { hit: { member: { tekun: false }, records: [['social_assistance', { kind: 'tekun' }]] }, miss: { member: { tekun: true }, records: [['social_assistance', { kind: 'tekun' }]] } },
  'CMP-018': { hit: { member: { labourAbility: 'none' }, records: [['social_assistance', { kind: 'temporary' }]] }, miss: { member: { labourAbility: 'none' }, records: [DIBAO] } },
  'CMP-019': { hit: { records: [['social_assistance', { kind: 'temporary', monthlyAmount: 1000 }]] }, miss: { records: [DIBAO] } },
  'CMP-020': { hit: { household: { povertyAttribute: 'dibao' }, records: [['social_assistance', { kind: 'tekun' }]] }, miss: { household: { povertyAttribute: 'dibao' }, records: [DIBAO] } },
  'CMP-021': { hit: { household: { housingGrade: 'D' }, records: [['housing_appraisal', { grade: 'D' }]] }, miss: { household: { housingGrade: 'D' }, records: [['renovation_list', { status: 'planned' }]] } },
  'CMP-022': { hit: { household: { housingGrade: 'A' }, records: [['housing_appraisal', { grade: 'C' }]] }, miss: { household: { housingGrade: 'C' }, records: [['housing_appraisal', { grade: 'C' }]] } },
  'CMP-023': { hit: { household: { housingGrade: 'C' }, records: [['renovation_list', { status: 'done' }]] }, miss: { household: { housingGrade: 'C' }, records: [['renovation_list', { status: 'under_way' }]] } },
  'CMP-024': { hit: { household: { waterQualityOk: true }, records: [['water_survey', { qualityOk: false }]] }, miss: { household: { waterQualityOk: false }, records: [['water_survey', { qualityOk: false }]] } },
  'CMP-025': { hit: { records: [['water_survey', { qualityOk: true, quantityLpd: 20 }]] }, miss: { records: [['water_survey', { qualityOk: true, quantityLpd: 80 }]] } },
  'CMP-026': { hit: { records: [DEATH] }, miss: { records: [['deregistrations', { reason: 'death', cancelledOn: '2020-12-01' }]] } },
  'CMP-027': { hit: { records: [DEATH, DIBAO] }, miss: { records: [DIBAO] } },
  'CMP-028': { hit: { records: [DEATH, ['disability_subsidies', { kind: 'living' }]] }, miss: { records: [['disability_subsidies', { kind: 'living' }]] } },
  'CMP-029': { hit: { records: [['vehicles', { plate: '鲁P12345' }]] }, miss: { records: [INSURED] } },
  'CMP-030': { hit: { records: [['enterprises', { enterprise: '冠县某商贸有限公司', role: 'legal_rep' }]] }, miss: { records: [INSURED] } },
  'CMP-031': { hit: { records: [['salaried_staff', { unit: '某镇人民政府' }]] }, miss: { records: [INSURED] } },
  'CMP-032': { hit: { employmentMeasure: true, records: [INSURED] }, miss: { employmentMeasure: true, records: [['employment', { employer: '某服装厂', monthlyWage: 2600 }]] } },
  'CMP-033': { hit: { member: { employmentPlace: 'county' }, records: [INSURED] }, miss: { member: { employmentPlace: 'county' }, records: [['employment', { employer: '某服装厂' }]] } },
  'CMP-034': { hit: { born: '1950-02-01', records: [['pension', { kind: 'resident', state: 'contributing' }]] }, miss: { born: '1950-02-01', records: [['pension', { kind: 'resident', state: 'receiving', monthlyAmount: 130 }]] } },
};

const COMPARISON = BUILT_IN_RULES.filter((r) => r.shape === 'department');

let t: TestApp;
let ctx: RuleRunContext;
const built = new Map<string, { hit: number; miss: number }>();

async function build(s: Scenario, villageId: number, actor: Parameters<typeof makeHousehold>[1], snapshots: Map<string, number>): Promise<number> {
  const born = s.born ?? '1975-06-01';
  const member = memberInput({ idNumber: newIdNumber(born), ...(s.member ?? {}) } as Partial<MemberFields>);
  const head = s.member?.relation && s.member.relation !== 'head' ? [memberInput({ idNumber: newIdNumber('1978-01-01'), name: '户主' })] : [];
  const id = await makeHousehold(t.db, actor, villageId, { housingGrade: 'A', waterQualityOk: true, ...(s.household ?? {}) }, [...head, member]);
  const [m] = await query<{ id: number }>(t.db, sql`SELECT id FROM members WHERE household_id = ${id} AND id_number = ${member.idNumber}`);
  for (const [type, data] of s.records ?? []) {
    await t.db.execute(sql`INSERT INTO dept_records (snapshot_id, sheet, row_number, id_number, name, data, as_of, member_id, household_id, area_path, match_status)
      SELECT ${snapshots.get(type)!}, 'Sheet1', 2, ${member.idNumber}, ${member.name}, ${JSON.stringify(data)}::jsonb, '2020-08-01', ${m!.id}, ${id}, area_path, 'id_exact' FROM members WHERE id = ${m!.id}`);
  }
  if (s.employmentMeasure)
    await t.db.execute(sql`INSERT INTO measures (household_id, area_path, kind, start_on) SELECT id, area_path, 'employment', '2020-03-01' FROM households WHERE id = ${id}`);
  return id;
}

beforeAll(async () => {
  t = await testApp();
  const city = await makeCity(t.db);
  await seedDemoStandards(t.db, city.city);
  const { actor } = await makeUser(t.db, 'city_office', city.city.id);
  const snapshots = new Map<string, number>();
  for (const type of DATASET_TYPES) {
    const [s] = await t.db
      .insert(deptSnapshots)
      .values({ datasetType: type.code, department: type.department, asOf: '2020-08-01', status: 'committed', fileName: `${type.code}.xlsx`, areaId: city.city.id, areaPath: city.city.path, username: 'test' })
      .returning();
    snapshots.set(type.code, s!.id);
  }
  for (const [code, c] of Object.entries(CASES)) built.set(code, { hit: await build(c.hit, city.guanV1.id, actor, snapshots), miss: await build(c.miss, city.guanV1.id, actor, snapshots) });
  ctx = await runContext(t.db, REF);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function loadData(householdIds: number[]) {
  const ids = sql.param(householdIds);
  const q = (text: ReturnType<typeof sql>) => query<Record<string, unknown>>(t.db, text);
  return {
    households: await q(sql`SELECT * FROM households WHERE id = ANY(${ids}::int[])`),
    members: await q(sql`SELECT * FROM members WHERE household_id = ANY(${ids}::int[])`),
    incomes: await q(sql`SELECT * FROM incomes WHERE household_id = ANY(${ids}::int[])`),
    areas: await q(sql`SELECT * FROM areas`),
    measures: await q(sql`SELECT * FROM measures WHERE household_id = ANY(${ids}::int[])`),
    records: await q(sql`SELECT r.* FROM dept_records r WHERE r.household_id = ANY(${ids}::int[])`),
  };
}

describe('built-in comparison rules', () => {
  it('has at least 25 rules, each naming its department and reading a department dataset, and a case for each', () => {
    expect(COMPARISON.length).toBeGreaterThanOrEqual(25);
    for (const r of COMPARISON) {
      const checked = checkRule(r);
      expect(checked.ok, r.code).toBe(true);
      expect((checked as { rule: CheckedRule }).rule.datasets.length, r.code).toBeGreaterThan(0);
      expect(r.department).not.toBe('poverty_office');
      expect(Object.keys(CASES)).toContain(r.code);
    }
  });

  it.each(COMPARISON.map((r) => [r.code, r] as const))('%s finds the planted problem and not its twin, in SQL and in memory', async (code, r) => {
    const rule = (checkRule(r) as { ok: true; rule: CheckedRule }).rule;
    const { hit, miss } = built.get(code)!;
    const rows = await query<{ household_id: number }>(t.db, sql.raw(ruleSql(rule, ctx, { householdIds: [hit, miss] })));
    expect(rows.map((x) => Number(x.household_id))).toEqual([hit]);
    const data = await loadData([hit, miss]);
    const memory = evaluateRule(rule, data, ctx, new Set([hit, miss]));
    expect(memory.map((v) => v.householdId)).toEqual([hit]);
  });

  it('stays silent about a dataset nobody uploaded', async () => {
    const r = COMPARISON.find((x) => x.code === 'CMP-004')!;
    const rule = (checkRule(r) as { ok: true; rule: CheckedRule }).rule;
    const { hit } = built.get('CMP-004')!;
    const without = { ...ctx, datasets: Object.fromEntries(Object.entries(ctx.datasets ?? {}).filter(([k]) => k !== 'insurance_enrolment')) };
    expect(await query(t.db, sql.raw(ruleSql(rule, without, { householdIds: [hit] })))).toEqual([]);
    expect(datasetType('insurance_enrolment')?.department).toBe('medical_insurance');
  });
});
