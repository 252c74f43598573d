/** 必填项: a field the poverty population must have filled in. */
import { rule } from './rule.js';
import { POVERTY_HOUSEHOLDS } from './types.js';

const h = (zh: string, en: string) => ({ dept: 'poverty_office', severity: 'low', subject: 'household', zh, en, population: '脱贫户、监测户', appliesTo: POVERTY_HOUSEHOLDS }) as const;
const m = (zh: string, en: string) => ({ dept: 'poverty_office', severity: 'low', subject: 'member', zh, en, population: '脱贫户、监测户的在册成员', appliesTo: POVERTY_HOUSEHOLDS }) as const;

export const REQUIRED_RULES = [
  rule('required', 'REQ-001', h('主要致贫原因为空', 'Main poverty cause missing'), 'household.main_cause is null', '建档立卡户须填写主要致贫原因。'),
  rule('required', 'REQ-002', h('户联系电话为空', 'Household contact phone missing'), 'household.contact_phone is empty', '每户须留有联系电话，便于回访核实。'),
  rule('required', 'REQ-003', h('未落实帮扶责任人', 'No helper cadre (帮扶责任人)'), 'household.helper_name is empty or household.helper_phone is empty', '每个脱贫户、监测户都应有帮扶责任人及其联系电话。'),
  rule('required', 'REQ-004', h('住房安全信息缺失', 'Housing safety not recorded'), 'household.housing_grade is null and household.housing_exemption is null', '须有住房安全等级鉴定结果或住房安全保障情形。'),
  rule('required', 'REQ-005', h('饮水水源未填写', 'Water source not recorded'), 'household.water_source is null', '饮水安全核查须先明确水源类型。'),
  rule('required', 'REQ-006', h('饮水水量未填写', 'Water quantity not recorded'), 'household.water_quantity_lpd is null', '饮水水量是饮水安全四项指标之一。'),
  rule('required', 'REQ-007', h('“不愁吃、不愁穿”未核实', 'Food and clothing not surveyed'), 'household.food_secure is null or household.clothing_secure is null', '两不愁须逐户核实。'),
  rule('required', 'REQ-008', h('脱贫户脱贫年度为空', 'Lifted-out household without a year'), "household.type = 'lifted' and household.lifted_year is null", '脱贫户须登记脱贫年度。'),
  rule('required', 'REQ-009', m('成员健康状况为空', 'Health status missing'), 'member.health is null', '健康状况决定医疗保障核查。'),
  rule('required', 'REQ-010', m('劳动年龄成员劳动技能为空', 'Labour ability missing for a working-age member'), 'member.labour_ability is null and member.age >= std.labour_age_min', '劳动年龄人口须填写劳动技能。'),
  rule('required', 'REQ-011', m('成员基本医疗保险情况为空', 'Medical insurance not recorded'), 'member.medical_insurance is null', '每名成员都须登记参保情况。'),
  rule('required', 'REQ-012', m('义务教育阶段儿童在校状况为空', 'School status missing for a school-age child'), 'member.school_status is null and member.school_age between std.school_age_min and std.school_age_max', '义务教育阶段儿童须登记在校状况。'),
  rule('required', 'REQ-013', m('残疾成员未填残疾类别或等级', 'Disability kind or grade missing'), "member.health = 'disabled' and (member.disability_kind is null or member.disability_grade is null)", '残疾人须登记残疾类别和等级。'),
  rule('required', 'REQ-014', m('务工成员未填务工企业', 'Employer missing for an employed member'), "member.employment_place != 'none' and member.employer is empty", '务工人员须登记务工单位，便于核实工资性收入。'),
  rule('required', 'REQ-015', m('非在校生原因为空', 'Reason not in school missing'), "member.school_status = 'not_in_school' and member.school_age between std.school_age_min and std.school_age_max and member.not_in_school_reason is null", '义务教育阶段非在校生须登记原因。'),
];
