import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { HouseholdFilters, HouseholdStatus, ListParams } from '../../api/types';

const FILTER_KEYS = ['areaId', 'type', 'povertyAttribute', 'mainCause', 'status', 'housingGrade', 'unmet', 'q'] as const;
const STATUSES: HouseholdStatus[] = ['active', 'ended', 'all'];
export const DEFAULT_PAGE_SIZE = 20;

export type SearchPatch = Partial<Record<(typeof FILTER_KEYS)[number] | 'page' | 'pageSize' | 'sort', string | number | undefined>>;

function positiveInt(value: string | null): number | undefined {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Filters, paging and sorting of the household list live in the URL, so a list can be bookmarked, shared with a
 * colleague, and restored by the back button after opening a household.
 */
export function useHouseholdSearch() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<HouseholdFilters>(() => {
    const status = params.get('status');
    return {
      areaId: positiveInt(params.get('areaId')),
      type: params.get('type') ?? undefined,
      povertyAttribute: params.get('povertyAttribute') ?? undefined,
      mainCause: params.get('mainCause') ?? undefined,
      status: STATUSES.includes(status as HouseholdStatus) ? (status as HouseholdStatus) : undefined,
      housingGrade: params.get('housingGrade') ?? undefined,
      unmet: params.get('unmet') ?? undefined,
      q: params.get('q') ?? undefined,
    };
  }, [params]);

  const list = useMemo<ListParams>(
    () => ({
      page: positiveInt(params.get('page')) ?? 1,
      pageSize: Math.min(positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE, 200),
      sort: params.get('sort') ?? undefined,
    }),
    [params],
  );

  /** Applies a change; any filter change sends the user back to page 1, where the new results start. */
  const update = useCallback(
    (patch: SearchPatch) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          const touchesFilter = Object.keys(patch).some((k) => (FILTER_KEYS as readonly string[]).includes(k));
          if (touchesFilter && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { filters, list, update, reset };
}
