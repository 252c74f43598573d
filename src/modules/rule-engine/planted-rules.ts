import type { PlantedKindCode } from '../demo/planted.js';

/** The built-in rule that answers each planted kind. */
export const RULE_FOR_PLANTED_KIND: Record<PlantedKindCode, string> = {
  dropout: 'PER-001',
  school_age_vs_grade: 'PER-002',
  labour_vs_age: 'PER-003',
  head_spouse_same_sex: 'PER-004',
  disabled_no_certificate: 'PER-005',
  bad_phone: 'PER-006',
  wage_out_of_range: 'PER-015',
  uninsured: 'PER-019',
  no_critical_illness: 'PER-020',
  dibao_household_no_dibao_member: 'HHM-001',
  no_labour_household_no_dibao: 'HHM-002',
  cause_disability_no_disabled: 'HHM-003',
  income_below_line_not_monitored: 'THR-001',
  unsafe_housing: 'THR-002',
  water_quantity_low: 'THR-003',
  phone_shared: 'XHH-001',
  person_in_two_households: 'XHH-002',
};
