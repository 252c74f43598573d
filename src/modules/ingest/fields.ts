/**
 * Field catalogues: which fields a kind of table has, the column headings people give them, and what kind of value
 * each holds. The household roster is the first; department datasets define their own catalogue with
 * `defineCatalogue` and reuse the same header detection and mapping.
 */
import type { CodeListName } from '../../domain/codes.js';

export type ValueKind =
  | 'text'
  /** A person's name: spaces typed to align characters are dropped, name separators unified. */
  | 'name'
  | 'id'
  | 'date'
  | 'amount'
  | 'integer'
  | 'boolean'
  | 'phone'
  /** A code of digits (area code, certificate number): text, never a number. */
  | 'digits'
  | `coded:${CodeListName}`;

export interface FieldDef<K extends string = string> {
  readonly key: K;
  /** The Chinese column heading shown in templates and mapping screens. */
  readonly label: string;
  readonly labelEn: string;
  /** Other headings people use for the column; compared after normalisation (header.ts `headerKey`). */
  readonly synonyms: readonly string[];
  readonly kind: ValueKind;
  readonly required: boolean;
  /** What the field describes, for grouping in a mapping screen: the roster has household and member fields. */
  readonly group?: string;
}

export interface FieldCatalogue<K extends string = string> {
  readonly name: string;
  readonly fields: readonly FieldDef<K>[];
  /** Headings that are not fields but mark a header row (序号, 备注): they help find it and map to nothing. */
  readonly ignoredHeadings: readonly string[];
}

export function defineCatalogue<const K extends string>(
  name: string,
  fields: readonly FieldDef<K>[],
  ignoredHeadings: readonly string[] = ['序号', '序', 'No.', 'No', '备注', '说明'],
): FieldCatalogue<K> {
  const keys = new Set<string>();
  for (const f of fields) {
    if (keys.has(f.key)) throw new Error(`catalogue ${name}: field ${f.key} defined twice`);
    keys.add(f.key);
  }
  return Object.freeze({ name, fields: Object.freeze([...fields]), ignoredHeadings: Object.freeze([...ignoredHeadings]) });
}

const byKey = new WeakMap<FieldCatalogue<string>, ReadonlyMap<string, FieldDef<string>>>();

/** Called for every cell of a large file, so the lookup is a map built once per catalogue. */
export function fieldOf<K extends string>(catalogue: FieldCatalogue<K>, key: string): FieldDef<K> | undefined {
  let map = byKey.get(catalogue);
  if (!map) {
    map = new Map(catalogue.fields.map((f) => [f.key as string, f as FieldDef<string>]));
    byKey.set(catalogue, map);
  }
  return map.get(key) as FieldDef<K> | undefined;
}

type Def<K extends string> = Omit<FieldDef<K>, 'group' | 'required'> & { required?: boolean };
const household = <K extends string>(d: Def<K>): FieldDef<K> => ({ required: false, ...d, group: 'household' });
const member = <K extends string>(d: Def<K>): FieldDef<K> => ({ required: false, ...d, group: 'member' });

/** One row per household member, household fields repeated on each member's row (or only on the head's). */
export const ROSTER_CATALOGUE = defineCatalogue('household-roster', [
  household({ key: 'householdNo', label: '户编号', labelEn: 'Household number', kind: 'digits', synonyms: ['户号', '家庭编号', '户编码', '户代码', '家庭户编号', '农户编号', '贫困户编号'] }),
  household({ key: 'countyName', label: '县（市、区）', labelEn: 'County', kind: 'text', synonyms: ['县', '县区', '县市区', '区县', '县(区)', '所属县', '县(市)', '县名称'] }),
  household({ key: 'townshipName', label: '乡镇（街道）', labelEn: 'Township', kind: 'text', synonyms: ['乡镇', '乡(镇)', '镇', '乡', '乡镇街道', '街道', '乡镇名称', '所属乡镇'] }),
  household({ key: 'villageName', label: '行政村', labelEn: 'Village', kind: 'text', synonyms: ['村', '村(社区)', '村社区', '村名', '村名称', '所在村', '行政村(社区)', '所属村'] }),
  household({ key: 'areaCode', label: '行政区划代码', labelEn: 'Area code', kind: 'digits', synonyms: ['区划代码', '村代码', '行政区划编码', '村编码', '统计用区划代码', '村行政区划代码'] }),
  household({ key: 'headName', label: '户主姓名', labelEn: 'Head of household', kind: 'name', synonyms: ['户主'] }),
  household({ key: 'headIdNumber', label: '户主身份证号', labelEn: "Head's ID number", kind: 'id', synonyms: ['户主身份证号码', '户主证件号码', '户主公民身份号码', '户主身份证件号码'] }),
  household({ key: 'householdSize', label: '家庭人口数', labelEn: 'Household size', kind: 'integer', synonyms: ['家庭人口', '人口数', '户人口数', '家庭人数', '人数'] }),
  household({ key: 'householdType', label: '户类型', labelEn: 'Household type', kind: 'coded:householdType', synonyms: ['户属性', '户类别', '农户类型', '对象类型', '人口类型'] }),
  household({ key: 'povertyAttribute', label: '贫困户属性', labelEn: 'Poverty attribute', kind: 'coded:povertyAttribute', synonyms: ['脱贫户属性', '贫困属性', '贫困人口属性'] }),
  household({ key: 'mainCause', label: '主要致贫原因', labelEn: 'Main poverty cause', kind: 'coded:povertyCause', synonyms: ['致贫原因', '主要致贫(返贫)原因', '主要返贫致贫原因', '主要风险类型'] }),
  household({ key: 'secondaryCause', label: '次要致贫原因', labelEn: 'Secondary poverty cause', kind: 'coded:povertyCause', synonyms: ['其他致贫原因', '次要致贫(返贫)原因'] }),
  household({ key: 'housingGrade', label: '住房安全等级', labelEn: 'Housing safety grade', kind: 'coded:housingGrade', synonyms: ['房屋安全等级', '危房等级', '住房等级', '住房鉴定等级', '房屋鉴定等级'] }),
  household({ key: 'contactPhone', label: '家庭联系电话', labelEn: 'Household phone', kind: 'phone', synonyms: ['户联系电话', '户主联系电话', '户主电话', '家庭电话'] }),
  household({ key: 'helperName', label: '帮扶责任人', labelEn: 'Helper', kind: 'name', synonyms: ['帮扶责任人姓名', '帮扶人', '帮扶干部', '结对帮扶人', '帮扶人姓名'] }),
  household({ key: 'helperUnit', label: '帮扶责任人单位', labelEn: "Helper's unit", kind: 'text', synonyms: ['帮扶单位', '帮扶人单位', '帮扶责任人工作单位', '帮扶责任单位'] }),
  household({ key: 'helperPhone', label: '帮扶责任人联系电话', labelEn: "Helper's phone", kind: 'phone', synonyms: ['帮扶责任人电话', '帮扶人电话', '帮扶人联系电话', '帮扶干部电话'] }),

  member({ key: 'name', label: '姓名', labelEn: 'Name', kind: 'name', required: true, synonyms: ['成员姓名', '家庭成员姓名', '人员姓名', '家庭成员'] }),
  member({ key: 'idNumber', label: '身份证号', labelEn: 'ID number', kind: 'id', required: true, synonyms: ['身份证号码', '公民身份号码', '证件号码', '身份证件号码', '证件号', '身份证', '身份证号(18位)', '成员身份证号'] }),
  member({ key: 'relation', label: '与户主关系', labelEn: 'Relation to head', kind: 'coded:relation', synonyms: ['与户主的关系', '家庭关系', '关系', '与户主关系(称谓)'] }),
  member({ key: 'sex', label: '性别', labelEn: 'Sex', kind: 'coded:sex', synonyms: [] }),
  member({ key: 'birthDate', label: '出生日期', labelEn: 'Birth date', kind: 'date', synonyms: ['出生年月', '出生年月日', '生日', '出生时间'] }),
  member({ key: 'ethnicity', label: '民族', labelEn: 'Ethnicity', kind: 'coded:ethnicity', synonyms: [] }),
  member({ key: 'education', label: '文化程度', labelEn: 'Education', kind: 'coded:education', synonyms: ['学历', '受教育程度', '文化水平'] }),
  member({ key: 'schoolStatus', label: '在校生状况', labelEn: 'School status', kind: 'coded:schoolStatus', synonyms: ['在校生情况', '在校情况', '就学状况', '在校生状态', '在校状况'] }),
  member({ key: 'notInSchoolReason', label: '未上学原因', labelEn: 'Reason not in school', kind: 'coded:notInSchoolReason', synonyms: ['失学或辍学原因', '义务教育阶段未上学原因', '辍学原因'] }),
  member({ key: 'health', label: '健康状况', labelEn: 'Health', kind: 'coded:health', synonyms: ['身体状况', '健康情况'] }),
  member({ key: 'disabilityKind', label: '残疾类别', labelEn: 'Disability kind', kind: 'coded:disabilityKind', synonyms: ['残疾类型', '残疾种类'] }),
  member({ key: 'disabilityGrade', label: '残疾等级', labelEn: 'Disability grade', kind: 'coded:disabilityGrade', synonyms: ['残疾级别'] }),
  member({ key: 'disabilityCertNo', label: '残疾证号', labelEn: 'Disability certificate number', kind: 'digits', synonyms: ['残疾证号码', '残疾人证号', '残疾证编号', '残疾人证号码'] }),
  member({ key: 'labourAbility', label: '劳动技能', labelEn: 'Labour ability', kind: 'coded:labourAbility', synonyms: ['劳动能力', '劳动力状况', '劳动力类型'] }),
  member({ key: 'employmentPlace', label: '务工状况', labelEn: 'Employment place', kind: 'coded:employmentPlace', synonyms: ['务工区域', '务工地点', '外出务工状况', '务工情况', '就业区域', '务工地域'] }),
  member({ key: 'employer', label: '务工企业名称', labelEn: 'Employer', kind: 'text', synonyms: ['务工单位', '就业单位', '务工企业', '务工单位名称'] }),
  member({ key: 'employmentMonths', label: '务工时间（月）', labelEn: 'Months employed', kind: 'integer', synonyms: ['务工时间', '务工月数', '务工时长'] }),
  member({ key: 'monthlyWage', label: '务工月收入', labelEn: 'Monthly wage', kind: 'amount', synonyms: ['月收入', '务工收入', '月工资', '务工月收入(元)', '月收入(元)'] }),
  member({ key: 'medicalInsurance', label: '参加城乡居民基本医疗保险', labelEn: 'Basic medical insurance', kind: 'coded:medicalInsurance', synonyms: ['是否参加城乡居民基本医疗保险', '基本医疗保险', '医疗保险', '参加医保情况', '参保类型', '医保类型', '参加基本医疗保险'] }),
  member({ key: 'criticalIllnessInsured', label: '参加大病保险', labelEn: 'Critical-illness insurance', kind: 'boolean', synonyms: ['是否参加大病保险', '大病保险', '大病保险参保'] }),
  member({ key: 'pensionInsured', label: '参加城乡居民基本养老保险', labelEn: 'Basic pension insurance', kind: 'boolean', synonyms: ['是否参加城乡居民基本养老保险', '养老保险', '参加养老保险', '基本养老保险'] }),
  member({ key: 'dibao', label: '是否享受低保', labelEn: 'Receives dibao', kind: 'boolean', synonyms: ['享受低保', '低保', '是否低保', '低保对象', '是否低保对象'] }),
  member({ key: 'tekun', label: '是否特困供养', labelEn: 'Extreme-poverty support', kind: 'boolean', synonyms: ['特困供养', '是否享受特困供养', '特困', '是否特困', '特困人员'] }),
  member({ key: 'welfarePost', label: '是否公益岗位', labelEn: 'Public-welfare post', kind: 'boolean', synonyms: ['公益岗位', '公益性岗位', '是否公益性岗位'] }),
  member({ key: 'phone', label: '联系电话', labelEn: 'Phone', kind: 'phone', synonyms: ['手机号', '手机号码', '电话', '联系方式', '手机', '本人电话', '电话号码'] }),
]);

export type RosterField = (typeof ROSTER_CATALOGUE.fields)[number]['key'];
