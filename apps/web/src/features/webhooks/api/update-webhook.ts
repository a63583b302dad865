import { type WebhookPatch, webhookResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function updateWebhook({ id, patch }: { id: number; patch: WebhookPatch }) {
  return fetchJson(`/api/webhooks/${id}`, webhookResponseSchema, {
    method: 'PATCH',
    body: JSON.stringify(patch),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}
