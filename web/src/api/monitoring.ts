/**
 * 防止返贫动态监测: warnings, cases and their procedure, the overview, as src/modules/monitoring/API.md describes them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUrl, http, request, toApiError, type ExportFormat } from './client';
import type { Page } from './types';

export type WarningStatus = 'open' | 'dismissed' | 'converted';
export type WarningSource = 'campaign' | 'finding' | 'preassessment' | 'cadre_screening' | 'self_application' | 'department';
export type CaseStatus = 'in_procedure' | 'monitored' | 'eliminating' | 'rejected' | 'eliminated';
export type ProcedureStep = 'visit' | 'appraisal' | 'notice' | 'township_review' | 'county_approval';
export const CASE_STATUSES: CaseStatus[] = ['in_procedure', 'monitored', 'eliminating', 'rejected', 'eliminated'];
export const PROCEDURE_STEPS: ProcedureStep[] = ['visit', 'appraisal', 'notice', 'township_review', 'county_approval'];

export interface Warning {
  id: number;
  householdId: number;
  householdNo: string;
  headName: string | null;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  source: WarningSource;
  findingId: number | null;
  campaignResponseId: number | null;
  detail: string;
  status: WarningStatus;
  dismissReason: string | null;
  caseId: number | null;
  createdBy: string | null;
  createdAt: string;
  version: number;
}
export interface WarningFilters {
  areaId?: number | undefined;
  status?: WarningStatus | undefined;
  source?: WarningSource | undefined;
  q?: string | undefined;
}

export interface MonitoringCase {
  id: number;
  householdId: number;
  householdNo: string;
  householdType: string;
  headName: string | null;
  persons: number;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  category: string;
  riskTypes: string[];
  disasterKind: string | null;
  otherNote: string | null;
  identifiedOn: string;
  incomeAtIdentification: number;
  source: WarningSource;
  warningId: number | null;
  status: CaseStatus;
  step: ProcedureStep | null;
  openedOn: string;
  includedOn: string | null;
  eliminationProposedOn: string | null;
  eliminatedOn: string | null;
  rejectedOn: string | null;
  rejectReason: string | null;
  safetyNetSince: string | null;
  override: { reason: string; by: string | null; at: string | null } | null;
  phaseDays: number;
  overdue: boolean;
  version: number;
}
export interface EliminationCheck {
  code: string;
  ok: boolean;
  detailZh: string;
}
export interface CaseStep {
  id: number;
  phase: 'inclusion' | 'elimination';
  step: ProcedureStep | 'proposal';
  outcome: 'pass' | 'reject';
  performedOn: string;
  days: number;
  note: string | null;
  noticeStart: string | null;
  noticeEnd: string | null;
  checks: EliminationCheck[] | null;
  overrideReason: string | null;
  by: string | null;
  at: string;
}
export interface CaseDetail extends MonitoringCase {
  steps: CaseStep[];
  phases: { phase: 'inclusion' | 'elimination'; startedOn: string; finishedOn: string | null; totalDays: number; overdue: boolean; limitDays: number }[];
  attachments: { id: number; stepId: number | null; fileName: string; size: number; by: string | null; at: string }[];
  episodes: { id: number; status: CaseStatus; openedOn: string; includedOn: string | null; eliminatedOn: string | null; rejectedOn: string | null }[];
  allowed: { step: ProcedureStep | null; canPropose: boolean; canOverride: boolean };
}
export interface CaseFilters {
  areaId?: number | undefined;
  status?: CaseStatus | undefined;
  step?: ProcedureStep | undefined;
  category?: string | undefined;
  riskType?: string | undefined;
  overdue?: 'true' | undefined;
  waiting?: 'mine' | undefined;
  q?: string | undefined;
}
export interface NewCase {
  warningId?: number;
  householdId?: number;
  category: string;
  riskTypes: string[];
  disasterKind?: string | null;
  otherNote?: string | null;
  identifiedOn: string;
  incomeAtIdentification: number;
  source?: WarningSource;
  openedOn?: string | undefined;
}
export interface StepInput {
  version: number;
  step: ProcedureStep;
  outcome: 'pass' | 'reject';
  performedOn?: string;
  note?: string | null;
  noticeStart?: string;
  noticeEnd?: string;
}
export interface Overview {
  area: { id: number; name: string };
  on: string;
  households: number;
  persons: number;
  byCategory: { category: string; households: number; persons: number }[];
  byRiskType: { risk: string; households: number; persons: number }[];
  byArea: { areaId: number; name: string; households: number; persons: number }[];
  byState: { inProcedure: number; monitored: number; eliminated: number; rejected: number; safetyNet: number };
  trend: { on: string; households: number; persons: number }[];
  waiting: { phase: 'inclusion' | 'elimination'; step: ProcedureStep; cases: number; overdue: number }[];
  limitDays: number;
}

type Paged<F> = F & { page: number; pageSize: number };

export const monitoringApi = {
  warnings: (q: Paged<WarningFilters>, signal?: AbortSignal) => http.get<Page<Warning>>('/monitoring/warnings', { ...q }, signal),
  warningsExportUrl: (q: WarningFilters, format: ExportFormat) => exportUrl('/monitoring/warnings', { ...q }, format),
  raise: (body: { householdId: number; source: WarningSource; detail: string }) => http.post<{ id: number }>('/monitoring/warnings', body),
  fromPreassessment: (body: { areaId?: number; on?: string }) => http.post<{ created: number; skipped: number; belowLine: number }>('/monitoring/warnings/from-preassessment', body),
  dismiss: (id: number, version: number, reason: string) => http.post<Warning>(`/monitoring/warnings/${id}/dismiss`, { version, reason }),
  cases: (q: Paged<CaseFilters>, signal?: AbortSignal) => http.get<Page<MonitoringCase>>('/monitoring/cases', { ...q }, signal),
  casesExportUrl: (q: CaseFilters, format: ExportFormat) => exportUrl('/monitoring/cases', { ...q }, format),
  open: (body: NewCase) => http.post<CaseDetail>('/monitoring/cases', body),
  get: (id: number, signal?: AbortSignal) => http.get<CaseDetail>(`/monitoring/cases/${id}`, undefined, signal),
  step: (id: number, body: StepInput) => http.post<CaseDetail>(`/monitoring/cases/${id}/steps`, body),
  check: (id: number, on?: string) => http.get<{ on: string; checks: EliminationCheck[]; passed: boolean; noLabour: boolean; override: { reason: string; by: string | null } | null }>(`/monitoring/cases/${id}/elimination-check`, { on }),
  propose: (id: number, body: { version: number; proposedOn?: string; note?: string | null }) => http.post<CaseDetail>(`/monitoring/cases/${id}/elimination`, body),
  override: (id: number, version: number, reason: string) => http.post<CaseDetail>(`/monitoring/cases/${id}/override`, { version, reason }),
  noticeUrl: (id: number, format: 'html' | 'docx' = 'html') => `/api/monitoring/cases/${id}/notice${format === 'docx' ? '?format=docx' : ''}`,
  attachmentUrl: (id: number) => `/api/monitoring/attachments/${id}`,
  overview: (q: { areaId?: number | undefined; on?: string | undefined }, signal?: AbortSignal) => http.get<Overview>('/monitoring/overview', { ...q }, signal),
  settings: () => http.get<{ procedureDaysLimit: number; minMonthsSinceIdentification: number; noticeDaysMin: number; incomeMonthsMin: number; monitoringLine: number | null }>('/monitoring/settings'),
  saveSettings: (body: { procedureDaysLimit?: number; minMonthsSinceIdentification?: number }) => request('/monitoring/settings', { method: 'PUT', body }),
  async upload(caseId: number, file: File): Promise<void> {
    const res = await fetch(`/api/monitoring/cases/${caseId}/attachments?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null));
  },
};

export function useWarnings(q: Paged<WarningFilters>) {
  return useQuery({ queryKey: ['monitoring', 'warnings', q], queryFn: ({ signal }) => monitoringApi.warnings(q, signal), placeholderData: keepPreviousData });
}
export function useCases(q: Paged<CaseFilters>) {
  return useQuery({ queryKey: ['monitoring', 'cases', q], queryFn: ({ signal }) => monitoringApi.cases(q, signal), placeholderData: keepPreviousData });
}
export function useCase(id: number) {
  return useQuery({ queryKey: ['monitoring', 'case', id], queryFn: ({ signal }) => monitoringApi.get(id, signal) });
}
export function useEliminationCheck(id: number, enabled: boolean, on?: string) {
  return useQuery({ queryKey: ['monitoring', 'check', id, on], queryFn: () => monitoringApi.check(id, on), enabled });
}
export function useOverview(q: { areaId?: number | undefined; on?: string | undefined }) {
  return useQuery({ queryKey: ['monitoring', 'overview', q], queryFn: ({ signal }) => monitoringApi.overview(q, signal), placeholderData: keepPreviousData });
}

/** A mutation that refreshes every monitoring query afterwards. */
export function useMonitoringMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['monitoring'] }) });
}
