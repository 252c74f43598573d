/**
 * The catalogue of data problems the demo generator plants on purpose (see README.md in this folder). The normal
 * generated data is free of every one of them, so a check that finds exactly the planted rows has precision and
 * recall 1.
 */

export interface PlantedKind {
  readonly kind: string;
  readonly zh: string;
  readonly en: string;
  /** Planted cases per 10,000 households (pairs for the two cross-household kinds). */
  readonly per10k: number;
  /** Cross-household kinds plant a pair: two households, two demo_planted_problems rows. */
  readonly pair?: true;
}

export const PLANTED_KINDS = [
  { kind: 'dropout', zh: '义务教育阶段辍学', en: 'A child aged 6–15 on 1 September 2020 is not in school, without an accepted reason', per10k: 6 },
  { kind: 'uninsured', zh: '未参加基本医疗保险', en: 'A member has no basic medical insurance (medical_insurance = none)', per10k: 8 },
  { kind: 'no_critical_illness', zh: '参加基本医保但未参加大病保险', en: 'A member in basic medical insurance but not in critical-illness insurance', per10k: 6 },
  { kind: 'unsafe_housing', zh: '住房C/D级且无安全住房保障情形', en: 'House appraised C or D with no exemption', per10k: 6 },
  { kind: 'water_quantity_low', zh: '饮水水量不达标', en: 'Water quantity below the threshold (35 L, 20 L in water-scarce areas)', per10k: 5 },
  { kind: 'disabled_no_certificate', zh: '残疾但无残疾证号', en: 'Health "disabled" without a disability certificate number', per10k: 8 },
  { kind: 'head_spouse_same_sex', zh: '户主与配偶性别相同', en: 'Head and spouse of the same sex', per10k: 4 },
  { kind: 'bad_phone', zh: '联系电话格式错误', en: 'A member\'s phone is not a valid 11-digit mobile number', per10k: 6 },
  { kind: 'phone_shared', zh: '同一手机号出现在不同农户', en: 'One mobile number on members of two different households', per10k: 5, pair: true },
  { kind: 'person_in_two_households', zh: '同一身份证号在两户中同时在册', en: 'One ID number active in two households', per10k: 3, pair: true },
  { kind: 'school_age_vs_grade', zh: '年龄与在校阶段不符', en: 'Age and school grade disagree (e.g. a 9-year-old in senior year 2)', per10k: 4 },
  { kind: 'labour_vs_age', zh: '年龄与劳动能力不符', en: 'Labour ability impossible for the age (a child "ordinary labour", a 75+ member working as ordinary labour)', per10k: 5 },
  { kind: 'dibao_household_no_dibao_member', zh: '低保户无低保成员', en: 'Poverty attribute 低保 but no member receives 低保', per10k: 5 },
  { kind: 'no_labour_household_no_dibao', zh: '无劳动力户未纳入低保或特困', en: 'Every active member lost/has no labour ability and nobody is on 低保 or 特困', per10k: 5 },
  { kind: 'wage_out_of_range', zh: '务工月收入异常', en: 'An employed member\'s monthly wage is above 30,000 or below 100 yuan', per10k: 5 },
  { kind: 'cause_disability_no_disabled', zh: '致贫原因因残但无残疾成员', en: 'Main poverty cause "disability" with no disabled member', per10k: 5 },
  {
    kind: 'income_below_line_not_monitored',
    zh: '人均纯收入低于标准但未纳入监测',
    en: '2019 per-capita net income below 4,500 yuan while the household is "lifted", not "monitored"',
    per10k: 6,
  },
] as const satisfies readonly PlantedKind[];

export type PlantedKindCode = (typeof PLANTED_KINDS)[number]['kind'];

/** Below this many households nothing is planted (there would be no room for the normal data). */
export const MIN_HOUSEHOLDS_FOR_PLANTS = 60;

/**
 * Cases planted of one kind: max(1, round(households × per10k / 10,000)), or 0 below MIN_HOUSEHOLDS_FOR_PLANTS.
 * A pair kind plants that many pairs, so it has twice as many rows.
 */
export function plantedCases(kind: PlantedKind, households: number): number {
  if (households < MIN_HOUSEHOLDS_FOR_PLANTS) return 0;
  return Math.max(1, Math.round((households * kind.per10k) / 10_000));
}

/** demo_planted_problems rows of one kind. */
export function plantedRows(kind: PlantedKind, households: number): number {
  return plantedCases(kind, households) * ('pair' in kind && kind.pair ? 2 : 1);
}

/** Monitored (监测户) households: 424 of 70,801 in the city in June 2020 (DOMAIN §6), kept in proportion. */
export function monitoredHouseholds(households: number): number {
  return Math.round((households * 424) / 70_801);
}
