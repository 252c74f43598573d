/**
 * 部门数据比对: dataset types and templates, uploads (snapshots) with their records and unreadable cells, and the
 * matching review, as src/modules/departments/routes.ts serves them. The upload goes through XMLHttpRequest
 * because fetch reports no upload progress (as in imports.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiUrl, exportUrl, http, toApiError, type ExportFormat } from './client';
import type { Page } from './types';

export type SnapshotStatus = 'reading' | 'previewed' | 'committed' | 'failed' | 'discarded';
export const SNAPSHOT_STATUSES: readonly SnapshotStatus[] = ['reading', 'previewed', 'committed', 'failed', 'discarded'];
export type MatchStatus = 'id_exact' | 'auto' | 'confirmed' | 'review' | 'unmatched' | 'rejected';
export const MATCH_STATUSES: readonly MatchStatus[] = ['id_exact', 'auto', 'confirmed', 'review', 'unmatched', 'rejected'];
export type CommitMode = 'all_or_nothing' | 'valid_only';
export type ReviewStatus = 'review' | 'unmatched';

export interface DatasetColumn {
  key: string;
  label: string;
  labelEn: string;
  /** 'text', 'date', 'amount', 'boolean', … or `coded:<code list>`. */
  kind: string;
  required: boolean;
  synonyms: string[];
}

export interface DatasetType {
  code: string;
  department: string;
  zh: string;
  en: string;
  description: string;
  columns: DatasetColumn[];
  current: { snapshotId: number; asOf: string; committedSnapshots: number } | null;
  /** False for a type the city added; those carry a version for editing. */
  builtIn: boolean;
  version: number | null;
}

export type NewDatasetType = Pick<DatasetType, 'code' | 'department' | 'zh' | 'en' | 'description' | 'columns'>;

export interface SnapshotCounts {
  rows?: number;
  rejected?: number;
  issues?: number;
  idExact?: number;
  auto?: number;
  review?: number;
  unmatched?: number;
}

export interface Snapshot {
  id: number;
  datasetType: string;
  datasetName: string;
  department: string;
  asOf: string;
  status: SnapshotStatus;
  fileName: string;
  areaPath: string;
  username: string;
  note: string | null;
  counts: SnapshotCounts;
  progress: { phase: 'reading' | 'matching'; rowsRead: number; bytesRead: number; totalBytes: number; matched?: number } | null;
  error: { code: string; message: string; messageEn: string } | null;
  createdAt: string;
  committedAt: string | null;
}

export type DataValue = string | number | boolean | null;

export interface DeptRecord {
  id: number;
  sheet: string;
  rowNumber: number;
  idNumber: string | null;
  name: string;
  sex: string | null;
  birthDate: string | null;
  villageName: string | null;
  data: Record<string, DataValue>;
  matchStatus: MatchStatus;
  matchScore: number | null;
  matchReasons: string[];
  memberId: number | null;
  householdId: number | null;
  member: { name: string; idNumber: string | null; householdNo: string; areaPath: string } | null;
}

export interface SnapshotIssue {
  sheet: string;
  rowNumber: number;
  column: string | null;
  field: string | null;
  value: string | null;
  code: string;
  reason: string;
  reasonEn: string;
}

export interface Candidate {
  memberId: number;
  rank: number;
  score: number;
  reasons: string[];
  name: string;
  idNumber: string | null;
  sex: string | null;
  birthDate: string | null;
  householdNo: string;
  village: string;
}

export interface ReviewItem {
  id: number;
  snapshotId: number;
  datasetType: string;
  record: { idNumber: string | null; name: string; sex: string | null; birthDate: string | null; villageName: string | null };
  matchStatus: ReviewStatus;
  candidates: Candidate[];
}

export interface MemberDeptRecord extends DeptRecord {
  datasetType: string;
  datasetName: string;
  asOf: string;
  snapshotId: number;
}

export interface SnapshotFilters {
  datasetType?: string | undefined;
  department?: string | undefined;
  status?: SnapshotStatus | undefined;
}

export interface RecordFilters {
  matchStatus?: MatchStatus | undefined;
  q?: string | undefined;
}

export interface ReviewFilters {
  datasetType?: string | undefined;
  status?: ReviewStatus | undefined;
}

export interface NewUpload {
  datasetType: string;
  asOf: string;
  note?: string | undefined;
  file: File;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** POST /api/departments/snapshots with the file itself as the body; resolves to the new snapshot (202, reading). */
function upload({ datasetType, asOf, note, file, onProgress, signal }: NewUpload): Promise<Snapshot> {
  const url = apiUrl('/departments/snapshots', { datasetType, asOf, fileName: file.name, note });
  return new Promise<Snapshot>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let payload: unknown = xhr.responseText;
      try {
        payload = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // Not JSON (a proxy's error page): toApiError words it by status.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as Snapshot);
      else reject(toApiError(xhr.status, payload));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error', '网络连接失败'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

const reveal = (on: boolean) => (on ? 'true' : undefined);

export const departmentsApi = {
  upload,
  datasets: (signal?: AbortSignal) => http.get<DatasetType[]>('/departments/datasets', undefined, signal),
  addDataset: (t: NewDatasetType) => http.post<DatasetType>('/departments/datasets', t),
  templateUrl: (code: string) => apiUrl(`/departments/datasets/${encodeURIComponent(code)}/template`),
  snapshots: (q: SnapshotFilters & { page: number; pageSize: number }, signal?: AbortSignal) => http.get<Page<Snapshot>>('/departments/snapshots', { ...q }, signal),
  snapshot: (id: number, signal?: AbortSignal) => http.get<Snapshot>(`/departments/snapshots/${id}`, undefined, signal),
  commit: (id: number, mode: CommitMode) => http.post<Snapshot>(`/departments/snapshots/${id}/commit`, { mode }),
  discard: (id: number) => http.post<Snapshot>(`/departments/snapshots/${id}/discard`),
  records: (id: number, q: RecordFilters & { page: number; pageSize: number; reveal: boolean }, signal?: AbortSignal) =>
    http.get<Page<DeptRecord>>(`/departments/snapshots/${id}/records`, { ...q, reveal: reveal(q.reveal) }, signal),
  recordsExportUrl: (id: number, f: RecordFilters, format: ExportFormat, revealIds: boolean) =>
    exportUrl(`/departments/snapshots/${id}/records`, { ...f, reveal: reveal(revealIds) }, format),
  issues: (id: number, q: { page: number; pageSize: number }, signal?: AbortSignal) => http.get<Page<SnapshotIssue>>(`/departments/snapshots/${id}/issues`, q, signal),
  issuesExportUrl: (id: number, format: ExportFormat) => exportUrl(`/departments/snapshots/${id}/issues`, {}, format),
  reviews: (q: ReviewFilters & { page: number; pageSize: number; reveal: boolean }, signal?: AbortSignal) =>
    http.get<Page<ReviewItem>>('/departments/reviews', { ...q, reveal: reveal(q.reveal) }, signal),
  confirm: (recordId: number, memberId: number) => http.post<{ id: number; matchStatus: MatchStatus; memberId: number }>(`/departments/records/${recordId}/confirm`, { memberId }),
  reject: (recordId: number) => http.post<{ id: number; matchStatus: MatchStatus; memberId: null }>(`/departments/records/${recordId}/reject`),
  memberRecords: (memberId: number, signal?: AbortSignal) => http.get<MemberDeptRecord[]>(`/members/${memberId}/department-records`, undefined, signal),
};

export const departmentKeys = {
  datasets: ['departments', 'datasets'] as const,
  snapshots: (q: object) => ['departments', 'snapshots', q] as const,
  snapshot: (id: number) => ['departments', 'snapshot', id] as const,
  records: (id: number, status: string, q: object) => ['departments', 'records', id, status, q] as const,
  issues: (id: number, status: string, q: object) => ['departments', 'issues', id, status, q] as const,
  reviews: (q: object) => ['departments', 'reviews', q] as const,
  member: (id: number) => ['departments', 'member', id] as const,
};

export function useDatasetTypes() {
  // The catalogue changes with a deployment; the snapshot in force changes on a commit, which invalidates it.
  return useQuery({ queryKey: departmentKeys.datasets, queryFn: ({ signal }) => departmentsApi.datasets(signal), staleTime: 60_000 });
}

export function useSnapshots(q: SnapshotFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: departmentKeys.snapshots(q),
    queryFn: ({ signal }) => departmentsApi.snapshots(q, signal),
    placeholderData: keepPreviousData,
    // An upload still being read changes under our eyes; refresh the page while any is.
    refetchInterval: (query) => (query.state.data?.items.some((s) => s.status === 'reading') ? 3_000 : false),
  });
}

/** The snapshot, polled every second while the server reads and matches it. */
export function useSnapshot(id: number) {
  return useQuery({
    queryKey: departmentKeys.snapshot(id),
    queryFn: ({ signal }) => departmentsApi.snapshot(id, signal),
    enabled: id > 0,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'reading' ? 1_000 : false),
  });
}

/** Records and issues exist once the snapshot is read; its status keys them so the finished read is never hidden by an empty first answer. */
export function useSnapshotRecords(snap: Snapshot | undefined, q: RecordFilters & { page: number; pageSize: number; reveal: boolean }) {
  const id = snap?.id ?? 0;
  return useQuery({
    queryKey: departmentKeys.records(id, snap?.status ?? '', q),
    queryFn: ({ signal }) => departmentsApi.records(id, q, signal),
    enabled: id > 0 && snap?.status !== 'reading',
    placeholderData: keepPreviousData,
  });
}

export function useSnapshotIssues(snap: Snapshot | undefined, q: { page: number; pageSize: number }) {
  const id = snap?.id ?? 0;
  return useQuery({
    queryKey: departmentKeys.issues(id, snap?.status ?? '', q),
    queryFn: ({ signal }) => departmentsApi.issues(id, q, signal),
    enabled: id > 0 && snap?.status !== 'reading',
    placeholderData: keepPreviousData,
  });
}

export function useReviews(q: ReviewFilters & { page: number; pageSize: number; reveal: boolean }) {
  return useQuery({ queryKey: departmentKeys.reviews(q), queryFn: ({ signal }) => departmentsApi.reviews(q, signal), placeholderData: keepPreviousData });
}

export function useMemberDepartmentRecords(memberId: number) {
  return useQuery({ queryKey: departmentKeys.member(memberId), queryFn: ({ signal }) => departmentsApi.memberRecords(memberId, signal), enabled: memberId > 0 });
}

/** A commit or discard changes the snapshot, the uploads list and the snapshot in force: refresh them all. */
function useSnapshotMutation<V>(id: number, fn: (v: V) => Promise<Snapshot>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (snap) => {
      queryClient.setQueryData(departmentKeys.snapshot(id), snap);
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
  });
}

export function useCommitSnapshot(id: number) {
  return useSnapshotMutation(id, (mode: CommitMode) => departmentsApi.commit(id, mode));
}

export function useDiscardSnapshot(id: number) {
  return useSnapshotMutation(id, () => departmentsApi.discard(id));
}

/** A decision moves the record out of the waiting list and changes the snapshot's records. */
function useDecision<V>(fn: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['departments'] }) });
}

export function useAddDatasetType() {
  return useDecision((t: NewDatasetType) => departmentsApi.addDataset(t));
}

export function useConfirmMatch() {
  return useDecision(({ recordId, memberId }: { recordId: number; memberId: number }) => departmentsApi.confirm(recordId, memberId));
}

export function useRejectMatch() {
  return useDecision((recordId: number) => departmentsApi.reject(recordId));
}
