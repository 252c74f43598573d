/** 时间逻辑: dates in the wrong order, in the future, or an exit too soon after entry. */
import { rule } from './rule.js';
import { POVERTY_HOUSEHOLDS } from './types.js';

const h = (severity: 'high' | 'medium' | 'low', zh: string, en: string, appliesTo: string = POVERTY_HOUSEHOLDS) =>
  ({ dept: 'poverty_office', severity, subject: 'household', zh, en, population: '脱贫户、监测户', appliesTo }) as const;

export const DATE_RULES = [
  rule('dates', 'DAT-001', h('medium', '脱贫年度早于建档年度', 'Lifted out before being registered'), 'household.lifted_year < year(household.registered_on)', '脱贫年度不能早于建档立卡年度。'),
  rule('dates', 'DAT-002', h('medium', '脱贫年度晚于参照日', 'Lifted-out year in the future'), 'household.lifted_year > year(ref_date)', '脱贫年度不能晚于当前年度。'),
  rule('dates', 'DAT-003', h('low', '住房鉴定日期晚于参照日', 'Housing appraisal in the future'), 'household.housing_appraised_on > ref_date', '鉴定日期不能晚于核查参照日。'),
  rule('dates', 'DAT-004', h('medium', '建档日期晚于参照日', 'Registered in the future'), 'household.registered_on > ref_date', '建档日期不能晚于核查参照日。'),
  rule(
    'dates',
    'DAT-005',
    h('high', '建档当年即脱贫', 'Lifted out in the year of registration', "household.type = 'lifted'"),
    'household.lifted_year = year(household.registered_on)',
    '识别后当年即退出，时间过短，须核实退出程序和收入是否真实稳定。',
  ),
  rule('dates', 'DAT-006', h('low', '住房鉴定距今超过5年', 'Housing appraisal older than five years'), 'months_between(household.housing_appraised_on, ref_date) > 60', '住房安全鉴定结果已超过5年，应重新核实。'),
  rule(
    'dates',
    'DAT-007',
    h('high', '识别后不足两个月即消除风险', 'Risk eliminated within two months of identification', "monitoring.status = 'eliminated'"),
    'months_between(monitoring.identified_on, monitoring.eliminated_on) < 2',
    '风险消除应在帮扶措施见效、收入稳定后进行；识别后不足两个月即消除，程序或收入可能不实。',
  ),
];
