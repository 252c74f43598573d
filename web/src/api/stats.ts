import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { Overview } from './types';

export const statsApi = {
  overview: (areaId?: number) => http.get<Overview>('/stats/overview', { areaId }),
};

export function useOverview(areaId?: number) {
  return useQuery({ queryKey: ['stats', 'overview', areaId ?? 'own'], queryFn: () => statsApi.overview(areaId) });
}
