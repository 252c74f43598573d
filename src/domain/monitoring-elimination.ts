/**
 * The conditions of risk elimination (风险消除, DOMAIN §6), checked when the village proposes it. Pure: the service
 * gathers the household's recorded incomes, its assessment and its members; this decides.
 *
 * Income: the household's recorded income periods (家庭收入 records) ending on or before the proposal date, newest
 * first, each annualised (per-capita net × 12 ÷ months the period covers). The run of consecutive periods (no gap
 * of more than a day between them) whose annualised per-capita income is above the monitoring line, counted from the
 * start of the oldest of them to the end of the newest, must reach the configured months. Projections are not used:
 * elimination needs income that happened, not income expected.
 */
import type { IndicatorStatus } from './assessment.js';
import { addDays } from './monitoring.js';

export interface IncomePeriod {
  periodStart: string;
  periodEnd: string;
  /** Per-capita net income of the period as recorded (not annualised); null when the household had nobody. */
  perCapita: number | null;
}

export interface EliminationFacts {
  proposedOn: string;
  identifiedOn: string;
  incomes: readonly IncomePeriod[];
  /** 防返贫监测收入线 in force, yuan per person per year; null when no standard is set. */
  line: number | null;
  minIncomeMonths: number;
  minMonthsSinceIdentification: number;
  /** The household's assessment on the proposal date; null when it cannot be assessed. */
  indicators: Record<'education' | 'medical' | 'housing' | 'water', IndicatorStatus> | null;
  /** Some present member has labour ability (普通, 技能, 弱或半劳动力). */
  hasLabour: boolean;
}

export const ELIMINATION_CHECKS = ['income', 'education', 'medical', 'housing', 'water', 'time_since_identification', 'labour'] as const;
export type EliminationCheckCode = (typeof ELIMINATION_CHECKS)[number];

export interface EliminationCheck {
  code: EliminationCheckCode;
  ok: boolean;
  detailZh: string;
}

export interface EliminationResult {
  checks: EliminationCheck[];
  /** Every condition holds. */
  passed: boolean;
  /** A household without labour cannot be eliminated at all, override or not: it stays under safety-net tracking. */
  noLabour: boolean;
}

/** Whole calendar months from a to b (b exclusive): 2020-01-01 → 2020-07-01 is 6. */
export function wholeMonths(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
  return (by - ay) * 12 + (bm - am) - (bd < ad ? 1 : 0);
}

/** Per-capita income of a period scaled to a year. */
export function annualised(p: IncomePeriod): number | null {
  if (p.perCapita === null) return null;
  const days = Math.round((Date.parse(`${p.periodEnd}T00:00:00Z`) - Date.parse(`${p.periodStart}T00:00:00Z`)) / 86_400_000) + 1;
  const months = Math.max(1, days / (365.25 / 12));
  return Math.round((p.perCapita * 12 * 100) / months) / 100;
}

/** Months of consecutive recorded income above the line, ending with the newest period before `on`. */
export function monthsAboveLine(incomes: readonly IncomePeriod[], line: number, on: string): number {
  const past = incomes.filter((p) => p.periodEnd <= on).sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : a.periodEnd > b.periodEnd ? -1 : 0));
  const newest = past[0];
  if (!newest) return 0;
  let start = null as string | null;
  for (const p of past) {
    const value = annualised(p);
    if (value === null || value <= line) break;
    if (start !== null && p.periodEnd < addDays(start, -1)) break;
    start = start === null || p.periodStart < start ? p.periodStart : start;
  }
  return start === null ? 0 : wholeMonths(start, addDays(newest.periodEnd, 1));
}

const INDICATOR_ZH = { education: '义务教育保障', medical: '基本医疗保障', housing: '住房安全保障', water: '饮水安全' } as const;
const STATUS_ZH: Record<IndicatorStatus, string> = { met: '达标', not_met: '未达标', unknown: '情况不明' };

export function checkElimination(f: EliminationFacts): EliminationResult {
  const checks: EliminationCheck[] = [];
  if (f.line === null) {
    checks.push({ code: 'income', ok: false, detailZh: '未设置防返贫监测收入线，无法判断收入是否稳定' });
  } else {
    const months = monthsAboveLine(f.incomes, f.line, f.proposedOn);
    checks.push({
      code: 'income',
      ok: months >= f.minIncomeMonths,
      detailZh: `人均纯收入持续高于监测线（${f.line}元）${months}个月，要求不少于${f.minIncomeMonths}个月`,
    });
  }
  for (const code of ['education', 'medical', 'housing', 'water'] as const) {
    const status = f.indicators?.[code] ?? 'unknown';
    checks.push({ code, ok: status === 'met', detailZh: `${INDICATOR_ZH[code]}：${STATUS_ZH[status]}` });
  }
  const since = wholeMonths(f.identifiedOn, f.proposedOn);
  checks.push({
    code: 'time_since_identification',
    ok: since >= f.minMonthsSinceIdentification,
    detailZh: `识别纳入后${since}个月，要求不少于${f.minMonthsSinceIdentification}个月`,
  });
  checks.push({ code: 'labour', ok: f.hasLabour, detailZh: f.hasLabour ? '家庭有劳动力' : '家庭无劳动力：不能风险消除，继续兜底保障跟踪' });
  return { checks, passed: checks.every((c) => c.ok), noLabour: !f.hasLabour };
}
