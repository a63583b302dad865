import { reportRunResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function runReport(id: number) {
  return fetchJson(`/api/reports/${id}/run`, reportRunResponseSchema, { method: 'POST' });
}

export function useRunReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
