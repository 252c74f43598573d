/**
 * Standards (标准), as src/modules/standards/API.md describes them: the catalogue of keys, the values in force for an
 * area on a date, one key's history at an area, and adding a value for a period (never editing or deleting one).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './client';

export type StandardGroup = 'income' | 'education' | 'medical' | 'water' | 'labour' | 'monitoring';
export const STANDARD_GROUPS: readonly StandardGroup[] = ['income', 'education', 'medical', 'water', 'labour', 'monitoring'];

export interface StandardKeyDef {
  key: string;
  label: string;
  labelEn: string;
  unit: string;
  unitEn: string;
  group: StandardGroup;
  min: number;
  max: number;
  integer: boolean;
  description: string;
}

export interface StandardValue {
  id: number;
  key: string;
  areaId: number;
  areaName: string;
  value: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface EffectiveStandard {
  key: string;
  label: string;
  labelEn: string;
  unit: string;
  unitEn: string;
  /** One of `StandardGroup`; the contract types it as a plain string. */
  group: string;
  /** null: no value is set for the area on that date. */
  value: number | null;
  source: StandardValue | null;
}

export interface EffectiveStandards {
  area: { id: number; name: string };
  on: string;
  items: EffectiveStandard[];
}

export interface NewStandardValue {
  key: string;
  areaId: number;
  value: number;
  effectiveFrom: string;
  effectiveTo?: string | null;
  note: string;
}

export const standardsApi = {
  keys: () => http.get<{ items: StandardKeyDef[] }>('/standards/keys'),
  effective: (areaId: number | undefined, on: string | undefined, signal?: AbortSignal) =>
    http.get<EffectiveStandards>('/standards', { areaId, on }, signal),
  history: (key: string, areaId: number | undefined, signal?: AbortSignal) =>
    http.get<{ items: StandardValue[] }>('/standards/history', { key, areaId }, signal),
  add: (input: NewStandardValue) => http.post<StandardValue>('/standards', input),
};

export function useStandardKeys() {
  return useQuery({
    queryKey: ['standards', 'keys'],
    queryFn: standardsApi.keys,
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

export function useEffectiveStandards(areaId: number | undefined, on: string | undefined) {
  return useQuery({
    queryKey: ['standards', 'effective', areaId ?? null, on ?? null],
    queryFn: ({ signal }) => standardsApi.effective(areaId, on, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStandardHistory(key: string | undefined, areaId: number | undefined) {
  return useQuery({
    queryKey: ['standards', 'history', key ?? null, areaId ?? null],
    queryFn: ({ signal }) => standardsApi.history(key!, areaId, signal),
    enabled: key !== undefined,
    select: (data) => data.items,
  });
}

export function useAddStandard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: standardsApi.add,
    // The catalogue does not change; values in force and histories do.
    onSuccess: () =>
      queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'standards' && q.queryKey[1] !== 'keys' }),
  });
}
