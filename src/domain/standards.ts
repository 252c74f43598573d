/**
 * The catalogue of standards (标准): every threshold an assessment or a check uses, with its unit, the range a value
 * may take and the demo city's 2020 value (DOMAIN.md §4–§8). The values themselves live in the database per region
 * and period; code reads them through the standards service, never as constants.
 */
export type StandardGroup = 'income' | 'education' | 'medical' | 'water' | 'labour' | 'monitoring';

export interface StandardKeyDef {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  readonly unit: string;
  readonly unitEn: string;
  readonly group: StandardGroup;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly description: string;
  /** The demo city's value for 2020. */
  readonly demo2020: number;
}

const def = (d: StandardKeyDef) => d;

export const STANDARD_KEYS = [
  def({ key: 'income_exit_standard', label: '稳定脱贫收入标准', labelEn: 'Income exit standard', unit: '元/人·年', unitEn: 'yuan per person per year', group: 'income', min: 0, max: 100_000, integer: false, description: '家庭年人均纯收入稳定超过该标准视为收入达标。', demo2020: 4500 }),
  def({ key: 'monitoring_line', label: '防返贫监测收入线', labelEn: 'Monitoring income line', unit: '元/人·年', unitEn: 'yuan per person per year', group: 'monitoring', min: 0, max: 100_000, integer: false, description: '人均纯收入低于该线的户应纳入监测。2020年与稳定脱贫收入标准相同。', demo2020: 4500 }),
  def({ key: 'dibao_standard', label: '农村低保标准', labelEn: 'Rural dibao standard', unit: '元/人·年', unitEn: 'yuan per person per year', group: 'income', min: 0, max: 100_000, integer: false, description: '农村居民最低生活保障标准。', demo2020: 5160 }),
  def({ key: 'school_age_min', label: '义务教育起始年龄', labelEn: 'Compulsory school age from', unit: '周岁', unitEn: 'years', group: 'education', min: 3, max: 10, integer: true, description: '在参照日（9月1日）已满该年龄的儿童应入学。', demo2020: 6 }),
  def({ key: 'school_age_max', label: '义务教育截止年龄', labelEn: 'Compulsory school age to', unit: '周岁', unitEn: 'years', group: 'education', min: 10, max: 20, integer: true, description: '在参照日未满该年龄加一岁的儿童属义务教育阶段。', demo2020: 15 }),
  def({ key: 'school_reference_month', label: '入学年龄参照月', labelEn: 'School age reference month', unit: '月', unitEn: 'month', group: 'education', min: 1, max: 12, integer: true, description: '年龄按每年该月参照日计算（9月1日）。', demo2020: 9 }),
  def({ key: 'school_reference_day', label: '入学年龄参照日', labelEn: 'School age reference day', unit: '日', unitEn: 'day', group: 'education', min: 1, max: 31, integer: true, description: '与参照月一起确定参照日期。', demo2020: 1 }),
  def({ key: 'medical_selfpay_warning', label: '大额医疗自付预警线', labelEn: 'Large medical self-pay warning', unit: '元/年', unitEn: 'yuan per year', group: 'medical', min: 0, max: 1_000_000, integer: false, description: '年度合规医疗费用个人自付超过该额预警。', demo2020: 20_000 }),
  def({ key: 'water_quantity_lpd', label: '饮水水量标准', labelEn: 'Water quantity', unit: '升/人·日', unitEn: 'litres per person per day', group: 'water', min: 0, max: 500, integer: false, description: '一般地区每人每天可获得的水量不低于该值。', demo2020: 35 }),
  def({ key: 'water_quantity_lpd_scarce', label: '缺水地区饮水水量标准', labelEn: 'Water quantity, water-scarce areas', unit: '升/人·日', unitEn: 'litres per person per day', group: 'water', min: 0, max: 500, integer: false, description: '缺水地区每人每天可获得的水量不低于该值。', demo2020: 20 }),
  def({ key: 'water_fetch_minutes_max', label: '取水往返时间上限', labelEn: 'Water fetching round trip, at most', unit: '分钟', unitEn: 'minutes', group: 'water', min: 0, max: 240, integer: false, description: '未通水到院的，人力取水往返时间不超过该值。', demo2020: 20 }),
  def({ key: 'water_distance_m_max', label: '取水水平距离上限', labelEn: 'Water fetching distance, at most', unit: '米', unitEn: 'metres', group: 'water', min: 0, max: 10_000, integer: false, description: '取水水平距离不超过该值。', demo2020: 800 }),
  def({ key: 'water_vertical_m_max', label: '取水垂直距离上限', labelEn: 'Water fetching climb, at most', unit: '米', unitEn: 'metres', group: 'water', min: 0, max: 1_000, integer: false, description: '取水垂直高差不超过该值。', demo2020: 80 }),
  def({ key: 'water_guarantee_rate_min', label: '供水保证率下限', labelEn: 'Water supply guarantee, at least', unit: '%', unitEn: '%', group: 'water', min: 0, max: 100, integer: false, description: '一年中能正常供水的天数比例不低于该值。', demo2020: 90 }),
  def({ key: 'labour_age_min', label: '劳动年龄下限', labelEn: 'Working age from', unit: '周岁', unitEn: 'years', group: 'labour', min: 14, max: 20, integer: true, description: '低于该年龄不应有普通或技能劳动力。', demo2020: 16 }),
  def({ key: 'labour_age_max', label: '劳动年龄上限', labelEn: 'Working age to', unit: '周岁', unitEn: 'years', group: 'labour', min: 55, max: 80, integer: true, description: '达到或超过该年龄不应有普通或技能劳动力。', demo2020: 75 }),
  def({ key: 'welfare_post_age_max', label: '公益岗位年龄上限', labelEn: 'Public-welfare post age, at most', unit: '周岁', unitEn: 'years', group: 'labour', min: 50, max: 80, integer: true, description: '公益岗位人员年龄不超过该值。', demo2020: 70 }),
  def({ key: 'wage_month_max', label: '务工月收入上限（异常）', labelEn: 'Monthly wage, implausible above', unit: '元/月', unitEn: 'yuan per month', group: 'labour', min: 0, max: 1_000_000, integer: false, description: '务工月收入高于该值视为异常。', demo2020: 30_000 }),
  def({ key: 'wage_month_min', label: '务工月收入下限（异常）', labelEn: 'Monthly wage, implausible below', unit: '元/月', unitEn: 'yuan per month', group: 'labour', min: 0, max: 10_000, integer: false, description: '有务工但月收入低于该值视为异常。', demo2020: 100 }),
  def({ key: 'public_notice_days_min', label: '村内公示最少天数', labelEn: 'Village public notice, at least', unit: '天', unitEn: 'days', group: 'monitoring', min: 1, max: 60, integer: true, description: '纳入或退出监测须在村内公示不少于该天数。', demo2020: 5 }),
  def({ key: 'risk_elimination_min_months', label: '风险消除收入稳定最少月数', labelEn: 'Income stable before risk elimination, at least', unit: '月', unitEn: 'months', group: 'monitoring', min: 0, max: 36, integer: true, description: '收入持续稳定超过监测线达到该月数方可风险消除。', demo2020: 6 }),
] as const satisfies readonly StandardKeyDef[];

export type StandardKey = (typeof STANDARD_KEYS)[number]['key'];

export const STANDARD_KEY_NAMES = STANDARD_KEYS.map((k) => k.key) as [StandardKey, ...StandardKey[]];

const BY_KEY = new Map<string, StandardKeyDef>(STANDARD_KEYS.map((k) => [k.key, k]));

export function standardKeyDef(key: string): StandardKeyDef | undefined {
  return BY_KEY.get(key);
}

/** Why a value cannot be a standard's value, or null when it can. */
export function standardValueProblem(key: string, value: number): { message: string; messageZh: string } | null {
  const d = BY_KEY.get(key);
  if (!d) return { message: `Unknown standard ${key}`, messageZh: `未知的标准项“${key}”` };
  if (!Number.isFinite(value) || value < d.min || value > d.max) {
    return { message: `${d.labelEn} must be between ${d.min} and ${d.max} ${d.unitEn}`, messageZh: `${d.label}应在${d.min}至${d.max}${d.unit}之间` };
  }
  if (d.integer && !Number.isInteger(value)) return { message: `${d.labelEn} must be a whole number`, messageZh: `${d.label}应为整数` };
  return null;
}

export interface PeriodValue {
  readonly areaPath: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

/**
 * The value that applies to an area (path) on a date: among the values set for that area or one above it whose
 * period covers the date, the most specific area's. Pure, so the rule is tested directly; the service does the same
 * in SQL.
 */
export function effectiveValue<V extends PeriodValue>(values: readonly V[], areaPath: string, on: string): V | undefined {
  let best: V | undefined;
  for (const v of values) {
    if (!areaPath.startsWith(v.areaPath)) continue;
    if (v.effectiveFrom > on || (v.effectiveTo !== null && v.effectiveTo < on)) continue;
    if (!best || v.areaPath.length > best.areaPath.length || (v.areaPath.length === best.areaPath.length && v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best;
}
