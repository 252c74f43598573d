/**
 * Income projection (收入预评估, DOMAIN §5): from income recorded for part of a year to the year's per-capita net
 * income, the method written out with a worked example in modules/preassessment/README.md.
 *
 *   projected net = recorded net × 12 ÷ months covered
 *                 + Σ over the household's paying measures: yearly value × (continues − share in the record)
 *   projected per capita = projected net ÷ members on the projection date
 *
 * A measure "continues" (1) when it has not ended on or before the projection date, else 0; its "share in the
 * record" is the months it ran inside the recorded period ÷ the months covered. So a measure that ran through the
 * whole record adds nothing (its payments are in the record and annualised with it), a new one adds its full yearly
 * value, and one that stopped takes its annualised part back out. 低保 is no exception: payments received are in the
 * recorded transfer income; a 低保 measure only changes the projection for the part of the year the record cannot
 * contain. Member flags (低保, 公益岗位) add nothing by themselves, so nothing is counted twice.
 *
 * Money is exact to the fen: the annualised net and each measure's term are rounded to the fen (half away from zero,
 * like PostgreSQL's round on numeric) and so is the per-capita figure. PROJECTION_*_SQL below are the same
 * definitions for set-based lists; a test compares the two on random data.
 */
import { netIncome, type IncomeComponents } from './income.js';

/** A period's length in calendar months: `whole` months, then `days` into a month of `span` days. */
export interface MonthSpan {
  whole: number;
  days: number;
  span: number;
}

const DAY_MS = 86_400_000;

function ymd(iso: string): [number, number, number] {
  return iso.split('-').map(Number) as [number, number, number];
}

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `iso` plus `k` months, the day kept or cut to the month's last day (PostgreSQL's date + interval 'k months'). */
export function addMonths(iso: string, k: number): string {
  const [y, m, d] = ymd(iso);
  const total = y * 12 + (m - 1) + k;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return isoOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(iso) + n * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/**
 * The months from `start` to `end`, both days included: whole calendar months counted from the start day, then
 * the remaining days as a fraction of the next month. 2019-10-01…2020-06-30 is 9; 2020-01-15…2020-02-29 is
 * 1 + 15/29 (15 days into the month from 15 February to 15 March).
 */
export function monthSpan(start: string, end: string): MonthSpan {
  const after = addDays(end, 1);
  const [ys, ms] = ymd(start);
  const [ye, me] = ymd(after);
  let whole = (ye - ys) * 12 + (me - ms);
  if (addMonths(start, whole) > after) whole -= 1;
  const base = addMonths(start, whole);
  return { whole, days: daysBetween(base, after), span: daysBetween(base, addMonths(start, whole + 1)) };
}

export function monthsOf(s: MonthSpan): number {
  return s.whole + s.days / s.span;
}

/** Shorter than twelve months: a record that needs annualising. */
export function isPartialPeriod(start: string, end: string): boolean {
  return monthSpan(start, end).whole < 12;
}

const toFen = (yuan: number) => BigInt(Math.round(yuan * 100));

/** num ÷ den rounded to an integer, half away from zero, exactly (den > 0). */
function divRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const q = ((neg ? -num : num) * 2n + den) / (den * 2n);
  return neg ? -q : q;
}

export interface RecordedIncome extends IncomeComponents {
  periodStart: string;
  periodEnd: string;
}

export interface PayingMeasure {
  startOn: string;
  /** Last day in force; null while open. */
  endOn: string | null;
  /** Yuan per year; measures without a positive value do not enter the projection. */
  yearlyValue: number | null;
}

export interface ProjectionInput {
  record: RecordedIncome;
  measures: readonly PayingMeasure[];
  /** Members of the household on the projection date. */
  size: number;
  /** The projection date, YYYY-MM-DD. */
  on: string;
}

export interface Projection {
  months: number;
  recordedNet: number;
  annualisedNet: number;
  /** Σ of the measures' terms (yuan, may be negative when a paid measure stopped). */
  scheduled: number;
  projectedNet: number;
  perCapita: number | null;
}

/** One paying measure's term in fen: yearly value × (continues − months inside the record ÷ months covered). */
function measureTermFen(m: PayingMeasure, record: RecordedIncome, span: MonthSpan, on: string): bigint {
  if (m.yearlyValue === null || !(m.yearlyValue > 0)) return 0n;
  const continues = m.endOn === null || m.endOn > on ? 1n : 0n;
  const from = m.startOn > record.periodStart ? m.startOn : record.periodStart;
  const to = m.endOn !== null && m.endOn < record.periodEnd ? m.endOn : record.periodEnd;
  const inside = from <= to ? monthSpan(from, to) : { whole: 0, days: 0, span: 1 };
  const den = BigInt(span.whole * span.span + span.days);
  const oSpan = BigInt(inside.span);
  const num = toFen(m.yearlyValue) * (continues * oSpan * den - BigInt(inside.whole * inside.span + inside.days) * BigInt(span.span));
  return divRound(num, oSpan * den);
}

export function projectIncome({ record, measures, size, on }: ProjectionInput): Projection {
  const span = monthSpan(record.periodStart, record.periodEnd);
  const recordedNet = netIncome(record);
  const annualFen = divRound(toFen(recordedNet) * 12n * BigInt(span.span), BigInt(span.whole * span.span + span.days));
  let scheduledFen = 0n;
  for (const m of measures) scheduledFen += measureTermFen(m, record, span, on);
  const projectedFen = annualFen + scheduledFen;
  return {
    months: monthsOf(span),
    recordedNet,
    annualisedNet: Number(annualFen) / 100,
    scheduled: Number(scheduledFen) / 100,
    projectedNet: Number(projectedFen) / 100,
    perCapita: size > 0 ? Number(divRound(projectedFen, BigInt(size))) / 100 : null,
  };
}

// ───────────────────────────── the SQL twin ─────────────────────────────

/**
 * monthSpan as a subquery with columns whole, days, span, for `LEFT JOIN LATERAL … ON true` / `CROSS JOIN LATERAL`;
 * `start` and `end` are SQL date expressions.
 */
export const MONTH_SPAN_SQL = (start: string, end: string) => `(
  SELECT k AS whole, e - (s + make_interval(months => k))::date AS days,
         (s + make_interval(months => k + 1))::date - (s + make_interval(months => k))::date AS span
  FROM (SELECT s, e, k0 - CASE WHEN (s + make_interval(months => k0))::date > e THEN 1 ELSE 0 END AS k
        FROM (SELECT s, e, ((extract(year FROM e) - extract(year FROM s)) * 12 + extract(month FROM e) - extract(month FROM s))::int AS k0
              FROM (SELECT (${start})::date AS s, (${end})::date + 1 AS e) x0) x1) x2)`;

/** The annualised net of an incomes row `i` whose month span is `sp`. */
export const ANNUALISED_SQL = (i: string, sp: string) =>
  `round((${i}.wage + ${i}.business + ${i}.property + ${i}.transfer - ${i}.production_cost) * 12 * ${sp}.span / (${sp}.whole * ${sp}.span + ${sp}.days), 2)`;

/**
 * The FROM-clause fragment giving, for a measures row `m` and the household's record `i` (month span `sp`), the
 * months the measure ran inside the record as `ov` (whole, days, span; zero when it did not).
 */
export const MEASURE_OVERLAP_SQL = (m: string, i: string) => `CROSS JOIN LATERAL (
  SELECT CASE WHEN b.f <= b.t THEN o.whole ELSE 0 END AS whole, CASE WHEN b.f <= b.t THEN o.days ELSE 0 END AS days,
         CASE WHEN b.f <= b.t THEN o.span ELSE 1 END AS span
  FROM (SELECT greatest(${m}.start_on, ${i}.period_start) AS f, least(coalesce(${m}.end_on, ${i}.period_end), ${i}.period_end) AS t) b
  CROSS JOIN LATERAL ${MONTH_SPAN_SQL('b.f', 'b.t')} o) ov`;

/** A measure's term (yuan, to the fen), given its overlap `ov`, the record's span `sp` and the projection date. */
export const MEASURE_TERM_SQL = (m: string, sp: string, on: string) =>
  `round(${m}.yearly_value * ((CASE WHEN ${m}.end_on IS NULL OR ${m}.end_on > ${on} THEN 1 ELSE 0 END) * ov.span * (${sp}.whole * ${sp}.span + ${sp}.days)
     - (ov.whole * ov.span + ov.days) * ${sp}.span) / (ov.span * (${sp}.whole * ${sp}.span + ${sp}.days)), 2)`;

/** Projected per capita from the projected net and the size, like perCapitaNetIncome. */
export const PROJECTED_PER_CAPITA_SQL = (projectedNet: string, size: string) => `CASE WHEN ${size} > 0 THEN round(${projectedNet} / ${size}, 2) END`;
