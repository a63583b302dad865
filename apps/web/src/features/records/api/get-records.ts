import { type RecordsResponse, recordsResponseSchema, type Sort } from '@callboard/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export interface RecordsRequest {
  filterParams: URLSearchParams;
  sort: Sort;
  page: number;
  pageSize: number;
}

export function recordsParams({ filterParams, sort, page, pageSize }: RecordsRequest): URLSearchParams {
  const params = new URLSearchParams(filterParams);
  params.set('sort', `${sort.field}:${sort.direction}`);
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  return params;
}

export function getRecords(params: URLSearchParams): Promise<RecordsResponse> {
  return fetchJson(`/api/records?${params}`, recordsResponseSchema);
}

export const recordsQueryOptions = (request: RecordsRequest) => {
  const params = recordsParams(request);
  return queryOptions({
    queryKey: ['records', params.toString()],
    queryFn: () => getRecords(params),
    placeholderData: keepPreviousData,
    // The table fills in while a range syncs.
    refetchInterval: (query) => (query.state.data && !query.state.data.coverage.complete ? 3000 : false),
  });
};

export function useRecords(request: RecordsRequest) {
  return useQuery(recordsQueryOptions(request));
}
