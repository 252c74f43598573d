import { maskIdNumber } from '../../domain/id-number.js';
import { netIncome, perCapitaNetIncome } from '../../domain/income.js';
import type { households, incomes, members } from './schema.js';

type HouseholdRow = typeof households.$inferSelect;
type MemberRow = typeof members.$inferSelect;
type IncomeRow = typeof incomes.$inferSelect;

const num = (v: string | null | undefined): number | null => (v == null ? null : Number(v));

/** Age in whole years on a date: birthdays not yet reached this year do not count. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A household and where it is, as every list of findings, previews and plans names it (rows from a join with areas). */
export interface HouseholdPlaceRow {
  household_id: number;
  household_no: string;
  village_name: string;
  township_name: string | null;
  county_name: string | null;
}

export function presentHouseholdPlace(r: HouseholdPlaceRow) {
  return { householdId: r.household_id, householdNo: r.household_no, villageName: r.village_name, townshipName: r.township_name, countyName: r.county_name };
}

export const today = () => new Date().toISOString().slice(0, 10);

/**
 * The whitelist of what leaves the server about a household. Numeric columns become numbers; nothing else of the
 * row's internals (area path) is exposed.
 */
export function presentHousehold(h: HouseholdRow) {
  return {
    id: h.id,
    householdNo: h.householdNo,
    areaId: h.areaId,
    type: h.type,
    povertyAttribute: h.povertyAttribute,
    mainCause: h.mainCause,
    secondaryCause: h.secondaryCause,
    contactPhone: h.contactPhone,
    liftedYear: h.liftedYear,
    helperName: h.helperName,
    helperUnit: h.helperUnit,
    helperPhone: h.helperPhone,
    foodSecure: h.foodSecure,
    clothingSecure: h.clothingSecure,
    housingArea: num(h.housingArea),
    housingStructure: h.housingStructure,
    housingGrade: h.housingGrade,
    housingAppraisedOn: h.housingAppraisedOn,
    housingExemption: h.housingExemption,
    waterSource: h.waterSource,
    waterQuantityLpd: num(h.waterQuantityLpd),
    waterPipedToYard: h.waterPipedToYard,
    waterFetchMinutes: num(h.waterFetchMinutes),
    waterGuaranteeRate: num(h.waterGuaranteeRate),
    waterQualityOk: h.waterQualityOk,
    sanitaryToilet: h.sanitaryToilet,
    electricity: h.electricity,
    hardenedRoad: h.hardenedRoad,
    landCultivated: num(h.landCultivated),
    landForest: num(h.landForest),
    landGrass: num(h.landGrass),
    registeredOn: h.registeredOn,
    endedOn: h.endedOn,
    endReason: h.endReason,
    version: h.version,
    updatedAt: h.updatedAt.toISOString(),
  };
}

/** A member as the API shows it: the ID number masked unless `revealIds` (a right the caller has and asked for). */
export function presentMember(m: MemberRow, opts: { revealIds?: boolean; on?: string } = {}) {
  return {
    id: m.id,
    householdId: m.householdId,
    name: m.name,
    idNumber: opts.revealIds ? m.idNumber : maskIdNumber(m.idNumber),
    sex: m.sex,
    birthDate: m.birthDate,
    age: ageOn(m.birthDate, opts.on ?? today()),
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schoolStatus: m.schoolStatus,
    notInSchoolReason: m.notInSchoolReason,
    health: m.health,
    disabilityKind: m.disabilityKind,
    disabilityGrade: m.disabilityGrade,
    disabilityCertNo: m.disabilityCertNo,
    labourAbility: m.labourAbility,
    employmentPlace: m.employmentPlace,
    employer: m.employer,
    employmentMonths: m.employmentMonths,
    monthlyWage: num(m.monthlyWage),
    medicalInsurance: m.medicalInsurance,
    criticalIllnessInsured: m.criticalIllnessInsured,
    pensionInsured: m.pensionInsured,
    familyDoctor: m.familyDoctor,
    dibao: m.dibao,
    tekun: m.tekun,
    welfarePost: m.welfarePost,
    phone: m.phone,
    joinedOn: m.joinedOn,
    endedOn: m.endedOn,
    endReason: m.endReason,
    version: m.version,
  };
}

/** An income period with its derived figures; `householdSize` is the member count on the period's last day. */
export function presentIncome(i: IncomeRow, householdSize: number) {
  const components = {
    wage: Number(i.wage),
    business: Number(i.business),
    property: Number(i.property),
    transfer: Number(i.transfer),
    productionCost: Number(i.productionCost),
  };
  return {
    id: i.id,
    householdId: i.householdId,
    periodStart: i.periodStart,
    periodEnd: i.periodEnd,
    ...components,
    medicalSelfPay: Number(i.medicalSelfPay),
    note: i.note,
    netIncome: netIncome(components),
    householdSize,
    perCapitaNetIncome: perCapitaNetIncome(components, householdSize),
    version: i.version,
  };
}

/** Member values as stored, for audit diffs: what the row holds, the full ID number included (the trail is protected). */
export function memberAuditValues(m: MemberRow) {
  const { createdAt: _c, updatedAt: _u, areaPath: _a, ...rest } = m;
  return rest as Record<string, unknown>;
}

export function householdAuditValues(h: HouseholdRow) {
  const { createdAt: _c, updatedAt: _u, areaPath: _a, ...rest } = h;
  return rest as Record<string, unknown>;
}
