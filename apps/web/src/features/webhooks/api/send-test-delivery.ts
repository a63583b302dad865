import { webhookDeliveryResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function sendTestDelivery(id: number) {
  return fetchJson(`/api/webhooks/${id}/test`, webhookDeliveryResponseSchema, { method: 'POST' });
}

export function useSendTestDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestDelivery,
    onSuccess: (_answer, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['webhook-deliveries', id] }),
        queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
      ]),
  });
}
