/**
 * The field catalogue of the rule language: every name a rule can use, its type, its label, its code list, and how
 * it is read in SQL and in memory. Registry columns are listed once here; derived fields (age, household size, the
 * latest full-year income…) are defined here in both forms side by side so the two cannot drift apart unnoticed
 * (the property test in rules.test.ts compares them).
 */
import * as codes from '../codes.js';
import type { CodeItem } from '../codes.js';
import { checkCharacter } from '../id-number.js';
import { CASE_STATUSES, type CaseStatus } from '../monitoring.js';
import { perCapitaNetIncome } from '../income.js';
import type { ValueType } from './types.js';
import { addYears, completedYears, schoolReferenceDate } from './dates.js';

export type Value = number | string | boolean | null;
export type Row = Record<string, unknown>;

/** What the SQL compiler offers a field: table aliases, standards and the reference date as SQL text. */
export interface SqlScope {
  /** Alias of the member in scope (the subject member, or the one an aggregate ranges over), if any. */
  member: string | null;
  /** Alias of a measure an aggregate over measures ranges over, if any. */
  measure: string | null;
  /** Alias of a department record an aggregate over a dataset ranges over, if any. */
  record?: string | null;
  /** The dataset type `record` belongs to. */
  dataset?: string | null;
  /** SQL for the standard's value in force for the household's area (NULL when none). */
  std(key: string): string;
  /** DATE literal of the reference date. */
  ref: string;
  refDate: string;
  /** Declares that the statement needs a join (the head, the income record, the area). */
  need(join: 'head' | 'income' | 'area' | 'monitoring'): void;
  /**
   * SQL for the number of the subject household's members on the reference date when the compiler computes it in
   * one grouped pass over members (null: count them with a subquery per household).
   */
  householdSize?(): string | null;
}

export interface JsScope {
  member: Row | null;
  measure: Row | null;
  /** The department record an aggregate over a dataset ranges over: { data: {...}, as_of }. */
  record?: Row | null;
  dataset?: string | null;
  household: Row;
  std(key: string): number | null;
  refDate: string;
  head(): Row | null;
  income(): Row | null;
  /** The household's latest monitoring episode identified on or before the reference date. */
  monitoring(): Row | null;
  area(): Row | null;
  /** Members of the household on a date (the reference date when omitted). */
  members(on?: string): Row[];
}

export type FieldScope = 'household' | 'member' | 'head' | 'income' | 'monitoring' | 'measure' | 'record';

export interface FieldDef {
  path: string;
  scope: FieldScope;
  type: ValueType;
  zh: string;
  en: string;
  codes?: readonly CodeItem[];
  sql(s: SqlScope): string;
  js(s: JsScope): Value;
}

/** Registry columns arrive as strings for numerics and dates; rules see numbers and YYYY-MM-DD text. */
export function normalise(type: ValueType, v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (type === 'number') return typeof v === 'number' ? v : Number(v);
  if (type === 'date') return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
  if (type === 'bool') return Boolean(v);
  return String(v);
}

type Column = [column: string, type: ValueType, zh: string, en: string, codes?: readonly CodeItem[]];

const HOUSEHOLD_COLUMNS: Column[] = [
  ['household_no', 'text', '户编号', 'Household number'],
  ['type', 'text', '户类型', 'Household type', codes.HOUSEHOLD_TYPES],
  ['poverty_attribute', 'text', '贫困户属性', 'Poverty attribute', codes.POVERTY_ATTRIBUTES],
  ['main_cause', 'text', '主要致贫原因', 'Main poverty cause', codes.POVERTY_CAUSES],
  ['secondary_cause', 'text', '次要致贫原因', 'Secondary poverty cause', codes.POVERTY_CAUSES],
  ['contact_phone', 'text', '联系电话', 'Contact phone'],
  ['lifted_year', 'number', '脱贫年度', 'Year lifted out'],
  ['helper_name', 'text', '帮扶责任人', 'Helper cadre'],
  ['helper_unit', 'text', '帮扶责任人单位', 'Helper unit'],
  ['helper_phone', 'text', '帮扶责任人电话', 'Helper phone'],
  ['food_secure', 'bool', '不愁吃', 'Enough food'],
  ['clothing_secure', 'bool', '不愁穿', 'Enough clothing'],
  ['housing_area', 'number', '住房面积', 'Housing area'],
  ['housing_structure', 'text', '住房结构', 'Housing structure', codes.HOUSING_STRUCTURES],
  ['housing_grade', 'text', '住房安全等级', 'Housing safety grade', codes.HOUSING_GRADES],
  ['housing_appraised_on', 'date', '住房鉴定日期', 'Housing appraisal date'],
  ['housing_exemption', 'text', '住房安全保障情形', 'Housing exemption', codes.HOUSING_EXEMPTIONS],
  ['water_source', 'text', '饮水水源', 'Water source', codes.WATER_SOURCES],
  ['water_quantity_lpd', 'number', '饮水水量（升/人·日）', 'Water quantity (L/person/day)'],
  ['water_piped_to_yard', 'bool', '供水入户', 'Water piped to the yard'],
  ['water_fetch_minutes', 'number', '取水往返时间（分钟）', 'Water fetching minutes'],
  ['water_guarantee_rate', 'number', '供水保证率（%）', 'Water supply guarantee (%)'],
  ['water_quality_ok', 'bool', '水质达标', 'Water quality OK'],
  ['sanitary_toilet', 'bool', '卫生厕所', 'Sanitary toilet'],
  ['electricity', 'bool', '通生活用电', 'Electricity'],
  ['hardened_road', 'bool', '通硬化路', 'Hardened road'],
  ['land_cultivated', 'number', '耕地面积（亩）', 'Cultivated land (mu)'],
  ['land_forest', 'number', '林地面积（亩）', 'Forest land (mu)'],
  ['land_grass', 'number', '牧草地面积（亩）', 'Grassland (mu)'],
  ['registered_on', 'date', '建档日期', 'Registered on'],
];

const MEMBER_COLUMNS: Column[] = [
  ['name', 'text', '姓名', 'Name'],
  ['id_number', 'text', '身份证号', 'ID number'],
  ['sex', 'text', '性别', 'Sex', codes.SEXES],
  ['birth_date', 'date', '出生日期', 'Birth date'],
  ['relation', 'text', '与户主关系', 'Relation to head', codes.RELATIONS],
  ['ethnicity', 'text', '民族', 'Ethnicity', codes.ETHNICITIES],
  ['education', 'text', '文化程度', 'Education', codes.EDUCATION_LEVELS],
  ['school_status', 'text', '在校生状况', 'School status', codes.SCHOOL_STATUSES],
  ['not_in_school_reason', 'text', '失学辍学原因', 'Reason not in school', codes.NOT_IN_SCHOOL_REASONS],
  ['health', 'text', '健康状况', 'Health', codes.HEALTH_STATUSES],
  ['disability_kind', 'text', '残疾类别', 'Disability kind', codes.DISABILITY_KINDS],
  ['disability_grade', 'text', '残疾等级', 'Disability grade', codes.DISABILITY_GRADES],
  ['disability_cert_no', 'text', '残疾证号', 'Disability certificate number'],
  ['labour_ability', 'text', '劳动技能', 'Labour ability', codes.LABOUR_ABILITIES],
  ['employment_place', 'text', '务工区域', 'Place of work', codes.EMPLOYMENT_PLACES],
  ['employer', 'text', '务工企业', 'Employer'],
  ['employment_months', 'number', '务工时间（月）', 'Months employed'],
  ['monthly_wage', 'number', '务工月收入', 'Monthly wage'],
  ['medical_insurance', 'text', '基本医疗保险', 'Basic medical insurance', codes.MEDICAL_INSURANCES],
  ['critical_illness_insured', 'bool', '参加大病保险', 'Critical-illness insured'],
  ['pension_insured', 'bool', '参加养老保险', 'Pension insured'],
  ['family_doctor', 'bool', '家庭医生签约', 'Family doctor contract'],
  ['dibao', 'bool', '享受低保', 'On 低保'],
  ['tekun', 'bool', '特困供养', 'On 特困'],
  ['welfare_post', 'bool', '公益岗位', 'Public-welfare post'],
  ['phone', 'text', '联系电话', 'Phone'],
  ['joined_on', 'date', '入户日期', 'Joined on'],
];

const INCOME_COLUMNS: Column[] = [
  ['period_start', 'date', '收入期间起', 'Income period from'],
  ['period_end', 'date', '收入期间止', 'Income period to'],
  ['wage', 'number', '工资性收入', 'Wage income'],
  ['business', 'number', '生产经营性收入', 'Business income'],
  ['property', 'number', '财产性收入', 'Property income'],
  ['transfer', 'number', '转移性收入', 'Transfer income'],
  ['production_cost', 'number', '生产经营费用', 'Production costs'],
  ['medical_self_pay', 'number', '合规自付医疗支出', 'Medical self-pay'],
];

const CASE_STATUS_LABELS: Record<CaseStatus, [zh: string, en: string]> = {
  in_procedure: ['纳入程序中', 'Inclusion in procedure'],
  monitored: ['监测中', 'Monitored'],
  eliminating: ['风险消除程序中', 'Elimination in procedure'],
  rejected: ['未纳入', 'Not included'],
  eliminated: ['风险已消除', 'Risk eliminated'],
};
const CASE_STATUS_CODES: readonly CodeItem[] = CASE_STATUSES.map((code) => ({ code, zh: CASE_STATUS_LABELS[code][0], en: CASE_STATUS_LABELS[code][1] }));

/** 监测帮扶记录: the latest monitoring episode of the household (monitoring_cases). */
const MONITORING_COLUMNS: Column[] = [
  ['category', 'text', '监测对象类别', 'Monitoring category', codes.MONITORING_CATEGORIES],
  ['status', 'text', '监测状态', 'Monitoring status', CASE_STATUS_CODES],
  ['identified_on', 'date', '识别日期', 'Identified on'],
  ['included_on', 'date', '纳入日期', 'Included on'],
  ['eliminated_on', 'date', '风险消除日期', 'Risk eliminated on'],
  ['income_at_identification', 'number', '识别时人均纯收入', 'Per-capita income at identification'],
];

const MEASURE_COLUMNS: Column[] = [
  ['kind', 'text', '措施类型', 'Measure kind', codes.MEASURE_KINDS],
  ['start_on', 'date', '开始日期', 'Start'],
  ['end_on', 'date', '结束日期', 'End'],
  ['yearly_value', 'number', '年度金额', 'Yearly value'],
  ['responsible_unit', 'text', '责任单位', 'Responsible unit'],
];

function columnField(scope: FieldScope, prefix: string, [column, type, zh, en, codeList]: Column): FieldDef {
  const alias = (s: SqlScope) =>
    scope === 'household' ? 'h' : scope === 'head' ? 'hd' : scope === 'income' ? 'inc' : scope === 'monitoring' ? 'mc' : scope === 'measure' ? s.measure : s.member;
  const row = (s: JsScope): Row | null =>
    scope === 'household'
      ? s.household
      : scope === 'head'
        ? s.head()
        : scope === 'income'
          ? s.income()
          : scope === 'monitoring'
            ? s.monitoring()
            : scope === 'measure'
              ? s.measure
              : s.member;
  return {
    path: `${prefix}.${column}`,
    scope,
    type,
    zh,
    en,
    ...(codeList ? { codes: codeList } : {}),
    sql: (s) => {
      if (scope === 'head') s.need('head');
      if (scope === 'income') s.need('income');
      if (scope === 'monitoring') s.need('monitoring');
      return `${alias(s)}.${column}`;
    },
    js: (s) => normalise(type, row(s)?.[column]),
  };
}

const ageSql = (on: string, birth: string) => `date_part('year', age(${on}, ${birth}))::int`;

function schoolAgeSql(s: SqlScope, birth: string): string {
  const year = Number(s.refDate.slice(0, 4));
  const m = s.std('school_reference_month');
  const d = s.std('school_reference_day');
  const thisYear = `make_date(${year}, (${m})::int, (${d})::int)`;
  const lastYear = `make_date(${year - 1}, (${m})::int, (${d})::int)`;
  return ageSql(`CASE WHEN ${thisYear} <= ${s.ref} THEN ${thisYear} ELSE ${lastYear} END`, birth);
}

function schoolAgeJs(s: JsScope, birth: Value): Value {
  const m = s.std('school_reference_month');
  const d = s.std('school_reference_day');
  if (birth === null || m === null || d === null) return null;
  return completedYears(String(birth), schoolReferenceDate(s.refDate, m, d));
}

const ID_PATTERN = '^[0-9]{17}[0-9X]$';

function personDerived(scope: 'member' | 'head', prefix: string): FieldDef[] {
  const alias = (s: SqlScope) => {
    if (scope === 'head') s.need('head');
    return scope === 'head' ? 'hd' : s.member!;
  };
  const row = (s: JsScope) => (scope === 'head' ? s.head() : s.member);
  return [
    {
      path: `${prefix}.age`,
      scope,
      type: 'number',
      zh: '年龄（参照日周岁）',
      en: 'Age on the reference date',
      sql: (s) => ageSql(s.ref, `${alias(s)}.birth_date`),
      js: (s) => {
        const b = normalise('date', row(s)?.birth_date);
        return b === null ? null : completedYears(String(b), s.refDate);
      },
    },
    {
      path: `${prefix}.school_age`,
      scope,
      type: 'number',
      zh: '入学年龄（按9月1日计算）',
      en: 'Age on the school reference date (1 September)',
      sql: (s) => schoolAgeSql(s, `${alias(s)}.birth_date`),
      js: (s) => schoolAgeJs(s, normalise('date', row(s)?.birth_date)),
    },
    {
      path: `${prefix}.id_check_ok`,
      scope,
      type: 'bool',
      zh: '身份证号校验位正确',
      en: 'ID number check character correct',
      // Stored generated columns (drizzle/0012_member_id_flags.sql): computed once when a member is written.
      sql: (s) => `${alias(s)}.id_check_ok`,
      js: (s) => {
        const id = normalise('text', row(s)?.id_number);
        if (id === null) return null;
        return new RegExp(ID_PATTERN).test(String(id)) && checkCharacter(String(id).slice(0, 17)) === String(id)[17];
      },
    },
    {
      path: `${prefix}.id_matches_birth`,
      scope,
      type: 'bool',
      zh: '身份证号与出生日期一致',
      en: 'ID number agrees with birth date',
      sql: (s) => `${alias(s)}.id_birth_ok`,
      js: (s) => {
        const r = row(s);
        const id = normalise('text', r?.id_number);
        const b = normalise('date', r?.birth_date);
        return id === null || b === null ? null : String(id).slice(6, 14) === String(b).replaceAll('-', '');
      },
    },
    {
      path: `${prefix}.id_matches_sex`,
      scope,
      type: 'bool',
      zh: '身份证号与性别一致',
      en: 'ID number agrees with sex',
      sql: (s) => `${alias(s)}.id_sex_ok`,
      js: (s) => {
        const r = row(s);
        const id = normalise('text', r?.id_number);
        const sex = normalise('text', r?.sex);
        if (id === null || sex === null) return null;
        const digit = String(id)[16] ?? '';
        return /^[0-9]$/.test(digit) ? (Number(digit) % 2 === 1) === (sex === 'male') : false;
      },
    },
  ];
}

/** Members in the household on a date: joined by then and not yet left. The same rule everywhere. */
export const ACTIVE_MEMBER_SQL = (alias: string, ref: string) => `(${alias}.joined_on <= ${ref} AND (${alias}.ended_on IS NULL OR ${alias}.ended_on > ${ref}))`;
export function isActiveMember(m: Row, refDate: string): boolean {
  const joined = normalise('date', m.joined_on);
  const ended = normalise('date', m.ended_on);
  return joined !== null && String(joined) <= refDate && (ended === null || String(ended) > refDate);
}
export const ACTIVE_HOUSEHOLD_SQL = (alias: string, ref: string) => `(${alias}.ended_on IS NULL OR ${alias}.ended_on > ${ref})`;
export function isActiveHousehold(h: Row, refDate: string): boolean {
  const ended = normalise('date', h.ended_on);
  return ended === null || String(ended) > refDate;
}

/** The income record a rule reads: the latest one covering a whole year that ended by the reference date. */
export function fullYearIncome(incomes: Row[], refDate: string): Row | null {
  let best: Row | null = null;
  for (const i of incomes) {
    const start = String(normalise('date', i.period_start));
    const end = String(normalise('date', i.period_end));
    if (end > refDate || end < addYears(start, 1, -1)) continue;
    if (!best || end > String(normalise('date', best.period_end))) best = i;
  }
  return best;
}

/** The monitoring episode a rule reads: the latest identified on or before the reference date (the later id on a tie). */
export function latestEpisode(cases: readonly Row[], refDate: string): Row | null {
  let best: Row | null = null;
  for (const c of cases) {
    const on = String(normalise('date', c.identified_on));
    if (on > refDate) continue;
    const bestOn = best ? String(normalise('date', best.identified_on)) : '';
    if (!best || on > bestOn || (on === bestOn && Number(c.id) > Number(best.id))) best = c;
  }
  return best;
}

const householdSizeSql = (h: string, on: string) => `(SELECT count(*) FROM members sz WHERE sz.household_id = ${h} AND ${ACTIVE_MEMBER_SQL('sz', on)})`;
const incomeNumber = (r: Row | null, k: string) => Number(r?.[k] ?? 0);

const DERIVED: FieldDef[] = [
  {
    path: 'household.size',
    scope: 'household',
    type: 'number',
    zh: '家庭人口数（参照日在册）',
    en: 'Household size on the reference date',
    sql: (s) => s.householdSize?.() ?? householdSizeSql('h.id', s.ref),
    js: (s) => s.members().length,
  },
  {
    path: 'household.water_scarce',
    scope: 'household',
    type: 'bool',
    zh: '属于缺水地区',
    en: 'In a water-scarce area',
    sql: (s) => {
      s.need('area');
      return 'a.water_scarce';
    },
    js: (s) => normalise('bool', s.area()?.water_scarce),
  },
  {
    path: 'income.net',
    scope: 'income',
    type: 'number',
    zh: '家庭纯收入',
    en: 'Household net income',
    sql: (s) => {
      s.need('income');
      return '(inc.wage + inc.business + inc.property + inc.transfer - inc.production_cost)';
    },
    js: (s) => {
      const r = s.income();
      return r ? ['wage', 'business', 'property', 'transfer'].reduce((t, k) => t + incomeNumber(r, k), 0) - incomeNumber(r, 'production_cost') : null;
    },
  },
  {
    path: 'income.per_capita',
    scope: 'income',
    type: 'number',
    zh: '人均纯收入',
    en: 'Per-capita net income',
    sql: (s) => {
      s.need('income');
      return `CASE WHEN inc.size_at_end > 0 THEN round((inc.wage + inc.business + inc.property + inc.transfer - inc.production_cost) / inc.size_at_end, 2) END`;
    },
    js: (s) => {
      const r = s.income();
      if (!r) return null;
      const end = String(normalise('date', r.period_end));
      const size = s.members(end).length;
      return perCapitaNetIncome(
        { wage: incomeNumber(r, 'wage'), business: incomeNumber(r, 'business'), property: incomeNumber(r, 'property'), transfer: incomeNumber(r, 'transfer'), productionCost: incomeNumber(r, 'production_cost') },
        size,
      );
    },
  },
];

export const RULE_FIELDS: readonly FieldDef[] = [
  ...HOUSEHOLD_COLUMNS.map((c) => columnField('household', 'household', c)),
  ...MEMBER_COLUMNS.map((c) => columnField('member', 'member', c)),
  ...personDerived('member', 'member'),
  ...MEMBER_COLUMNS.map((c) => columnField('head', 'head', c)),
  ...personDerived('head', 'head'),
  ...INCOME_COLUMNS.map((c) => columnField('income', 'income', c)),
  ...MONITORING_COLUMNS.map((c) => columnField('monitoring', 'monitoring', c)),
  ...MEASURE_COLUMNS.map((c) => columnField('measure', 'measure', c)),
  ...DERIVED,
];

const BY_PATH = new Map(RULE_FIELDS.map((f) => [f.path, f]));
export function fieldByPath(path: string): FieldDef | undefined {
  return BY_PATH.get(path);
}
