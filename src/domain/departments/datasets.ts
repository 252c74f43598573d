/**
 * 部门比对数据: the dataset types each department shares, with the template of each (columns, headings people use,
 * kinds of value, codes). One catalogue serves the upload (header detection, cell conversion), the template and
 * example files the UI offers, and the rule language (`record.*` fields inside `exists(<type> where …)`).
 */
import type { CodeListName, Department } from '../codes.js';

/** What a column holds; the same kinds the ingest pipeline converts cells to. */
export type ColumnKind = 'text' | 'name' | 'id' | 'date' | 'amount' | 'integer' | 'boolean' | 'phone' | 'digits' | `coded:${CodeListName}`;

export interface DatasetColumn {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  readonly synonyms: readonly string[];
  readonly kind: ColumnKind;
  readonly required: boolean;
}

export interface DatasetType {
  /** Also the collection name in rules: `none(school_enrolment)`. */
  readonly code: string;
  readonly department: Department;
  readonly zh: string;
  readonly en: string;
  /** Who is in the list and what presence or absence means, for the template's notes sheet. */
  readonly description: string;
  /** Columns beyond the person's identity (ID number, name, sex, birth date, village). */
  readonly columns: readonly DatasetColumn[];
}

type Col = Omit<DatasetColumn, 'required' | 'synonyms'> & { required?: boolean; synonyms?: readonly string[] };
const col = (c: Col): DatasetColumn => ({ required: false, synonyms: [], ...c });

/** Every dataset row names a person; the ID number is the key, the rest serve matching when it is missing or damaged. */
export const IDENTITY_COLUMNS: readonly DatasetColumn[] = [
  col({ key: 'idNumber', label: '身份证号', labelEn: 'ID number', kind: 'id', synonyms: ['身份证号码', '公民身份号码', '证件号码', '身份证件号码', '证件号', '身份证', '学生身份证号', '参保人身份证号'] }),
  col({ key: 'name', label: '姓名', labelEn: 'Name', kind: 'name', required: true, synonyms: ['人员姓名', '学生姓名', '参保人姓名', '持证人姓名', '救助对象姓名', '户主姓名', '姓 名'] }),
  col({ key: 'sex', label: '性别', labelEn: 'Sex', kind: 'coded:sex' }),
  col({ key: 'birthDate', label: '出生日期', labelEn: 'Birth date', kind: 'date', synonyms: ['出生年月', '出生年月日', '生日'] }),
  col({ key: 'villageName', label: '所在村', labelEn: 'Village', kind: 'text', synonyms: ['村', '行政村', '村(社区)', '户籍所在村', '住址', '家庭住址', '户籍地址'] }),
];

const t = (d: DatasetType): DatasetType => d;

export const DATASET_TYPES: readonly DatasetType[] = [
  t({
    code: 'school_enrolment', department: 'education', zh: '学籍信息', en: 'School enrolment',
    description: '全市中小学（含中职）在籍学生；义务教育年龄的建档立卡成员应在册。',
    columns: [
      col({ key: 'school', label: '学校名称', labelEn: 'School', kind: 'text', synonyms: ['学校', '就读学校'] }),
      col({ key: 'grade', label: '年级', labelEn: 'Grade', kind: 'text', synonyms: ['就读年级', '班级'] }),
      col({ key: 'status', label: '学籍状态', labelEn: 'Enrolment status', kind: 'coded:enrolmentStatus', required: true, synonyms: ['在校状态', '学生状态', '状态'] }),
    ],
  }),
  t({
    code: 'insurance_enrolment', department: 'medical_insurance', zh: '医保参保信息', en: 'Medical insurance enrolment',
    description: '当年度基本医疗保险参保人员；每名成员应参加且只参加一种基本医保，并参加大病保险。',
    columns: [
      col({ key: 'scheme', label: '险种', labelEn: 'Scheme', kind: 'coded:medicalInsurance', required: true, synonyms: ['参保险种', '参保类型', '医保类型'] }),
      col({ key: 'year', label: '参保年度', labelEn: 'Year', kind: 'integer', synonyms: ['年度'] }),
      col({ key: 'criticalIllness', label: '参加大病保险', labelEn: 'Critical-illness insurance', kind: 'boolean', synonyms: ['大病保险', '是否参加大病保险'] }),
    ],
  }),
  t({
    code: 'large_medical_cost', department: 'medical_insurance', zh: '大额医疗费用', en: 'Large medical costs',
    description: '年度合规医疗费用个人自付较高的人员，作为返贫风险预警线索。',
    columns: [
      col({ key: 'year', label: '年度', labelEn: 'Year', kind: 'integer', required: true }),
      col({ key: 'totalCost', label: '医疗总费用', labelEn: 'Total cost', kind: 'amount', synonyms: ['总费用', '医疗费用总额'] }),
      col({ key: 'selfPay', label: '个人自付', labelEn: 'Self-paid', kind: 'amount', required: true, synonyms: ['个人自付金额', '自付金额', '个人负担'] }),
    ],
  }),
  t({
    code: 'family_doctor', department: 'health', zh: '家庭医生签约', en: 'Family-doctor contracts',
    description: '家庭医生签约服务名单；慢病患者应签约。',
    columns: [
      col({ key: 'signedOn', label: '签约日期', labelEn: 'Signed on', kind: 'date', required: true, synonyms: ['签约时间'] }),
      col({ key: 'doctor', label: '签约医生', labelEn: 'Doctor', kind: 'text', synonyms: ['家庭医生', '医生姓名'] }),
    ],
  }),
  t({
    code: 'chronic_disease', department: 'health', zh: '慢病患者', en: 'Chronic-disease patients',
    description: '门诊慢特病认定人员。',
    columns: [
      col({ key: 'disease', label: '病种', labelEn: 'Disease', kind: 'text', required: true, synonyms: ['疾病名称', '慢病病种'] }),
      col({ key: 'certifiedOn', label: '认定日期', labelEn: 'Certified on', kind: 'date', synonyms: ['鉴定日期'] }),
    ],
  }),
  t({
    code: 'housing_appraisal', department: 'housing', zh: '农村住房安全鉴定', en: 'Housing safety appraisals',
    description: '按户主身份证号登记的住房安全等级鉴定结果。',
    columns: [
      col({ key: 'grade', label: '鉴定等级', labelEn: 'Grade', kind: 'coded:housingGrade', required: true, synonyms: ['住房安全等级', '房屋等级', '危房等级'] }),
      col({ key: 'appraisedOn', label: '鉴定日期', labelEn: 'Appraised on', kind: 'date', synonyms: ['鉴定时间'] }),
    ],
  }),
  t({
    code: 'renovation_list', department: 'housing', zh: '危房改造名单', en: 'Dilapidated-house renovation list',
    description: '列入危房改造计划的户（按户主）；C、D级危房户应在册。',
    columns: [
      col({ key: 'year', label: '计划年度', labelEn: 'Year', kind: 'integer', synonyms: ['年度'] }),
      col({ key: 'status', label: '改造状态', labelEn: 'Status', kind: 'coded:renovationStatus', required: true, synonyms: ['进度', '实施状态'] }),
    ],
  }),
  t({
    code: 'water_survey', department: 'water', zh: '饮水安全调查', en: 'Drinking-water survey',
    description: '按户主登记的饮水安全调查结果。',
    columns: [
      col({ key: 'source', label: '供水方式', labelEn: 'Water source', kind: 'coded:waterSource', synonyms: ['水源类型', '供水类型'] }),
      col({ key: 'quantityLpd', label: '水量（升/人·日）', labelEn: 'Litres per person per day', kind: 'amount', synonyms: ['水量', '人均日用水量'] }),
      col({ key: 'qualityOk', label: '水质达标', labelEn: 'Quality meets standard', kind: 'boolean', required: true, synonyms: ['水质是否达标', '水质'] }),
      col({ key: 'guaranteeRate', label: '供水保证率（%）', labelEn: 'Supply guarantee (%)', kind: 'amount', synonyms: ['供水保证率'] }),
    ],
  }),
  t({
    code: 'disability_certificates', department: 'disability', zh: '残疾人证', en: 'Disability certificates',
    description: '持第二代残疾人证的人员。',
    columns: [
      col({ key: 'certNo', label: '残疾证号', labelEn: 'Certificate number', kind: 'digits', synonyms: ['残疾人证号', '证号'] }),
      col({ key: 'kind', label: '残疾类别', labelEn: 'Kind', kind: 'coded:disabilityKind', required: true, synonyms: ['残疾类型'] }),
      col({ key: 'grade', label: '残疾等级', labelEn: 'Grade', kind: 'coded:disabilityGrade', required: true, synonyms: ['等级'] }),
      col({ key: 'issuedOn', label: '发证日期', labelEn: 'Issued on', kind: 'date' }),
    ],
  }),
  t({
    code: 'disability_subsidies', department: 'disability', zh: '残疾人两项补贴', en: 'Disability subsidies',
    description: '享受困难残疾人生活补贴、重度残疾人护理补贴的人员。',
    columns: [
      col({ key: 'kind', label: '补贴类别', labelEn: 'Subsidy', kind: 'coded:disabilitySubsidyKind', required: true, synonyms: ['补贴类型', '补贴名称'] }),
      col({ key: 'monthlyAmount', label: '月补贴金额', labelEn: 'Monthly amount', kind: 'amount', synonyms: ['补贴标准', '月发放金额'] }),
    ],
  }),
  t({
    code: 'social_assistance', department: 'civil_affairs', zh: '低保特困救助名单', en: 'Dibao, tekun and temporary assistance',
    description: '民政部门农村低保、特困供养在保人员和当年临时救助对象（每名保障对象一行）。',
    columns: [
      col({ key: 'kind', label: '救助类别', labelEn: 'Assistance', kind: 'coded:assistanceKind', required: true, synonyms: ['保障类别', '类别', '救助类型'] }),
      col({ key: 'startOn', label: '起始日期', labelEn: 'From', kind: 'date', synonyms: ['纳入日期', '救助日期', '开始日期'] }),
      col({ key: 'monthlyAmount', label: '月保障金', labelEn: 'Monthly amount', kind: 'amount', synonyms: ['月保障金额', '救助金额', '金额'] }),
    ],
  }),
  t({
    code: 'employment', department: 'hr_social_security', zh: '就业登记', en: 'Employment records',
    description: '人社部门就业登记和务工监测记录。',
    columns: [
      col({ key: 'employer', label: '就业单位', labelEn: 'Employer', kind: 'text', synonyms: ['务工单位', '单位名称'] }),
      col({ key: 'startOn', label: '就业日期', labelEn: 'From', kind: 'date', synonyms: ['开始日期'] }),
      col({ key: 'monthlyWage', label: '月工资', labelEn: 'Monthly wage', kind: 'amount', synonyms: ['月收入', '工资'] }),
    ],
  }),
  t({
    code: 'pension', department: 'hr_social_security', zh: '养老保险', en: 'Pension insurance',
    description: '基本养老保险参保缴费和待遇领取人员。',
    columns: [
      col({ key: 'kind', label: '险种', labelEn: 'Scheme', kind: 'coded:pensionKind', required: true, synonyms: ['参保险种'] }),
      col({ key: 'state', label: '参保状态', labelEn: 'State', kind: 'coded:pensionState', required: true, synonyms: ['状态'] }),
      col({ key: 'monthlyAmount', label: '月领取金额', labelEn: 'Monthly benefit', kind: 'amount', synonyms: ['待遇金额'] }),
    ],
  }),
  t({
    code: 'deregistrations', department: 'public_security', zh: '死亡及户籍注销', en: 'Deaths and cancelled registrations',
    description: '公安户籍死亡注销和其他注销登记。',
    columns: [
      col({ key: 'reason', label: '注销原因', labelEn: 'Reason', kind: 'coded:registrationCancelReason', required: true, synonyms: ['原因', '变动原因'] }),
      col({ key: 'cancelledOn', label: '注销日期', labelEn: 'Cancelled on', kind: 'date', required: true, synonyms: ['死亡日期', '变动日期'] }),
    ],
  }),
  t({
    code: 'vehicles', department: 'public_security', zh: '机动车登记', en: 'Vehicle registrations',
    description: '登记在个人名下的机动车（不含摩托车、三轮车、农用车）。',
    columns: [
      col({ key: 'plate', label: '号牌号码', labelEn: 'Plate', kind: 'text', synonyms: ['车牌号', '号牌'] }),
      col({ key: 'vehicleKind', label: '车辆类型', labelEn: 'Vehicle kind', kind: 'text', synonyms: ['车型'] }),
      col({ key: 'registeredOn', label: '登记日期', labelEn: 'Registered on', kind: 'date', synonyms: ['初次登记日期'] }),
    ],
  }),
  t({
    code: 'enterprises', department: 'market_regulation', zh: '市场主体登记', en: 'Enterprise registrations',
    description: '担任企业法定代表人、股东或个体工商户经营者的人员。',
    columns: [
      col({ key: 'enterprise', label: '企业名称', labelEn: 'Enterprise', kind: 'text', required: true, synonyms: ['市场主体名称', '单位名称'] }),
      col({ key: 'role', label: '身份', labelEn: 'Role', kind: 'coded:enterpriseRole', required: true, synonyms: ['人员类型', '职务'] }),
      col({ key: 'capital', label: '注册资本（万元）', labelEn: 'Registered capital (10k yuan)', kind: 'amount', synonyms: ['注册资本'] }),
    ],
  }),
  t({
    code: 'salaried_staff', department: 'finance', zh: '财政供养人员', en: 'State-salaried staff',
    description: '财政供养的机关事业单位在编人员。',
    columns: [
      col({ key: 'unit', label: '工作单位', labelEn: 'Unit', kind: 'text', required: true, synonyms: ['单位', '单位名称'] }),
      col({ key: 'since', label: '入编日期', labelEn: 'Since', kind: 'date', synonyms: ['参加工作时间'] }),
    ],
  }),
];

const byCode = new Map(DATASET_TYPES.map((d) => [d.code, d]));
/** Types the city added (stored in dept_dataset_types, loaded by the departments module): same shape, same use. */
const added = new Map<string, DatasetType>();

export function datasetType(code: string): DatasetType | undefined {
  return byCode.get(code) ?? added.get(code);
}

export function isBuiltInDatasetType(code: string): boolean {
  return byCode.has(code);
}

/** Replaces the city's own types (never the built-in ones) with these. */
export function setAddedDatasetTypes(types: readonly DatasetType[]): void {
  added.clear();
  for (const t of types) if (!byCode.has(t.code)) added.set(t.code, t);
}

/** Built-in types first, then the city's own. */
export function allDatasetTypes(): DatasetType[] {
  return [...DATASET_TYPES, ...added.values()];
}

/** Every column of a dataset's template: the person's identity first, then the dataset's own. */
export function templateColumns(type: DatasetType): readonly DatasetColumn[] {
  return [...IDENTITY_COLUMNS, ...type.columns];
}
