import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './client';
import type { Me } from './types';

export const meKey = ['me'] as const;

export const authApi = {
  me: () => http.get<Me>('/auth/me'),
  login: (username: string, password: string) => http.post<{ user: Me }>('/auth/login', { username, password }),
  logout: () => http.post<unknown>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<unknown>('/auth/password', { currentPassword, newPassword }),
};

/** The signed-in user; a 401 here means "not signed in", which the layout turns into a redirect. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: authApi.me, staleTime: Infinity, retry: false });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => authApi.login(username, password),
    onSuccess: ({ user }) => {
      // Another user may have used this browser: drop everything cached under their scope.
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
    },
  });
}

/** The caller leaves the signed-in pages first, then clears the cache (see BasicLayout). */
export function useLogout() {
  return useMutation({ mutationFn: authApi.logout });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) =>
      authApi.changePassword(currentPassword, newPassword),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
