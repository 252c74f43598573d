import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from './client';
import type { AuditEntry, AuditFilters, ListParams, Page } from './types';

export const auditApi = {
  list: (filters: AuditFilters, params: ListParams) => http.get<Page<AuditEntry>>('/audit', { ...filters, ...params }),
};

export function useAuditList(filters: AuditFilters, params: ListParams) {
  return useQuery({
    queryKey: ['audit', filters, params],
    queryFn: () => auditApi.list(filters, params),
    placeholderData: keepPreviousData,
  });
}
