import { z } from 'zod';
import { UNMET_FILTERS } from '../assessment/filter.js';
import {
  codesOf,
  DISABILITY_GRADES,
  DISABILITY_KINDS,
  EDUCATION_LEVELS,
  EMPLOYMENT_PLACES,
  ETHNICITIES,
  HEALTH_STATUSES,
  HOUSEHOLD_TYPES,
  HOUSING_EXEMPTIONS,
  HOUSING_GRADES,
  HOUSING_STRUCTURES,
  LABOUR_ABILITIES,
  MEDICAL_INSURANCES,
  MEMBER_EVENT_KINDS,
  NOT_IN_SCHOOL_REASONS,
  POVERTY_ATTRIBUTES,
  POVERTY_CAUSES,
  RELATIONS,
  SCHOOL_STATUSES,
  SEXES,
  WATER_SOURCES,
  type CodeItem,
} from '../../domain/codes.js';

/** A coded field: the code, with the allowed codes and their Chinese labels in the error message. */
const coded = <T extends readonly CodeItem[]>(items: T) =>
  z.enum(codesOf(items), {
    error: () => `应为以下之一 / one of: ${items.map((i) => `${i.code}(${i.zh})`).join(', ')}`,
  });

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD / date as YYYY-MM-DD');
const amount = z.number().finite().min(0, '金额不能为负 / amount cannot be negative').max(1e10);
const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确 / not a valid mobile or landline number');
const optional = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const householdFields = z.object({
  householdNo: z.string().trim().min(1).max(40),
  areaId: z.number().int().positive(),
  type: coded(HOUSEHOLD_TYPES),
  povertyAttribute: coded(POVERTY_ATTRIBUTES),
  mainCause: optional(coded(POVERTY_CAUSES)),
  secondaryCause: optional(coded(POVERTY_CAUSES)),
  contactPhone: optional(phone),
  liftedYear: optional(z.number().int().min(2013).max(2030)),
  helperName: optional(z.string().trim().max(40)),
  helperUnit: optional(z.string().trim().max(100)),
  helperPhone: optional(phone),
  foodSecure: optional(z.boolean()),
  clothingSecure: optional(z.boolean()),
  housingArea: optional(z.number().min(0).max(10_000)),
  housingStructure: optional(coded(HOUSING_STRUCTURES)),
  housingGrade: optional(coded(HOUSING_GRADES)),
  housingAppraisedOn: optional(isoDate),
  housingExemption: optional(coded(HOUSING_EXEMPTIONS)),
  waterSource: optional(coded(WATER_SOURCES)),
  waterQuantityLpd: optional(z.number().min(0).max(10_000)),
  waterPipedToYard: optional(z.boolean()),
  waterFetchMinutes: optional(z.number().min(0).max(1_440)),
  waterGuaranteeRate: optional(z.number().min(0).max(100)),
  waterQualityOk: optional(z.boolean()),
  sanitaryToilet: optional(z.boolean()),
  electricity: optional(z.boolean()),
  hardenedRoad: optional(z.boolean()),
  landCultivated: optional(z.number().min(0).max(100_000)),
  landForest: optional(z.number().min(0).max(100_000)),
  landGrass: optional(z.number().min(0).max(100_000)),
  registeredOn: optional(isoDate),
});
export type HouseholdFields = z.infer<typeof householdFields>;

export const memberFields = z.object({
  name: z.string().trim().min(1, '姓名不能为空 / name is required').max(50),
  /** Raw as typed; the service normalises and validates it (check character, date, area code). */
  idNumber: z.string().min(1, '身份证号不能为空 / ID number is required').max(40),
  /** Optional: derived from the ID number, and refused when given and different. */
  sex: optional(coded(SEXES)),
  birthDate: optional(isoDate),
  relation: coded(RELATIONS),
  ethnicity: coded(ETHNICITIES).optional(),
  education: optional(coded(EDUCATION_LEVELS)),
  schoolStatus: optional(coded(SCHOOL_STATUSES)),
  notInSchoolReason: optional(coded(NOT_IN_SCHOOL_REASONS)),
  health: optional(coded(HEALTH_STATUSES)),
  disabilityKind: optional(coded(DISABILITY_KINDS)),
  disabilityGrade: optional(coded(DISABILITY_GRADES)),
  disabilityCertNo: optional(z.string().trim().max(40)),
  labourAbility: optional(coded(LABOUR_ABILITIES)),
  employmentPlace: optional(coded(EMPLOYMENT_PLACES)),
  employer: optional(z.string().trim().max(100)),
  employmentMonths: optional(z.number().int().min(0).max(12)),
  monthlyWage: optional(amount),
  medicalInsurance: optional(coded(MEDICAL_INSURANCES)),
  criticalIllnessInsured: optional(z.boolean()),
  pensionInsured: optional(z.boolean()),
  familyDoctor: optional(z.boolean()),
  dibao: z.boolean().optional(),
  tekun: z.boolean().optional(),
  welfarePost: z.boolean().optional(),
  phone: optional(phone),
});
export type MemberFields = z.infer<typeof memberFields>;

const JOIN_KINDS = ['joined', 'birth', 'marriage_in', 'moved_in'] as const;
const END_KINDS = ['death', 'marriage_out', 'moved_out', 'imprisoned', 'military', 'other_out'] as const;
export const memberEventKind = coded(MEMBER_EVENT_KINDS);

export const newHousehold = householdFields.extend({
  members: z.array(memberFields).min(1, '至少录入一名家庭成员 / at least one member').max(30),
});

export const householdPatch = householdFields.partial().extend({ version: z.number().int().positive() });

export const endHousehold = z.object({
  version: z.number().int().positive(),
  endedOn: isoDate,
  reason: z.string().trim().min(2).max(200),
});

export const addMember = z.object({
  member: memberFields,
  event: z.object({ kind: z.enum(JOIN_KINDS), occurredOn: isoDate, note: optional(z.string().max(500)) }),
});

export const memberPatch = memberFields.partial().extend({ version: z.number().int().positive() });

export const endMember = z.object({
  version: z.number().int().positive(),
  kind: z.enum(END_KINDS),
  occurredOn: isoDate,
  note: optional(z.string().max(500)),
});

export const incomeFields = z
  .object({
    periodStart: isoDate,
    periodEnd: isoDate,
    wage: amount.default(0),
    business: amount.default(0),
    property: amount.default(0),
    transfer: amount.default(0),
    productionCost: amount.default(0),
    medicalSelfPay: amount.default(0),
    note: optional(z.string().max(500)),
  })
  .refine((v) => v.periodStart <= v.periodEnd, {
    message: '统计期止不能早于统计期起 / the period cannot end before it starts',
    path: ['periodEnd'],
  });
export type IncomeFields = z.infer<typeof incomeFields>;

export const incomePatch = z.object({
  version: z.number().int().positive(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  wage: amount.optional(),
  business: amount.optional(),
  property: amount.optional(),
  transfer: amount.optional(),
  productionCost: amount.optional(),
  medicalSelfPay: amount.optional(),
  note: optional(z.string().max(500)),
});

export const householdListQuery = z.object({
  areaId: z.coerce.number().int().positive().optional(),
  type: coded(HOUSEHOLD_TYPES).optional(),
  povertyAttribute: coded(POVERTY_ATTRIBUTES).optional(),
  mainCause: coded(POVERTY_CAUSES).optional(),
  housingGrade: coded(HOUSING_GRADES).optional(),
  status: z.enum(['active', 'ended', 'all']).default('active'),
  /** An assessment indicator not met ('any': some indicator), on `assessedOn` (default the latest assessment). */
  unmet: z.enum(UNMET_FILTERS).optional(),
  assessedOn: isoDate.optional(),
  q: z.string().trim().max(60).optional(),
  sort: z
    .enum(['householdNo', '-householdNo', 'size', '-size', 'perCapitaNetIncome', '-perCapitaNetIncome', 'headName', '-headName'])
    .default('householdNo'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type HouseholdListQuery = z.infer<typeof householdListQuery>;
