import { type SummaryResponse, summaryResponseSchema } from '@callboard/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getSummary(params: URLSearchParams): Promise<SummaryResponse> {
  return fetchJson(`/api/summary?${params}`, summaryResponseSchema);
}

/** The summary lists every country/operator; each view ranks and folds them by the figure it shows. */
export const summaryQueryOptions = (filterParams: URLSearchParams, shortCallSeconds?: number) => {
  const params = new URLSearchParams(filterParams);
  if (shortCallSeconds !== undefined) params.set('shortCallSeconds', String(shortCallSeconds));
  return queryOptions({
    queryKey: ['summary', params.toString()],
    queryFn: () => getSummary(params),
    placeholderData: keepPreviousData,
    // While the range is still syncing the figures grow; poll until the store has all of it.
    refetchInterval: (query) => (query.state.data && !query.state.data.coverage.complete ? 4000 : false),
  });
};

export function useSummary(filterParams: URLSearchParams, shortCallSeconds?: number) {
  return useQuery(summaryQueryOptions(filterParams, shortCallSeconds));
}
