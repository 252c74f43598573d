import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLang } from '../i18n';
import { http } from './client';
import type { CodeItem, CodeListName, Codes } from './types';

export const codesApi = {
  all: () => http.get<Codes>('/codes'),
};

export function useCodes() {
  // Coded lists change with a deployment, not during a session.
  return useQuery({ queryKey: ['codes'], queryFn: codesApi.all, staleTime: Infinity, gcTime: Infinity });
}

/** Label of a code in the current language; unknown codes are shown as they are rather than hidden. */
export function useCodeLabel(): (list: CodeListName, code: string | null | undefined) => string {
  const { data } = useCodes();
  const [lang] = useLang();
  return useCallback(
    (list, code) => {
      if (code === null || code === undefined || code === '') return '';
      const item = data?.[list]?.find((i) => i.code === code);
      return item ? item[lang] : code;
    },
    [data, lang],
  );
}

export interface CodeOption {
  value: string;
  label: string;
}

export function useCodeOptions(list: CodeListName): CodeOption[] {
  const { data } = useCodes();
  const [lang] = useLang();
  return useMemo(() => (data?.[list] ?? []).map((i: CodeItem) => ({ value: i.code, label: i[lang] })), [data, list, lang]);
}
