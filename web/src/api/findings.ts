/**
 * Findings (问题线索: one record violating one rule) and exemptions (豁免), as src/modules/findings/API.md and the
 * "Exemptions" part of src/modules/rules/API.md describe them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUrl, http, type ExportFormat } from './client';
import type { EvidenceValue, Severity } from './rules';
import type { Page } from './types';

export type FindingStatus = 'open' | 'closed' | 'exempted';
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'exempted', 'closed'];
export const FINDING_SORTS = ['ruleCode', 'householdNo', '-lastSeenAt', 'lastSeenAt', '-firstSeenAt', 'firstSeenAt'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export interface Finding {
  id: number;
  ruleCode: string;
  ruleVersion: number;
  ruleTitleZh: string;
  ruleTitleEn: string;
  severity: Severity;
  department: string;
  status: FindingStatus;
  householdId: number;
  householdNo: string;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  memberId: number | null;
  memberName: string | null;
  idNumber: string | null;
  evidence: Record<string, EvidenceValue>;
  firstSeenAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  firstRunId: number;
  lastRunId: number;
  reopenedCount: number;
  exemptionId: number | null;
  /** 整改流程 (web/src/api/problems.ts): the workflow state next to the data status. */
  state: ProblemState;
  lastAction: string | null;
  stateAt: string | null;
  deadline: string | null;
  overdue: boolean;
  /** 整改不实: found again after being reported fixed. */
  falseRectification: boolean;
  countyId: number | null;
  supervised: boolean;
}

export const PROBLEM_STATES = ['pending', 'confirmed', 'rejected', 'rectifying', 'rectified', 'closed_off'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

export type FindingEventKind = 'opened' | 'closed' | 'reopened' | 'exempted' | 'unexempted';

export interface FindingDetail extends Finding {
  rule: { code: string; titleZh: string; titleEn: string; explanationZh: string; populationZh: string; enabled: boolean; currentVersion: number };
  exemption: { id: number; reason: string; approvedBy: string; approvedAt: string; validUntil: string | null } | null;
  events: { at: string; kind: FindingEventKind; from: FindingStatus | null; to: FindingStatus; runId: number | null; username: string | null; note: string | null }[];
  runs: { id: number; referenceDate: string; finishedAt: string | null; ruleVersion: number | null }[];
}

export interface StatusCounts {
  open: number;
  closed: number;
  exempted: number;
}

export interface FindingSummary {
  area: { id: number; name: string };
  totals: StatusCounts;
  byRule: (StatusCounts & { ruleCode: string; titleZh: string; severity: string; department: string })[];
  byArea: (StatusCounts & { areaId: number; name: string })[];
}

export interface FindingFilters {
  ruleCode?: string | undefined;
  severity?: Severity | undefined;
  department?: string | undefined;
  status?: FindingStatus | undefined;
  areaId?: number | undefined;
  householdNo?: string | undefined;
  q?: string | undefined;
}

export type ExemptionStatus = 'active' | 'revoked' | 'expired';
export const EXEMPTION_STATUSES: readonly (ExemptionStatus | 'all')[] = ['active', 'revoked', 'expired', 'all'];

export interface Exemption {
  id: number;
  ruleCode: string;
  ruleTitleZh: string;
  householdId: number;
  householdNo: string;
  villageName: string;
  memberId: number | null;
  memberName: string | null;
  reason: string;
  approvedBy: string;
  approvedAt: string;
  validUntil: string | null;
  status: ExemptionStatus;
  revokedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface ExemptionFilters {
  ruleCode?: string | undefined;
  status?: ExemptionStatus | 'all' | undefined;
  areaId?: number | undefined;
  householdNo?: string | undefined;
}

export interface NewExemption {
  ruleCode: string;
  householdId: number;
  memberId?: number | null;
  reason: string;
  validUntil?: string | null;
}

export const findingsApi = {
  list: (q: FindingFilters & { sort?: FindingSort | undefined; page: number; pageSize: number }, signal?: AbortSignal) =>
    http.get<Page<Finding>>('/findings', { ...q }, signal),
  exportUrl: (filters: FindingFilters, format: ExportFormat, reveal: boolean) =>
    exportUrl('/findings', { ...filters, reveal: reveal ? 'true' : undefined }, format),
  summary: (q: Pick<FindingFilters, 'areaId' | 'ruleCode' | 'severity' | 'department'>, signal?: AbortSignal) =>
    http.get<FindingSummary>('/findings/summary', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => http.get<FindingDetail>(`/findings/${id}`, undefined, signal),
  ofHousehold: (householdId: number, signal?: AbortSignal) => http.get<{ items: Finding[] }>(`/households/${householdId}/findings`, undefined, signal),
  exemptions: (q: ExemptionFilters & { page: number; pageSize: number }, signal?: AbortSignal) => http.get<Page<Exemption>>('/exemptions', { ...q }, signal),
  exemptionsExportUrl: (filters: ExemptionFilters, format: ExportFormat) => exportUrl('/exemptions', { ...filters }, format),
  exempt: ({ ruleCode, ...body }: NewExemption) => http.post<Exemption>(`/rules/${encodeURIComponent(ruleCode)}/exemptions`, body),
  revoke: (id: number, reason: string) => http.post<Exemption>(`/exemptions/${id}/revoke`, { reason }),
};

export function useFindingList(q: FindingFilters & { sort?: FindingSort | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['findings', 'list', q], queryFn: ({ signal }) => findingsApi.list(q, signal), placeholderData: keepPreviousData });
}

export function useFindingSummary(q: Pick<FindingFilters, 'areaId' | 'ruleCode' | 'severity' | 'department'>) {
  return useQuery({ queryKey: ['findings', 'summary', q], queryFn: ({ signal }) => findingsApi.summary(q, signal), placeholderData: keepPreviousData });
}

export function useFinding(id: number | undefined) {
  return useQuery({ queryKey: ['findings', 'detail', id ?? 0], queryFn: ({ signal }) => findingsApi.get(id!, signal), enabled: id !== undefined });
}

export function useHouseholdFindings(householdId: number) {
  return useQuery({ queryKey: ['findings', 'household', householdId], queryFn: ({ signal }) => findingsApi.ofHousehold(householdId, signal) });
}

export function useExemptions(q: ExemptionFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['exemptions', 'list', q], queryFn: ({ signal }) => findingsApi.exemptions(q, signal), placeholderData: keepPreviousData });
}

/** An exemption changes a finding's status at once (exempted, or open/closed on revoke): every count may move. */
function useExemptionChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => ['findings', 'exemptions'].includes(q.queryKey[0] as string) });
}

export function useExempt() {
  const changed = useExemptionChanged();
  return useMutation({ mutationFn: findingsApi.exempt, onSuccess: changed });
}

export function useRevokeExemption() {
  const changed = useExemptionChanged();
  return useMutation({ mutationFn: ({ id, reason }: { id: number; reason: string }) => findingsApi.revoke(id, reason), onSuccess: changed });
}
