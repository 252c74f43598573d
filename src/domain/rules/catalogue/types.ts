import type { Department } from '../../codes.js';
import type { RuleSubject } from '../types.js';

export const RULE_SEVERITIES = [
  { code: 'high', zh: '严重', en: 'High' },
  { code: 'medium', zh: '一般', en: 'Medium' },
  { code: 'low', zh: '提示', en: 'Low' },
] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number]['code'];

/** The shapes of DOMAIN.md §8 (and §7 for the measures), so the catalogue can show that each one is covered. */
export const RULE_SHAPES = [
  { code: 'required', zh: '必填项为空', en: 'Required field empty' },
  { code: 'person', zh: '人员信息自相矛盾', en: 'Person inconsistent with itself' },
  { code: 'household_members', zh: '户与成员不一致', en: 'Household inconsistent with its members' },
  { code: 'measures', zh: '帮扶措施与状态不符', en: 'Measures inconsistent with status' },
  { code: 'threshold', zh: '超出标准或阈值', en: 'Threshold' },
  { code: 'dates', zh: '时间逻辑', en: 'Dates' },
  { code: 'cross_household', zh: '跨户重复', en: 'Across households' },
  { code: 'department', zh: '部门数据比对', en: 'Department data comparison' },
] as const;
export type RuleShape = (typeof RULE_SHAPES)[number]['code'];

export interface BuiltInRule {
  code: string;
  titleZh: string;
  titleEn: string;
  severity: RuleSeverity;
  subject: RuleSubject;
  department: Department;
  /** Who the rule applies to, in words (the appliesTo expression says it exactly). */
  populationZh: string;
  explanationZh: string;
  appliesTo: string | null;
  condition: string;
  shape: RuleShape;
}

/** Lifted-out and monitored households: the registry's poverty population (建档立卡户 and 监测户). */
export const POVERTY_HOUSEHOLDS = "household.type in ('lifted', 'monitored')";
