import {
  factText,
  INDICATORS,
  type AssessmentFact,
  type IndicatorCode,
  type IndicatorStatus,
} from '../../domain/assessment.js';

/** A stored (or freshly computed) assessment row as the database returns it. */
export interface AssessmentRow extends Record<string, unknown> {
  household_id: number;
  reference_date: string;
  area_path: string;
  food_clothing: string;
  education: string;
  medical: string;
  housing: string;
  water: string;
  income: string;
  details: unknown;
  any_unmet: boolean;
  /** ISO 8601, UTC (the reads format it in SQL); absent for an assessment computed on the fly. */
  computed_at?: string | null;
}

export interface FactView extends AssessmentFact {
  indicator: IndicatorCode;
  text: string;
  textEn: string;
}

/** JSON columns come back parsed from node-postgres and, for some PGlite paths, as text. */
function parsed(details: unknown): Partial<Record<IndicatorCode, AssessmentFact[]>> {
  if (typeof details === 'string') return JSON.parse(details) as Partial<Record<IndicatorCode, AssessmentFact[]>>;
  return (details ?? {}) as Partial<Record<IndicatorCode, AssessmentFact[]>>;
}

export function statusesOf(row: AssessmentRow): Record<IndicatorCode, IndicatorStatus> {
  return Object.fromEntries(INDICATORS.map((i) => [i.code, row[i.code] as IndicatorStatus])) as Record<IndicatorCode, IndicatorStatus>;
}

/** Every fact behind the row's not-met and unknown indicators, in indicator order, with its sentence in both languages. */
export function factsOf(row: AssessmentRow): FactView[] {
  const details = parsed(row.details);
  return INDICATORS.flatMap((i) => (details[i.code] ?? []).map((f) => ({ ...f, indicator: i.code, text: factText(f, 'zh'), textEn: factText(f, 'en') })));
}

/** The indicators of one household, each with its label, status and facts: the household page's card. */
export function presentIndicators(row: AssessmentRow) {
  const facts = factsOf(row);
  return INDICATORS.map((i) => ({
    code: i.code,
    label: i.zh,
    labelEn: i.en,
    status: row[i.code] as IndicatorStatus,
    facts: facts.filter((f) => f.indicator === i.code),
  }));
}
