import { type DemoDegradeStatus, demoDegradeStatusSchema } from '@callboard/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

// Demo mode's switch on the built-in simulator: read it, degrade one operator, or back to normal.
export function getDemoDegrade(): Promise<DemoDegradeStatus> {
  return fetchJson('/api/demo/degrade', demoDegradeStatusSchema);
}

export const demoDegradeQueryOptions = () =>
  queryOptions({ queryKey: ['demo-degrade'], queryFn: getDemoDegrade });

export function useDemoDegrade(enabled: boolean) {
  return useQuery({ ...demoDegradeQueryOptions(), enabled });
}

export function setDemoDegrade(
  change: { code: string; answerRate: number } | null,
): Promise<DemoDegradeStatus> {
  return change
    ? fetchJson('/api/demo/degrade', demoDegradeStatusSchema, {
        method: 'POST',
        body: JSON.stringify(change),
      })
    : fetchJson('/api/demo/degrade', demoDegradeStatusSchema, { method: 'DELETE' });
}

export function useSetDemoDegrade() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setDemoDegrade,
    onSuccess: (status) => queryClient.setQueryData(demoDegradeQueryOptions().queryKey, status),
  });
}
