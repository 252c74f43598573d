/**
 * The assessment of many households on many dates in one statement (README.md "Semantics"): the SQL twin of
 * domain/assessment.ts `assessHousehold`, which a test compares it with on random households.
 *
 * Shape: households × dates → the standards in force at each (village, date), most specific area first → members
 * present on the date → the income record used → one row per fact behind a not_met / unknown (LATERAL VALUES, one
 * line per check, `seq` fixing the order; members and households that pass everything, almost all, skip it) →
 * statuses and details per household and date, folded by GROUP BY. No step joins two computed sets by a nested loop:
 * refresh.ts turns those off for large targets, because without statistics the planner would choose them.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  ACCEPTED_NOT_IN_SCHOOL_REASONS,
  ASSESSMENT_STANDARD_KEYS,
  BASIC_MEDICAL_SCHEMES,
  COMPLETED_YEARS_SQL,
  FAMILY_DOCTOR_HEALTH,
  FULL_YEAR_SQL,
  INDICATOR_CODES,
  INDICATOR_STANDARDS,
  SAFE_HOUSING_GRADES,
  SCHOOL_REFERENCE_DATE_SQL,
  UNSAFE_HOUSING_GRADES,
} from '../../domain/assessment.js';
import { PER_CAPITA_SQL } from '../../domain/income.js';
import { escapeLike } from '../accounts/access.js';

/** Which households: under an area path, and/or these ids (a list, or a subquery returning household ids). */
export interface AssessmentTarget {
  /** Under this area path, or under any of these (several counties of a city in one statement). */
  areaPath?: string | readonly string[] | undefined;
  householdIds?: readonly number[] | SQL | undefined;
}

/** The column list the SELECT below produces, in order: also the INSERT's. */
export const ASSESSMENT_COLUMNS = ['household_id', 'reference_date', 'area_path', ...INDICATOR_CODES, 'details', 'any_unmet'] as const;

const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const raw = (s: string) => sql.raw(s);

function ids(list: readonly number[] | SQL): SQL {
  return Array.isArray(list) ? sql`(SELECT unnest(${sql.param([...list])}::int[]))` : sql`(${list as SQL})`;
}

/** The target as a condition on a table with the household's area path and id in these columns. */
function targetOn(t: AssessmentTarget, areaPath: SQL, householdId: SQL): SQL {
  const conds: SQL[] = [];
  if (t.areaPath !== undefined) {
    const paths = typeof t.areaPath === 'string' ? [t.areaPath] : t.areaPath;
    const under = paths.map((p) => sql`${areaPath} LIKE ${escapeLike(p) + '%'}`);
    conds.push(under.length ? sql`(${sql.join(under, sql` OR `)})` : sql`false`);
  }
  if (t.householdIds !== undefined) conds.push(sql`${householdId} IN ${ids(t.householdIds)}`);
  return conds.length ? sql.join(conds, sql` AND `) : sql`true`;
}

/** The target as a condition on the households table (alias h). */
export function householdTarget(t: AssessmentTarget): SQL {
  return targetOn(t, sql`h.area_path`, sql`h.id`);
}

/** The target as a condition on stored assessments (alias ha): what a refresh replaces. */
export function storedTarget(t: AssessmentTarget): SQL {
  return targetOn(t, sql`ha.area_path`, sql`ha.household_id`);
}

/** The "standard not set" facts of an indicator, one VALUES line per key; seq 1… in INDICATOR_STANDARDS order. */
function standardFacts(indicator: 'education' | 'income'): string {
  return INDICATOR_STANDARDS[indicator]
    .map((k, i) => `('${indicator}', ${i + 1}, 'standard', to_jsonb('${k}'::text), NULL::numeric, CASE WHEN st.s_${k} IS NULL THEN 'unknown' END, '{}'::jsonb)`)
    .join(',\n      ');
}

const presentOn = (m: string, on: string) => `${m}.joined_on <= ${on} AND (${m}.ended_on IS NULL OR ${m}.ended_on > ${on})`;

/**
 * SELECT household_id, reference_date, area_path, <one status per indicator>, details, any_unmet for the target's
 * households not ended, on each date.
 */
export function assessmentSelect(dates: readonly string[], target: AssessmentTarget): SQL {
  const keys = ASSESSMENT_STANDARD_KEYS;
  const pivot = keys.map((k) => `max(s.value) FILTER (WHERE s.key = '${k}') AS s_${k}`).join(', ');
  const schoolStandards = INDICATOR_STANDARDS.education.map((k) => `std.s_${k} IS NOT NULL`).join(' AND ');
  const schoolRef = SCHOOL_REFERENCE_DATE_SQL('std.ref', 'std.s_school_reference_month::int', 'std.s_school_reference_day::int');
  return sql`
WITH d AS (SELECT DISTINCT unnest(${sql.param([...dates])}::text[]::date[]) AS ref),
villages AS (SELECT DISTINCT h.area_id FROM households h WHERE h.ended_on IS NULL AND ${householdTarget(target)}),
inforce AS (
  SELECT sv.key, sv.value, sv.area_path, sv.effective_from, d.ref FROM standard_values sv CROSS JOIN d
  WHERE sv.key IN (${raw(quoted(keys))}) AND sv.effective_from <= d.ref AND (sv.effective_to IS NULL OR sv.effective_to >= d.ref)
),
std0 AS (
  -- Per village and date: each standard's value in force, the most specific area's (domain/standards.ts effectiveValue),
  -- and whether the village or an area above it is water-scarce.
  SELECT v.id AS area_id, d.ref,
         coalesce((SELECT bool_or(a.water_scarce) FROM areas a
                   WHERE a.id = ANY (string_to_array(trim(both '/' from v.path), '/')::int[])), false) AS scarce,
         ${raw(pivot)}
  FROM villages JOIN areas v ON v.id = villages.area_id CROSS JOIN d
  LEFT JOIN (
    SELECT DISTINCT ON (vi.area_id, i.ref, i.key) vi.area_id, i.ref, i.key, i.value
    FROM villages vi JOIN areas va ON va.id = vi.area_id JOIN inforce i ON starts_with(va.path, i.area_path)
    ORDER BY vi.area_id, i.ref, i.key, length(i.area_path) DESC, i.effective_from DESC) s ON s.area_id = v.id AND s.ref = d.ref
  GROUP BY v.id, v.path, d.ref
),
std1 AS (
  SELECT std.*, CASE WHEN std.scarce THEN std.s_water_quantity_lpd_scarce ELSE std.s_water_quantity_lpd END AS water_min,
         CASE WHEN ${raw(schoolStandards)} THEN ${raw(schoolRef)} END AS school_ref
  FROM std0 std
),
std AS MATERIALIZED (
  -- Compulsory-school age as a range of birth dates, so members are compared, not aged one by one: completed years
  -- from birth to the school reference date are within [min, max] exactly when born after ref − (max + 1) years and
  -- on or before ref − min years (the way age() counts 29 February).
  SELECT std1.*, (school_ref - make_interval(years => s_school_age_max::int + 1))::date AS born_after,
         (school_ref - make_interval(years => s_school_age_min::int))::date AS born_by
  FROM std1
),
hs AS MATERIALIZED (
  -- The households only: the standards stay in std (a few thousand villages), joined where a check reads them, so a
  -- million households are not stored and sorted with twenty standard values each.
  SELECT h.id, std.ref, h.area_id, h.area_path, h.food_secure, h.clothing_secure, h.housing_grade, h.housing_exemption,
         h.water_quantity_lpd, h.water_piped_to_yard, h.water_fetch_minutes, h.water_guarantee_rate, h.water_quality_ok
  FROM households h JOIN std ON std.area_id = h.area_id
  WHERE h.ended_on IS NULL AND ${householdTarget(target)}
),
mem AS MATERIALIZED (
  -- Members present on the date; \`ok\` when none of the checks below can fire (most members), so they skip them.
  SELECT m.household_id, m.ref, m.id, m.name, m.school_status, m.not_in_school_reason, m.health,
         m.medical_insurance, m.critical_illness_insured, m.family_doctor, m.school_age,
         CASE WHEN m.school_age THEN ${raw(COMPLETED_YEARS_SQL('m.birth_date', 'm.school_ref'))} END AS age,
         coalesce(m.medical_insurance IN (${raw(quoted(BASIC_MEDICAL_SCHEMES))}) AND m.critical_illness_insured
           AND (m.family_doctor OR m.health NOT IN (${raw(quoted(FAMILY_DOCTOR_HEALTH))}))
           AND (m.school_age IS NOT TRUE
                OR (m.school_status IS NOT NULL
                    AND (m.school_status <> 'not_in_school' OR m.not_in_school_reason IN (${raw(quoted(ACCEPTED_NOT_IN_SCHOOL_REASONS))})))), false) AS ok
  FROM (SELECT m.*, hs.ref, st.school_ref, m.birth_date > st.born_after AND m.birth_date <= st.born_by AS school_age
        FROM hs JOIN std st ON st.area_id = hs.area_id AND st.ref = hs.ref JOIN members m ON m.household_id = hs.id AND ${raw(presentOn('m', 'hs.ref'))}) m
),
present AS (SELECT DISTINCT household_id, ref FROM mem),
mf AS (
  SELECT m.household_id, m.ref, m.id AS member_id, f.indicator, f.seq, f.status,
         jsonb_build_object('status', f.status, 'memberId', m.id, 'memberName', m.name, 'field', f.field, 'value', f.value, 'threshold', NULL)
           || f.extra AS fact
  FROM mem m CROSS JOIN LATERAL (VALUES
      ('education', 1, 'schoolStatus', NULL::jsonb,
       CASE WHEN m.school_age AND m.school_status IS NULL THEN 'unknown' END, jsonb_build_object('age', m.age)),
      ('education', 2, 'notInSchoolReason', to_jsonb(m.not_in_school_reason),
       CASE WHEN m.school_age AND m.school_status = 'not_in_school'
                 AND coalesce(m.not_in_school_reason, '') NOT IN (${raw(quoted(ACCEPTED_NOT_IN_SCHOOL_REASONS))}) THEN 'not_met' END,
       jsonb_build_object('age', m.age)),
      ('medical', 1, 'medicalInsurance', to_jsonb(m.medical_insurance),
       CASE WHEN m.medical_insurance IS NULL THEN 'unknown' WHEN m.medical_insurance NOT IN (${raw(quoted(BASIC_MEDICAL_SCHEMES))}) THEN 'not_met' END, '{}'::jsonb),
      ('medical', 2, 'criticalIllnessInsured', to_jsonb(m.critical_illness_insured),
       CASE WHEN m.critical_illness_insured IS NULL THEN 'unknown' WHEN NOT m.critical_illness_insured THEN 'not_met' END, '{}'::jsonb),
      ('medical', 3, 'familyDoctor', to_jsonb(m.family_doctor),
       CASE WHEN m.health IN (${raw(quoted(FAMILY_DOCTOR_HEALTH))}) AND m.family_doctor IS NOT TRUE
            THEN CASE WHEN m.family_doctor IS NULL THEN 'unknown' ELSE 'not_met' END END,
       jsonb_build_object('health', m.health)),
      ('medical', 4, 'health', NULL::jsonb,
       CASE WHEN m.health IS NULL AND m.family_doctor IS NOT TRUE THEN 'unknown' END, '{}'::jsonb)
    ) f(indicator, seq, field, value, status, extra)
  WHERE NOT m.ok AND f.status IS NOT NULL
),
incx AS MATERIALIZED (
  -- The latest full-year income record ending on or before the date (the later start on a tie).
  SELECT DISTINCT ON (i.household_id, hs.ref) hs.ref, i.*
  FROM hs JOIN incomes i ON i.household_id = hs.id AND i.period_end <= hs.ref AND ${raw(FULL_YEAR_SQL('i.period_start', 'i.period_end'))}
  ORDER BY i.household_id, hs.ref, i.period_end DESC, i.period_start DESC
),
inc AS (
  -- Per-capita as the registry computes it (domain/income.ts): members present on the period's last day, counted in
  -- one grouped pass rather than a subquery per household.
  SELECT x.household_id, x.ref, x.period_start, x.period_end, coalesce(z.size, 0) AS size,
         ${raw(PER_CAPITA_SQL('x', 'coalesce(z.size, 0)'))} AS per_capita
  FROM incx x LEFT JOIN (
    SELECT y.household_id, y.ref, count(*) AS size FROM incx y
    JOIN members m ON m.household_id = y.household_id AND ${raw(presentOn('m', 'y.period_end'))}
    GROUP BY y.household_id, y.ref) z ON z.household_id = x.household_id AND z.ref = x.ref
),
hx AS (
  -- Households with what the checks below read, and \`ok\` when none of them can fire (most households).
  SELECT hs.*, p.household_id IS NOT NULL AS has_members, ip.household_id IS NOT NULL AS has_income,
         ip.period_start, ip.period_end, ip.size, ip.per_capita,
         coalesce(hs.food_secure AND hs.clothing_secure AND p.household_id IS NOT NULL
           AND (hs.housing_exemption IS NOT NULL OR hs.housing_grade IN (${raw(quoted(SAFE_HOUSING_GRADES))}))
           AND ${raw(INDICATOR_STANDARDS.education.map((k) => `st.s_${k} IS NOT NULL`).join(' AND '))}
           AND hs.water_quantity_lpd >= st.water_min
           AND (hs.water_piped_to_yard OR hs.water_fetch_minutes <= st.s_water_fetch_minutes_max) AND st.s_water_fetch_minutes_max IS NOT NULL
           AND hs.water_guarantee_rate >= st.s_water_guarantee_rate_min AND hs.water_quality_ok
           AND ip.per_capita >= st.s_income_exit_standard, false) AS ok
  FROM hs JOIN std st ON st.area_id = hs.area_id AND st.ref = hs.ref
  LEFT JOIN present p ON p.household_id = hs.id AND p.ref = hs.ref
  LEFT JOIN inc ip ON ip.household_id = hs.id AND ip.ref = hs.ref
),
hf AS (
  SELECT hs.id AS household_id, hs.ref, NULL::int AS member_id, f.indicator, f.seq, f.status,
         jsonb_build_object('status', f.status, 'memberId', NULL, 'memberName', NULL, 'field', f.field, 'value', f.value, 'threshold', f.threshold)
           || f.extra AS fact
  FROM hx hs JOIN std st ON st.area_id = hs.area_id AND st.ref = hs.ref CROSS JOIN LATERAL (VALUES
      ('food_clothing', 1, 'foodSecure', to_jsonb(hs.food_secure), NULL::numeric,
       CASE WHEN hs.food_secure IS NULL THEN 'unknown' WHEN NOT hs.food_secure THEN 'not_met' END, '{}'::jsonb),
      ('food_clothing', 2, 'clothingSecure', to_jsonb(hs.clothing_secure), NULL,
       CASE WHEN hs.clothing_secure IS NULL THEN 'unknown' WHEN NOT hs.clothing_secure THEN 'not_met' END, '{}'::jsonb),
      ('education', 0, 'members', to_jsonb(0), NULL, CASE WHEN NOT hs.has_members THEN 'unknown' END, '{}'::jsonb),
      ${raw(standardFacts('education'))},
      ('medical', 0, 'members', to_jsonb(0), NULL, CASE WHEN NOT hs.has_members THEN 'unknown' END, '{}'::jsonb),
      ('housing', 1, 'housingGrade', to_jsonb(hs.housing_grade), NULL,
       CASE WHEN hs.housing_exemption IS NOT NULL OR hs.housing_grade IN (${raw(quoted(SAFE_HOUSING_GRADES))}) THEN NULL
            WHEN hs.housing_grade IN (${raw(quoted(UNSAFE_HOUSING_GRADES))}) THEN 'not_met' ELSE 'unknown' END, '{}'::jsonb),
      ('water', 1, 'standard', to_jsonb(CASE WHEN st.scarce THEN 'water_quantity_lpd_scarce' ELSE 'water_quantity_lpd' END), NULL,
       CASE WHEN st.water_min IS NULL THEN 'unknown' END, '{}'::jsonb),
      ('water', 2, 'standard', to_jsonb('water_fetch_minutes_max'::text), NULL,
       CASE WHEN st.s_water_fetch_minutes_max IS NULL THEN 'unknown' END, '{}'::jsonb),
      ('water', 3, 'standard', to_jsonb('water_guarantee_rate_min'::text), NULL,
       CASE WHEN st.s_water_guarantee_rate_min IS NULL THEN 'unknown' END, '{}'::jsonb),
      ('water', 4, 'waterQuantityLpd', to_jsonb(hs.water_quantity_lpd), st.water_min,
       CASE WHEN hs.water_quantity_lpd IS NULL THEN 'unknown' WHEN hs.water_quantity_lpd < st.water_min THEN 'not_met' END,
       jsonb_build_object('scarce', st.scarce)),
      -- Convenience is "piped to the yard OR a short round trip", three-valued: either true is enough.
      ('water', 5, 'waterFetchMinutes', to_jsonb(hs.water_fetch_minutes), st.s_water_fetch_minutes_max,
       CASE WHEN hs.water_piped_to_yard IS TRUE THEN NULL
            WHEN hs.water_fetch_minutes IS NULL THEN 'unknown'
            WHEN st.s_water_fetch_minutes_max IS NULL OR hs.water_fetch_minutes <= st.s_water_fetch_minutes_max THEN NULL
            WHEN hs.water_piped_to_yard IS FALSE THEN 'not_met' ELSE 'unknown' END,
       jsonb_build_object('pipedToYard', hs.water_piped_to_yard)),
      ('water', 6, 'waterGuaranteeRate', to_jsonb(hs.water_guarantee_rate), st.s_water_guarantee_rate_min,
       CASE WHEN hs.water_guarantee_rate IS NULL THEN 'unknown' WHEN hs.water_guarantee_rate < st.s_water_guarantee_rate_min THEN 'not_met' END, '{}'::jsonb),
      ('water', 7, 'waterQualityOk', to_jsonb(hs.water_quality_ok), NULL,
       CASE WHEN hs.water_quality_ok IS NULL THEN 'unknown' WHEN NOT hs.water_quality_ok THEN 'not_met' END, '{}'::jsonb),
      ${raw(standardFacts('income'))},
      ('income', 2, 'incomeRecord', NULL::jsonb, NULL, CASE WHEN NOT hs.has_income THEN 'unknown' END, '{}'::jsonb),
      ('income', 3, 'householdSize', to_jsonb(hs.size), NULL,
       CASE WHEN hs.has_income AND hs.per_capita IS NULL THEN 'unknown' END,
       jsonb_build_object('periodStart', hs.period_start, 'periodEnd', hs.period_end)),
      ('income', 4, 'perCapitaNetIncome', to_jsonb(hs.per_capita), st.s_income_exit_standard,
       CASE WHEN hs.per_capita < st.s_income_exit_standard THEN 'not_met' END,
       jsonb_build_object('periodStart', hs.period_start, 'periodEnd', hs.period_end))
    ) f(indicator, seq, field, value, threshold, status, extra)
  WHERE NOT hs.ok AND f.status IS NOT NULL
),
ind AS (
  SELECT x.household_id, x.ref, x.indicator,
         CASE WHEN bool_or(x.status = 'not_met') THEN 'not_met' ELSE 'unknown' END AS status,
         jsonb_agg(x.fact ORDER BY coalesce(x.member_id, 0), x.seq) AS facts
  FROM (SELECT household_id, ref, member_id, indicator, seq, status, fact FROM mf
        UNION ALL SELECT household_id, ref, member_id, indicator, seq, status, fact FROM hf) x
  GROUP BY x.household_id, x.ref, x.indicator
)
-- One row per household and date: its own line (indicator NULL) plus its not-met indicators, folded by grouping
-- rather than joined back, so the plan never pairs two computed sets.
SELECT y.household_id, y.ref AS reference_date, max(y.area_path) AS area_path,
       ${raw(INDICATOR_CODES.map((c) => `coalesce(max(y.status) FILTER (WHERE y.indicator = '${c}'), 'met') AS ${c}`).join(',\n       '))},
       coalesce(jsonb_object_agg(y.indicator, y.facts) FILTER (WHERE y.indicator IS NOT NULL), '{}'::jsonb) AS details,
       coalesce(bool_or(y.status = 'not_met'), false) AS any_unmet
FROM (SELECT id AS household_id, ref, area_path, NULL::text AS indicator, NULL::text AS status, NULL::jsonb AS facts FROM hx
      UNION ALL SELECT household_id, ref, NULL, indicator, status, facts FROM ind) y
GROUP BY y.household_id, y.ref`;
}
