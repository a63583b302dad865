import { type SyncStatus, syncStatusSchema } from '@callboard/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchJson } from '@/lib/api-client';

export function getSyncStatus(): Promise<SyncStatus> {
  return fetchJson('/api/sync', syncStatusSchema);
}

export const syncStatusQueryOptions = () =>
  queryOptions({ queryKey: ['sync-status'], queryFn: getSyncStatus, staleTime: 10_000 });

/**
 * Sync status, kept live by the BFF's server-sent events. When stored records grow, the data queries are
 * marked stale so the table and charts fill in as data arrives.
 */
export function useSyncStatus() {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/sync/events');
    let lastStored = -1;
    let lastRefresh = 0;
    source.addEventListener('status', (event) => {
      const parsed = syncStatusSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      queryClient.setQueryData(syncStatusQueryOptions().queryKey, parsed.data);
      const stored = parsed.data.running.reduce((sum, job) => sum + job.recordsStored, 0);
      // Throttled: a busy sweep reports every second, the table needs a refresh every few.
      if (stored !== lastStored && lastStored !== -1 && Date.now() - lastRefresh > 2500) {
        lastRefresh = Date.now();
        void queryClient.invalidateQueries({
          predicate: (q) => ['records', 'summary', 'facets'].includes(String(q.queryKey[0])),
        });
      }
      lastStored = stored;
    });
    return () => source.close();
  }, [queryClient]);
  return useQuery(syncStatusQueryOptions());
}
