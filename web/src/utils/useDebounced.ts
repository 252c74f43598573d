import { useEffect, useState } from 'react';

/** The value, once it has stopped changing for `delay` ms: keeps type-ahead search from sending a request per key. */
export function useDebounced<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
