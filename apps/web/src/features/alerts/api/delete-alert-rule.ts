import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchResponse } from '@/lib/api-client';

export async function deleteAlertRule(id: number): Promise<void> {
  await fetchResponse(`/api/alert-rules/${id}`, { method: 'DELETE' });
}

export function useDeleteAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAlertRule,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['alert-rules'] }),
        queryClient.invalidateQueries({ queryKey: ['alerts'] }),
      ]),
  });
}
