import { type ReportInput, reportResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function createReport(input: ReportInput) {
  return fetchJson('/api/reports', reportResponseSchema, { method: 'POST', body: JSON.stringify(input) });
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
