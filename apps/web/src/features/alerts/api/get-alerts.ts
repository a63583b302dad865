import { type AlertsResponse, alertsResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

/** How often the bell and the Alerts page look for state changes (the BFF evaluates after every sync). */
export const ALERTS_POLL_MS = 15_000;

export function getAlerts(ruleId?: number): Promise<AlertsResponse> {
  const params = new URLSearchParams({ limit: '100' });
  if (ruleId !== undefined) params.set('ruleId', String(ruleId));
  return fetchJson(`/api/alerts?${params}`, alertsResponseSchema);
}

export const alertsQueryOptions = (ruleId?: number) =>
  queryOptions({
    queryKey: ['alerts', ruleId ?? 'all'],
    queryFn: () => getAlerts(ruleId),
    refetchInterval: ALERTS_POLL_MS,
    staleTime: 5_000,
  });

export function useAlerts(ruleId?: number, enabled = true) {
  return useQuery({ ...alertsQueryOptions(ruleId), enabled });
}
