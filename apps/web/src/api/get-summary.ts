import { type SummaryResponse, summaryResponseSchema } from '@callboard/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

/** How many countries/operators get their own bar; the rest arrive as one "other" row. */
export const SUMMARY_TOP = 15;

export function getSummary(params: URLSearchParams): Promise<SummaryResponse> {
  return fetchJson(`/api/summary?${params}`, summaryResponseSchema);
}

export const summaryQueryOptions = (filterParams: URLSearchParams, top = SUMMARY_TOP) => {
  const params = new URLSearchParams(filterParams);
  params.set('top', String(top));
  return queryOptions({
    queryKey: ['summary', params.toString()],
    queryFn: () => getSummary(params),
    placeholderData: keepPreviousData,
    // While the range is still syncing the figures grow; poll until the store has all of it.
    refetchInterval: (query) => (query.state.data && !query.state.data.coverage.complete ? 4000 : false),
  });
};

export function useSummary(filterParams: URLSearchParams, top?: number) {
  return useQuery(summaryQueryOptions(filterParams, top));
}
