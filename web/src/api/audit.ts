import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { exportUrl, http, type ExportFormat } from './client';
import type { AuditEntry, AuditFilters, ListParams, Page } from './types';

export const auditApi = {
  list: (filters: AuditFilters, params: ListParams) => http.get<Page<AuditEntry>>('/audit', { ...filters, ...params }),
  exportUrl: (filters: AuditFilters, format: ExportFormat) => exportUrl('/audit', { ...filters }, format),
};

export function useAuditList(filters: AuditFilters, params: ListParams) {
  return useQuery({
    queryKey: ['audit', filters, params],
    queryFn: () => auditApi.list(filters, params),
    placeholderData: keepPreviousData,
  });
}
