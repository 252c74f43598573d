/** 帮扶措施与状态不符: a measure the household receives contradicts what the registry says about it. */
import { rule } from './rule.js';

type Dept = Parameters<typeof rule>[2]['dept'];
const h = (dept: Dept, severity: 'high' | 'medium' | 'low', zh: string, en: string) =>
  ({ dept, severity, subject: 'household', zh, en, population: '有在实施帮扶措施的户' }) as const;

export const MEASURE_RULES = [
  rule('measures', 'MEA-001', h('civil_affairs', 'high', '有低保措施但无享受低保成员', '低保 measure with nobody on 低保'), "exists(measures where measure.kind = 'safety_net_dibao') and none(members where member.dibao)", '落实了低保兜底措施，成员中却无人享受低保。'),
  rule('measures', 'MEA-002', h('civil_affairs', 'high', '有特困供养措施但无特困成员', '特困 measure with nobody on 特困'), "exists(measures where measure.kind = 'safety_net_tekun') and none(members where member.tekun)", '落实了特困供养措施，成员中却无人享受特困供养。'),
  rule('measures', 'MEA-003', h('hr_social_security', 'medium', '有就业帮扶措施但无工资性收入', 'Employment measure but no wage income'), "exists(measures where measure.kind = 'employment') and income.wage = 0", '落实了就业帮扶，上一年度工资性收入却为0。'),
  rule('measures', 'MEA-004', h('hr_social_security', 'medium', '有公益岗位措施但无公益岗位人员', 'Public-welfare post measure but no post holder'), "exists(measures where measure.kind = 'welfare_post') and none(members where member.welfare_post)", '落实了公益岗位措施，成员中却无人在公益岗位。'),
  rule('measures', 'MEA-005', h('poverty_office', 'low', '帮扶措施无责任单位', 'Measure without a responsible unit'), 'exists(measures where measure.responsible_unit is empty)', '每项帮扶措施都应明确责任单位。'),
  rule('measures', 'MEA-006', h('poverty_office', 'medium', '帮扶措施结束日期早于开始日期', 'Measure ends before it starts'), 'exists(measures where measure.end_on < measure.start_on)', '措施起止日期有误。'),
];
