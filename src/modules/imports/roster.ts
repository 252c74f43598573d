/**
 * Where each roster field goes: the staging column it is kept in, and the registry column it updates. Household
 * fields come from the head's row; member fields from each row. Fields without a registry column only locate or
 * check the household (area code and names, head's name and ID, household size).
 */
import type { RosterField } from '../ingest/fields.js';

export type SqlType = 'text' | 'int' | 'bool' | 'date' | 'numeric';

export interface RosterColumn {
  readonly field: RosterField;
  /** Column in import_rows; for registry fields the same name as in households or members. */
  readonly column: string;
  readonly type: SqlType;
  /** The registry table it updates, if any. */
  readonly target: 'household' | 'member' | null;
}

const col = (field: RosterField, column: string, type: SqlType, target: RosterColumn['target']): RosterColumn => ({ field, column, type, target });

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  col('householdNo', 'household_no', 'text', null),
  col('areaCode', 'area_code', 'text', null),
  col('countyName', 'county_name', 'text', null),
  col('townshipName', 'township_name', 'text', null),
  col('villageName', 'village_name', 'text', null),
  col('headName', 'head_name', 'text', null),
  col('headIdNumber', 'head_id_number', 'text', null),
  col('householdSize', 'household_size', 'int', null),
  col('householdType', 'type', 'text', 'household'),
  col('povertyAttribute', 'poverty_attribute', 'text', 'household'),
  col('mainCause', 'main_cause', 'text', 'household'),
  col('secondaryCause', 'secondary_cause', 'text', 'household'),
  col('housingGrade', 'housing_grade', 'text', 'household'),
  col('contactPhone', 'contact_phone', 'text', 'household'),
  col('helperName', 'helper_name', 'text', 'household'),
  col('helperUnit', 'helper_unit', 'text', 'household'),
  col('helperPhone', 'helper_phone', 'text', 'household'),
  col('name', 'name', 'text', 'member'),
  col('idNumber', 'id_number', 'text', 'member'),
  col('relation', 'relation', 'text', 'member'),
  col('sex', 'sex', 'text', 'member'),
  col('birthDate', 'birth_date', 'date', 'member'),
  col('ethnicity', 'ethnicity', 'text', 'member'),
  col('education', 'education', 'text', 'member'),
  col('schoolStatus', 'school_status', 'text', 'member'),
  col('notInSchoolReason', 'not_in_school_reason', 'text', 'member'),
  col('health', 'health', 'text', 'member'),
  col('disabilityKind', 'disability_kind', 'text', 'member'),
  col('disabilityGrade', 'disability_grade', 'text', 'member'),
  col('disabilityCertNo', 'disability_cert_no', 'text', 'member'),
  col('labourAbility', 'labour_ability', 'text', 'member'),
  col('employmentPlace', 'employment_place', 'text', 'member'),
  col('employer', 'employer', 'text', 'member'),
  col('employmentMonths', 'employment_months', 'int', 'member'),
  col('monthlyWage', 'monthly_wage', 'numeric', 'member'),
  col('medicalInsurance', 'medical_insurance', 'text', 'member'),
  col('criticalIllnessInsured', 'critical_illness_insured', 'bool', 'member'),
  col('pensionInsured', 'pension_insured', 'bool', 'member'),
  col('dibao', 'dibao', 'bool', 'member'),
  col('tekun', 'tekun', 'bool', 'member'),
  col('welfarePost', 'welfare_post', 'bool', 'member'),
  col('phone', 'phone', 'text', 'member'),
];

export const ROSTER_COLUMN_OF: ReadonlyMap<RosterField, RosterColumn> = new Map(ROSTER_COLUMNS.map((c) => [c.field, c]));

/**
 * Registry columns that cannot be NULL: an empty cell keeps the registry's value (or, for a new record, the default
 * here; null = no default, the checks require the value) instead of clearing it. Sex and birth date always come from
 * the ID number.
 */
export const NOT_NULL_KEEP: Readonly<Record<'household' | 'member', Readonly<Record<string, string | null>>>> = {
  household: { type: null, poverty_attribute: `'general'` },
  member: { ethnicity: `'han'`, dibao: 'false', tekun: 'false', welfare_post: 'false', relation: null, name: null },
};

/** Registry columns an import writes, given the fields the file's columns map to. */
export function targetColumns(mapped: ReadonlySet<RosterField>, target: 'household' | 'member'): RosterColumn[] {
  return ROSTER_COLUMNS.filter((c) => c.target === target && (mapped.has(c.field) || (target === 'member' && (c.field === 'sex' || c.field === 'birthDate' || c.field === 'idNumber'))));
}
