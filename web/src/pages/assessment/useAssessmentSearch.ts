import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { INDICATOR_CODES, INDICATOR_STATUSES, type AssessmentFilters, type IndicatorCode, type IndicatorStatus } from '../../api/assessment';

export type AssessmentPatch = Partial<Record<'areaId' | 'on' | 'indicator' | 'status' | 'anyUnmet' | 'page' | 'pageSize', string | number | undefined>>;

const positiveInt = (v: string | null) => {
  const n = v === null ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/**
 * The 达标监测 page's state lives in the URL (area, date, filters, page), so a drill-down can be bookmarked or sent
 * to a county office as it is, and the back button climbs back up.
 */
export function useAssessmentSearch() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => {
    const indicator = params.get('indicator');
    const status = params.get('status');
    const filters: AssessmentFilters = {
      areaId: positiveInt(params.get('areaId')),
      referenceDate: params.get('on') ?? undefined,
      indicator: INDICATOR_CODES.includes(indicator as IndicatorCode) ? (indicator as IndicatorCode) : undefined,
      status: INDICATOR_STATUSES.includes(status as IndicatorStatus) ? (status as IndicatorStatus) : undefined,
      anyUnmet: params.get('anyUnmet') === 'true' ? true : undefined,
    };
    return { filters, page: positiveInt(params.get('page')) ?? 1, pageSize: Math.min(positiveInt(params.get('pageSize')) ?? 20, 200) };
  }, [params]);

  /** Any change but paging goes back to page 1; a new area or date is a new drill step in the history. */
  const update = useCallback(
    (patch: AssessmentPatch) => {
      const step = 'areaId' in patch || 'on' in patch;
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: !step },
      );
    },
    [setParams],
  );
  return { ...state, update };
}
