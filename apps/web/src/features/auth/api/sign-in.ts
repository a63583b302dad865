import { type SessionResponse, sessionResponseSchema, type signInRequestSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { sessionQueryOptions } from '@/api/get-session';
import { fetchJson, setCsrfToken } from '@/lib/api-client';

export type SignInRequest = z.infer<typeof signInRequestSchema>;

export async function signIn(request: SignInRequest): Promise<SessionResponse> {
  const session = await fetchJson('/api/session', sessionResponseSchema, {
    method: 'POST',
    body: JSON.stringify(request),
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      // Nothing cached under a previous user (who may have seen money) survives into this session. The
      // session query itself stays (it has observers) and takes the new session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      queryClient.setQueryData(sessionQueryOptions().queryKey, session);
    },
  });
}
