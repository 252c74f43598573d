/** 人员信息自相矛盾: a member inconsistent with itself (age vs school, labour, posts; ID number vs birth and sex…). */
import { SCHOOL_STAGE_AGES } from '../../school-stages.js';
import { rule } from './rule.js';

type Dept = Parameters<typeof rule>[2]['dept'];
const m = (dept: Dept, severity: 'high' | 'medium' | 'low', zh: string, en: string, population = '在册成员') =>
  ({ dept, severity, subject: 'member', zh, en, population }) as const;

const stageAgeMismatch = Object.entries(SCHOOL_STAGE_AGES)
  .map(([stage, [lo, hi]]) => `(member.school_status = '${stage}' and member.age not between ${lo} and ${hi})`)
  .join(' or ');

export const PERSON_RULES = [
  rule(
    'person',
    'PER-001',
    m('education', 'high', '义务教育阶段辍学', 'Compulsory-school-age child not in school', '义务教育阶段（按9月1日计算年龄）的儿童'),
    `member.school_age between std.school_age_min and std.school_age_max and member.school_status = 'not_in_school'
     and coalesce(member.not_in_school_reason, 'dropout') not in ('home_teaching', 'unable_to_learn', 'illness')`,
    '义务教育有保障：适龄儿童除经评估无学习能力（送教上门）或因病休学外，均应在校。',
  ),
  rule('person', 'PER-002', m('education', 'medium', '年龄与在校阶段不符', 'Age and school stage disagree'), stageAgeMismatch, '在校阶段与参照日年龄明显不符，多为录入错误。'),
  rule(
    'person',
    'PER-003',
    m('hr_social_security', 'medium', '年龄与劳动技能不符', 'Labour ability impossible for the age'),
    "member.labour_ability in ('ordinary', 'skilled') and (member.age < std.labour_age_min or member.age >= std.labour_age_max)",
    '未满劳动年龄或超过劳动年龄上限的成员不应登记为普通或技能劳动力。',
  ),
  rule('person', 'PER-004', m('poverty_office', 'medium', '户主与配偶性别相同', 'Head and spouse of the same sex'), "member.relation = 'spouse' and member.sex = head.sex", '户主与配偶性别应不同。'),
  rule('person', 'PER-005', m('disability', 'medium', '残疾人无残疾证号', 'Disabled without a certificate'), "member.health = 'disabled' and member.disability_cert_no is empty", '登记为残疾的成员应持有残疾人证（第二代残疾人证号）。'),
  rule('person', 'PER-006', m('poverty_office', 'low', '联系电话格式错误', 'Malformed mobile number'), "member.phone is not null and member.phone not matches '^1[3-9][0-9]{9}$'", '手机号应为1开头的11位数字。'),
  rule('person', 'PER-007', m('public_security', 'high', '身份证号校验位错误', 'ID number check character wrong'), 'not member.id_check_ok', '公民身份号码第18位校验码应按GB 11643计算。'),
  rule('person', 'PER-008', m('public_security', 'high', '身份证号与出生日期不符', 'ID number and birth date disagree'), 'not member.id_matches_birth', '出生日期应与身份证号第7–14位一致。'),
  rule('person', 'PER-009', m('public_security', 'high', '身份证号与性别不符', 'ID number and sex disagree'), 'not member.id_matches_sex', '身份证号第17位奇数为男、偶数为女。'),
  rule('person', 'PER-010', m('disability', 'medium', '持残疾证但健康状况未标为残疾', 'Certificate holder not marked disabled'), "member.disability_cert_no is not empty and member.health != 'disabled'", '持有残疾人证的成员健康状况应为残疾。'),
  rule('person', 'PER-011', m('hr_social_security', 'medium', '公益岗位人员超龄', 'Public-welfare post holder over age'), 'member.welfare_post and member.age > std.welfare_post_age_max', '公益岗位人员年龄不应超过上限。'),
  rule('person', 'PER-012', m('hr_social_security', 'high', '未满劳动年龄人员在公益岗位', 'Public-welfare post holder under working age'), 'member.welfare_post and member.age < std.labour_age_min', '不得安排未满劳动年龄人员上岗。'),
  rule('person', 'PER-013', m('hr_social_security', 'medium', '无劳动能力人员在公益岗位', 'Public-welfare post holder without labour ability'), "member.welfare_post and member.labour_ability in ('lost', 'none')", '公益岗位应安排有劳动能力的人员。'),
  rule('person', 'PER-014', m('hr_social_security', 'high', '未满劳动年龄人员务工', 'Employed under working age'), "member.employment_place != 'none' and member.age < std.labour_age_min", '未满劳动年龄不应登记务工。'),
  rule(
    'person',
    'PER-015',
    m('hr_social_security', 'medium', '务工月收入异常', 'Monthly wage implausible'),
    "member.employment_place != 'none' and (member.monthly_wage > std.wage_month_max or member.monthly_wage < std.wage_month_min)",
    '务工月收入过高或过低，须核实工资性收入。',
  ),
  rule('person', 'PER-016', m('hr_social_security', 'low', '务工时间超过12个月', 'More than 12 months employed in a year'), 'member.employment_months > 12', '年度务工时间不能超过12个月。'),
  rule('person', 'PER-017', m('poverty_office', 'medium', '户主未满16周岁', 'Head under 16'), "member.relation = 'head' and member.age < 16", '户主一般应为成年人，未成年户主须核实。'),
  rule('person', 'PER-018', m('civil_affairs', 'medium', '同时享受低保和特困供养', 'Both 低保 and 特困'), 'member.dibao and member.tekun', '低保与特困供养不能同时享受。'),
  rule('person', 'PER-019', m('medical_insurance', 'high', '未参加基本医疗保险', 'Not in basic medical insurance'), "coalesce(member.medical_insurance, 'none') = 'none'", '基本医疗有保障：每名成员都应参加城乡居民或职工基本医疗保险。'),
  rule(
    'person',
    'PER-020',
    m('medical_insurance', 'high', '参加基本医保但未参加大病保险', 'In basic insurance but not critical-illness insurance'),
    "member.medical_insurance in ('resident', 'employee') and coalesce(member.critical_illness_insured, false) = false",
    '参加基本医疗保险的成员应同时享受大病保险。',
  ),
  rule('person', 'PER-021', m('disability', 'low', '非残疾人登记了残疾等级', 'Disability grade without disability'), "member.disability_grade is not null and member.health != 'disabled'", '残疾等级只应登记在残疾成员上。'),
  rule('person', 'PER-022', m('education', 'low', '在校生登记了失学辍学原因', 'Reason not in school for a pupil'), "member.not_in_school_reason is not null and member.school_status != 'not_in_school'", '在校生不应有失学辍学原因。'),
  rule('person', 'PER-023', m('poverty_office', 'medium', '入户日期早于出生日期', 'Joined before birth'), 'member.joined_on < member.birth_date', '成员入户日期不能早于出生日期。'),
  rule('person', 'PER-024', m('public_security', 'medium', '年龄超过120岁', 'Older than 120'), 'member.age > 120', '年龄超过120岁，多为出生日期录入错误或已死亡未减员。'),
  rule('person', 'PER-025', m('hr_social_security', 'low', '务工人员务工月数为0', 'Employed for zero months'), "member.employment_place != 'none' and member.employment_months = 0", '务工人员须登记年度务工时间。'),
  rule('person', 'PER-026', m('medical_insurance', 'medium', '未参加基本医保却登记大病保险', 'Critical-illness insurance without basic insurance'), "member.medical_insurance = 'none' and member.critical_illness_insured", '大病保险以参加基本医疗保险为前提。'),
  rule('person', 'PER-027', m('education', 'low', '学龄前阶段年龄超过入学年龄', 'Pre-school past school age'), "member.school_status = 'preschool' and member.school_age > std.school_age_min", '已到入学年龄仍登记为学前教育，须核实是否入学。'),
];
