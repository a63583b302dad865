import { type WebhookInput, webhookCreatedResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

/** The answer carries the secret: shown once by the form, kept nowhere in the SPA's caches. */
export function createWebhook(input: WebhookInput) {
  return fetchJson('/api/webhooks', webhookCreatedResponseSchema, {
    method: 'POST',
    body: JSON.stringify(input),
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}
