/**
 * Import jobs (数据导入), as src/modules/imports/API.md describes them: upload a file, poll the job while the server
 * reads and checks it, change the choices (re-check), commit. Shapes are the contract's; the upload goes through
 * XMLHttpRequest because fetch reports no upload progress.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiUrl, exportUrl, http, request, toApiError, type ExportFormat } from './client';

export type ImportStatus = 'queued' | 'reading' | 'previewed' | 'committing' | 'committed' | 'failed' | 'cancelled';
export type CommitMode = 'all_or_nothing' | 'valid_only';
export type ImportPhase = 'reading' | 'checking' | 'comparing' | 'applying';
export type IssueSeverity = 'error' | 'warning';

export const IMPORT_STATUSES: readonly ImportStatus[] = ['queued', 'reading', 'previewed', 'committing', 'committed', 'failed', 'cancelled'];
/** While a job is in one of these the server is working on it: poll. */
export const ACTIVE_STATUSES: readonly ImportStatus[] = ['queued', 'reading', 'committing'];

export interface ImportOptions {
  sheets?: (string | number)[];
  /** Field key (or null: not imported) by 0-based column index. */
  mapping?: Record<string, string | null>;
  templateId?: number;
  encoding?: 'utf-8' | 'gb18030';
  delimiter?: ',' | '\t' | ';';
  headerRows?: number[];
}

export interface ImportColumn {
  index: number;
  letter: string;
  header: string;
  field: string | null;
  hidden: boolean;
}

export interface ImportCounts {
  new: number;
  changed: number;
  unchanged: number;
  rejected: number;
}

export interface ImportSummary {
  rows: number;
  rowsRejected: number;
  errors: number;
  warnings: number;
  households: ImportCounts;
  members: ImportCounts & { absent: number };
  skipped: { empty: number; notesOrTotals: number; repeatedHeader: number };
}

export interface ImportChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

export interface ImportSample {
  entity: 'household' | 'member';
  action: 'create' | 'update';
  householdNo: string;
  name: string;
  sheet: string;
  rowNumber: number;
  changes: ImportChange[];
}

export interface ImportResult {
  householdsCreated: number;
  householdsUpdated: number;
  membersCreated: number;
  membersUpdated: number;
  batch: string;
}

export interface ImportJob {
  id: number;
  kind: 'households';
  fileName: string;
  fileSize: number;
  format: 'xlsx' | 'csv' | null;
  status: ImportStatus;
  mode: CommitMode | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  progress: { phase: ImportPhase; rowsRead: number; bytesRead: number; totalBytes: number } | null;
  sheets: { index: number; name: string; state: 'visible' | 'hidden' | 'veryHidden' }[];
  selectedSheets: string[];
  headerRows: number[];
  columns: ImportColumn[];
  missingRequired: string[];
  options: ImportOptions;
  summary: ImportSummary | null;
  samples: ImportSample[];
  result: ImportResult | null;
  failure: { code: string; message: string; messageEn: string } | null;
}

export interface ImportIssue {
  id: number;
  sheet: string;
  rowNumber: number;
  column: string | null;
  field: string | null;
  label: string | null;
  value: string | null;
  severity: IssueSeverity;
  code: string;
  message: string;
  messageEn: string;
  related: { sheet: string; rowNumber: number } | null;
}

export interface ImportField {
  key: string;
  label: string;
  labelEn: string;
  level: 'household' | 'member';
  required: boolean;
}

export interface ImportTemplate {
  id: number;
  name: string;
  kind: 'households';
  columns: { header: string; field: string | null }[];
  createdBy: string;
  createdAt: string;
}

export interface ImportList {
  items: ImportJob[];
  total: number;
}

export interface IssueFilters {
  severity?: IssueSeverity | undefined;
  code?: string | undefined;
  sheet?: string | undefined;
}

export interface UploadOptions {
  /** Bytes sent so far and the file's size. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** POST /api/imports with the file itself as the body; resolves to the new job (202). */
function upload(file: File, options: UploadOptions = {}): Promise<ImportJob> {
  const url = apiUrl('/imports', { kind: 'households', fileName: file.name });
  return new Promise<ImportJob>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let payload: unknown = xhr.responseText;
      try {
        payload = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // Not JSON (a proxy's error page): toApiError words it by status.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as ImportJob);
      else reject(toApiError(xhr.status, payload));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error', '网络连接失败'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export const importsApi = {
  upload,
  list: (params: { page: number; pageSize: number; status?: ImportStatus | undefined }, signal?: AbortSignal) =>
    http.get<ImportList>('/imports', params, signal),
  get: (id: number, signal?: AbortSignal) => http.get<ImportJob>(`/imports/${id}`, undefined, signal),
  setOptions: (id: number, options: ImportOptions) => http.post<ImportJob>(`/imports/${id}/options`, options),
  commit: (id: number, mode: CommitMode) => http.post<ImportJob>(`/imports/${id}/commit`, { mode }),
  cancel: (id: number) => http.post<ImportJob>(`/imports/${id}/cancel`),
  issues: (id: number, filters: IssueFilters, params: { page: number; pageSize: number }, signal?: AbortSignal) =>
    http.get<{ items: ImportIssue[]; total: number }>(`/imports/${id}/issues`, { ...filters, ...params }, signal),
  issuesExportUrl: (id: number, filters: IssueFilters, format: ExportFormat) => exportUrl(`/imports/${id}/issues`, { ...filters }, format),
  errorFileUrl: (id: number) => apiUrl(`/imports/${id}/error-file`),
  fields: () => http.get<{ fields: ImportField[] }>('/import-fields', { kind: 'households' }),
  templates: () => http.get<{ items: ImportTemplate[] }>('/import-templates', { kind: 'households' }),
  saveTemplate: (name: string, jobId: number) => http.post<ImportTemplate>('/import-templates', { name, jobId }),
  deleteTemplate: (id: number) => request<void>(`/import-templates/${id}`, { method: 'DELETE' }),
};

export const importKeys = {
  all: ['imports'] as const,
  list: (params: object) => ['imports', 'list', params] as const,
  job: (id: number) => ['imports', 'job', id] as const,
  issues: (id: number, run: string, filters: IssueFilters, params: object) => ['imports', 'issues', id, run, filters, params] as const,
  fields: ['imports', 'fields'] as const,
  templates: ['imports', 'templates'] as const,
};

export function isActive(status: ImportStatus | undefined): boolean {
  return status !== undefined && ACTIVE_STATUSES.includes(status);
}

export function useImportList(params: { page: number; pageSize: number; status?: ImportStatus | undefined }) {
  return useQuery({
    queryKey: importKeys.list(params),
    queryFn: ({ signal }) => importsApi.list(params, signal),
    placeholderData: keepPreviousData,
    // Jobs still being read or committed change under our eyes; refresh the page while any is.
    refetchInterval: (query) => (query.state.data?.items.some((j) => isActive(j.status)) ? 3_000 : false),
  });
}

/** The job, polled every second while the server works on it (queued, reading, committing). */
export function useImportJob(id: number) {
  return useQuery({
    queryKey: importKeys.job(id),
    queryFn: ({ signal }) => importsApi.get(id, signal),
    enabled: id > 0,
    staleTime: 0,
    refetchInterval: (query) => (isActive(query.state.data?.status) ? 1_000 : false),
  });
}

export function useImportIssues(job: ImportJob | undefined, filters: IssueFilters, params: { page: number; pageSize: number }) {
  const id = job?.id ?? 0;
  // A re-check replaces the issues: the run's end time keys the list so a new run never shows the old one.
  const run = `${job?.status ?? ''}:${job?.finishedAt ?? ''}`;
  return useQuery({
    queryKey: importKeys.issues(id, run, filters, params),
    queryFn: ({ signal }) => importsApi.issues(id, filters, params, signal),
    enabled: id > 0 && !isActive(job?.status) && job?.status !== 'cancelled',
    placeholderData: keepPreviousData,
  });
}

export function useImportFields() {
  return useQuery({ queryKey: importKeys.fields, queryFn: importsApi.fields, staleTime: Infinity });
}

export function useImportTemplates() {
  return useQuery({ queryKey: importKeys.templates, queryFn: importsApi.templates, staleTime: 60_000 });
}

/** Every change of a job answers with the job: show it at once (and start polling), and refresh the lists. */
function useJobMutation<V>(id: number, fn: (vars: V) => Promise<ImportJob>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.job(id), job);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useSetImportOptions(id: number) {
  return useJobMutation(id, (options: ImportOptions) => importsApi.setOptions(id, options));
}

export function useCommitImport(id: number) {
  return useJobMutation(id, (mode: CommitMode) => importsApi.commit(id, mode));
}

export function useCancelImport(id: number) {
  return useJobMutation(id, () => importsApi.cancel(id));
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, jobId }: { name: string; jobId: number }) => importsApi.saveTemplate(name, jobId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.templates }),
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => importsApi.deleteTemplate(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.templates }),
  });
}

/** After a commit the registry changed: every household list, detail and statistic may be stale. */
export function useInvalidateRegistry() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['households'] }),
      queryClient.invalidateQueries({ queryKey: ['stats'] }),
      queryClient.invalidateQueries({ queryKey: ['areas', 'children'] }),
    ]);
}
