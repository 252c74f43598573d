/**
 * The exact condition of each planted kind, as SQL returning (household_id, member_id). On generated data each
 * query returns exactly the kind's rows of demo_planted_problems (the tests assert it), so these are the
 * reference answers a rule catalogue is measured against. Ages are completed years on REFERENCE_DATE; "active"
 * means not ended (ended_on IS NULL).
 */
import { ACCEPTED_NOT_IN_SCHOOL_REASONS } from '../../domain/assessment.js';
import { HOUSEHOLD_SIZE_AT_SQL, PER_CAPITA_SQL } from '../../domain/income.js';
import { INCOME_LINE, INCOME_PERIODS, REFERENCE_DATE } from './household.js';
import type { PlantedKindCode } from './planted.js';
import { SCHOOL_STAGE_AGES } from '../../domain/school-stages.js';

const AGE = (m: string) => `date_part('year', age(DATE '${REFERENCE_DATE}', ${m}.birth_date))`;
const ACTIVE = (m: string) => `${m}.ended_on IS NULL`;
const VALID_MOBILE = `'^1[3-9][0-9]{9}$'`;

const stageAgeCase = `CASE m.school_status ${Object.entries(SCHOOL_STAGE_AGES)
  .map(([s, [lo, hi]]) => `WHEN '${s}' THEN ${AGE('m')} NOT BETWEEN ${lo} AND ${hi}`)
  .join(' ')} ELSE false END`;

export const REFERENCE_CHECKS: Record<PlantedKindCode, string> = {
  dropout: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND ${AGE('m')} BETWEEN 6 AND 15 AND m.school_status = 'not_in_school'
      AND coalesce(m.not_in_school_reason, '') NOT IN (${ACCEPTED_NOT_IN_SCHOOL_REASONS.map((r) => `'${r}'`).join(', ')})`,
  uninsured: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND coalesce(m.medical_insurance, 'none') = 'none'`,
  no_critical_illness: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND m.medical_insurance IN ('resident', 'employee') AND m.critical_illness_insured IS NOT TRUE`,
  unsafe_housing: `SELECT h.id AS household_id, NULL::int AS member_id FROM households h
    WHERE h.ended_on IS NULL AND h.housing_grade IN ('C', 'D') AND h.housing_exemption IS NULL`,
  water_quantity_low: `SELECT h.id AS household_id, NULL::int AS member_id FROM households h JOIN areas a ON a.id = h.area_id
    WHERE h.ended_on IS NULL AND h.water_quantity_lpd < CASE WHEN a.water_scarce THEN 20 ELSE 35 END`,
  disabled_no_certificate: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND m.health = 'disabled' AND coalesce(m.disability_cert_no, '') = ''`,
  head_spouse_same_sex: `SELECT s.household_id, s.id AS member_id FROM members s
    JOIN members h ON h.household_id = s.household_id AND h.relation = 'head' AND ${ACTIVE('h')}
    WHERE s.relation = 'spouse' AND ${ACTIVE('s')} AND s.sex = h.sex`,
  bad_phone: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND m.phone IS NOT NULL AND m.phone !~ ${VALID_MOBILE}`,
  phone_shared: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND m.phone IN (
      SELECT phone FROM members WHERE ended_on IS NULL AND phone IS NOT NULL GROUP BY phone HAVING count(DISTINCT household_id) > 1)`,
  person_in_two_households: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND m.id_number IN (
      SELECT id_number FROM members WHERE ended_on IS NULL GROUP BY id_number HAVING count(DISTINCT household_id) > 1)`,
  school_age_vs_grade: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND ${stageAgeCase}`,
  labour_vs_age: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND m.labour_ability IN ('ordinary', 'skilled') AND (${AGE('m')} < 16 OR ${AGE('m')} >= 75)`,
  dibao_household_no_dibao_member: `SELECT h.id AS household_id, NULL::int AS member_id FROM households h
    WHERE h.ended_on IS NULL AND h.poverty_attribute = 'dibao'
      AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND ${ACTIVE('m')} AND m.dibao)`,
  no_labour_household_no_dibao: `SELECT h.id AS household_id, NULL::int AS member_id FROM households h
    WHERE h.ended_on IS NULL
      AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND ${ACTIVE('m')}
                      AND (m.labour_ability NOT IN ('lost', 'none') OR m.dibao OR m.tekun))`,
  wage_out_of_range: `SELECT m.household_id, m.id AS member_id FROM members m
    WHERE ${ACTIVE('m')} AND m.employment_place <> 'none' AND (m.monthly_wage > 30000 OR m.monthly_wage < 100)`,
  cause_disability_no_disabled: `SELECT h.id AS household_id, NULL::int AS member_id FROM households h
    WHERE h.ended_on IS NULL AND h.main_cause = 'disability'
      AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND ${ACTIVE('m')} AND m.health = 'disabled')`,
  income_below_line_not_monitored: `SELECT h.id AS household_id, NULL::int AS member_id FROM households h
    JOIN incomes i ON i.household_id = h.id AND i.period_start = DATE '${INCOME_PERIODS.fullYear2019.start}'
      AND i.period_end = DATE '${INCOME_PERIODS.fullYear2019.end}'
    WHERE h.ended_on IS NULL AND h.type = 'lifted'
      AND ${PER_CAPITA_SQL('i', HOUSEHOLD_SIZE_AT_SQL('i.household_id', 'i.period_end'))} < ${INCOME_LINE}`,
};
