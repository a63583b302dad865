import { type SavedViewPatch, savedViewResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function updateView({ id, patch }: { id: number; patch: SavedViewPatch }) {
  return fetchJson(`/api/views/${id}`, savedViewResponseSchema, {
    method: 'PATCH',
    body: JSON.stringify(patch),
  });
}

export function useUpdateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateView,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['views'] }),
  });
}
