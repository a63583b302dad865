import { type AlertSeriesResponse, alertSeriesResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';
import { ALERTS_POLL_MS } from './get-alerts';

export function getAlertSeries(ruleId: number): Promise<AlertSeriesResponse> {
  return fetchJson(`/api/alert-rules/${ruleId}/series`, alertSeriesResponseSchema);
}

export const alertSeriesQueryOptions = (ruleId: number) =>
  queryOptions({
    queryKey: ['alert-series', ruleId],
    queryFn: () => getAlertSeries(ruleId),
    refetchInterval: ALERTS_POLL_MS * 2,
  });

export function useAlertSeries(ruleId: number) {
  return useQuery(alertSeriesQueryOptions(ruleId));
}
