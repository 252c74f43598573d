import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUrl, http, type ExportFormat, type Query } from './client';
import type {
  HistoryEntry,
  HouseholdDetail,
  HouseholdFields,
  HouseholdFilters,
  HouseholdRow,
  IncomeFields,
  ListParams,
  MemberFields,
  Page,
} from './types';

function listQuery(filters: HouseholdFilters, params?: ListParams): Query {
  return { ...filters, ...params };
}

export const householdsApi = {
  list: (filters: HouseholdFilters, params: ListParams, signal?: AbortSignal) =>
    http.get<Page<HouseholdRow>>('/households', listQuery(filters, params), signal),
  /** `reveal` (full ID numbers) is honoured only for users with ids.reveal, and audited. */
  exportUrl: (filters: HouseholdFilters, format: ExportFormat, sort?: string, reveal = false) =>
    exportUrl('/households', { ...listQuery(filters), sort, reveal: reveal ? 'true' : undefined }, format),
  get: (id: number) => http.get<HouseholdDetail>(`/households/${id}`),
  update: (id: number, version: number, changes: Partial<HouseholdFields>) =>
    http.patch<HouseholdDetail>(`/households/${id}`, { ...changes, version }),
  history: (id: number) => http.get<HistoryEntry[]>(`/households/${id}/history`),
};

export type MemberInput = Partial<MemberFields>;
export type MemberJoinKind = 'birth' | 'marriage_in' | 'moved_in' | 'joined';
export type MemberEndKind = 'death' | 'marriage_out' | 'moved_out' | 'imprisoned' | 'military' | 'other_out';

export interface JoinEvent {
  kind: MemberJoinKind;
  occurredOn: string;
  note?: string | null | undefined;
}

export const membersApi = {
  add: (householdId: number, member: MemberInput, event: JoinEvent) =>
    http.post<unknown>(`/households/${householdId}/members`, { member, event }),
  update: (id: number, version: number, changes: MemberInput) => http.patch<unknown>(`/members/${id}`, { ...changes, version }),
  end: (id: number, body: { version: number; kind: MemberEndKind; occurredOn: string; note?: string | null | undefined }) =>
    http.post<unknown>(`/members/${id}/end`, body),
  revealId: (id: number) => http.post<{ idNumber: string }>(`/members/${id}/reveal-id`),
};

export const incomesApi = {
  add: (householdId: number, income: IncomeFields) => http.post<unknown>(`/households/${householdId}/incomes`, income),
  update: (id: number, version: number, changes: Partial<IncomeFields>) =>
    http.patch<unknown>(`/incomes/${id}`, { ...changes, version }),
};

export const householdKeys = {
  all: ['households'] as const,
  list: (filters: HouseholdFilters, params: ListParams) => ['households', 'list', filters, params] as const,
  detail: (id: number) => ['households', 'detail', id] as const,
  history: (id: number) => ['households', 'history', id] as const,
};

export function useHouseholdList(filters: HouseholdFilters, params: ListParams) {
  return useQuery({
    queryKey: householdKeys.list(filters, params),
    queryFn: ({ signal }) => householdsApi.list(filters, params, signal),
    // Keep the old page on screen while the next one loads, so the table does not flash empty.
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: number) {
  return useQuery({ queryKey: householdKeys.detail(id), queryFn: () => householdsApi.get(id), enabled: id > 0 });
}

export function useHouseholdHistory(id: number, enabled: boolean) {
  return useQuery({ queryKey: householdKeys.history(id), queryFn: () => householdsApi.history(id), enabled: enabled && id > 0 });
}

/** After any change to a household: its detail, history, the lists and the statistics may all be stale. */
function useInvalidateHousehold(householdId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: householdKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['stats'] }),
      queryClient.invalidateQueries({ queryKey: ['areas', 'children'] }),
    ]).then(() => householdId);
}

export function useUpdateHousehold(id: number) {
  const invalidate = useInvalidateHousehold(id);
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: Partial<HouseholdFields> }) =>
      householdsApi.update(id, version, changes),
    onSuccess: invalidate,
  });
}

export function useAddMember(householdId: number) {
  const invalidate = useInvalidateHousehold(householdId);
  return useMutation({
    mutationFn: ({ member, event }: { member: MemberInput; event: JoinEvent }) => membersApi.add(householdId, member, event),
    onSuccess: invalidate,
  });
}

export function useUpdateMember(householdId: number) {
  const invalidate = useInvalidateHousehold(householdId);
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: MemberInput }) =>
      membersApi.update(id, version, changes),
    onSuccess: invalidate,
  });
}

export function useEndMember(householdId: number) {
  const invalidate = useInvalidateHousehold(householdId);
  return useMutation({
    mutationFn: ({ id, ...body }: Parameters<typeof membersApi.end>[1] & { id: number }) => membersApi.end(id, body),
    onSuccess: invalidate,
  });
}

export function useRevealId() {
  return useMutation({ mutationFn: (memberId: number) => membersApi.revealId(memberId) });
}

export function useSaveIncome(householdId: number) {
  const invalidate = useInvalidateHousehold(householdId);
  return useMutation({
    mutationFn: ({ id, version, income }: { id?: number | undefined; version?: number | undefined; income: IncomeFields }) =>
      id === undefined ? incomesApi.add(householdId, income) : incomesApi.update(id, version ?? 0, income),
    onSuccess: invalidate,
  });
}
