/**
 * Coded lists of the registry (建档立卡 指标代码). Each list is stored as its code (stable, ASCII) and shown with
 * the Chinese label first, English second. The web client receives these lists from `/api/codes`, so a label lives
 * in exactly one place.
 */
export interface CodeItem {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

function list<const T extends readonly CodeItem[]>(items: T): T {
  return items;
}

export const HOUSEHOLD_TYPES = list([
  { code: 'lifted', zh: '脱贫户', en: 'Lifted-out household' },
  { code: 'monitored', zh: '监测户', en: 'Monitored household' },
  { code: 'ordinary', zh: '普通农户', en: 'Ordinary rural household' },
] as const);

export const POVERTY_ATTRIBUTES = list([
  { code: 'general', zh: '一般脱贫户', en: 'General' },
  { code: 'dibao', zh: '低保脱贫户', en: 'Minimum living allowance (低保)' },
  { code: 'tekun', zh: '特困供养脱贫户', en: 'Extreme-poverty support (特困)' },
  { code: 'none', zh: '无', en: 'None' },
] as const);

export const POVERTY_CAUSES = list([
  { code: 'illness', zh: '因病', en: 'Illness' },
  { code: 'disability', zh: '因残', en: 'Disability' },
  { code: 'schooling', zh: '因学', en: 'Schooling costs' },
  { code: 'disaster', zh: '因灾', en: 'Disaster' },
  { code: 'no_land', zh: '缺土地', en: 'Lack of land' },
  { code: 'no_water', zh: '缺水', en: 'Lack of water' },
  { code: 'no_skill', zh: '缺技术', en: 'Lack of skills' },
  { code: 'no_labour', zh: '缺劳力', en: 'Lack of labour' },
  { code: 'no_capital', zh: '缺资金', en: 'Lack of capital' },
  { code: 'poor_transport', zh: '交通条件落后', en: 'Poor transport' },
  { code: 'low_motivation', zh: '自身发展动力不足', en: 'Low self-motivation' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const);

export const RELATIONS = list([
  { code: 'head', zh: '户主', en: 'Head' },
  { code: 'spouse', zh: '配偶', en: 'Spouse' },
  { code: 'son', zh: '之子', en: 'Son' },
  { code: 'daughter', zh: '之女', en: 'Daughter' },
  { code: 'son_in_law', zh: '之女婿', en: 'Son-in-law' },
  { code: 'daughter_in_law', zh: '之儿媳', en: 'Daughter-in-law' },
  { code: 'grandchild', zh: '之孙子女', en: 'Grandchild' },
  { code: 'great_grandchild', zh: '之曾孙子女', en: 'Great-grandchild' },
  { code: 'parent', zh: '之父母', en: 'Parent' },
  { code: 'grandparent', zh: '之祖父母或外祖父母', en: 'Grandparent' },
  { code: 'sibling', zh: '之兄弟姐妹', en: 'Sibling' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const);

export const SEXES = list([
  { code: 'male', zh: '男', en: 'Male' },
  { code: 'female', zh: '女', en: 'Female' },
] as const);

export const ETHNICITIES = list([
  { code: 'han', zh: '汉族', en: 'Han' },
  { code: 'hui', zh: '回族', en: 'Hui' },
  { code: 'manchu', zh: '满族', en: 'Manchu' },
  { code: 'mongol', zh: '蒙古族', en: 'Mongol' },
  { code: 'zhuang', zh: '壮族', en: 'Zhuang' },
  { code: 'miao', zh: '苗族', en: 'Miao' },
  { code: 'uyghur', zh: '维吾尔族', en: 'Uyghur' },
  { code: 'tibetan', zh: '藏族', en: 'Tibetan' },
  { code: 'yi', zh: '彝族', en: 'Yi' },
  { code: 'tujia', zh: '土家族', en: 'Tujia' },
  { code: 'other', zh: '其他民族', en: 'Other' },
] as const);

export const EDUCATION_LEVELS = list([
  { code: 'illiterate', zh: '文盲或半文盲', en: 'Illiterate or semi-literate' },
  { code: 'primary', zh: '小学', en: 'Primary school' },
  { code: 'junior', zh: '初中', en: 'Junior secondary' },
  { code: 'senior', zh: '高中', en: 'Senior secondary' },
  { code: 'vocational', zh: '中专/中职', en: 'Secondary vocational' },
  { code: 'college', zh: '大专及以上', en: 'College or above' },
  { code: 'preschool', zh: '学龄前儿童', en: 'Pre-school child' },
] as const);

export const SCHOOL_STATUSES = list([
  { code: 'preschool', zh: '学前教育', en: 'Pre-school' },
  { code: 'primary', zh: '小学', en: 'Primary (grades 1–6)' },
  { code: 'junior', zh: '七至九年级', en: 'Grades 7–9' },
  { code: 'senior_1', zh: '高中/中职一年级', en: 'Senior/vocational year 1' },
  { code: 'senior_2', zh: '高中/中职二年级', en: 'Senior/vocational year 2' },
  { code: 'senior_3', zh: '高中/中职三年级', en: 'Senior/vocational year 3' },
  { code: 'higher_vocational', zh: '高职', en: 'Higher vocational' },
  { code: 'college', zh: '大专及以上', en: 'College or above' },
  { code: 'not_in_school', zh: '非在校生', en: 'Not in school' },
] as const);

export const NOT_IN_SCHOOL_REASONS = list([
  { code: 'home_teaching', zh: '送教上门', en: 'Home teaching (送教上门)' },
  { code: 'unable_to_learn', zh: '经残疾人教育专家委员会评估无学习能力', en: 'Judged unable to learn' },
  { code: 'illness', zh: '因病休学', en: 'Suspended for illness' },
  { code: 'dropout', zh: '辍学', en: 'Dropped out' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const);

export const HEALTH_STATUSES = list([
  { code: 'healthy', zh: '健康', en: 'Healthy' },
  { code: 'chronic', zh: '长期慢性病', en: 'Chronic illness' },
  { code: 'serious', zh: '大病', en: 'Serious illness' },
  { code: 'disabled', zh: '残疾', en: 'Disabled' },
] as const);

export const DISABILITY_KINDS = list([
  { code: 'visual', zh: '视力残疾', en: 'Visual' },
  { code: 'hearing', zh: '听力残疾', en: 'Hearing' },
  { code: 'speech', zh: '言语残疾', en: 'Speech' },
  { code: 'physical', zh: '肢体残疾', en: 'Physical' },
  { code: 'intellectual', zh: '智力残疾', en: 'Intellectual' },
  { code: 'mental', zh: '精神残疾', en: 'Mental' },
  { code: 'multiple', zh: '多重残疾', en: 'Multiple' },
] as const);

export const DISABILITY_GRADES = list([
  { code: '1', zh: '一级', en: 'Grade 1' },
  { code: '2', zh: '二级', en: 'Grade 2' },
  { code: '3', zh: '三级', en: 'Grade 3' },
  { code: '4', zh: '四级', en: 'Grade 4' },
] as const);

export const LABOUR_ABILITIES = list([
  { code: 'ordinary', zh: '普通劳动力', en: 'Ordinary labour' },
  { code: 'skilled', zh: '技能劳动力', en: 'Skilled labour' },
  { code: 'weak', zh: '弱劳动力或半劳动力', en: 'Weak or half labour' },
  { code: 'lost', zh: '丧失劳动力', en: 'Lost labour ability' },
  { code: 'none', zh: '无劳动力', en: 'No labour ability' },
] as const);

export const EMPLOYMENT_PLACES = list([
  { code: 'none', zh: '未务工', en: 'Not employed' },
  { code: 'township', zh: '乡镇内务工', en: 'Within the township' },
  { code: 'county', zh: '县内乡镇外务工', en: 'Within the county' },
  { code: 'province', zh: '省内县外务工', en: 'Within the province' },
  { code: 'out_of_province', zh: '省外务工', en: 'Outside the province' },
] as const);

export const MEDICAL_INSURANCES = list([
  { code: 'resident', zh: '城乡居民基本医疗保险', en: 'Resident basic medical insurance' },
  { code: 'employee', zh: '职工基本医疗保险', en: 'Employee basic medical insurance' },
  { code: 'none', zh: '未参保', en: 'Not insured' },
] as const);

export const HOUSING_GRADES = list([
  { code: 'A', zh: 'A级（安全）', en: 'A (safe)' },
  { code: 'B', zh: 'B级（基本安全）', en: 'B (basically safe)' },
  { code: 'C', zh: 'C级（局部危险）', en: 'C (local danger)' },
  { code: 'D', zh: 'D级（整体危险）', en: 'D (whole-house danger)' },
] as const);

export const HOUSING_STRUCTURES = list([
  { code: 'brick_concrete', zh: '砖混结构', en: 'Brick-concrete' },
  { code: 'brick_wood', zh: '砖木结构', en: 'Brick-wood' },
  { code: 'earth_wood', zh: '土木结构', en: 'Earth-wood' },
  { code: 'frame', zh: '框架结构', en: 'Frame' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const);

/** Reasons a household counts as safely housed without an A/B appraisal of its own house. */
export const HOUSING_EXEMPTIONS = list([
  { code: 'safe_house_elsewhere', zh: '有其他安全住房', en: 'Safe house elsewhere' },
  { code: 'long_term_rental', zh: '长期租住安全住房', en: 'Long-term rental' },
  { code: 'collective_care', zh: '集中供养', en: 'Collective care' },
  { code: 'relocation_received', zh: '已领取易地扶贫搬迁安置房钥匙', en: 'Relocation housing received' },
] as const);

export const WATER_SOURCES = list([
  { code: 'piped_large', zh: '规模化集中供水', en: 'Large-scale piped supply' },
  { code: 'piped_small', zh: '小型集中供水', en: 'Small piped supply' },
  { code: 'dispersed', zh: '分散供水', en: 'Dispersed source' },
] as const);

export const MEMBER_EVENT_KINDS = list([
  { code: 'joined', zh: '建档录入', en: 'Registered' },
  { code: 'birth', zh: '出生', en: 'Birth' },
  { code: 'death', zh: '死亡', en: 'Death' },
  { code: 'marriage_in', zh: '婚入', en: 'Married in' },
  { code: 'marriage_out', zh: '婚出', en: 'Married out' },
  { code: 'moved_in', zh: '迁入', en: 'Moved in' },
  { code: 'moved_out', zh: '迁出', en: 'Moved out' },
  { code: 'imprisoned', zh: '服刑', en: 'Imprisoned' },
  { code: 'military', zh: '服兵役', en: 'Military service' },
  { code: 'other_out', zh: '其他减员', en: 'Other removal' },
] as const);

export const AREA_LEVELS = list([
  { code: 'city', zh: '市', en: 'City' },
  { code: 'county', zh: '县（市、区）', en: 'County / district' },
  { code: 'township', zh: '乡镇（街道）', en: 'Township / street' },
  { code: 'village', zh: '村（社区）', en: 'Village / community' },
] as const);

export const DEPARTMENTS = list([
  { code: 'poverty_office', zh: '扶贫', en: 'Poverty alleviation office' },
  { code: 'education', zh: '教体', en: 'Education and sports' },
  { code: 'health', zh: '卫健', en: 'Health commission' },
  { code: 'medical_insurance', zh: '医保', en: 'Medical insurance' },
  { code: 'housing', zh: '住建', en: 'Housing and construction' },
  { code: 'water', zh: '水利', en: 'Water resources' },
  { code: 'disability', zh: '残联', en: 'Disabled persons federation' },
  { code: 'civil_affairs', zh: '民政', en: 'Civil affairs' },
  { code: 'hr_social_security', zh: '人社', en: 'Human resources and social security' },
  { code: 'public_security', zh: '公安', en: 'Public security' },
  { code: 'market_regulation', zh: '市场监管', en: 'Market regulation' },
  { code: 'finance', zh: '财政', en: 'Finance' },
] as const);

export const ROLES = list([
  { code: 'admin', zh: '系统管理员', en: 'System administrator' },
  { code: 'city_office', zh: '市扶贫办', en: 'City poverty office' },
  { code: 'county_office', zh: '县市区扶贫办', en: 'County office' },
  { code: 'township_staff', zh: '乡镇（街道）工作人员', en: 'Township staff' },
  { code: 'village_cadre', zh: '村干部/帮扶责任人', en: 'Village cadre' },
  { code: 'department_officer', zh: '行业部门', en: 'Department officer' },
  { code: 'leader', zh: '领导（只读）', en: 'Leader (read-only)' },
  { code: 'auditor', zh: '审计/第三方评估', en: 'Auditor' },
] as const);

/** 帮扶措施 kinds (DOMAIN §9). Which of them pay a yearly value is in domain/measures.ts. */
export const MEASURE_KINDS = list([
  { code: 'industry', zh: '产业帮扶', en: 'Industry' },
  { code: 'employment', zh: '就业帮扶', en: 'Employment' },
  { code: 'welfare_post', zh: '公益岗位', en: 'Public-welfare post' },
  { code: 'health', zh: '健康帮扶', en: 'Health' },
  { code: 'education', zh: '教育帮扶', en: 'Education' },
  { code: 'compulsory_education', zh: '义务教育保障', en: 'Compulsory-education guarantee' },
  { code: 'housing', zh: '住房安全保障', en: 'Housing safety' },
  { code: 'water', zh: '饮水安全保障', en: 'Safe drinking water' },
  { code: 'safety_net_dibao', zh: '综合保障（低保）', en: 'Safety net: minimum living allowance (低保)' },
  { code: 'safety_net_tekun', zh: '综合保障（特困供养）', en: 'Safety net: extreme-poverty support (特困)' },
  { code: 'finance', zh: '金融帮扶（小额信贷）', en: 'Finance (micro-credit)' },
  { code: 'social_help', zh: '社会帮扶', en: 'Social help' },
  { code: 'relocation', zh: '易地扶贫搬迁', en: 'Relocation' },
  { code: 'consumption', zh: '消费帮扶', en: 'Consumption' },
  { code: 'dividend', zh: '资产收益分红', en: 'Project dividend' },
] as const);

export const MEASURE_SOURCES = list([
  { code: 'manual', zh: '录入', en: 'Entered' },
  { code: 'gap_plan', zh: '帮扶计划', en: 'Gap-closing plan' },
] as const);

/* Department datasets (部门比对数据): the coded columns of their templates (src/domain/departments). */
export const ENROLMENT_STATUSES = list([
  { code: 'enrolled', zh: '在校', en: 'Enrolled' },
  { code: 'suspended', zh: '休学', en: 'Suspended' },
  { code: 'dropout', zh: '辍学', en: 'Dropped out' },
  { code: 'graduated', zh: '毕业', en: 'Graduated' },
  { code: 'transferred', zh: '转出', en: 'Transferred out' },
] as const);

export const RENOVATION_STATUSES = list([
  { code: 'planned', zh: '已列入计划', en: 'Planned' },
  { code: 'under_way', zh: '在建', en: 'Under way' },
  { code: 'done', zh: '已竣工', en: 'Completed' },
] as const);

export const DISABILITY_SUBSIDY_KINDS = list([
  { code: 'living', zh: '困难残疾人生活补贴', en: 'Living subsidy for disabled people in difficulty' },
  { code: 'care', zh: '重度残疾人护理补贴', en: 'Care subsidy for severely disabled people' },
] as const);

export const PENSION_KINDS = list([
  { code: 'resident', zh: '城乡居民基本养老保险', en: 'Resident basic pension' },
  { code: 'employee', zh: '职工基本养老保险', en: 'Employee basic pension' },
] as const);

export const PENSION_STATES = list([
  { code: 'contributing', zh: '缴费', en: 'Contributing' },
  { code: 'receiving', zh: '领取待遇', en: 'Receiving' },
  { code: 'suspended', zh: '暂停', en: 'Suspended' },
] as const);

export const REGISTRATION_CANCEL_REASONS = list([
  { code: 'death', zh: '死亡', en: 'Death' },
  { code: 'moved_out', zh: '迁出', en: 'Moved out' },
  { code: 'military', zh: '服兵役', en: 'Military service' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const);

export const ENTERPRISE_ROLES = list([
  { code: 'legal_rep', zh: '法定代表人', en: 'Legal representative' },
  { code: 'shareholder', zh: '股东', en: 'Shareholder' },
  { code: 'sole_trader', zh: '个体工商户经营者', en: 'Sole trader' },
] as const);

export const ASSISTANCE_KINDS = list([
  { code: 'dibao', zh: '农村低保', en: 'Rural minimum living allowance (低保)' },
  { code: 'tekun', zh: '特困供养', en: 'Extreme-poverty support (特困)' },
  { code: 'temporary', zh: '临时救助', en: 'Temporary assistance' },
] as const);

/* 防止返贫动态监测 (monitoring, DOMAIN §6): categories, risk types, disaster sub-kinds, warning sources. */
export const MONITORING_CATEGORIES = list([
  { code: 'unstable_lifted', zh: '脱贫不稳定户', en: 'Lifted-out household at risk' },
  { code: 'marginal', zh: '边缘易致贫户', en: 'Marginal household near the line' },
  { code: 'sudden_hardship', zh: '突发严重困难户', en: 'Household in sudden severe hardship' },
] as const);

export const MONITORING_RISK_TYPES = list([
  { code: 'illness', zh: '因病', en: 'Illness' },
  { code: 'schooling', zh: '因学', en: 'Schooling costs' },
  { code: 'disability', zh: '因残', en: 'Disability' },
  { code: 'disaster', zh: '因自然灾害', en: 'Natural disaster' },
  { code: 'accident', zh: '因意外事故', en: 'Accident' },
  { code: 'industry_failure', zh: '因产业项目失败', en: 'Failed industry project' },
  { code: 'unstable_work', zh: '因务工就业不稳', en: 'Unstable employment' },
  { code: 'no_labour', zh: '缺劳动力', en: 'Lack of labour' },
  { code: 'housing', zh: '因安全住房', en: 'Housing safety' },
  { code: 'water', zh: '因安全饮水', en: 'Drinking water safety' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const);

export const DISASTER_KINDS = list([
  { code: 'flood', zh: '洪涝', en: 'Flood' },
  { code: 'geological', zh: '地质灾害', en: 'Geological' },
  { code: 'drought', zh: '干旱', en: 'Drought' },
  { code: 'biological', zh: '生物灾害', en: 'Biological' },
  { code: 'weather', zh: '气象灾害', en: 'Weather' },
  { code: 'earthquake', zh: '地震', en: 'Earthquake' },
] as const);

export const WARNING_SOURCES = list([
  { code: 'self_application', zh: '农户自主申报', en: 'Self-application' },
  { code: 'cadre_screening', zh: '干部排查', en: 'Cadre screening' },
  { code: 'department', zh: '部门预警', en: 'Department warning' },
  { code: 'preassessment', zh: '收入预评估', en: 'Income pre-assessment' },
  { code: 'finding', zh: '核查问题', en: 'Check finding' },
  { code: 'campaign', zh: '逐户排查', en: 'Door-to-door campaign' },
] as const);

type Codes<T extends readonly CodeItem[]> = T[number]['code'];
export type HouseholdType = Codes<typeof HOUSEHOLD_TYPES>;
export type PovertyAttribute = Codes<typeof POVERTY_ATTRIBUTES>;
export type PovertyCause = Codes<typeof POVERTY_CAUSES>;
export type Relation = Codes<typeof RELATIONS>;
export type Sex = Codes<typeof SEXES>;
export type SchoolStatus = Codes<typeof SCHOOL_STATUSES>;
export type HealthStatus = Codes<typeof HEALTH_STATUSES>;
export type LabourAbility = Codes<typeof LABOUR_ABILITIES>;
export type MemberEventKind = Codes<typeof MEMBER_EVENT_KINDS>;
export type AreaLevel = Codes<typeof AREA_LEVELS>;
export type Department = Codes<typeof DEPARTMENTS>;
export type Role = Codes<typeof ROLES>;
export type MeasureKind = Codes<typeof MEASURE_KINDS>;
export type MeasureSource = Codes<typeof MEASURE_SOURCES>;

/** Every coded list by the name the API and the web client use. */
export const CODE_LISTS = {
  householdType: HOUSEHOLD_TYPES,
  povertyAttribute: POVERTY_ATTRIBUTES,
  povertyCause: POVERTY_CAUSES,
  relation: RELATIONS,
  sex: SEXES,
  ethnicity: ETHNICITIES,
  education: EDUCATION_LEVELS,
  schoolStatus: SCHOOL_STATUSES,
  notInSchoolReason: NOT_IN_SCHOOL_REASONS,
  health: HEALTH_STATUSES,
  disabilityKind: DISABILITY_KINDS,
  disabilityGrade: DISABILITY_GRADES,
  labourAbility: LABOUR_ABILITIES,
  employmentPlace: EMPLOYMENT_PLACES,
  medicalInsurance: MEDICAL_INSURANCES,
  housingGrade: HOUSING_GRADES,
  housingStructure: HOUSING_STRUCTURES,
  housingExemption: HOUSING_EXEMPTIONS,
  waterSource: WATER_SOURCES,
  memberEventKind: MEMBER_EVENT_KINDS,
  areaLevel: AREA_LEVELS,
  department: DEPARTMENTS,
  role: ROLES,
  measureKind: MEASURE_KINDS,
  measureSource: MEASURE_SOURCES,
  enrolmentStatus: ENROLMENT_STATUSES,
  renovationStatus: RENOVATION_STATUSES,
  disabilitySubsidyKind: DISABILITY_SUBSIDY_KINDS,
  pensionKind: PENSION_KINDS,
  pensionState: PENSION_STATES,
  registrationCancelReason: REGISTRATION_CANCEL_REASONS,
  enterpriseRole: ENTERPRISE_ROLES,
  assistanceKind: ASSISTANCE_KINDS,
  monitoringCategory: MONITORING_CATEGORIES,
  monitoringRiskType: MONITORING_RISK_TYPES,
  disasterKind: DISASTER_KINDS,
  warningSource: WARNING_SOURCES,
} as const;

export type CodeListName = keyof typeof CODE_LISTS;

export function codesOf<T extends readonly CodeItem[]>(items: T): [Codes<T>, ...Codes<T>[]] {
  return items.map((i) => i.code) as [Codes<T>, ...Codes<T>[]];
}

export function labelOf(listName: CodeListName, code: string | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (code == null) return '';
  const item = (CODE_LISTS[listName] as readonly CodeItem[]).find((i) => i.code === code);
  return item ? item[lang] : code;
}
