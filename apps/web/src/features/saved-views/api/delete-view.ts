import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchResponse } from '@/lib/api-client';

export async function deleteView(id: number): Promise<void> {
  await fetchResponse(`/api/views/${id}`, { method: 'DELETE' });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteView,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['views'] }),
        queryClient.invalidateQueries({ queryKey: ['reports'] }),
      ]),
  });
}
