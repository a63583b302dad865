import { type ReportPatch, reportResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function updateReport({ id, patch }: { id: number; patch: ReportPatch }) {
  return fetchJson(`/api/reports/${id}`, reportResponseSchema, {
    method: 'PATCH',
    body: JSON.stringify(patch),
  });
}

export function useUpdateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
