/**
 * 部门数据比对规则 (DOMAIN.md §7): the registry against the departments' datasets, matched by person. Each rule names
 * the department that verifies and fixes it. A dataset nobody has uploaded makes its rules silent (unknown), so an
 * absent list never reports everyone as missing from it.
 */
import type { Department } from '../../codes.js';
import type { RuleSubject } from '../types.js';
import { rule } from './rule.js';
import { POVERTY_HOUSEHOLDS, type RuleSeverity } from './types.js';

const POOR = POVERTY_HOUSEHOLDS;
const h = (dept: Department, severity: RuleSeverity, subject: RuleSubject, zh: string, en: string, population = '脱贫户和监测户', appliesTo = POOR) => ({ dept, severity, subject, zh, en, population, appliesTo });
const cmp = (code: string, head: ReturnType<typeof h>, condition: string, explanation: string) => rule('department', code, head, condition, explanation);

const SCHOOL_AGE = 'member.school_age between std.school_age_min and std.school_age_max';
const ACTIVE_ASSISTANCE = (kind: string) => `exists(social_assistance where record.kind = '${kind}')`;

export const COMPARISON_RULES = [
  // 教体: school enrolment
  cmp('CMP-001', h('education', 'high', 'member', '义务教育阶段适龄人员无学籍', 'School-age member with no enrolment record'),
    `${SCHOOL_AGE} and none(school_enrolment where record.status in ('enrolled', 'suspended')) and coalesce(member.not_in_school_reason, 'none') not in ('home_teaching', 'unable_to_learn')`,
    '教体部门学籍库中查无在籍记录，疑似失学辍学，须入户核实并劝返。'),
  cmp('CMP-002', h('education', 'high', 'member', '学籍显示辍学但系统登记在校', 'Dropout per enrolment, registered as in school'),
    "exists(school_enrolment where record.status = 'dropout') and member.school_status != 'not_in_school'",
    '学籍状态为辍学，建档立卡信息仍为在校生，须核实并更新在校情况。'),
  cmp('CMP-003', h('education', 'medium', 'member', '系统登记辍学但学籍在校', 'Registered as dropout, enrolled per education'),
    "member.not_in_school_reason = 'dropout' and exists(school_enrolment where record.status = 'enrolled')",
    '学籍库显示在校，建档立卡信息登记为辍学，须更正在校生状况。'),
  // 医保: insurance
  cmp('CMP-004', h('medical_insurance', 'high', 'member', '成员未参加基本医疗保险（医保库无记录）', 'Member not in the medical-insurance enrolment'),
    'none(insurance_enrolment)',
    '医保参保库中无该成员的当年参保记录，须动员参保并落实资助参保政策。'),
  cmp('CMP-005', h('medical_insurance', 'medium', 'member', '参加基本医保但未参加大病保险', 'Insured without critical-illness insurance'),
    'exists(insurance_enrolment) and none(insurance_enrolment where record.criticalIllness = true)',
    '医保库显示参加基本医保但未参加大病保险。'),
  cmp('CMP-006', h('medical_insurance', 'medium', 'member', '系统登记的医保险种与医保库不一致', 'Registered insurance scheme differs from the enrolment'),
    'exists(insurance_enrolment) and none(insurance_enrolment where record.scheme = member.medical_insurance)',
    '建档立卡信息中的参保险种与医保部门记录不符，须更正。'),
  cmp('CMP-007', h('medical_insurance', 'high', 'member', '大额医疗费用个人自付超过预警线未纳入监测', 'Large medical self-pay above the warning line, household not monitored', '脱贫户和一般农户', "household.type in ('lifted', 'ordinary')"),
    'exists(large_medical_cost where record.selfPay > std.medical_selfpay_warning)',
    '医保部门数据显示个人自付医疗费用超过预警线，存在因病返贫致贫风险，应入户核实并按程序纳入监测。'),
  // 卫健: family doctors, chronic disease
  cmp('CMP-008', h('health', 'medium', 'member', '慢病患者未签约家庭医生', 'Chronic-disease patient without a family doctor'),
    'exists(chronic_disease) and none(family_doctor)',
    '卫健部门认定的慢病患者应签约家庭医生并享受签约服务。'),
  cmp('CMP-009', h('health', 'low', 'member', '慢病认定人员系统登记为健康', 'Certified chronic patient registered as healthy'),
    "exists(chronic_disease) and member.health = 'healthy'",
    '慢病认定库中有记录，建档立卡健康状况为健康，须核实并更正。'),
  cmp('CMP-010', h('health', 'low', 'member', '系统登记已签约家庭医生但签约库无记录', 'Registered as contracted, no family-doctor record'),
    'member.family_doctor = true and none(family_doctor)',
    '家庭医生签约库中查无签约记录。'),
  // 残联: certificates and subsidies
  cmp('CMP-011', h('disability', 'high', 'member', '系统登记残疾但无残疾人证', 'Registered as disabled without a certificate'),
    "member.health = 'disabled' and none(disability_certificates)",
    '残联持证库中无该成员的残疾人证，须核实残疾状况，符合条件的协助办证。'),
  cmp('CMP-012', h('disability', 'medium', 'member', '持残疾人证但系统未登记为残疾', 'Certificate holder not registered as disabled'),
    "exists(disability_certificates) and coalesce(member.health, 'healthy') != 'disabled'",
    '持第二代残疾人证，建档立卡健康状况未标注残疾，须更正。'),
  cmp('CMP-013', h('disability', 'high', 'member', '一二级重度残疾人未享受护理补贴', 'Severely disabled (grade 1–2) without the care subsidy'),
    "exists(disability_certificates where record.grade in ('1', '2')) and none(disability_subsidies where record.kind = 'care')",
    '一、二级重度残疾人应享受重度残疾人护理补贴。'),
  cmp('CMP-014', h('disability', 'low', 'member', '残疾等级与残疾人证不一致', 'Disability grade differs from the certificate'),
    'member.disability_grade is not null and exists(disability_certificates) and none(disability_certificates where record.grade = member.disability_grade)',
    '建档立卡登记的残疾等级与残疾人证不符。'),
  // 民政: 低保, 特困, temporary assistance
  cmp('CMP-015', h('civil_affairs', 'high', 'member', '民政低保在保但系统未登记享受低保', 'On the 低保 list, not registered as receiving it'),
    `${ACTIVE_ASSISTANCE('dibao')} and coalesce(member.dibao, false) = false`,
    '民政低保名单中在保，建档立卡信息未登记享受低保。'),
  cmp('CMP-016', h('civil_affairs', 'high', 'member', '系统登记享受低保但民政名单中无记录', 'Registered as receiving 低保, not on the list'),
    `member.dibao = true and none(social_assistance where record.kind = 'dibao')`,
    '建档立卡登记享受低保，民政低保名单中查无此人，须核实是否已退保。'),
  cmp('CMP-017', h('civil_affairs', 'high', 'member', '特困供养人员系统未登记特困', 'On the 特困 list, not registered as such'),
    `${ACTIVE_ASSISTANCE('tekun')} and coalesce(member.tekun, false) = false`,
    '民政特困供养名单中有记录，建档立卡信息未登记特困供养。'),
  cmp('CMP-018', h('civil_affairs', 'high', 'household', '无劳动能力户无人纳入低保或特困', 'No-labour household with nobody on 低保 or 特困'),
    "all(members where member.labour_ability in ('lost', 'none')) and none(social_assistance where record.kind in ('dibao', 'tekun'))",
    '全家无劳动能力，民政名单中无人享受低保或特困供养，应按"应保尽保"核实纳入。'),
  cmp('CMP-019', h('civil_affairs', 'medium', 'household', '获临时救助的农户未纳入监测', 'Temporary assistance received, household not monitored', '脱贫户和一般农户', "household.type in ('lifted', 'ordinary')"),
    "exists(social_assistance where record.kind = 'temporary')",
    '当年获民政临时救助，说明遭遇突发困难，应核实是否存在返贫致贫风险。'),
  cmp('CMP-020', h('civil_affairs', 'medium', 'household', '低保户属性与民政名单不符', '低保 attribute without anyone on the list'),
    "household.poverty_attribute = 'dibao' and none(social_assistance where record.kind = 'dibao')",
    '贫困户属性为低保脱贫户，民政低保名单中无该户成员。'),
  // 住建: housing
  cmp('CMP-021', h('housing', 'high', 'household', 'C、D级危房户未列入危房改造名单', 'C/D house not on the renovation list'),
    "household.housing_grade in ('C', 'D') and household.housing_exemption is null and none(renovation_list)",
    '住房安全等级为C、D级且无其他安全住房保障，住建危房改造名单中无该户。'),
  cmp('CMP-022', h('housing', 'high', 'household', '住房鉴定等级与住建鉴定结果不一致', 'Housing grade differs from the appraisal'),
    'exists(housing_appraisal) and none(housing_appraisal where record.grade = household.housing_grade)',
    '建档立卡登记的住房安全等级与住建部门鉴定结果不符。'),
  cmp('CMP-023', h('housing', 'medium', 'household', '危房改造已竣工但系统仍登记为危房', 'Renovation completed, still registered as C/D'),
    "household.housing_grade in ('C', 'D') and exists(renovation_list where record.status = 'done')",
    '住建部门显示危房改造已竣工，须重新鉴定并更新住房安全等级。'),
  // 水利: water
  cmp('CMP-024', h('water', 'high', 'household', '水利调查水质不达标但系统登记达标', 'Water quality failing per the survey, registered as fine'),
    'exists(water_survey where record.qualityOk = false) and household.water_quality_ok = true',
    '水利部门饮水安全调查显示水质不达标，须落实饮水安全措施并更正信息。'),
  cmp('CMP-025', h('water', 'medium', 'household', '水利调查水量低于标准', 'Water quantity below the standard per the survey'),
    'exists(water_survey where record.quantityLpd < if(household.water_scarce, std.water_quantity_lpd_scarce, std.water_quantity_lpd))',
    '饮水安全调查的人均日用水量低于本地标准。'),
  // 公安: deaths, vehicles
  cmp('CMP-026', h('public_security', 'high', 'member', '已死亡或注销户籍人员仍在册', 'Dead or deregistered person still active'),
    "exists(deregistrations where record.cancelledOn <= ref_date)",
    '公安户籍已死亡或注销，建档立卡中仍为在册人口，须办理减员。'),
  cmp('CMP-027', h('civil_affairs', 'high', 'member', '已死亡人员仍在享受低保特困', 'Dead person still receiving 低保 or 特困'),
    "exists(deregistrations where record.reason = 'death') and exists(social_assistance where record.kind in ('dibao', 'tekun'))",
    '公安户籍显示已死亡，民政名单中仍在保，须停发并追回。'),
  cmp('CMP-028', h('disability', 'high', 'member', '已死亡人员仍在享受残疾人补贴', 'Dead person still receiving a disability subsidy'),
    "exists(deregistrations where record.reason = 'death') and exists(disability_subsidies)",
    '公安户籍显示已死亡，仍在享受残疾人两项补贴。'),
  cmp('CMP-029', h('public_security', 'medium', 'member', '家庭成员名下有机动车', 'Member owns a registered vehicle'),
    'exists(vehicles)',
    '名下登记有机动车（不含摩托车、农用车），须核实家庭经济状况是否符合认定条件。'),
  // 市场监管, 财政
  cmp('CMP-030', h('market_regulation', 'medium', 'member', '家庭成员为企业法定代表人、股东或个体经营者', 'Member owns or runs a registered business'),
    'exists(enterprises)',
    '市场监管部门登记为企业法定代表人、股东或个体工商户经营者，须核实是否符合认定条件。'),
  cmp('CMP-031', h('finance', 'high', 'member', '家庭成员为财政供养人员', 'Member is state-salaried staff'),
    'exists(salaried_staff)',
    '财政供养人员家庭一般不应认定为贫困户，须核实。'),
  // 人社: employment, pension
  cmp('CMP-032', h('hr_social_security', 'medium', 'household', '有就业帮扶措施但无人有就业记录', 'Employment measure, nobody with an employment record'),
    "exists(measures where measure.kind = 'employment') and none(employment)",
    '登记了就业帮扶措施，人社部门就业登记中无该户成员的就业记录。'),
  cmp('CMP-033', h('hr_social_security', 'low', 'member', '系统登记务工但人社无就业记录', 'Registered as working, no employment record'),
    "member.employment_place is not null and member.employment_place != 'none' and none(employment)",
    '建档立卡登记为务工人员，人社部门无就业登记记录。'),
  cmp('CMP-034', h('hr_social_security', 'medium', 'member', '60周岁以上未领取养老金', 'Aged 60 or over without a pension'),
    "member.age >= 60 and none(pension where record.state = 'receiving')",
    '年满60周岁的成员应按规定领取城乡居民基本养老保险待遇。'),
];
