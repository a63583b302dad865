import { type SavedViewInput, savedViewResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function saveView(input: SavedViewInput) {
  return fetchJson('/api/views', savedViewResponseSchema, { method: 'POST', body: JSON.stringify(input) });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveView,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['views'] }),
  });
}
