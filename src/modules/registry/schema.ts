import { boolean, date, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { areas } from '../areas/schema.js';

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** 建档立卡户. Households are never deleted: `endedOn` closes one (销户) and keeps its history. */
export const households = pgTable(
  'households',
  {
    id: serial('id').primaryKey(),
    /** 户编号 */
    householdNo: text('household_no').notNull(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    /** Copy of the village's path, kept in step by the registry service, for scoped queries on one index. */
    areaPath: text('area_path').notNull(),
    type: text('type').notNull(),
    povertyAttribute: text('poverty_attribute').notNull().default('general'),
    mainCause: text('main_cause'),
    secondaryCause: text('secondary_cause'),
    contactPhone: text('contact_phone'),
    liftedYear: integer('lifted_year'),
    /** 帮扶责任人 */
    helperName: text('helper_name'),
    helperUnit: text('helper_unit'),
    helperPhone: text('helper_phone'),
    /** 不愁吃 / 不愁穿 survey answers; null = not surveyed. */
    foodSecure: boolean('food_secure'),
    clothingSecure: boolean('clothing_secure'),
    housingArea: numeric('housing_area', { precision: 8, scale: 2 }),
    housingStructure: text('housing_structure'),
    housingGrade: text('housing_grade'),
    housingAppraisedOn: date('housing_appraised_on'),
    housingExemption: text('housing_exemption'),
    waterSource: text('water_source'),
    /** litres per person per day */
    waterQuantityLpd: numeric('water_quantity_lpd', { precision: 6, scale: 1 }),
    waterPipedToYard: boolean('water_piped_to_yard'),
    waterFetchMinutes: numeric('water_fetch_minutes', { precision: 5, scale: 1 }),
    /** percent of days with supply */
    waterGuaranteeRate: numeric('water_guarantee_rate', { precision: 5, scale: 2 }),
    waterQualityOk: boolean('water_quality_ok'),
    sanitaryToilet: boolean('sanitary_toilet'),
    electricity: boolean('electricity'),
    hardenedRoad: boolean('hardened_road'),
    /** 耕地, 林地, 牧草地 in mu (亩) */
    landCultivated: numeric('land_cultivated', { precision: 10, scale: 2 }),
    landForest: numeric('land_forest', { precision: 10, scale: 2 }),
    landGrass: numeric('land_grass', { precision: 10, scale: 2 }),
    registeredOn: date('registered_on'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('households_no_uq').on(t.householdNo),
    index('households_no_prefix_idx').on(t.householdNo.op('text_pattern_ops')),
    index('households_path_idx').on(t.areaPath.op('text_pattern_ops'), t.id),
    index('households_area_idx').on(t.areaId),
  ],
);

/** 家庭成员. A member leaves through an event (death, marriage out…); the row stays with `endedOn` set. */
export const members = pgTable(
  'members',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    areaPath: text('area_path').notNull(),
    name: text('name').notNull(),
    /** Normalised 18-character resident ID number (公民身份号码). */
    idNumber: text('id_number').notNull(),
    sex: text('sex').notNull(),
    birthDate: date('birth_date').notNull(),
    relation: text('relation').notNull(),
    ethnicity: text('ethnicity').notNull().default('han'),
    education: text('education'),
    schoolStatus: text('school_status'),
    notInSchoolReason: text('not_in_school_reason'),
    health: text('health'),
    disabilityKind: text('disability_kind'),
    disabilityGrade: text('disability_grade'),
    disabilityCertNo: text('disability_cert_no'),
    labourAbility: text('labour_ability'),
    employmentPlace: text('employment_place'),
    employer: text('employer'),
    /** 务工时间（月） in the income year */
    employmentMonths: integer('employment_months'),
    monthlyWage: money('monthly_wage'),
    medicalInsurance: text('medical_insurance'),
    criticalIllnessInsured: boolean('critical_illness_insured'),
    pensionInsured: boolean('pension_insured'),
    /** 家庭医生签约 */
    familyDoctor: boolean('family_doctor'),
    dibao: boolean('dibao').notNull().default(false),
    tekun: boolean('tekun').notNull().default(false),
    welfarePost: boolean('welfare_post').notNull().default(false),
    phone: text('phone'),
    joinedOn: date('joined_on').notNull(),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    ...stamps,
  },
  (t) => [
    index('members_household_idx').on(t.householdId),
    index('members_id_number_idx').on(t.idNumber.op('text_pattern_ops')),
    index('members_name_idx').on(t.name.op('text_pattern_ops')),
    // Department records without a usable ID are matched by birth date (candidate search).
    index('members_birth_idx').on(t.birthDate),
    index('members_path_idx').on(t.areaPath.op('text_pattern_ops')),
  ],
);

/** 自然增减: dated changes of a household's membership. */
export const memberEvents = pgTable(
  'member_events',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on').notNull(),
    note: text('note'),
    /** The user who recorded it; no foreign key, as in the audit trail (drizzle/0014_member_events_recorder.sql). */
    recordedBy: integer('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('member_events_household_idx').on(t.householdId, t.occurredOn)],
);

/** Household income for a period. Per-capita net income is derived on read, never stored. */
export const incomes = pgTable(
  'incomes',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    areaPath: text('area_path').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    /** 工资性收入 */
    wage: money('wage').notNull().default('0'),
    /** 生产经营性收入 */
    business: money('business').notNull().default('0'),
    /** 财产性收入 */
    property: money('property').notNull().default('0'),
    /** 转移性收入 */
    transfer: money('transfer').notNull().default('0'),
    /** 生产经营费用 */
    productionCost: money('production_cost').notNull().default('0'),
    /** 合规自付医疗支出 (recorded for monitoring warnings; not deducted from net income) */
    medicalSelfPay: money('medical_self_pay').notNull().default('0'),
    note: text('note'),
    ...stamps,
  },
  (t) => [uniqueIndex('incomes_household_period_uq').on(t.householdId, t.periodStart, t.periodEnd)],
);
