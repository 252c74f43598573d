/** 跨户重复: one value that should belong to one household appears in several (phones, people). */
import { rule } from './rule.js';

export const CROSS_HOUSEHOLD_RULES = [
  rule(
    'cross_household',
    'XHH-001',
    { dept: 'poverty_office', severity: 'medium', subject: 'member', zh: '同一手机号出现在不同农户', en: 'One mobile number in several households', population: '在册成员' },
    'households_sharing(member.phone) > 0',
    '同一手机号登记在不同农户的成员上，可能是错录或冒用。',
  ),
  rule(
    'cross_household',
    'XHH-002',
    { dept: 'public_security', severity: 'high', subject: 'member', zh: '同一身份证号在多户中同时在册', en: 'One person active in several households', population: '在册成员' },
    'households_sharing(member.id_number) > 0',
    '一人只能在一户中在册，重复登记会造成重复享受政策。',
  ),
];
