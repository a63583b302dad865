import { type WebhookDeliveriesResponse, webhookDeliveriesResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getDeliveries(webhookId: number): Promise<WebhookDeliveriesResponse> {
  return fetchJson(`/api/webhooks/${webhookId}/deliveries`, webhookDeliveriesResponseSchema);
}

/** The log refreshes every few seconds while open: a test delivery and its retries show up as they happen. */
export const deliveriesQueryOptions = (webhookId: number) =>
  queryOptions({
    queryKey: ['webhook-deliveries', webhookId],
    queryFn: () => getDeliveries(webhookId),
    refetchInterval: 3_000,
  });

export function useDeliveries(webhookId: number) {
  return useQuery(deliveriesQueryOptions(webhookId));
}
