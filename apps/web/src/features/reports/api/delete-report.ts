import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchResponse } from '@/lib/api-client';

export async function deleteReport(id: number): Promise<void> {
  await fetchResponse(`/api/reports/${id}`, { method: 'DELETE' });
}

export function useDeleteReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
