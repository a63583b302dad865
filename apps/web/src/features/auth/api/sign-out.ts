import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SIGNED_OUT, sessionQueryOptions } from '@/api/get-session';
import { fetchResponse, setCsrfToken } from '@/lib/api-client';

export async function signOut(): Promise<void> {
  await fetchResponse('/api/session', { method: 'DELETE' });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    // Signed out locally even if the request failed: the user asked to leave this screen.
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      queryClient.setQueryData(sessionQueryOptions().queryKey, SIGNED_OUT);
      // Fetch again for the demo accounts the sign-in page lists.
      void queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey });
    },
  });
}
