import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Patch<K extends string> = Partial<Record<K | 'page' | 'pageSize', string | number | undefined>>;

function positiveInt(value: string | null): number | undefined {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** One of the allowed values, or nothing: a hand-edited URL must not send the server a value it refuses. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

export function toId(value: string | undefined): number | undefined {
  return positiveInt(value ?? null);
}

/**
 * A list's filters and page live in the URL, so a filtered list can be bookmarked, linked to (a rule's open
 * findings) and restored by the back button. Any filter change goes back to the first page.
 */
export function useSearchState<K extends string>(keys: readonly K[], defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();

  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [params, keys]);

  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = Math.min(positiveInt(params.get('pageSize')) ?? defaultPageSize, 200);

  const update = useCallback(
    (patch: Patch<K>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          const touchesFilter = Object.keys(patch).some((k) => (keys as readonly string[]).includes(k));
          if (touchesFilter && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, keys],
  );

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { values, page, pageSize, update, reset };
}
