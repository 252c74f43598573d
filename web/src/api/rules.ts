/**
 * Rules (核查规则), their language, previews, the reference date and rule runs, as src/modules/rules/API.md
 * describes them. Every edit of a rule is a new version; a rule is switched on only after its current version has
 * been previewed on live data.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RuleError } from '../../../src/domain/rules/types';
import { exportUrl, http, request, type ExportFormat } from './client';
import type { Page } from './types';

export type { RuleError };
export type Severity = 'high' | 'medium' | 'low';
export type Subject = 'household' | 'member';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];
export const SUBJECTS: readonly Subject[] = ['household', 'member'];

export interface RuleText {
  titleZh: string;
  titleEn: string;
  severity: Severity;
  subject: Subject;
  department: string;
  populationZh: string;
  explanationZh: string;
  appliesTo: string | null;
  condition: string;
}

export interface RuleInput extends RuleText {
  /** Why this version (修改说明). */
  note: string;
}
export type RuleDraft = Pick<RuleInput, 'subject' | 'condition' | 'appliesTo'>;

export interface Rule extends RuleText {
  code: string;
  enabled: boolean;
  builtIn: boolean;
  currentVersion: number;
  shape: string | null;
  previewedAt: string | null;
  previewCount: number | null;
  openFindings: number;
  createdAt: string;
  updatedAt: string;
}

export interface RuleVersion extends RuleText {
  version: number;
  shape: string | null;
  note: string;
  origin: 'built_in' | 'user';
  createdBy: string | null;
  createdAt: string;
  previewedAt: string | null;
  previewCount: number | null;
  previewAreaId: number | null;
  previewReferenceDate: string | null;
}

export interface RuleDetail extends Rule {
  versions: RuleVersion[];
}

export type EvidenceValue = string | number | boolean | null;

export interface PreviewRow {
  householdId: number;
  householdNo: string;
  villageName: string;
  townshipName: string | null;
  countyName: string | null;
  memberId: number | null;
  memberName: string | null;
  idNumber: string | null;
  evidence: Record<string, EvidenceValue>;
}

export type Preview =
  | { ok: false; errors: RuleError[] }
  | { ok: true; count: number; referenceDate: string; area: { id: number; name: string }; ms: number; sample: PreviewRow[] };

export interface PreviewOptions {
  areaId?: number | undefined;
  referenceDate?: string | undefined;
}

export interface LanguageCode {
  code: string;
  zh: string;
  en: string;
}
export type FieldScope = 'household' | 'member' | 'head' | 'income' | 'monitoring' | 'measure';
export const FIELD_SCOPES: readonly FieldScope[] = ['household', 'member', 'head', 'income', 'monitoring', 'measure'];

export interface LanguageField {
  path: string;
  scope: FieldScope;
  type: 'number' | 'text' | 'bool' | 'date';
  zh: string;
  en: string;
  codes: LanguageCode[] | null;
}

export interface RuleLanguage {
  severities: LanguageCode[];
  subjects: LanguageCode[];
  shapes: LanguageCode[];
  fields: LanguageField[];
  standards: { key: string; zh: string; en: string; unit: string }[];
  functions: { name: string; zh: string; args: string[]; returns: string }[];
  aggregates: { name: string; example: string }[];
  collections: { name: string; zh: string }[];
}

export interface RuleFilters {
  q?: string | undefined;
  severity?: Severity | undefined;
  department?: string | undefined;
  subject?: Subject | undefined;
  shape?: string | undefined;
  enabled?: 'true' | 'false' | undefined;
  builtIn?: 'true' | 'false' | undefined;
}

export interface ReferenceDate {
  referenceDate: string;
  source: 'setting' | 'default';
  updatedBy: string | null;
  updatedAt: string | null;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'done', 'failed'];

export interface RunCounts {
  violations: number;
  new: number;
  stillOpen: number;
  /** 整改不实: reopened by the data after being reported rectified or closed off. */
  falseRectified?: number;
  /** Risk signals found for the first time, turned into monitoring warnings (防返贫监测预警). */
  monitoringWarnings?: number;
  reopened: number;
  exempted: number;
  closed: number;
}

export interface RuleRunResult extends RunCounts {
  code: string;
  version: number;
  ms: number;
  error: string | null;
}

export interface RuleRun {
  id: number;
  status: RunStatus;
  ruleCode: string | null;
  area: { id: number; name: string };
  referenceDate: string;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** evaluating: every rule at once (rulesDone stays 0); applying: the findings of one rule after another. */
  progress: { phase: 'evaluating' | 'applying' | null; rulesDone: number; rulesTotal: number };
  /** How long evaluating every rule took; each rule's `ms` is its applying only. */
  evaluateMs: number | null;
  counts: RunCounts;
  failedRules: number;
  error: { code: string; message: string; messageEn: string } | null;
  perRule?: RuleRunResult[];
}

export interface RunRequest {
  ruleCode?: string | undefined;
  /** A comparison run: only these departments' rules. */
  departments?: string[] | undefined;
  areaId?: number | undefined;
  referenceDate?: string | undefined;
}

export const isRunActive = (status: RunStatus) => status === 'queued' || status === 'running';

const put = <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body });

export const rulesApi = {
  list: (filters: RuleFilters & { page: number; pageSize: number }, signal?: AbortSignal) => http.get<Page<Rule>>('/rules', { ...filters }, signal),
  exportUrl: (filters: RuleFilters, format: ExportFormat) => exportUrl('/rules', { ...filters }, format),
  language: () => http.get<RuleLanguage>('/rules/fields'),
  get: (code: string, signal?: AbortSignal) => http.get<RuleDetail>(`/rules/${encodeURIComponent(code)}`, undefined, signal),
  check: (draft: RuleDraft) => http.post<{ ok: true } | { ok: false; errors: RuleError[] }>('/rules/check', draft),
  previewDraft: (draft: RuleDraft & PreviewOptions) => http.post<Preview>('/rules/preview', draft),
  previewRule: (code: string, options: PreviewOptions) => http.post<Preview>(`/rules/${encodeURIComponent(code)}/preview`, options),
  create: (input: RuleInput & { code: string }) => http.post<RuleDetail>('/rules', input),
  edit: (code: string, input: RuleInput & { baseVersion: number }) => put<RuleDetail>(`/rules/${encodeURIComponent(code)}`, input),
  enable: (code: string) => http.post<RuleDetail>(`/rules/${encodeURIComponent(code)}/enable`),
  disable: (code: string) => http.post<RuleDetail>(`/rules/${encodeURIComponent(code)}/disable`),
  referenceDate: () => http.get<ReferenceDate>('/settings/reference-date'),
  startRun: (req: RunRequest) => http.post<RuleRun>('/rule-runs', req),
  runs: (q: { status?: RunStatus | undefined; page: number; pageSize: number }, signal?: AbortSignal) => http.get<Page<RuleRun>>('/rule-runs', q, signal),
  runsExportUrl: (q: { status?: RunStatus | undefined }, format: ExportFormat) => exportUrl('/rule-runs', { ...q }, format),
  run: (id: number, signal?: AbortSignal) => http.get<RuleRun>(`/rule-runs/${id}`, undefined, signal),
};

export function useRuleList(query: RuleFilters & { page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: ['rules', 'list', query],
    queryFn: ({ signal }) => rulesApi.list(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every rule, for pickers (the catalogue holds some eighty; the API pages at most 200). */
export function useAllRules(enabledOnly = false) {
  return useRuleList({ page: 1, pageSize: 200, enabled: enabledOnly ? 'true' : undefined });
}

export function useRuleLanguage() {
  // The language ships with the server: it does not change during a session.
  return useQuery({ queryKey: ['rules', 'language'], queryFn: rulesApi.language, staleTime: Infinity, gcTime: Infinity });
}

export function useRule(code: string | undefined) {
  return useQuery({
    queryKey: ['rules', 'detail', code ?? ''],
    queryFn: ({ signal }) => rulesApi.get(code!, signal),
    enabled: code !== undefined,
  });
}

export function useReferenceDate() {
  return useQuery({ queryKey: ['settings', 'reference-date'], queryFn: rulesApi.referenceDate, staleTime: 60_000 });
}

/** After a rule changes, its detail, the catalogue and anything counting its findings may be stale. */
function useRuleSaved() {
  const queryClient = useQueryClient();
  return (detail: RuleDetail) => {
    queryClient.setQueryData(['rules', 'detail', detail.code], detail);
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'rules' && q.queryKey[1] === 'list' });
  };
}

export function useCreateRule() {
  const saved = useRuleSaved();
  return useMutation({ mutationFn: rulesApi.create, onSuccess: saved });
}

export function useEditRule(code: string) {
  const saved = useRuleSaved();
  return useMutation({ mutationFn: (input: RuleInput & { baseVersion: number }) => rulesApi.edit(code, input), onSuccess: saved });
}

export function useSetRuleEnabled() {
  const saved = useRuleSaved();
  return useMutation({
    mutationFn: ({ code, enabled }: { code: string; enabled: boolean }) => (enabled ? rulesApi.enable(code) : rulesApi.disable(code)),
    onSuccess: saved,
  });
}

export function useCheckRule() {
  return useMutation({ mutationFn: rulesApi.check });
}

export function usePreviewDraft() {
  return useMutation({ mutationFn: rulesApi.previewDraft });
}

/** Previews the stored current version; the server records it on that version, which is what allows enabling. */
export function usePreviewRule(code: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: PreviewOptions) => rulesApi.previewRule(code!, options),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'rules' && q.queryKey[1] !== 'language' }),
  });
}

export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rulesApi.startRun,
    onSuccess: (run) => {
      queryClient.setQueryData(['rule-runs', 'detail', run.id], run);
      void queryClient.invalidateQueries({ queryKey: ['rule-runs', 'list'] });
    },
  });
}

export function useRuns(query: { status?: RunStatus | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['rule-runs', 'list', query],
    queryFn: ({ signal }) => rulesApi.runs(query, signal),
    placeholderData: keepPreviousData,
    // A list showing a run in progress keeps moving with it.
    refetchInterval: (q) => (q.state.data?.items.some((r) => isRunActive(r.status)) ? 3000 : false),
  });
}

/** One run, polled every 1.5 s while it is queued or running (API.md asks for every second or two). */
export function useRun(id: number | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['rule-runs', 'detail', id ?? 0],
    queryFn: async ({ signal }) => {
      const run = await rulesApi.run(id!, signal);
      // Counts elsewhere (findings, open findings per rule) change when a run finishes.
      if (!isRunActive(run.status)) {
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'findings' || (q.queryKey[0] === 'rules' && q.queryKey[1] === 'list') });
      }
      return run;
    },
    enabled: id !== undefined,
    refetchInterval: (q) => (q.state.data && !isRunActive(q.state.data.status) ? false : 1500),
  });
}
