/** Which household and member fields each detail section shows and edits (names as in docs/api.md). */
import type { FieldDef } from '../../../components/fields/fieldDefs';

export const BASIC_FIELDS: FieldDef[] = [
  { name: 'householdNo', kind: 'text', required: true },
  { name: 'type', kind: 'code', list: 'householdType', required: true },
  { name: 'povertyAttribute', kind: 'code', list: 'povertyAttribute', required: true },
  { name: 'mainCause', kind: 'code', list: 'povertyCause' },
  { name: 'secondaryCause', kind: 'code', list: 'povertyCause' },
  { name: 'liftedYear', kind: 'year' },
  { name: 'contactPhone', kind: 'text' },
  { name: 'helperName', kind: 'text' },
  { name: 'helperUnit', kind: 'text' },
  { name: 'helperPhone', kind: 'text' },
  { name: 'foodSecure', kind: 'bool' },
  { name: 'clothingSecure', kind: 'bool' },
  { name: 'sanitaryToilet', kind: 'bool' },
  { name: 'electricity', kind: 'bool' },
  { name: 'hardenedRoad', kind: 'bool' },
  { name: 'landCultivated', kind: 'number' },
  { name: 'landForest', kind: 'number' },
  { name: 'landGrass', kind: 'number' },
  { name: 'registeredOn', kind: 'date' },
];

export const HOUSING_FIELDS: FieldDef[] = [
  { name: 'housingGrade', kind: 'code', list: 'housingGrade' },
  { name: 'housingAppraisedOn', kind: 'date' },
  { name: 'housingStructure', kind: 'code', list: 'housingStructure' },
  { name: 'housingArea', kind: 'number' },
  { name: 'housingExemption', kind: 'code', list: 'housingExemption' },
];

export const WATER_FIELDS: FieldDef[] = [
  { name: 'waterSource', kind: 'code', list: 'waterSource' },
  { name: 'waterQuantityLpd', kind: 'number' },
  { name: 'waterPipedToYard', kind: 'bool' },
  { name: 'waterFetchMinutes', kind: 'number' },
  { name: 'waterGuaranteeRate', kind: 'number', max: 100 },
  { name: 'waterQualityOk', kind: 'bool' },
];

/** Member fields except the ID number, which is masked on read and needs its own control. */
export const MEMBER_FIELDS: FieldDef[] = [
  { name: 'name', kind: 'text', required: true },
  // Sex and birth date are read from the ID number by the server; the form shows them but never sends them.
  { name: 'sex', kind: 'code', list: 'sex' },
  { name: 'birthDate', kind: 'date' },
  { name: 'relation', kind: 'code', list: 'relation', required: true },
  { name: 'ethnicity', kind: 'code', list: 'ethnicity', required: true },
  { name: 'education', kind: 'code', list: 'education' },
  { name: 'schoolStatus', kind: 'code', list: 'schoolStatus' },
  { name: 'notInSchoolReason', kind: 'code', list: 'notInSchoolReason' },
  { name: 'health', kind: 'code', list: 'health' },
  { name: 'disabilityKind', kind: 'code', list: 'disabilityKind' },
  { name: 'disabilityGrade', kind: 'code', list: 'disabilityGrade' },
  { name: 'disabilityCertNo', kind: 'text' },
  { name: 'labourAbility', kind: 'code', list: 'labourAbility' },
  { name: 'employmentPlace', kind: 'code', list: 'employmentPlace' },
  { name: 'employer', kind: 'text' },
  { name: 'employmentMonths', kind: 'number' },
  { name: 'monthlyWage', kind: 'money' },
  { name: 'medicalInsurance', kind: 'code', list: 'medicalInsurance' },
  { name: 'criticalIllnessInsured', kind: 'bool' },
  { name: 'pensionInsured', kind: 'bool' },
  { name: 'familyDoctor', kind: 'bool' },
  { name: 'dibao', kind: 'flag' },
  { name: 'tekun', kind: 'flag' },
  { name: 'welfarePost', kind: 'flag' },
  { name: 'phone', kind: 'text' },
];

export const INCOME_FIELDS: FieldDef[] = [
  { name: 'periodStart', kind: 'date', required: true },
  { name: 'periodEnd', kind: 'date', required: true },
  { name: 'wage', kind: 'money' },
  { name: 'business', kind: 'money' },
  { name: 'property', kind: 'money' },
  { name: 'transfer', kind: 'money' },
  { name: 'productionCost', kind: 'money' },
  { name: 'medicalSelfPay', kind: 'money' },
  { name: 'note', kind: 'textarea' },
];

export const DERIVED_MEMBER_FIELDS = ['sex', 'birthDate'];
export const EDITABLE_MEMBER_FIELDS = MEMBER_FIELDS.filter((d) => !DERIVED_MEMBER_FIELDS.includes(d.name));

/** Every field definition by name, so the history view can label a changed code with its text. */
export const ALL_FIELDS: ReadonlyMap<string, FieldDef> = new Map(
  [
    ...BASIC_FIELDS,
    ...HOUSING_FIELDS,
    ...WATER_FIELDS,
    ...MEMBER_FIELDS,
    ...INCOME_FIELDS,
    // A member's end reason is the event kind; a household's is free text, which the code lookup leaves as it is.
    { name: 'endReason', kind: 'code', list: 'memberEventKind' } satisfies FieldDef,
  ].map((d) => [d.name, d]),
);
