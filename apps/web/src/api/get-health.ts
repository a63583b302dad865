import { type HealthResponse, healthResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getHealth(): Promise<HealthResponse> {
  return fetchJson('/api/health', healthResponseSchema);
}

export const healthQueryOptions = () =>
  queryOptions({ queryKey: ['health'], queryFn: getHealth, staleTime: 30_000, refetchInterval: 60_000 });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
