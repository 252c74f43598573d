import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportUrl, http, type ExportFormat } from './client';
import type { ListParams, Page, Role, User, UserInput } from './types';

export interface UserFilters {
  q?: string | undefined;
  role?: Role | undefined;
}

export type UserChanges = Partial<Pick<User, 'displayName' | 'role' | 'areaId' | 'department' | 'phone' | 'active' | 'canRevealIds'>>;

export const usersApi = {
  list: (filters: UserFilters, params: ListParams) => http.get<Page<User>>('/users', { ...filters, ...params }),
  exportUrl: (filters: UserFilters, format: ExportFormat) => exportUrl('/users', { ...filters }, format),
  create: (input: UserInput) => http.post<User>('/users', input),
  update: (id: number, version: number, changes: UserChanges) => http.patch<User>(`/users/${id}`, { ...changes, version }),
  resetPassword: (id: number, password: string) => http.post<unknown>(`/users/${id}/reset-password`, { password }),
};

export function useUserList(filters: UserFilters, params: ListParams) {
  return useQuery({
    queryKey: ['users', 'list', filters, params],
    queryFn: () => usersApi.list(filters, params),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['users'] });
}

export function useCreateUser() {
  const onSuccess = useInvalidateUsers();
  return useMutation({ mutationFn: usersApi.create, onSuccess });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: UserChanges }) =>
      usersApi.update(id, version, changes),
    // Also after a failure: a version conflict means the list shows stale rows.
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) => usersApi.resetPassword(id, password),
  });
}
