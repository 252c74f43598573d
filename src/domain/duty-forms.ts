/**
 * Campaign forms (逐户排查表) defined as data: questions of four kinds, each optionally naming the answer that reveals
 * a risk. The office can launch a campaign with one of the shipped templates or its own questions; answers are
 * checked and their risks found here, so the server and the tests share one reading.
 */
import { z } from 'zod';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '小写字母、数字和下划线 / lower-case letters, digits, _');

/** When the answer reveals a risk: yes/no equal to a value, a number below/above a bound, a choice among some. */
export const riskWhen = z.union([
  z.object({ equals: z.boolean() }),
  z.object({ below: z.number().finite() }),
  z.object({ above: z.number().finite() }),
  z.object({ oneOf: z.array(z.string().min(1)).min(1) }),
]);

export const question = z.discriminatedUnion('type', [
  z.object({ key, type: z.literal('yesno'), label: z.string().min(1).max(100), required: z.boolean().default(true), risk: z.object({ equals: z.boolean() }).optional() }),
  z.object({
    key,
    type: z.literal('number'),
    label: z.string().min(1).max(100),
    required: z.boolean().default(true),
    risk: z.union([z.object({ below: z.number().finite() }), z.object({ above: z.number().finite() })]).optional(),
  }),
  z.object({
    key,
    type: z.literal('choice'),
    label: z.string().min(1).max(100),
    required: z.boolean().default(true),
    options: z.array(z.string().min(1).max(40)).min(2).max(12),
    risk: z.object({ oneOf: z.array(z.string().min(1)).min(1) }).optional(),
  }),
  z.object({ key, type: z.literal('text'), label: z.string().min(1).max(100), required: z.boolean().default(false) }),
]);
export type Question = z.infer<typeof question>;
export type Answer = boolean | number | string | null;
export type Answers = Record<string, Answer>;

export const questions = z
  .array(question)
  .min(1)
  .max(30)
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `重复的问题编号 ${q.key}` });
      seen.add(q.key);
      if (q.type === 'choice' && q.risk && q.risk.oneOf.some((o) => !q.options.includes(o))) {
        ctx.addIssue({ code: 'custom', path: [i, 'risk'], message: '风险选项须是该题的选项之一' });
      }
    });
  });

/** The problems of a set of answers against the form, as { key: message (Chinese) }; empty when valid. */
export function answerProblems(qs: readonly Question[], answers: Answers): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const k of Object.keys(answers)) if (!qs.some((q) => q.key === k)) problems[k] = '表中没有这个问题';
  for (const q of qs) {
    const a = answers[q.key];
    if (a === undefined || a === null || a === '') {
      if (q.required) problems[q.key] = '必答';
      continue;
    }
    if (q.type === 'yesno' && typeof a !== 'boolean') problems[q.key] = '应回答是或否';
    if (q.type === 'number' && (typeof a !== 'number' || !Number.isFinite(a))) problems[q.key] = '应为数字';
    if (q.type === 'choice' && (typeof a !== 'string' || !q.options.includes(a))) problems[q.key] = `应为以下之一：${q.options.join('、')}`;
    if (q.type === 'text' && (typeof a !== 'string' || a.length > 500)) problems[q.key] = '应为不超过500字的文字';
  }
  return problems;
}

/** The questions whose answer reveals a risk (valid answers assumed). */
export function riskyAnswers(qs: readonly Question[], answers: Answers): Question[] {
  return qs.filter((q) => {
    const a = answers[q.key];
    if (a === undefined || a === null || q.type === 'text' || !q.risk) return false;
    const r = q.risk as z.infer<typeof riskWhen>;
    if ('equals' in r) return a === r.equals;
    if ('below' in r) return typeof a === 'number' && a < r.below;
    if ('above' in r) return typeof a === 'number' && a > r.above;
    return typeof a === 'string' && r.oneOf.includes(a);
  });
}

/** An answer as a cell or a sentence: 是/否 for yes/no. */
export function answerText(a: Answer | undefined): string {
  if (a === undefined || a === null) return '';
  if (typeof a === 'boolean') return a ? '是' : '否';
  return String(a);
}

/** The warning's text: which answers revealed the risk, e.g. "逐户排查「疫情期间…」：生活物资是否充足 = 否". */
export function riskDetail(title: string, qs: readonly Question[], answers: Answers): string {
  return `逐户排查「${title}」：` + riskyAnswers(qs, answers).map((q) => `${q.label} = ${answerText(answers[q.key])}`).join('；');
}

/** The shipped templates (DOMAIN §9 and issue 6): epidemic health and supplies, housing on site, water. */
export const CAMPAIGN_TEMPLATES: readonly { code: string; zh: string; en: string; questions: Question[] }[] = [
  {
    code: 'epidemic',
    zh: '疫情期间健康和生活物资排查',
    en: 'Epidemic check of health and living supplies',
    questions: [
      { key: 'fever', type: 'yesno', label: '家庭成员是否有发热、咳嗽等症状', required: true, risk: { equals: true } },
      { key: 'supplies', type: 'yesno', label: '生活物资是否充足', required: true, risk: { equals: false } },
      { key: 'medicine', type: 'yesno', label: '慢性病人常用药是否充足', required: true, risk: { equals: false } },
      { key: 'income_loss', type: 'yesno', label: '是否因疫情无法外出务工', required: true, risk: { equals: true } },
      { key: 'note', type: 'text', label: '其他情况', required: false },
    ],
  },
  {
    code: 'housing',
    zh: '住房安全现场核查',
    en: 'Housing safety on-site check',
    questions: [
      { key: 'grade', type: 'choice', label: '房屋安全等级', required: true, options: ['A', 'B', 'C', 'D'], risk: { oneOf: ['C', 'D'] } },
      { key: 'lives_in', type: 'yesno', label: '是否在该房屋居住', required: true },
      { key: 'leaks', type: 'yesno', label: '是否漏雨、墙体开裂', required: true, risk: { equals: true } },
      { key: 'area', type: 'number', label: '住房面积（平方米）', required: false },
      { key: 'note', type: 'text', label: '其他情况', required: false },
    ],
  },
  {
    code: 'water',
    zh: '饮水安全调查',
    en: 'Safe drinking water survey',
    questions: [
      { key: 'source', type: 'choice', label: '饮水来源', required: true, options: ['集中供水', '分散供水', '其他'], risk: { oneOf: ['其他'] } },
      { key: 'enough', type: 'yesno', label: '水量是否充足', required: true, risk: { equals: false } },
      { key: 'quality', type: 'yesno', label: '水质是否达标', required: true, risk: { equals: false } },
      { key: 'fetch_minutes', type: 'number', label: '取水往返时间（分钟）', required: false, risk: { above: 20 } },
      { key: 'note', type: 'text', label: '其他情况', required: false },
    ],
  },
];
