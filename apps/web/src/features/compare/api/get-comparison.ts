import { type CompareResponse, compareResponseSchema } from '@callboard/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getComparison(params: URLSearchParams): Promise<CompareResponse> {
  return fetchJson(`/api/compare?${params}`, compareResponseSchema);
}

export const comparisonQueryOptions = (filterParams: URLSearchParams) =>
  queryOptions({
    queryKey: ['compare', filterParams.toString()],
    queryFn: () => getComparison(filterParams),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data && !query.state.data.coverage.complete ? 4000 : false),
  });

export function useComparison(filterParams: URLSearchParams) {
  return useQuery(comparisonQueryOptions(filterParams));
}
