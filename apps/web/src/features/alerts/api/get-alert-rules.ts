import { type AlertRulesResponse, alertRulesResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';
import { ALERTS_POLL_MS } from './get-alerts';

export function getAlertRules(): Promise<AlertRulesResponse> {
  return fetchJson('/api/alert-rules', alertRulesResponseSchema);
}

export const alertRulesQueryOptions = () =>
  queryOptions({
    queryKey: ['alert-rules'],
    queryFn: getAlertRules,
    refetchInterval: ALERTS_POLL_MS,
    staleTime: 5_000,
  });

export function useAlertRules() {
  return useQuery(alertRulesQueryOptions());
}
