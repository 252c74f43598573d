import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { AreaDetail, AreaNode, AreaRef } from './types';

export const areasApi = {
  children: (parentId?: number) => http.get<AreaNode[]>('/areas/children', { parentId }),
  search: (q: string, level?: string) => http.get<(AreaRef & Partial<AreaNode>)[]>('/areas/search', { q, level }),
  get: (id: number) => http.get<AreaDetail>(`/areas/${id}`),
};

export const areaKeys = {
  children: (parentId: number | undefined) => ['areas', 'children', parentId ?? 'root'] as const,
  search: (q: string, level: string | undefined) => ['areas', 'search', q, level ?? ''] as const,
  detail: (id: number) => ['areas', 'detail', id] as const,
};

export function useAreaChildren(parentId: number | undefined) {
  return useQuery({ queryKey: areaKeys.children(parentId), queryFn: () => areasApi.children(parentId), staleTime: 60_000 });
}

export function useAreaSearch(q: string, level?: string) {
  return useQuery({
    queryKey: areaKeys.search(q, level),
    queryFn: () => areasApi.search(q, level),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useArea(id: number | undefined) {
  return useQuery({
    queryKey: areaKeys.detail(id ?? 0),
    queryFn: () => areasApi.get(id ?? 0),
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
  });
}
