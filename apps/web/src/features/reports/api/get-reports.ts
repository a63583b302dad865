import { type ReportsResponse, reportsResponseSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getReports(): Promise<ReportsResponse> {
  return fetchJson('/api/reports', reportsResponseSchema);
}

export const reportsQueryOptions = () =>
  queryOptions({ queryKey: ['reports'], queryFn: getReports, refetchInterval: 10_000 });

export function useReports() {
  return useQuery(reportsQueryOptions());
}
