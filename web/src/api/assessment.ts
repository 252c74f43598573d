/**
 * The household assessment (两不愁三保障及饮水、收入), as src/modules/assessment/API.md describes it: one household's
 * indicators with the facts behind them, counts per child area, the list of assessed households and its export, and
 * the city office's recomputation.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUrl, http, type ExportFormat, type Query } from './client';

export type IndicatorCode = 'food_clothing' | 'education' | 'medical' | 'housing' | 'water' | 'income';
export type IndicatorStatus = 'met' | 'not_met' | 'unknown';
export const INDICATOR_CODES: readonly IndicatorCode[] = ['food_clothing', 'education', 'medical', 'housing', 'water', 'income'];
export const INDICATOR_STATUSES: readonly IndicatorStatus[] = ['met', 'not_met', 'unknown'];

export interface AssessmentFact {
  indicator: IndicatorCode;
  status: Exclude<IndicatorStatus, 'met'>;
  memberId: number | null;
  memberName: string | null;
  field: string;
  value: string | number | boolean | null;
  threshold: number | null;
  /** The fact as a sentence, in Chinese and in English. */
  text: string;
  textEn: string;
}

export interface IndicatorView {
  code: IndicatorCode;
  label: string;
  labelEn: string;
  status: IndicatorStatus;
  facts: AssessmentFact[];
}

export interface HouseholdAssessment {
  householdId: number;
  referenceDate: string;
  storedDates: string[];
  /** false: computed for this request on a date nobody refreshed. */
  stored: boolean;
  /** false for a closed household. */
  assessed: boolean;
  computedAt: string | null;
  anyUnmet: boolean;
  indicators: IndicatorView[];
}

export interface AssessmentCounts {
  households: number;
  anyUnmet: number;
  indicators: Record<IndicatorCode, { notMet: number; unknown: number }>;
}

export interface AssessmentSummary {
  area: { id: number; name: string; level: string; ancestors: { id: number; name: string; level: string }[] };
  referenceDate: string | null;
  storedDates: string[];
  total: AssessmentCounts;
  items: (AssessmentCounts & { areaId: number; code: string; name: string; level: string })[];
}

export interface AssessmentRow {
  householdId: number;
  householdNo: string;
  type: string;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  headName: string | null;
  headIdNumber: string | null;
  referenceDate: string;
  statuses: Record<IndicatorCode, IndicatorStatus>;
  anyUnmet: boolean;
  facts: AssessmentFact[];
}

export interface AssessmentFilters {
  areaId?: number | undefined;
  referenceDate?: string | undefined;
  indicator?: IndicatorCode | undefined;
  status?: IndicatorStatus | undefined;
  anyUnmet?: boolean | undefined;
}

export interface AssessmentPage {
  items: AssessmentRow[];
  total: number;
  page: number;
  pageSize: number;
  referenceDate: string | null;
}

const filterQuery = (f: AssessmentFilters): Query => ({ ...f, anyUnmet: f.anyUnmet === undefined ? undefined : String(f.anyUnmet) });

export const assessmentApi = {
  household: (id: number, on: string | undefined) => http.get<HouseholdAssessment>(`/households/${id}/assessment`, { on }),
  summary: (areaId: number | undefined, on: string | undefined) => http.get<AssessmentSummary>('/assessments/summary', { areaId, on }),
  list: (filters: AssessmentFilters, page: number, pageSize: number) =>
    http.get<AssessmentPage>('/assessments', { ...filterQuery(filters), page, pageSize }),
  exportUrl: (filters: AssessmentFilters, format: ExportFormat) => exportUrl('/assessments', filterQuery(filters), format),
  refresh: (body: { areaId?: number | undefined; referenceDate?: string | undefined }) =>
    http.post<{ area: { id: number; name: string }; referenceDate: string; households: number; ms: number }>('/assessments/refresh', body),
};

/** Under the household's own key, so every household edit (which invalidates ['households']) refetches it. */
export function useHouseholdAssessment(id: number, on: string | undefined) {
  return useQuery({
    queryKey: ['households', 'assessment', id, on ?? null],
    queryFn: () => assessmentApi.household(id, on),
    enabled: id > 0,
    placeholderData: keepPreviousData,
  });
}

export function useAssessmentSummary(areaId: number | undefined, on: string | undefined) {
  return useQuery({
    queryKey: ['assessments', 'summary', areaId ?? null, on ?? null],
    queryFn: () => assessmentApi.summary(areaId, on),
    placeholderData: keepPreviousData,
  });
}

export function useAssessmentList(filters: AssessmentFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['assessments', 'list', filters, page, pageSize],
    queryFn: () => assessmentApi.list(filters, page, pageSize),
    placeholderData: keepPreviousData,
  });
}

export function useRefreshAssessments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assessmentApi.refresh,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['assessments'] }),
        queryClient.invalidateQueries({ queryKey: ['households'] }),
      ]),
  });
}
