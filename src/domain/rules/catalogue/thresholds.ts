/** 超出标准或阈值: a value against a standard of the household's area (两不愁三保障, water, income). */
import { rule } from './rule.js';
import { POVERTY_HOUSEHOLDS } from './types.js';

type Dept = Parameters<typeof rule>[2]['dept'];
const h = (dept: Dept, severity: 'high' | 'medium' | 'low', zh: string, en: string, population = '脱贫户、监测户', appliesTo: string = POVERTY_HOUSEHOLDS) =>
  ({ dept, severity, subject: 'household', zh, en, population, appliesTo }) as const;

export const THRESHOLD_RULES = [
  rule(
    'threshold',
    'THR-001',
    h('poverty_office', 'high', '人均纯收入低于监测线但未纳入监测', 'Income below the monitoring line but not monitored', '脱贫户', "household.type = 'lifted'"),
    'income.per_capita < std.monitoring_line',
    '上一完整年度人均纯收入低于防返贫监测线的脱贫户，应纳入监测。',
  ),
  rule('threshold', 'THR-002', h('housing', 'high', '住房C/D级且无安全住房保障情形', 'House C or D without a safe-housing arrangement'), "household.housing_grade in ('C', 'D') and household.housing_exemption is null", '住房安全有保障：C级、D级危房须改造或有其他安全住房。'),
  rule(
    'threshold',
    'THR-003',
    h('water', 'high', '饮水水量不达标', 'Water quantity below the standard'),
    'household.water_quantity_lpd < if(household.water_scarce, std.water_quantity_lpd_scarce, std.water_quantity_lpd)',
    '每人每天可获得水量不低于标准（缺水地区适用较低标准）。',
  ),
  rule(
    'threshold',
    'THR-004',
    h('water', 'high', '取水不方便', 'Water fetching too far'),
    'household.water_piped_to_yard = false and household.water_fetch_minutes > std.water_fetch_minutes_max',
    '未供水入户的，人力取水往返时间不超过标准。',
  ),
  rule('threshold', 'THR-005', h('water', 'high', '供水保证率不达标', 'Water supply guarantee below the standard'), 'household.water_guarantee_rate < std.water_guarantee_rate_min', '一年中能正常供水的天数比例不低于标准。'),
  rule('threshold', 'THR-006', h('water', 'high', '水质不达标', 'Water quality not acceptable'), 'household.water_quality_ok = false', '水质应符合标准，分散供水无肉眼可见杂质、无异色异味。'),
  rule('threshold', 'THR-007', h('poverty_office', 'high', '“不愁吃、不愁穿”未达标', 'Food or clothing not secure'), 'household.food_secure = false or household.clothing_secure = false', '两不愁：吃穿不愁。'),
  rule(
    'threshold',
    'THR-008',
    h('medical_insurance', 'medium', '大额医疗自付未纳入监测', 'Large medical self-pay, household not monitored', '脱贫户', "household.type = 'lifted'"),
    'income.medical_self_pay > std.medical_selfpay_warning',
    '年度合规医疗费用个人自付超过预警线的，应作为监测预警线索核实。',
  ),
  rule('threshold', 'THR-009', h('poverty_office', 'high', '家庭纯收入为负', 'Negative net income'), 'income.per_capita < 0', '生产经营费用大于收入合计，须核实录入。'),
  rule('threshold', 'THR-010', h('housing', 'medium', 'C/D级住房无鉴定日期', 'C/D house without an appraisal date'), "household.housing_grade in ('C', 'D') and household.housing_appraised_on is null", '危房等级须有住建部门鉴定日期。'),
  rule('threshold', 'THR-011', h('poverty_office', 'low', '土地面积为负数', 'Negative land area'), 'household.land_cultivated < 0 or household.land_forest < 0 or household.land_grass < 0', '土地面积不能为负。'),
  rule('threshold', 'THR-012', h('poverty_office', 'low', '住房面积异常', 'Implausible housing area'), 'household.housing_area <= 0 or household.housing_area > 1000', '住房面积应在合理范围内。'),
  rule(
    'threshold',
    'THR-013',
    h('health', 'medium', '慢病或残疾成员未签约家庭医生', 'Chronic or disabled member without a family doctor', '脱贫户、监测户的患病或残疾成员'),
    "exists(members where member.health in ('chronic', 'serious', 'disabled') and coalesce(member.family_doctor, false) = false)",
    '患慢性病、大病和残疾人应签约家庭医生。',
  ),
  rule(
    'threshold',
    'THR-014',
    h('poverty_office', 'high', '风险已消除但人均纯收入低于监测线', 'Risk eliminated with income below the monitoring line', '风险已消除的监测对象', "monitoring.status = 'eliminated'"),
    'income.per_capita < std.monitoring_line',
    '风险消除须收入持续稳定高于监测线；最近完整年度人均纯收入仍低于监测线的，消除不实，应恢复监测。',
  ),
];
