import { type ReportRunsResponse, reportRunsResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getReportRuns(): Promise<ReportRunsResponse> {
  return fetchJson('/api/report-runs?limit=50', reportRunsResponseSchema);
}

/** Polls while a run is queued or running, so a triggered run shows up finished without a reload. */
export const reportRunsQueryOptions = () =>
  queryOptions({
    queryKey: ['reports', 'runs'],
    queryFn: getReportRuns,
    refetchInterval: (query) =>
      query.state.data?.runs.some((r) => r.state === 'pending' || r.state === 'running') ? 1_000 : 15_000,
  });

export function useReportRuns() {
  return useQuery(reportRunsQueryOptions());
}
