/**
 * 整改流程: problems (findings) moving through the workflow, the inbox, the ledger, listed supervision (挂牌督办) and
 * re-checks (回头看), as src/modules/problems/API.md describes them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUrl, http, type ExportFormat } from './client';
import type { Finding, FindingDetail, FindingFilters, ProblemState } from './findings';
import type { Page } from './types';

export const PROBLEM_ACTIONS = ['confirm', 'reject', 'set_deadline', 'rectify', 'close_off', 'return', 'accept_rejection', 'return_rejection'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];
export type HistoryAction = ProblemAction | 'recheck_confirm' | 'recheck_reopen' | 'redetected';

/** Which fields each action needs (the server checks again: src/domain/problem-workflow.ts). */
export const ACTION_FIELDS: Record<ProblemAction, ('reason' | 'deadline' | 'evidence')[]> = {
  confirm: [],
  reject: ['reason'],
  set_deadline: ['deadline'],
  rectify: ['evidence'],
  close_off: [],
  return: ['reason'],
  accept_rejection: [],
  return_rejection: ['reason'],
};

export interface ProblemFilters extends FindingFilters {
  state?: ProblemState | undefined;
  countyId?: number | undefined;
  overdue?: boolean | undefined;
  falseRectification?: boolean | undefined;
  supervised?: boolean | undefined;
  returned?: boolean | undefined;
}

export interface ProblemDetail extends FindingDetail {
  history: { id: number; action: HistoryAction; from: ProblemState; to: ProblemState; reason: string | null; deadline: string | null; evidence: string | null; runId: number | null; bulk: boolean; username: string | null; at: string }[];
  attachments: { id: number; eventId: number; fileName: string; contentType: string; size: number; username: string | null; createdAt: string }[];
  actions: ProblemAction[];
  pendingRecheckBatchId: number | null;
}

export interface AttachmentUpload {
  fileName: string;
  contentType: string;
  dataBase64: string;
}

export interface ActionBody {
  action: ProblemAction;
  reason?: string | undefined;
  deadline?: string | undefined;
  evidence?: string | undefined;
  attachments?: AttachmentUpload[] | undefined;
}

export interface BulkResult {
  done: number;
  doneIds: number[];
  refused: { id: number; code: string; reason: string; reasonZh: string }[];
}

export type InboxKind = 'pending' | 'returned' | 'rectifying' | 'rectified' | 'rejected' | 'overdue' | 'recheck';
export interface Inbox {
  items: { kind: InboxKind; count: number; filter: Record<string, string> }[];
  total: number;
}

export interface LedgerFigures {
  total: number;
  pending: number;
  inProgress: number;
  rectified: number;
  closedOff: number;
  overdue: number;
  falseRectification: number;
  closureRate: number | null;
}
export interface Ledger {
  totals: LedgerFigures;
  byDepartment: (LedgerFigures & { department: string })[];
  byCounty: (LedgerFigures & { countyId: number | null; name: string | null })[];
  trend: { week: string; opened: number; closedOff: number }[];
}
export type LedgerFilters = Pick<ProblemFilters, 'areaId' | 'department' | 'ruleCode' | 'countyId' | 'state'>;

export interface Supervision {
  id: number;
  areaId: number;
  areaName: string;
  areaLevel: string;
  reason: string;
  startedBy: string;
  startedAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
  openProblems: number;
}
export interface SupervisionSuggestion {
  areaId: number;
  name: string;
  openProblems: number;
  overdue: number;
  supervised: boolean;
}

export interface RecheckBatch {
  id: number;
  areaName: string;
  department: string | null;
  eligible: number;
  drawn: number;
  username: string;
  createdAt: string;
  confirmed: number;
  reopened: number;
}
export interface RecheckItem {
  findingId: number;
  ruleCode: string;
  householdNo: string;
  memberName: string | null;
  state: ProblemState;
  result: 'confirmed' | 'reopened' | null;
  note: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
}

type ListQuery = ProblemFilters & { sort?: string | undefined; page: number; pageSize: number };

export const problemsApi = {
  list: (q: ListQuery, signal?: AbortSignal) => http.get<Page<Finding>>('/problems', { ...q }, signal),
  exportUrl: (filters: ProblemFilters, format: ExportFormat, reveal: boolean) => exportUrl('/problems', { ...filters, reveal: reveal ? 'true' : undefined }, format),
  get: (id: number, signal?: AbortSignal) => http.get<ProblemDetail>(`/problems/${id}`, undefined, signal),
  act: (id: number, body: ActionBody) => http.post<ProblemDetail>(`/problems/${id}/actions`, body),
  bulk: (body: Omit<ActionBody, 'attachments'> & { ids?: number[] | undefined; filter?: ProblemFilters | undefined }) => http.post<BulkResult>('/problems/bulk', body),
  attachmentUrl: (id: number, attachmentId: number) => `/api/problems/${id}/attachments/${attachmentId}`,
  inbox: (signal?: AbortSignal) => http.get<Inbox>('/problems/inbox', undefined, signal),
  ledger: (q: LedgerFilters, signal?: AbortSignal) => http.get<Ledger>('/problems/ledger', { ...q }, signal),
  supervisions: (signal?: AbortSignal) => http.get<{ items: Supervision[] }>('/supervisions', undefined, signal),
  suggestions: (q: { threshold: number; level: 'county' | 'township' }, signal?: AbortSignal) =>
    http.get<{ threshold: number; items: SupervisionSuggestion[] }>('/supervisions/suggestions', q, signal),
  supervise: (body: { areaId: number; reason: string }) => http.post<{ id: number }>('/supervisions', body),
  lift: (id: number, reason: string) => http.post<{ id: number }>(`/supervisions/${id}/lift`, { reason }),
  rechecks: (signal?: AbortSignal) => http.get<{ items: RecheckBatch[] }>('/rechecks', undefined, signal),
  recheck: (id: number, signal?: AbortSignal) => http.get<{ id: number; items: RecheckItem[] }>(`/rechecks/${id}`, undefined, signal),
  draw: (body: { areaId?: number | undefined; department?: string | undefined; size?: number | undefined; percent?: number | undefined }) =>
    http.post<{ id: number; eligible: number; drawn: number }>('/rechecks', body),
  recordRecheck: (batchId: number, findingId: number, body: { result: 'confirmed' | 'reopened'; note?: string | undefined; deadline?: string | undefined }) =>
    http.post<{ state: ProblemState }>(`/rechecks/${batchId}/items/${findingId}`, body),
};

export function useProblemList(q: ListQuery) {
  return useQuery({ queryKey: ['problems', 'list', q], queryFn: ({ signal }) => problemsApi.list(q, signal), placeholderData: keepPreviousData });
}

export function useProblem(id: number | undefined) {
  return useQuery({ queryKey: ['problems', 'detail', id ?? 0], queryFn: ({ signal }) => problemsApi.get(id!, signal), enabled: id !== undefined });
}

/** The inbox badge in the header refreshes every minute and after every step. */
export function useInbox(enabled = true) {
  return useQuery({ queryKey: ['problems', 'inbox'], queryFn: ({ signal }) => problemsApi.inbox(signal), enabled, refetchInterval: 60_000 });
}

export function useLedger(q: LedgerFilters) {
  return useQuery({ queryKey: ['problems', 'ledger', q], queryFn: ({ signal }) => problemsApi.ledger(q, signal), placeholderData: keepPreviousData });
}

export function useSupervisions() {
  return useQuery({ queryKey: ['supervisions', 'list'], queryFn: ({ signal }) => problemsApi.supervisions(signal) });
}

export function useSupervisionSuggestions(q: { threshold: number; level: 'county' | 'township' }) {
  return useQuery({ queryKey: ['supervisions', 'suggestions', q], queryFn: ({ signal }) => problemsApi.suggestions(q, signal) });
}

export function useRechecks() {
  return useQuery({ queryKey: ['rechecks', 'list'], queryFn: ({ signal }) => problemsApi.rechecks(signal) });
}

export function useRecheck(id: number | undefined) {
  return useQuery({ queryKey: ['rechecks', 'detail', id ?? 0], queryFn: ({ signal }) => problemsApi.recheck(id!, signal), enabled: id !== undefined });
}

/** Any workflow step may move every list, count and figure of problems (and findings, which show the state). */
function useProblemsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => ['problems', 'findings', 'supervisions', 'rechecks'].includes(q.queryKey[0] as string) });
}

export function useProblemAction() {
  const changed = useProblemsChanged();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: ActionBody }) => problemsApi.act(id, body), onSuccess: changed });
}

export function useBulkAction() {
  const changed = useProblemsChanged();
  return useMutation({ mutationFn: problemsApi.bulk, onSuccess: changed });
}

export function useSupervise() {
  const changed = useProblemsChanged();
  return useMutation({ mutationFn: problemsApi.supervise, onSuccess: changed });
}

export function useLiftSupervision() {
  const changed = useProblemsChanged();
  return useMutation({ mutationFn: ({ id, reason }: { id: number; reason: string }) => problemsApi.lift(id, reason), onSuccess: changed });
}

export function useDrawRecheck() {
  const changed = useProblemsChanged();
  return useMutation({ mutationFn: problemsApi.draw, onSuccess: changed });
}

export function useRecordRecheck() {
  const changed = useProblemsChanged();
  return useMutation({
    mutationFn: ({ batchId, findingId, ...body }: { batchId: number; findingId: number; result: 'confirmed' | 'reopened'; note?: string; deadline?: string }) =>
      problemsApi.recordRecheck(batchId, findingId, body),
    onSuccess: changed,
  });
}
