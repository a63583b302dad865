import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchResponse } from '@/lib/api-client';

export async function deleteWebhook(id: number): Promise<void> {
  await fetchResponse(`/api/webhooks/${id}`, { method: 'DELETE' });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}
