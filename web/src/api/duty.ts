/** Cadres, duty warnings, visits, coverage, campaigns and the cadre's own page (src/modules/duty/API.md). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUrl, http, type ExportFormat, type Query } from './client';
import type { Page } from './types';

export const CADRE_ROLES = ['helper', 'first_secretary', 'work_team', 'secretary_city', 'secretary_county', 'secretary_township', 'secretary_village'] as const;
export type CadreRole = (typeof CADRE_ROLES)[number];
/** Which target an assignment of a role names (src/domain/duty.ts). */
export const ROLE_TARGET: Record<CadreRole, 'household' | 'village' | 'township' | 'county' | 'city'> = {
  helper: 'household',
  first_secretary: 'village',
  work_team: 'village',
  secretary_city: 'city',
  secretary_county: 'county',
  secretary_township: 'township',
  secretary_village: 'village',
};
export const RESIDENT_ROLES: readonly CadreRole[] = ['first_secretary', 'work_team'];
export const WARNING_KINDS = ['missing_helper', 'few_resident_cadres', 'unapproved_replacement'] as const;
export type DutyWarningKind = (typeof WARNING_KINDS)[number];
export const COVERAGE_LEVELS = ['any', 'city', 'county', 'township', 'village'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];
export const UNVISITED_KINDS = ['township', 'key_village', 'household'] as const;
export type UnvisitedKind = (typeof UNVISITED_KINDS)[number];
export type VisitMethod = 'in_person' | 'phone';

export interface Cadre {
  id: number;
  name: string;
  unit: string | null;
  phone: string | null;
  userId: number | null;
  areaId: number;
  note: string | null;
  version: number;
}
export interface CadreRow extends Cadre {
  areaName: string;
  roles: CadreRole[];
}
export interface Assignment {
  id: number;
  cadreId: number;
  cadreName: string | null;
  role: CadreRole;
  householdId: number | null;
  householdNo: string | null;
  areaId: number;
  areaName: string | null;
  startsOn: string;
  endsOn: string | null;
  endReason: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  approvalNote: string | null;
  version: number;
}
export interface CadreInput {
  name: string;
  unit?: string | null;
  phone?: string | null;
  userId?: number | null;
  areaId: number;
  note?: string | null;
}
export interface LockPeriod {
  id: number;
  areaId: number;
  areaName: string;
  startsOn: string;
  endsOn: string;
  note: string | null;
}
export interface DutyWarning {
  kind: DutyWarningKind;
  countyName: string | null;
  townshipName: string | null;
  villageName: string;
  householdId: number | null;
  householdNo: string | null;
  householdType: string | null;
  headName: string | null;
  cadreId: number | null;
  cadreName: string | null;
  assignmentId: number | null;
  role: string | null;
  endsOn: string | null;
  residents: number | null;
}
export interface DutyWarningSummary {
  area: { id: number; name: string; level: string };
  on: string;
  totals: Record<DutyWarningKind, number>;
  children: ({ areaId: number; name: string } & Record<DutyWarningKind, number>)[];
}
export interface Visit {
  id: number;
  cadreId: number;
  cadreName: string;
  householdId: number | null;
  householdNo: string | null;
  areaId: number;
  areaName: string;
  visitedOn: string;
  method: VisitMethod;
  findings: string | null;
  followUp: string | null;
  hasPhoto: boolean;
}
export interface VisitInput {
  cadreId?: number;
  householdId?: number;
  areaId?: number;
  visitedOn: string;
  method: VisitMethod;
  findings?: string | null;
  followUp?: string | null;
  photo?: { contentType: string; base64: string };
}
export interface Figures {
  visited: number;
  total: number;
  share: number | null;
}
export interface Coverage {
  area: { id: number; name: string; level: string };
  from: string;
  to: string;
  level: CoverageLevel;
  townships: Figures;
  keyVillages: Figures;
  households: Figures;
  children: { areaId: number; name: string; level: string; townships: Figures; keyVillages: Figures; households: Figures }[];
}
export interface CoverageQuery {
  areaId?: number | undefined;
  from: string;
  to: string;
  level: CoverageLevel;
}
export interface Unvisited {
  kind: UnvisitedKind;
  id: number;
  label: string;
  countyName: string | null;
  townshipName: string | null;
  villageName: string | null;
}

export type Question = { key: string; label: string; required: boolean } & (
  | { type: 'yesno'; risk?: { equals: boolean } }
  | { type: 'number'; risk?: { below: number } | { above: number } }
  | { type: 'choice'; options: string[]; risk?: { oneOf: string[] } }
  | { type: 'text' }
);
export type Answer = boolean | number | string | null;
export interface CampaignTemplate {
  code: string;
  zh: string;
  en: string;
  questions: Question[];
}
export interface Campaign {
  id: number;
  title: string;
  template: string | null;
  questions: Question[];
  areaId: number;
  areaName: string;
  population: 'all' | 'lifted_monitored';
  startsOn: string;
  endsOn: string | null;
  closed: boolean;
  createdByName: string | null;
  createdAt: string;
  total: number;
  done: number;
  risky: number;
}
export interface CampaignInput {
  title: string;
  template?: string;
  areaId: number;
  population: 'all' | 'lifted_monitored';
  startsOn: string;
  endsOn?: string | null;
}
export interface Progress {
  area: { id: number; name: string; level: string };
  total: number;
  done: number;
  risky: number;
  children: { areaId: number; name: string; level: string; total: number; done: number; risky: number }[];
}
export interface Task {
  id: number;
  householdId: number;
  householdNo: string;
  headName: string | null;
  villageName: string;
  cadreId: number | null;
  cadreName: string | null;
  answers: Record<string, Answer> | null;
  risky: boolean;
  doneAt: string | null;
  doneByName: string | null;
  version: number;
}
export type TaskStatus = 'pending' | 'done' | 'risky';
export interface MyDuty {
  cadre: Cadre | null;
  period: { from: string; to: string };
  households: { householdId: number; householdNo: string; headName: string | null; type: string; villageName: string; lastVisitedOn: string | null; visitedThisPeriod: boolean }[];
  visitsToDo: { kind: 'village' | 'household'; areaId: number | null; householdId: number | null; label: string }[];
  forms: { total: number; items: (Task & { campaignId: number })[] };
  campaigns: { id: number; title: string; questions: Question[] }[];
}
/** The few fields of a monitoring case the cadre view shows (src/modules/monitoring, `waiting=mine`). */
export interface WaitingCase {
  id: number;
  householdId: number;
  householdNo: string;
  headName: string | null;
  villageName: string;
  step: string | null;
  overdue: boolean;
}

export const dutyApi = {
  cadres: (q: Query) => http.get<Page<CadreRow>>('/duty/cadres', q),
  cadre: (id: number) => http.get<Cadre & { assignments: Assignment[] }>(`/duty/cadres/${id}`),
  createCadre: (body: CadreInput) => http.post<Cadre>('/duty/cadres', body),
  updateCadre: (id: number, body: Partial<CadreInput> & { version: number }) => http.patch<Cadre>(`/duty/cadres/${id}`, body),
  assign: (cadreId: number, body: { role: CadreRole; householdId?: number; areaId?: number; startsOn: string }) => http.post<Assignment>(`/duty/cadres/${cadreId}/assignments`, body),
  endAssignment: (id: number, body: { version: number; endsOn: string; reason: string }) => http.post<Assignment>(`/duty/assignments/${id}/end`, body),
  approve: (id: number, body: { version: number; note: string }) => http.post<Assignment>(`/duty/assignments/${id}/approve`, body),
  lockPeriods: () => http.get<{ items: LockPeriod[] }>('/duty/lock-periods'),
  addLockPeriod: (body: { areaId: number; startsOn: string; endsOn: string; note?: string | null }) => http.post<LockPeriod>('/duty/lock-periods', body),
  warnings: (q: Query) => http.get<Page<DutyWarning>>('/duty/warnings', q),
  warningSummary: (q: Query) => http.get<DutyWarningSummary>('/duty/warnings/summary', q),
  warningsExportUrl: (q: Query, format: ExportFormat) => exportUrl('/duty/warnings', q, format),
  visits: (q: Query) => http.get<Page<Visit>>('/duty/visits', q),
  recordVisit: (body: VisitInput) => http.post<Visit>('/duty/visits', body),
  coverage: (q: CoverageQuery) => http.get<Coverage>('/duty/coverage', { ...q }),
  unvisited: (q: Query) => http.get<Page<Unvisited>>('/duty/coverage/unvisited', q),
  unvisitedExportUrl: (q: Query, format: ExportFormat) => exportUrl('/duty/coverage/unvisited', q, format),
  templates: () => http.get<{ items: CampaignTemplate[] }>('/duty/campaign-templates'),
  campaigns: (q: Query) => http.get<Page<Campaign>>('/duty/campaigns', q),
  campaign: (id: number) => http.get<Campaign>(`/duty/campaigns/${id}`),
  launch: (body: CampaignInput) => http.post<Campaign>('/duty/campaigns', body),
  progress: (id: number, areaId?: number) => http.get<Progress>(`/duty/campaigns/${id}/progress`, { areaId }),
  tasks: (id: number, q: Query) => http.get<Page<Task>>(`/duty/campaigns/${id}/tasks`, q),
  tasksExportUrl: (id: number, q: Query, format: ExportFormat) => exportUrl(`/duty/campaigns/${id}/tasks`, q, format),
  assignVillage: (id: number, body: { villageId: number; cadreId: number | null }) => http.post<{ tasks: number }>(`/duty/campaigns/${id}/assign`, body),
  close: (id: number) => http.post<{ id: number; closed: boolean }>(`/duty/campaigns/${id}/close`),
  fill: (taskId: number, body: { version: number; answers: Record<string, Answer> }) =>
    http.post<{ id: number; risky: boolean; doneAt: string; version: number; warningId: number | null }>(`/duty/campaign-tasks/${taskId}`, body),
  my: (on?: string) => http.get<MyDuty>('/my/duty', { on }),
  myCases: () => http.get<Page<WaitingCase>>('/monitoring/cases', { waiting: 'mine', pageSize: 50 }),
};

const KEY = ['duty'] as const;

export function useCadres(q: Query) {
  return useQuery({ queryKey: [...KEY, 'cadres', q], queryFn: () => dutyApi.cadres(q), placeholderData: keepPreviousData });
}
export function useCadre(id: number | undefined) {
  return useQuery({ queryKey: [...KEY, 'cadre', id], queryFn: () => dutyApi.cadre(id!), enabled: id !== undefined });
}
export function useLockPeriods() {
  return useQuery({ queryKey: [...KEY, 'locks'], queryFn: dutyApi.lockPeriods });
}
export function useDutyWarnings(q: Query) {
  return useQuery({ queryKey: [...KEY, 'warnings', q], queryFn: () => dutyApi.warnings(q), placeholderData: keepPreviousData });
}
export function useDutyWarningSummary(q: Query) {
  return useQuery({ queryKey: [...KEY, 'warningSummary', q], queryFn: () => dutyApi.warningSummary(q) });
}
export function useVisits(q: Query) {
  return useQuery({ queryKey: [...KEY, 'visits', q], queryFn: () => dutyApi.visits(q), placeholderData: keepPreviousData });
}
export function useCoverage(q: CoverageQuery) {
  return useQuery({ queryKey: [...KEY, 'coverage', q], queryFn: () => dutyApi.coverage(q), placeholderData: keepPreviousData });
}
export function useUnvisited(q: Query) {
  return useQuery({ queryKey: [...KEY, 'unvisited', q], queryFn: () => dutyApi.unvisited(q), placeholderData: keepPreviousData });
}
export function useTemplates() {
  return useQuery({ queryKey: [...KEY, 'templates'], queryFn: dutyApi.templates, staleTime: Infinity });
}
export function useCampaigns(q: Query) {
  return useQuery({ queryKey: [...KEY, 'campaigns', q], queryFn: () => dutyApi.campaigns(q), placeholderData: keepPreviousData });
}
export function useCampaign(id: number) {
  return useQuery({ queryKey: [...KEY, 'campaign', id], queryFn: () => dutyApi.campaign(id) });
}
/** Completion is followed live: polled every few seconds while the page is open. */
export function useProgress(id: number, areaId: number | undefined) {
  return useQuery({ queryKey: [...KEY, 'progress', id, areaId], queryFn: () => dutyApi.progress(id, areaId), refetchInterval: 5_000, placeholderData: keepPreviousData });
}
export function useTasks(id: number, q: Query) {
  return useQuery({ queryKey: [...KEY, 'tasks', id, q], queryFn: () => dutyApi.tasks(id, q), placeholderData: keepPreviousData });
}
export function useMyDuty() {
  return useQuery({ queryKey: [...KEY, 'my'], queryFn: () => dutyApi.my() });
}
export function useMyCases(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'myCases'], queryFn: dutyApi.myCases, enabled, retry: false });
}

/** Any change of duty data refreshes every duty query (lists, counts, coverage, the cadre view). */
export function useDutyMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

/** A file as base64 without its data: prefix, for the visit photo. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
