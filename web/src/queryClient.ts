import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/client';
import { showError } from './api/errors';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err) => {
      // 401 already sends the user to the login page; 404 is shown by the page itself (out of scope looks the same).
      if (isApiError(err) && (err.status === 401 || err.status === 404)) return;
      showError(err);
    },
  }),
  defaultOptions: {
    queries: {
      // Retrying a 4xx only repeats the same refusal; retry network and server hiccups once.
      retry: (count, err) => count < 1 && !(isApiError(err) && err.status > 0 && err.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});
