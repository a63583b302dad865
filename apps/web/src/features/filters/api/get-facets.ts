import { type FacetsResponse, facetsResponseSchema } from '@callboard/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getFacets(params: URLSearchParams): Promise<FacetsResponse> {
  return fetchJson(`/api/facets?${params}`, facetsResponseSchema);
}

export const facetsQueryOptions = (params: URLSearchParams) =>
  queryOptions({
    queryKey: ['facets', params.toString()],
    queryFn: () => getFacets(params),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export function useFacets(params: URLSearchParams) {
  return useQuery(facetsQueryOptions(params));
}
