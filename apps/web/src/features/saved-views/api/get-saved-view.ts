import { type SavedViewResponse, savedViewResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getSavedView(id: string): Promise<SavedViewResponse> {
  return fetchJson(`/api/views/${encodeURIComponent(id)}`, savedViewResponseSchema);
}

/** Opened fresh each time: a relative range resolves now, and a role change is checked by the server. */
export const savedViewQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['views', id], queryFn: () => getSavedView(id), staleTime: 0, retry: false });

export function useSavedView(id: string) {
  return useQuery(savedViewQueryOptions(id));
}
