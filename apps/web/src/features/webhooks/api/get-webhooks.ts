import { type WebhooksResponse, webhooksResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getWebhooks(): Promise<WebhooksResponse> {
  return fetchJson('/api/webhooks', webhooksResponseSchema);
}

export const webhooksQueryOptions = () =>
  queryOptions({ queryKey: ['webhooks'], queryFn: getWebhooks, refetchInterval: 30_000 });

export function useWebhooks() {
  return useQuery(webhooksQueryOptions());
}
