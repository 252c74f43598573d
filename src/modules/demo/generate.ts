/**
 * The deterministic demo city (聊城市, DOMAIN.md): areas, about 70,801 households with ≈ 200,000 members, their
 * incomes, a documented set of planted data problems and a dozen demo logins. Same seed, same data (except the
 * password hashes). See README.md in this folder.
 *
 * Memory stays bounded whatever the size: households are generated and written in batches, one multi-row
 * `INSERT … SELECT FROM unnest(…)` per table per batch, each batch in its own transaction.
 */
import { generateDepartmentData } from '../departments/demo-data.js';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { analyzeStale } from '../../db/statistics.js';
import type { Department, Role } from '../../domain/codes.js';
import { createUser } from '../accounts/users.js';
import { recordAudit } from '../audit/service.js';
import { refreshAssessments } from '../assessment/refresh.js';
import { seedDemoStandards } from '../standards/service.js';
import { seedBuiltInRules } from '../rules/catalogue.js';
import { storeReferenceDate } from '../rules/settings.js';
import { insertRows, reserveIds, type Column } from '../../db/bulk.js';
import { isoDate } from './calendar.js';
import { DEFAULT_HOUSEHOLDS, insertCity, planCity, type CityPlan } from './city.js';
import { HouseholdFactory, REFERENCE_DATE, yuan, type GeneratedHousehold, type IncomeRecord, type MemberEventRecord, type Person, type PlantedRecord, type PlantSpec } from './household.js';
import { monitoredHouseholds, PLANTED_KINDS, plantedCases } from './planted.js';
import { seedDemoMonitoring } from './monitoring-episodes.js';
import { seedDemoCadres } from './duty-cadres.js';
import { mixSeed, Rng } from './random.js';

export { DEFAULT_HOUSEHOLDS } from './city.js';
export { INCOME_LINE, INCOME_PERIODS, REFERENCE_DATE } from './household.js';

/** The password of every demo login: readable, and strong enough for checkPasswordStrength. */
export const DEMO_PASSWORD = 'Jingzhun@2020';
export const DEFAULT_SEED = 2020;
/** Households generated and written per transaction. */
export const BATCH_HOUSEHOLDS = 2_000;
/** The audit entry that marks a finished run (see demoCompleted). */
const COMPLETION_ENTITY = 'demo_city';

export interface DemoOptions {
  households: number;
  seed?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  /** Department datasets as of 31 August (default true); benchmarks generate them separately to time them. */
  departmentData?: boolean;
}

export interface DemoResult {
  areas: number;
  households: number;
  members: number;
  incomes: number;
  planted: number;
  logins: { username: string; password: string; role: string; area: string }[];
}

/**
 * True when the database already has areas, i.e. holds data (the demo city or anything else): the generator only
 * runs on an empty database. A run that stopped half-way also has areas; `demoCompleted` tells the two apart.
 */
export async function hasDemoData(db: Db): Promise<boolean> {
  const rows = await query<{ present: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM areas) AS present`);
  return rows[0]?.present === true;
}

/** True when a demo run finished: its last step writes an audit entry (entity "demo_city") with the counts. */
export async function demoCompleted(db: Db): Promise<boolean> {
  const rows = await query<{ present: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = ${COMPLETION_ENTITY} AND action = 'create') AS present`,
  );
  return rows[0]?.present === true;
}

export async function generateDemoCity(db: Db, opts: DemoOptions): Promise<DemoResult> {
  const total = opts.households ?? DEFAULT_HOUSEHOLDS;
  const seed = opts.seed ?? DEFAULT_SEED;
  const progress = opts.onProgress ?? (() => undefined);
  const { city, areas: areaCount, logins } = await createDemoAreas(db, { households: total, seed, onProgress: progress });

  const factory = householdFactory(seed, total, city);
  const counts = { households: 0, members: 0, incomes: 0, planted: 0 };
  for (let start = 0; start < total; start += BATCH_HOUSEHOLDS) {
    const end = Math.min(total, start + BATCH_HOUSEHOLDS);
    const batch: GeneratedHousehold[] = [];
    for (let i = start; i < end; i++) batch.push(factory.next());
    const written = await writeBatch(db, batch);
    counts.households += batch.length;
    counts.members += written.members;
    counts.incomes += written.incomes;
    counts.planted += written.planted;
    progress(end, total, '农户 households');
  }

  // The household assessment on the demo's reference date, so a fresh start shows it (modules/assessment).
  progress(total, total, '达标测算 assessment');
  // Planner statistics for what was just loaded, as after any bulk load: the assessment below and the first rule run
  // are planned with them.
  await analyzeStale(db);
  await refreshAssessments(db, { referenceDate: REFERENCE_DATE });
  await seedDemoMonitoring(db); // monitoring episodes of the monitored households (monitoring-episodes.ts)
  await seedDemoCadres(db); // helpers, resident cadres of key villages and secretaries (duty-cadres.ts)

  // Every department's dataset as of 31 August, matched and committed, so the comparison has data (modules/departments).
  if (opts.departmentData !== false) {
    progress(total, total, '部门数据 department data');
    await generateDepartmentData(db, { seed });
  }

  await db.transaction((tx) =>
    recordAudit(tx, null, {
      action: 'create',
      entity: COMPLETION_ENTITY,
      entityId: city.code,
      areaPath: city.path,
      batch: `demo-${seed}`,
      detail: { seed, areas: areaCount, ...counts, unplacedProblems: factory.unplaced.map((p) => p.kind) },
    }),
  );
  progress(total, total, '完成 done');
  return { areas: areaCount, ...counts, logins };
}

function checkOptions(total: number, seed: number): void {
  if (!Number.isInteger(total) || total < 1 || total > 10_000_000) {
    throw new RangeError(`households must be a whole number from 1 to 10,000,000, got ${total}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
}

/**
 * The first part of generateDemoCity on its own: the areas and the demo logins of the city of `households`
 * households, no households. For loading households another way (the import benchmark imports a roster file of
 * that same city, see roster-file.ts). Like the generator, only into an empty database; `demoCompleted` stays false.
 */
export async function createDemoAreas(
  db: Db,
  opts: DemoOptions,
): Promise<{ city: CityPlan; areas: number; logins: DemoResult['logins'] }> {
  const total = opts.households ?? DEFAULT_HOUSEHOLDS;
  const seed = opts.seed ?? DEFAULT_SEED;
  checkOptions(total, seed);
  if (await hasDemoData(db)) {
    throw new Error('The database already holds areas; the demo city is only generated into an empty database / 数据库中已有区划数据');
  }
  const progress = opts.onProgress ?? (() => undefined);
  progress(0, total, '行政区划 areas');
  const city = planCity(seed, total);
  const areas = await insertCity(db, city);
  await seedDemoStandards(db, city);
  // Runs and previews take the demo data's own date by default; the catalogue is there before the first run.
  await storeReferenceDate(db, null, REFERENCE_DATE);
  await seedBuiltInRules(db);
  progress(0, total, '演示账号 logins');
  const logins = await createLogins(db, city);
  return { city, areas, logins };
}

/**
 * The households of the demo city of `total` households, one per `next()` in generation order, without a database:
 * the very households generateDemoCity writes (same seed, same count, same plan), their ids left 0. `city` is
 * `planCity(seed, total)`, with ids and paths once insertCity has written it.
 */
export function householdFactory(seed: number, total: number, city?: CityPlan): HouseholdFactory {
  checkOptions(total, seed);
  const { plants, monitored } = planProblems(seed, total);
  return new HouseholdFactory(seed, city ?? planCity(seed, total), plants, monitored);
}

/**
 * Where the planted problems and the monitored households go: evenly spaced over the generation order (which is
 * county by county, so every county gets its share), the kinds shuffled with the seed.
 */
export function planProblems(seed: number, total: number): { plants: Map<number, PlantSpec>; monitored: Set<number> } {
  const rng = new Rng(mixSeed(seed, 0x91a));
  const slots: PlantSpec[] = [];
  let pair = 0;
  for (const k of PLANTED_KINDS) {
    const n = plantedCases(k, total);
    for (let i = 0; i < n; i++) {
      if ('pair' in k && k.pair) {
        pair++;
        slots.push({ kind: k.kind, role: 'first', pair }, { kind: k.kind, role: 'second', pair });
      } else {
        slots.push({ kind: k.kind, role: 'single', pair: 0 });
      }
    }
  }
  if (slots.length > total) throw new RangeError(`${slots.length} planted households do not fit in ${total}`);
  rng.shuffle(slots);
  const positions = slots.map((_, j) => Math.floor(((j + 0.5) * total) / slots.length));
  // The two households of a pair: whichever comes first in generation order plays the first part.
  const byPair = new Map<number, number[]>();
  slots.forEach((s, j) => {
    if (s.role !== 'single') byPair.set(s.pair, [...(byPair.get(s.pair) ?? []), j]);
  });
  for (const [p, [a, b]] of byPair) {
    const [first, second] = positions[a!]! < positions[b!]! ? [a!, b!] : [b!, a!];
    slots[first] = { ...slots[first]!, role: 'first', pair: p };
    slots[second] = { ...slots[second]!, role: 'second', pair: p };
  }
  const plants = new Map<number, PlantSpec>();
  slots.forEach((s, j) => plants.set(positions[j]!, s));

  const monitored = new Set<number>();
  const m = monitoredHouseholds(total);
  for (let j = 0; j < m; j++) {
    let pos = Math.floor(((j + 0.25) * total) / m);
    while (plants.has(pos) || monitored.has(pos)) pos = (pos + 1) % total;
    monitored.add(pos);
  }
  return { plants, monitored };
}

// ───────────────────────────── logins ─────────────────────────────

interface LoginSpec {
  username: string;
  displayName: string;
  role: Role;
  area: { id: number; name: string };
  department?: Department;
  canRevealIds?: boolean;
}

async function createLogins(db: Db, city: CityPlan): Promise<DemoResult['logins']> {
  const county = (code: string) => {
    const c = city.counties.find((x) => x.code === code);
    if (!c) throw new Error(`county ${code} missing from the plan`);
    return c;
  };
  const guan = county('371525');
  const township = guan.townships.find((t) => t.kind === 'town') ?? guan.townships[0]!;
  const village = township.villages.reduce((a, b) => (b.households > a.households ? b : a));
  const specs: LoginSpec[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', area: city, canRevealIds: true },
    { username: 'city', displayName: '聊城市扶贫办', role: 'city_office', area: city, canRevealIds: true },
    { username: 'dongchangfu', displayName: '东昌府区扶贫办', role: 'county_office', area: county('371502') },
    { username: 'chiping', displayName: '茌平区扶贫办', role: 'county_office', area: county('371503') },
    { username: 'guanxian', displayName: '冠县扶贫办', role: 'county_office', area: guan },
    { username: 'linqing', displayName: '临清市扶贫办', role: 'county_office', area: county('371581') },
    { username: 'township', displayName: `${township.name}扶贫工作站`, role: 'township_staff', area: township },
    { username: 'village', displayName: `${village.name}村干部`, role: 'village_cadre', area: village },
    { username: 'education', displayName: '聊城市教育和体育局', role: 'department_officer', area: city, department: 'education' },
    { username: 'civil', displayName: '聊城市民政局', role: 'department_officer', area: city, department: 'civil_affairs' },
    { username: 'leader', displayName: '市级领导（只读）', role: 'leader', area: city },
    { username: 'auditor', displayName: '第三方评估机构', role: 'auditor', area: city },
  ];
  const logins: DemoResult['logins'] = [];
  for (const s of specs) {
    await createUser(db, null, {
      username: s.username,
      displayName: s.displayName,
      password: DEMO_PASSWORD,
      role: s.role,
      areaId: s.area.id,
      department: s.department ?? null,
      canRevealIds: s.canRevealIds ?? false,
      mustChangePassword: false,
    });
    logins.push({ username: s.username, password: DEMO_PASSWORD, role: s.role, area: s.area.name });
  }
  return logins;
}

// ───────────────────────────── writing a batch ─────────────────────────────

const HOUSEHOLD_COLUMNS: readonly Column<GeneratedHousehold>[] = [
  { name: 'id', type: 'int', get: (h) => h.id },
  { name: 'household_no', type: 'text', get: (h) => h.householdNo },
  { name: 'area_id', type: 'int', get: (h) => h.village.id },
  { name: 'area_path', type: 'text', get: (h) => h.village.path },
  { name: 'type', type: 'text', get: (h) => h.type },
  { name: 'poverty_attribute', type: 'text', get: (h) => h.povertyAttribute },
  { name: 'main_cause', type: 'text', get: (h) => h.mainCause },
  { name: 'secondary_cause', type: 'text', get: (h) => h.secondaryCause },
  { name: 'contact_phone', type: 'text', get: (h) => h.contactPhone },
  { name: 'lifted_year', type: 'int', get: (h) => h.liftedYear },
  { name: 'helper_name', type: 'text', get: (h) => h.helperName },
  { name: 'helper_unit', type: 'text', get: (h) => h.helperUnit },
  { name: 'helper_phone', type: 'text', get: (h) => h.helperPhone },
  { name: 'food_secure', type: 'bool', get: () => true },
  { name: 'clothing_secure', type: 'bool', get: () => true },
  { name: 'housing_area', type: 'numeric', get: (h) => h.housingArea },
  { name: 'housing_structure', type: 'text', get: (h) => h.housingStructure },
  { name: 'housing_grade', type: 'text', get: (h) => h.housingGrade },
  { name: 'housing_appraised_on', type: 'date', get: (h) => h.housingAppraisedOn },
  { name: 'housing_exemption', type: 'text', get: (h) => h.housingExemption },
  { name: 'water_source', type: 'text', get: (h) => h.waterSource },
  { name: 'water_quantity_lpd', type: 'numeric', get: (h) => h.waterQuantityLpd },
  { name: 'water_piped_to_yard', type: 'bool', get: (h) => h.waterPipedToYard },
  { name: 'water_fetch_minutes', type: 'numeric', get: (h) => h.waterFetchMinutes },
  { name: 'water_guarantee_rate', type: 'numeric', get: (h) => h.waterGuaranteeRate },
  { name: 'water_quality_ok', type: 'bool', get: (h) => h.waterQualityOk },
  { name: 'sanitary_toilet', type: 'bool', get: (h) => h.sanitaryToilet },
  { name: 'electricity', type: 'bool', get: () => true },
  { name: 'hardened_road', type: 'bool', get: (h) => h.hardenedRoad },
  { name: 'land_cultivated', type: 'numeric', get: (h) => h.landCultivated },
  { name: 'land_forest', type: 'numeric', get: (h) => h.landForest },
  { name: 'land_grass', type: 'numeric', get: () => '0' },
  { name: 'registered_on', type: 'date', get: (h) => isoDate(h.registeredDay) },
];

type MemberRow = Person & { householdId: number; areaPath: string };

const MEMBER_COLUMNS: readonly Column<MemberRow>[] = [
  { name: 'id', type: 'int', get: (m) => m.id },
  { name: 'household_id', type: 'int', get: (m) => m.householdId },
  { name: 'area_path', type: 'text', get: (m) => m.areaPath },
  { name: 'name', type: 'text', get: (m) => m.name },
  { name: 'id_number', type: 'text', get: (m) => m.idNumber },
  { name: 'sex', type: 'text', get: (m) => m.sex },
  { name: 'birth_date', type: 'date', get: (m) => isoDate(m.birthDay) },
  { name: 'relation', type: 'text', get: (m) => m.relation },
  { name: 'ethnicity', type: 'text', get: (m) => m.ethnicity },
  { name: 'education', type: 'text', get: (m) => m.education },
  { name: 'school_status', type: 'text', get: (m) => m.schoolStatus },
  { name: 'not_in_school_reason', type: 'text', get: (m) => m.notInSchoolReason },
  { name: 'health', type: 'text', get: (m) => m.health },
  { name: 'disability_kind', type: 'text', get: (m) => m.disabilityKind },
  { name: 'disability_grade', type: 'text', get: (m) => m.disabilityGrade },
  { name: 'disability_cert_no', type: 'text', get: (m) => m.disabilityCertNo },
  { name: 'labour_ability', type: 'text', get: (m) => m.labour },
  { name: 'employment_place', type: 'text', get: (m) => m.employmentPlace },
  { name: 'employer', type: 'text', get: (m) => m.employer },
  { name: 'monthly_wage', type: 'numeric', get: (m) => (m.monthlyWage === null ? null : m.monthlyWage.toFixed(2)) },
  { name: 'medical_insurance', type: 'text', get: (m) => m.medicalInsurance },
  { name: 'critical_illness_insured', type: 'bool', get: (m) => m.criticalIllnessInsured },
  { name: 'pension_insured', type: 'bool', get: (m) => m.pensionInsured },
  { name: 'family_doctor', type: 'bool', get: (m) => m.familyDoctor },
  { name: 'dibao', type: 'bool', get: (m) => m.dibao },
  { name: 'tekun', type: 'bool', get: (m) => m.tekun },
  { name: 'welfare_post', type: 'bool', get: (m) => m.welfarePost },
  { name: 'phone', type: 'text', get: (m) => m.phone },
  { name: 'joined_on', type: 'date', get: (m) => isoDate(m.joinedDay) },
  { name: 'ended_on', type: 'date', get: (m) => (m.endedDay === null ? null : isoDate(m.endedDay)) },
  { name: 'end_reason', type: 'text', get: (m) => m.endReason },
];

type IncomeRow = IncomeRecord & { householdId: number; areaPath: string };

const INCOME_COLUMNS: readonly Column<IncomeRow>[] = [
  { name: 'household_id', type: 'int', get: (i) => i.householdId },
  { name: 'area_path', type: 'text', get: (i) => i.areaPath },
  { name: 'period_start', type: 'date', get: (i) => i.start },
  { name: 'period_end', type: 'date', get: (i) => i.end },
  { name: 'wage', type: 'numeric', get: (i) => yuan(i.wage) },
  { name: 'business', type: 'numeric', get: (i) => yuan(i.business) },
  { name: 'property', type: 'numeric', get: (i) => yuan(i.property) },
  { name: 'transfer', type: 'numeric', get: (i) => yuan(i.transfer) },
  { name: 'production_cost', type: 'numeric', get: (i) => yuan(i.productionCost) },
  { name: 'medical_self_pay', type: 'numeric', get: (i) => yuan(i.medicalSelfPay) },
  { name: 'note', type: 'text', get: (i) => i.note },
];

type EventRow = MemberEventRecord & { householdId: number };

const EVENT_COLUMNS: readonly Column<EventRow>[] = [
  { name: 'household_id', type: 'int', get: (e) => e.householdId },
  { name: 'member_id', type: 'int', get: (e) => e.member.id },
  { name: 'kind', type: 'text', get: (e) => e.kind },
  { name: 'occurred_on', type: 'date', get: (e) => isoDate(e.day) },
  { name: 'note', type: 'text', get: (e) => e.note },
];

const PLANTED_COLUMNS: readonly Column<PlantedRecord>[] = [
  { name: 'kind', type: 'text', get: (p) => p.kind },
  { name: 'household_id', type: 'int', get: (p) => p.household.id },
  { name: 'member_id', type: 'int', get: (p) => p.member?.id ?? null },
  { name: 'description', type: 'text', get: (p) => p.description },
];

async function writeBatch(db: Db, batch: GeneratedHousehold[]) {
  return db.transaction(async (tx) => {
    const memberCount = batch.reduce((n, h) => n + h.members.length, 0);
    const [householdIds, memberIds] = [await reserveIds(tx, 'households', batch.length), await reserveIds(tx, 'members', memberCount)];
    const members: MemberRow[] = [];
    const incomes: IncomeRow[] = [];
    const events: EventRow[] = [];
    const planted: PlantedRecord[] = [];
    batch.forEach((h, i) => {
      h.id = householdIds[i]!;
    });
    let next = 0;
    for (const h of batch) {
      for (const m of h.members) {
        m.id = memberIds[next++]!;
        members.push({ ...m, householdId: h.id, areaPath: h.village.path });
      }
      for (const inc of h.incomes) incomes.push({ ...inc, householdId: h.id, areaPath: h.village.path });
      for (const e of h.events) events.push({ ...e, householdId: h.id });
      planted.push(...h.planted);
    }
    await insertRows(tx, 'households', HOUSEHOLD_COLUMNS, batch);
    await insertRows(tx, 'members', MEMBER_COLUMNS, members);
    await insertRows(tx, 'incomes', INCOME_COLUMNS, incomes);
    await insertRows(tx, 'member_events', EVENT_COLUMNS, events);
    await insertRows(tx, 'demo_planted_problems', PLANTED_COLUMNS, planted);
    return { members: members.length, incomes: incomes.length, planted: planted.length };
  });
}
