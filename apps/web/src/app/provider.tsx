import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { SIGNED_OUT, sessionQueryOptions } from '@/api/get-session';
import { ApiRequestError, onUnauthenticated, setCsrfToken } from '@/lib/api-client';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx is the request's fault: retrying it would only delay the message.
        retry: (count, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

/**
 * A 401 from any endpoint means the session ended (expired, signed out in another tab, user disabled):
 * mark it signed out, so the session gate sends the user to sign-in and back to this view afterwards.
 */
export function useSessionExpiry(queryClient: QueryClient) {
  useEffect(
    () =>
      onUnauthenticated(() => {
        const key = sessionQueryOptions().queryKey;
        if (!queryClient.getQueryData(key)?.user) return;
        setCsrfToken(null);
        queryClient.setQueryData(key, SIGNED_OUT);
        // Again from the server, for the demo accounts the sign-in page lists.
        void queryClient.invalidateQueries({ queryKey: key });
      }),
    [queryClient],
  );
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useSessionExpiry(queryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
