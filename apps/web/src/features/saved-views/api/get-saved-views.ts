import { type SavedViewsResponse, savedViewsResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getSavedViews(): Promise<SavedViewsResponse> {
  return fetchJson('/api/views', savedViewsResponseSchema);
}

export const savedViewsQueryOptions = () => queryOptions({ queryKey: ['views'], queryFn: getSavedViews });

export function useSavedViews() {
  return useQuery(savedViewsQueryOptions());
}
