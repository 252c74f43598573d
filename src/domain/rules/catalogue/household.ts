/** 户与成员不一致: a household's own fields disagree with its members (counts, shares, existence). */
import { rule } from './rule.js';
import { POVERTY_HOUSEHOLDS } from './types.js';

type Dept = Parameters<typeof rule>[2]['dept'];
const h = (dept: Dept, severity: 'high' | 'medium' | 'low', zh: string, en: string, population = '脱贫户、监测户') =>
  ({ dept, severity, subject: 'household', zh, en, population, appliesTo: POVERTY_HOUSEHOLDS }) as const;

export const HOUSEHOLD_MEMBER_RULES = [
  rule('household_members', 'HHM-001', h('civil_affairs', 'high', '低保户无享受低保成员', '低保 household with nobody on 低保'), "household.poverty_attribute = 'dibao' and none(members where member.dibao)", '户属性为低保脱贫户，但没有成员享受低保。'),
  rule(
    'household_members',
    'HHM-002',
    h('civil_affairs', 'high', '无劳动力户未纳入低保或特困', 'No-labour household with nobody on 低保 or 特困'),
    "none(members where member.labour_ability not in ('lost', 'none') or member.dibao or member.tekun)",
    '全户无劳动能力的，应纳入低保或特困供养兜底保障。',
  ),
  rule('household_members', 'HHM-003', h('disability', 'medium', '致贫原因因残但无残疾成员', 'Cause "disability" with no disabled member'), "household.main_cause = 'disability' and none(members where member.health = 'disabled')", '主要致贫原因为因残，家庭成员中应有残疾人。'),
  rule('household_members', 'HHM-004', h('civil_affairs', 'high', '特困户无特困供养成员', '特困 household with nobody on 特困'), "household.poverty_attribute = 'tekun' and none(members where member.tekun)", '户属性为特困供养脱贫户，但没有成员享受特困供养。'),
  rule('household_members', 'HHM-005', h('poverty_office', 'high', '户主人数不为1', 'Not exactly one head'), "count(members where member.relation = 'head') != 1", '每户应有且只有一名在册户主。'),
  rule('household_members', 'HHM-006', h('poverty_office', 'medium', '一户有多名配偶', 'More than one spouse'), "count(members where member.relation = 'spouse') > 1", '与户主关系为配偶的成员不能多于一人。'),
  rule('household_members', 'HHM-007', h('health', 'low', '致贫原因因病但无患病成员', 'Cause "illness" with nobody ill'), "household.main_cause = 'illness' and none(members where member.health in ('chronic', 'serious'))", '主要致贫原因为因病，家庭成员中应有患长期慢性病或大病的人。'),
  rule(
    'household_members',
    'HHM-008',
    h('hr_social_security', 'medium', '致贫原因缺劳力但多数成员有劳动能力', 'Cause "lack of labour" while more than a quarter can work'),
    "household.main_cause = 'no_labour' and share(members where member.labour_ability in ('ordinary', 'skilled')) > 0.25",
    '主要致贫原因为缺劳力，但超过四分之一的成员为普通或技能劳动力。',
  ),
  rule('household_members', 'HHM-009', h('poverty_office', 'high', '户内无在册成员', 'Household with no active member'), 'household.size = 0', '未销户的家庭至少应有一名在册成员。'),
  rule(
    'household_members',
    'HHM-010',
    h('education', 'low', '致贫原因因学但无在校生', 'Cause "schooling" with nobody in school'),
    "household.main_cause = 'schooling' and none(members where member.school_status is not null and member.school_status not in ('not_in_school', 'preschool'))",
    '主要致贫原因为因学，家庭成员中应有在校生。',
  ),
  rule('household_members', 'HHM-011', h('poverty_office', 'medium', '户主未成年但户内有成年人', 'Head is a minor while adults live in the household'), "head.age < 18 and exists(members where member.age >= 18)", '家中有成年人时，户主一般不应为未成年人。'),
];
