import { type SyncRequest, syncJobSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { fetchJson } from '@/lib/api-client';
import { syncStatusQueryOptions } from './get-sync-status';

const startSyncResponseSchema = z.object({ job: syncJobSchema });

export function startSync(request: SyncRequest) {
  return fetchJson('/api/sync', startSyncResponseSchema, { method: 'POST', body: JSON.stringify(request) });
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startSync,
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncStatusQueryOptions().queryKey }),
  });
}
