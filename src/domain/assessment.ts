/**
 * The household assessment (两不愁三保障, safe drinking water and income; DOMAIN.md §4): six indicators, each met,
 * not met or unknown on a reference date, with the member and the fact behind every "not met" and "unknown".
 * Missing data is "unknown", never "met". Thresholds come from the standards in force (domain/standards.ts), never
 * from constants here; what is fixed here is the meaning of the registry's codes (which insurance counts, which
 * reasons excuse a child from school, which housing grades are safe).
 *
 * `assessHousehold` is the rule in plain TypeScript, for tests and for reading; the database computes the same in
 * one set-based statement (modules/assessment/sql.ts). A test feeds random households to both and compares them, so
 * keep the two in step.
 */
import { labelOf, type CodeListName } from './codes.js';
import { perCapitaNetIncome, type IncomeComponents } from './income.js';
import { standardKeyDef, type StandardKey } from './standards.js';

export const INDICATORS = [
  { code: 'food_clothing', zh: '不愁吃穿', en: 'Food and clothing' },
  { code: 'education', zh: '义务教育', en: 'Compulsory education' },
  { code: 'medical', zh: '基本医疗', en: 'Basic medical care' },
  { code: 'housing', zh: '住房安全', en: 'Safe housing' },
  { code: 'water', zh: '饮水安全', en: 'Safe drinking water' },
  { code: 'income', zh: '收入', en: 'Income' },
] as const;
export type IndicatorCode = (typeof INDICATORS)[number]['code'];
export const INDICATOR_CODES = INDICATORS.map((i) => i.code) as [IndicatorCode, ...IndicatorCode[]];

export const INDICATOR_STATUSES = [
  { code: 'met', zh: '达标', en: 'Met' },
  { code: 'not_met', zh: '未达标', en: 'Not met' },
  { code: 'unknown', zh: '缺少数据', en: 'Data missing' },
] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number]['code'];
export const INDICATOR_STATUS_CODES = INDICATOR_STATUSES.map((s) => s.code) as [IndicatorStatus, ...IndicatorStatus[]];

export function indicatorLabel(code: string, lang: 'zh' | 'en' = 'zh'): string {
  return INDICATORS.find((i) => i.code === code)?.[lang] ?? code;
}

export function statusLabel(code: string, lang: 'zh' | 'en' = 'zh'): string {
  return INDICATOR_STATUSES.find((s) => s.code === code)?.[lang] ?? code;
}

/** Accepted reasons for a child of compulsory-school age not to be in school (DOMAIN §4); anything else is a dropout. */
export const ACCEPTED_NOT_IN_SCHOOL_REASONS = ['home_teaching', 'unable_to_learn', 'illness'] as const;
/** The basic medical insurance schemes; a member is in exactly one (the registry holds one value per member). */
export const BASIC_MEDICAL_SCHEMES = ['resident', 'employee'] as const;
/** Health states that call for a family doctor contract (家庭医生签约). */
export const FAMILY_DOCTOR_HEALTH = ['chronic', 'serious', 'disabled'] as const;
export const SAFE_HOUSING_GRADES = ['A', 'B'] as const;
export const UNSAFE_HOUSING_GRADES = ['C', 'D'] as const;

/** The standards each indicator reads. Water reads one of the two quantity keys, by the area's water scarcity. */
export const INDICATOR_STANDARDS: Record<IndicatorCode, readonly StandardKey[]> = {
  food_clothing: [],
  education: ['school_age_min', 'school_age_max', 'school_reference_month', 'school_reference_day'],
  medical: [],
  housing: [],
  water: ['water_quantity_lpd', 'water_quantity_lpd_scarce', 'water_fetch_minutes_max', 'water_guarantee_rate_min'],
  income: ['income_exit_standard'],
};
export const ASSESSMENT_STANDARD_KEYS: readonly StandardKey[] = [...new Set(Object.values(INDICATOR_STANDARDS).flat())];

/** One reason an indicator is not met or unknown. Stored as JSON; `value` and `threshold` are the registry's and the standard's. */
export interface AssessmentFact {
  status: Exclude<IndicatorStatus, 'met'>;
  memberId: number | null;
  memberName: string | null;
  field: string;
  value: string | number | boolean | null;
  threshold: number | null;
  /** education: completed years on the school reference date */
  age?: number;
  /** medical, family doctor: the member's health */
  health?: string | null;
  /** water quantity: the area is water-scarce (the lower threshold applies) */
  scarce?: boolean;
  /** water convenience: piped to the yard */
  pipedToYard?: boolean | null;
  /** income: the record the figure comes from */
  periodStart?: string;
  periodEnd?: string;
}

export interface IndicatorResult {
  status: IndicatorStatus;
  facts: AssessmentFact[];
}
export type AssessmentResult = Record<IndicatorCode, IndicatorResult>;

// ───────────────────────────── dates ─────────────────────────────

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The date school age is counted on for an assessment on `on`: the latest (month, day) on or before it — for
 * 1 September, an assessment on 2020-09-01 counts on 2020-09-01, one on 2020-08-31 on 2019-09-01. A day past the
 * month's end (31 for a 30-day month, 29 February) is the month's last day.
 */
export function schoolReferenceDate(on: string, month: number, day: number): string {
  const year = Number(on.slice(0, 4));
  const candidate = (y: number) => iso(y, month, Math.min(day, daysInMonth(y, month)));
  const thisYear = candidate(year);
  return thisYear <= on ? thisYear : candidate(year - 1);
}

/** Completed years from `birth` to `on` (both YYYY-MM-DD): a birthday counts on its day; 29 February on 1 March. */
export function completedYears(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** An income period of at least a full year: 2019-01-01…2019-12-31 is, 2019-10-01…2020-06-30 is not. */
export function coversFullYear(start: string, end: string): boolean {
  const y = Number(start.slice(0, 4)) + 1;
  const m = Number(start.slice(5, 7));
  const d = Math.min(Number(start.slice(8, 10)), daysInMonth(y, m));
  const yearLater = Date.UTC(y, m - 1, d);
  return Date.parse(`${end}T00:00:00Z`) >= yearLater - 86_400_000;
}

/** SQL twin of schoolReferenceDate: `on` a date expression, `month` and `day` integer expressions. */
export const SCHOOL_REFERENCE_DATE_SQL = (on: string, month: string, day: string) => {
  const at = (y: string) =>
    `make_date(${y}, ${month}, least(${day}, date_part('day', make_date(${y}, ${month}, 1) + interval '1 month' - interval '1 day')::int))`;
  const year = `date_part('year', ${on})::int`;
  return `CASE WHEN ${at(year)} <= ${on} THEN ${at(year)} ELSE ${at(`${year} - 1`)} END`;
};

/** SQL twin of completedYears (they agree whenever `on` is not before `birth`, which is all school age needs). */
export const COMPLETED_YEARS_SQL = (birth: string, on: string) => `date_part('year', age(${on}, ${birth}))::int`;

/** SQL twin of coversFullYear. */
export const FULL_YEAR_SQL = (start: string, end: string) => `${end} >= ${start} + interval '1 year' - interval '1 day'`;

/** In the household on `on`: joined by then and not yet left (the day a member leaves, they are gone). */
export function activeOn(m: { joinedOn: string; endedOn: string | null }, on: string): boolean {
  return m.joinedOn <= on && (m.endedOn === null || m.endedOn > on);
}

// ───────────────────────────── the rule ─────────────────────────────

export interface AssessedMember {
  id: number;
  name: string;
  birthDate: string;
  joinedOn: string;
  endedOn: string | null;
  schoolStatus: string | null;
  notInSchoolReason: string | null;
  health: string | null;
  medicalInsurance: string | null;
  criticalIllnessInsured: boolean | null;
  familyDoctor: boolean | null;
}

export interface AssessedIncome extends IncomeComponents {
  periodStart: string;
  periodEnd: string;
}

export interface AssessedHousehold {
  foodSecure: boolean | null;
  clothingSecure: boolean | null;
  housingGrade: string | null;
  housingExemption: string | null;
  waterQuantityLpd: number | null;
  waterPipedToYard: boolean | null;
  waterFetchMinutes: number | null;
  waterGuaranteeRate: number | null;
  waterQualityOk: boolean | null;
  /** The village or an area above it is water-scarce. */
  waterScarce: boolean;
  /** Every member the household ever had; who counts is decided by date. */
  members: AssessedMember[];
  incomes: AssessedIncome[];
}

/** The standards in force for the household's area on the reference date; an absent key is "not set". */
export type AssessmentStandards = Partial<Record<StandardKey, number>>;

/** The status of an indicator from its facts: any "not met" wins, then any "unknown"; no fact is "met". */
export function statusOf(facts: readonly { status: IndicatorStatus }[]): IndicatorStatus {
  if (facts.some((f) => f.status === 'not_met')) return 'not_met';
  return facts.some((f) => f.status === 'unknown') ? 'unknown' : 'met';
}

type Fact = AssessmentFact;
const fact = (status: Fact['status'], field: string, value: Fact['value'], threshold: number | null = null, extra: Partial<Fact> = {}): Fact => ({
  status,
  memberId: null,
  memberName: null,
  field,
  value,
  threshold,
  ...extra,
});
const missingStandard = (key: StandardKey): Fact => fact('unknown', 'standard', key);
const has = <T extends string>(list: readonly T[], v: string | null): boolean => v !== null && (list as readonly string[]).includes(v);

function education(members: AssessedMember[], s: AssessmentStandards, on: string): Fact[] {
  const keys = INDICATOR_STANDARDS.education.filter((k) => s[k] === undefined);
  if (keys.length) return keys.map(missingStandard);
  const ref = schoolReferenceDate(on, s.school_reference_month!, s.school_reference_day!);
  const facts: Fact[] = [];
  for (const m of members) {
    const age = completedYears(m.birthDate, ref);
    if (age < s.school_age_min! || age > s.school_age_max!) continue;
    const who = { memberId: m.id, memberName: m.name, age };
    if (m.schoolStatus === null) facts.push(fact('unknown', 'schoolStatus', null, null, who));
    else if (m.schoolStatus === 'not_in_school' && !has(ACCEPTED_NOT_IN_SCHOOL_REASONS, m.notInSchoolReason)) {
      facts.push(fact('not_met', 'notInSchoolReason', m.notInSchoolReason, null, who));
    }
  }
  return facts;
}

function medical(members: AssessedMember[]): Fact[] {
  const facts: Fact[] = [];
  for (const m of members) {
    const who = { memberId: m.id, memberName: m.name };
    if (m.medicalInsurance === null) facts.push(fact('unknown', 'medicalInsurance', null, null, who));
    else if (!has(BASIC_MEDICAL_SCHEMES, m.medicalInsurance)) facts.push(fact('not_met', 'medicalInsurance', m.medicalInsurance, null, who));
    if (m.criticalIllnessInsured === null) facts.push(fact('unknown', 'criticalIllnessInsured', null, null, who));
    else if (!m.criticalIllnessInsured) facts.push(fact('not_met', 'criticalIllnessInsured', false, null, who));
    if (has(FAMILY_DOCTOR_HEALTH, m.health) && m.familyDoctor !== true) {
      facts.push(fact(m.familyDoctor === null ? 'unknown' : 'not_met', 'familyDoctor', m.familyDoctor, null, { ...who, health: m.health }));
    }
    // Without a health status nobody can say whether a contract is needed, unless there is one anyway.
    if (m.health === null && m.familyDoctor !== true) facts.push(fact('unknown', 'health', null, null, who));
  }
  return facts;
}

function foodClothing(h: AssessedHousehold): Fact[] {
  return (['foodSecure', 'clothingSecure'] as const).flatMap((field) =>
    h[field] === null ? [fact('unknown', field, null)] : h[field] ? [] : [fact('not_met', field, false)],
  );
}

function housing(h: AssessedHousehold): Fact[] {
  if (h.housingExemption !== null || has(SAFE_HOUSING_GRADES, h.housingGrade)) return [];
  return [fact(has(UNSAFE_HOUSING_GRADES, h.housingGrade) ? 'not_met' : 'unknown', 'housingGrade', h.housingGrade)];
}

function water(h: AssessedHousehold, s: AssessmentStandards): Fact[] {
  const quantityKey: StandardKey = h.waterScarce ? 'water_quantity_lpd_scarce' : 'water_quantity_lpd';
  const keys = [quantityKey, 'water_fetch_minutes_max', 'water_guarantee_rate_min'] as const;
  const facts: Fact[] = keys.filter((k) => s[k] === undefined).map(missingStandard);
  const quantity = s[quantityKey] ?? null;
  if (h.waterQuantityLpd === null) facts.push(fact('unknown', 'waterQuantityLpd', null, quantity, { scarce: h.waterScarce }));
  else if (quantity !== null && h.waterQuantityLpd < quantity) facts.push(fact('not_met', 'waterQuantityLpd', h.waterQuantityLpd, quantity, { scarce: h.waterScarce }));
  // Convenience: piped to the yard, or a short enough round trip (three-valued: either true is enough).
  const max = s.water_fetch_minutes_max ?? null;
  if (h.waterPipedToYard !== true) {
    const near = h.waterFetchMinutes === null || max === null ? null : h.waterFetchMinutes <= max;
    const extra = { pipedToYard: h.waterPipedToYard };
    if (near === false && h.waterPipedToYard === false) facts.push(fact('not_met', 'waterFetchMinutes', h.waterFetchMinutes, max, extra));
    else if (near === false || (near === null && h.waterFetchMinutes === null)) facts.push(fact('unknown', 'waterFetchMinutes', h.waterFetchMinutes, max, extra));
  }
  const rateMin = s.water_guarantee_rate_min ?? null;
  if (h.waterGuaranteeRate === null) facts.push(fact('unknown', 'waterGuaranteeRate', null, rateMin));
  else if (rateMin !== null && h.waterGuaranteeRate < rateMin) facts.push(fact('not_met', 'waterGuaranteeRate', h.waterGuaranteeRate, rateMin));
  if (h.waterQualityOk === null) facts.push(fact('unknown', 'waterQualityOk', null));
  else if (!h.waterQualityOk) facts.push(fact('not_met', 'waterQualityOk', false));
  return facts;
}

/** The income record an assessment on `on` uses: the latest full-year one ending by then (the later start on a tie). */
export function assessedIncome<T extends { periodStart: string; periodEnd: string }>(incomes: readonly T[], on: string): T | undefined {
  return incomes
    .filter((i) => i.periodEnd <= on && coversFullYear(i.periodStart, i.periodEnd))
    .sort((a, b) => (a.periodEnd !== b.periodEnd ? (a.periodEnd < b.periodEnd ? 1 : -1) : a.periodStart < b.periodStart ? 1 : -1))[0];
}

function income(h: AssessedHousehold, s: AssessmentStandards, on: string): Fact[] {
  const facts: Fact[] = s.income_exit_standard === undefined ? [missingStandard('income_exit_standard')] : [];
  const record = assessedIncome(h.incomes, on);
  if (!record) return [...facts, fact('unknown', 'incomeRecord', null)];
  const period = { periodStart: record.periodStart, periodEnd: record.periodEnd };
  const size = h.members.filter((m) => activeOn(m, record.periodEnd)).length;
  const perCapita = perCapitaNetIncome(record, size);
  if (perCapita === null) facts.push(fact('unknown', 'householdSize', size, null, period));
  else if (s.income_exit_standard !== undefined && perCapita < s.income_exit_standard) {
    facts.push(fact('not_met', 'perCapitaNetIncome', perCapita, s.income_exit_standard, period));
  }
  return facts;
}

/** Assesses one household on a reference date against the standards in force there and then. */
export function assessHousehold(h: AssessedHousehold, standards: AssessmentStandards, on: string): AssessmentResult {
  const present = h.members.filter((m) => activeOn(m, on));
  // With nobody in the household on the date there is no one to be in school or insured: unknown, not met.
  const nobody = present.length === 0 ? [fact('unknown', 'members', 0)] : [];
  const facts: Record<IndicatorCode, Fact[]> = {
    food_clothing: foodClothing(h),
    education: [...nobody, ...education(present, standards, on)],
    medical: [...nobody, ...medical(present)],
    housing: housing(h),
    water: water(h, standards),
    income: income(h, standards, on),
  };
  return Object.fromEntries(INDICATOR_CODES.map((c) => [c, { status: statusOf(facts[c]), facts: facts[c] }])) as AssessmentResult;
}

// ───────────────────────────── facts in words ─────────────────────────────

const CODED_FIELDS: Record<string, CodeListName> = {
  medicalInsurance: 'medicalInsurance',
  notInSchoolReason: 'notInSchoolReason',
  schoolStatus: 'schoolStatus',
  housingGrade: 'housingGrade',
  health: 'health',
};

function shown(field: string, value: Fact['value'], lang: 'zh' | 'en'): string {
  if (value === null) return lang === 'zh' ? '未填写' : 'not recorded';
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  const list = CODED_FIELDS[field];
  return list ? labelOf(list, String(value), lang) : String(value);
}

const num = (v: Fact['value'] | number | null | undefined) => (typeof v === 'number' ? v.toLocaleString('en') : String(v ?? ''));
/** Yuan to the fen when there are fen: 3,051.30, not 3,051.3. */
const yuan = (v: Fact['value'] | number | null | undefined) =>
  typeof v === 'number' && !Number.isInteger(v) ? v.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : num(v);

/** A fact as a sentence, for the household page, the lists and their exports. */
export function factText(f: AssessmentFact, lang: 'zh' | 'en' = 'zh'): string {
  const zh = lang === 'zh';
  const missing = f.status === 'unknown';
  const who = f.memberName ? (f.age !== undefined ? (zh ? `${f.memberName}（${f.age}岁）：` : `${f.memberName} (${f.age}): `) : zh ? `${f.memberName}：` : `${f.memberName}: `) : '';
  const text = ((): string => {
    switch (f.field) {
      case 'standard': {
        const def = standardKeyDef(String(f.value));
        return zh ? `未设置标准“${def?.label ?? f.value}”` : `standard "${def?.labelEn ?? f.value}" is not set`;
      }
      case 'members':
        return zh ? '参照日无在册家庭成员' : 'nobody in the household on the reference date';
      case 'medicalInsurance':
        return missing ? (zh ? '基本医疗保险未填写' : 'basic medical insurance not recorded') : zh ? `基本医疗保险为“${shown(f.field, f.value, lang)}”` : `basic medical insurance: ${shown(f.field, f.value, lang)}`;
      case 'criticalIllnessInsured':
        return missing ? (zh ? '大病保险未填写' : 'critical-illness insurance not recorded') : zh ? '未参加大病保险' : 'not in critical-illness insurance';
      case 'familyDoctor': {
        const health = shown('health', f.health ?? null, lang);
        return missing ? (zh ? `${health}，家庭医生签约未填写` : `${health}, family doctor contract not recorded`) : zh ? `${health}，未签约家庭医生` : `${health}, no family doctor contract`;
      }
      case 'health':
        return zh ? '健康状况未填写，无法判断是否须签约家庭医生' : 'health not recorded, so the need for a family doctor is unknown';
      case 'schoolStatus':
        return zh ? '义务教育阶段，在校生状况未填写' : 'of compulsory-school age, school status not recorded';
      case 'notInSchoolReason':
        return zh
          ? `义务教育阶段非在校生，${f.value === null ? '未填写未在校原因' : `未在校原因为“${shown(f.field, f.value, lang)}”`}`
          : `of compulsory-school age and not in school, ${f.value === null ? 'no reason recorded' : `reason: ${shown(f.field, f.value, lang)}`}`;
      case 'foodSecure':
        return missing ? (zh ? '不愁吃未填写' : 'food security not recorded') : zh ? '不愁吃：否' : 'food not secure';
      case 'clothingSecure':
        return missing ? (zh ? '不愁穿未填写' : 'clothing security not recorded') : zh ? '不愁穿：否' : 'clothing not secure';
      case 'housingGrade':
        return missing
          ? zh ? `住房安全等级${f.value === null ? '未鉴定' : `为“${f.value}”`}，且无安全住房保障情形` : `housing ${f.value === null ? 'not appraised' : `grade "${f.value}"`} and no exemption`
          : zh ? `住房鉴定为${shown(f.field, f.value, lang)}，且无安全住房保障情形` : `house appraised ${shown(f.field, f.value, lang)} with no exemption`;
      case 'waterQuantityLpd':
        return missing
          ? zh ? '饮水水量未填写' : 'water quantity not recorded'
          : zh ? `水量${num(f.value)}升/人·日，低于${num(f.threshold)}升${f.scarce ? '（缺水地区）' : ''}` : `water ${num(f.value)} L per person per day, below ${num(f.threshold)} L${f.scarce ? ' (water-scarce area)' : ''}`;
      case 'waterFetchMinutes':
        if (!missing) return zh ? `未通水到院，取水往返${num(f.value)}分钟，超过${num(f.threshold)}分钟` : `not piped to the yard, round trip ${num(f.value)} min, over ${num(f.threshold)} min`;
        return f.value === null
          ? zh ? '未填写是否通水到院或取水往返时间' : 'neither piping to the yard nor the round trip recorded'
          : zh ? `取水往返${num(f.value)}分钟，超过${num(f.threshold)}分钟，是否通水到院未填写` : `round trip ${num(f.value)} min, over ${num(f.threshold)} min; piping to the yard not recorded`;
      case 'waterGuaranteeRate':
        return missing ? (zh ? '供水保证率未填写' : 'supply guarantee not recorded') : zh ? `供水保证率${num(f.value)}%，低于${num(f.threshold)}%` : `supply guarantee ${num(f.value)}%, below ${num(f.threshold)}%`;
      case 'waterQualityOk':
        return missing ? (zh ? '水质未填写' : 'water quality not recorded') : zh ? '水质不达标' : 'water quality fails';
      case 'incomeRecord':
        return zh ? '无参照日前结束的全年收入记录' : 'no full-year income record ending by the reference date';
      case 'householdSize':
        return zh ? `收入统计期（${f.periodStart}至${f.periodEnd}）末家庭人口为0` : `nobody in the household at the end of the income period (${f.periodStart} to ${f.periodEnd})`;
      case 'perCapitaNetIncome':
        return zh
          ? `${f.periodStart}至${f.periodEnd}人均纯收入${yuan(f.value)}元，低于标准${yuan(f.threshold)}元`
          : `per-capita net income ${yuan(f.value)} yuan (${f.periodStart} to ${f.periodEnd}), below the standard of ${yuan(f.threshold)} yuan`;
      default:
        return `${f.field}: ${shown(f.field, f.value, lang)}`;
    }
  })();
  return who + text;
}
