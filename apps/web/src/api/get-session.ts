import { type SessionResponse, sessionResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson, setCsrfToken } from '@/lib/api-client';

export const SIGNED_OUT: SessionResponse = {
  user: null,
  csrfToken: null,
  permissions: [],
  demoAccounts: null,
};

export async function getSession(): Promise<SessionResponse> {
  const session = await fetchJson('/api/session', sessionResponseSchema);
  setCsrfToken(session.csrfToken);
  return session;
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: ['session'],
    queryFn: getSession,
    // The session changes only by signing in or out (both update this query) or by expiring, which the
    // first 401 from any endpoint reports.
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}
