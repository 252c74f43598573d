/** 收入预评估 and 帮扶计划 (src/modules/preassessment/API.md). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl, exportUrl, http, type ExportFormat } from './client';
import type { Page } from './types';

export interface BelowLineFilters {
  areaId?: number | undefined;
  on?: string | undefined;
  mainCause?: string | undefined;
  gapMin?: number | undefined;
  gapMax?: number | undefined;
}

export interface BelowLineRow {
  householdId: number;
  householdNo: string;
  areaId: number;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  headName: string | null;
  mainCause: string | null;
  size: number;
  periodStart: string;
  periodEnd: string;
  months: number;
  recordedNet: number;
  annualisedNet: number;
  scheduled: number;
  projectedNet: number;
  perCapita: number;
  standard: number;
  dibaoStandard: number | null;
  gapPerPerson: number;
  gap: number;
}

export interface BelowLinePage extends Page<BelowLineRow> {
  area: { id: number; name: string };
  on: string;
  totalGap: number;
}

export interface Summary {
  area: { id: number; name: string };
  on: string;
  total: { projected: number; households: number; persons: number; gap: number };
  withoutStandard: number;
  byArea: { areaId: number; name: string; projected: number; households: number; persons: number; gap: number }[];
  byCause: { cause: string | null; households: number; persons: number; gap: number }[];
}

export interface PostPoolInput {
  name: string;
  wage: number;
  posts: number;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
}

export interface DividendInput {
  name: string;
  valuePerShare: number;
  shares: number;
  perHousehold: number;
}

export interface PlanInput {
  areaId?: number | undefined;
  on?: string | undefined;
  measuresStartOn?: string | undefined;
  posts: PostPoolInput[];
  dividends: DividendInput[];
  dibao: { enabled: boolean; households?: number | null | undefined };
  maxPostsPerPerson?: number | undefined;
}

export interface PlanFigures {
  households: number;
  persons: number;
  totalGap: number;
  averagePerCapita: number;
  lowestPerCapita: number;
  closed?: number;
  cost?: number;
}

export interface PlanSolution {
  method: 'independent' | 'branch_and_bound' | 'lagrangian_heuristic';
  optimal: boolean;
  closableAtMost: number;
  costAtLeast: number;
  elapsedMs: number;
  totalCost: number;
  used: { key: string; kind: 'post' | 'dividend' | 'dibao'; name: string; capacity: number | null; used: number }[];
}

export interface PlanSummary {
  id: number;
  area: { id: number; name: string };
  referenceOn: string;
  measuresStartOn: string;
  status: 'draft' | 'accepted';
  solution: PlanSolution;
  before: PlanFigures;
  after: PlanFigures;
  createdBy: string | null;
  createdAt: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

export interface PlanItem {
  kind: 'welfare_post' | 'dividend' | 'safety_net_dibao';
  resource: string;
  resourceName: string;
  memberId: number | null;
  memberName: string | null;
  units: number;
  value: number;
}

export interface PlanHousehold {
  householdId: number;
  householdNo: string;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  headName: string | null;
  mainCause: string | null;
  size: number;
  projectedNet: number;
  standard: number;
  perCapitaBefore: number;
  gap: number;
  value: number;
  perCapitaAfter: number;
  closed: boolean;
  reason: string | null;
  reasonText: string | null;
  items: PlanItem[];
}

export interface PlanDetail extends PlanSummary {
  resources: unknown;
  itemCount: number;
  measuresCreated: number;
  unclosableReasons: { reason: string; households: number }[];
  households: Page<PlanHousehold>;
}

export type PlanOutcome = 'closed' | 'unclosable';

export const preassessmentApi = {
  list: (f: BelowLineFilters, params: { page: number; pageSize: number; sort: string }, signal?: AbortSignal) =>
    http.get<BelowLinePage>('/preassessment', { ...f, ...params }, signal),
  exportUrl: (f: BelowLineFilters, format: ExportFormat, sort?: string) => exportUrl('/preassessment', { ...f, sort }, format),
  summary: (areaId: number | undefined, on: string | undefined, signal?: AbortSignal) => http.get<Summary>('/preassessment/summary', { areaId, on }, signal),
  plans: (params: { page: number; pageSize: number; status?: string | undefined; areaId?: number | undefined }, signal?: AbortSignal) =>
    http.get<Page<PlanSummary>>('/preassessment/plans', params, signal),
  plan: (id: number, params: { page: number; pageSize: number; outcome?: PlanOutcome | undefined }, signal?: AbortSignal) =>
    http.get<PlanDetail>(`/preassessment/plans/${id}`, params, signal),
  planExportUrl: (id: number, outcome: PlanOutcome | undefined, format: ExportFormat) => apiUrl(`/preassessment/plans/${id}/export`, { outcome, format }),
  propose: (input: PlanInput) => http.post<PlanDetail>('/preassessment/plans', input),
  accept: (id: number) => http.post<PlanDetail>(`/preassessment/plans/${id}/accept`),
};

export function useBelowLine(f: BelowLineFilters, params: { page: number; pageSize: number; sort: string }) {
  return useQuery({
    queryKey: ['preassessment', 'list', f, params],
    queryFn: ({ signal }) => preassessmentApi.list(f, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBelowLineSummary(areaId: number | undefined, on: string | undefined) {
  return useQuery({
    queryKey: ['preassessment', 'summary', areaId ?? null, on ?? null],
    queryFn: ({ signal }) => preassessmentApi.summary(areaId, on, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePlans(params: { page: number; pageSize: number; status?: string | undefined }) {
  return useQuery({ queryKey: ['preassessment', 'plans', params], queryFn: ({ signal }) => preassessmentApi.plans(params, signal), placeholderData: keepPreviousData });
}

export function usePlan(id: number, params: { page: number; pageSize: number; outcome?: PlanOutcome | undefined }) {
  return useQuery({
    queryKey: ['preassessment', 'plan', id, params],
    queryFn: ({ signal }) => preassessmentApi.plan(id, params, signal),
    enabled: id > 0,
    placeholderData: keepPreviousData,
  });
}

export function useProposePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: preassessmentApi.propose,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['preassessment', 'plans'] }),
  });
}

/** Accepting creates measures: the lists below the line, the plans and the households' measures all change. */
export function useAcceptPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: preassessmentApi.accept,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['preassessment'] }), queryClient.invalidateQueries({ queryKey: ['measures'] })]),
  });
}
