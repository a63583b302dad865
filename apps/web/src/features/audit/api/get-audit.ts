import { type AuditEntry, auditResponseSchema } from '@callboard/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getAudit(params: URLSearchParams): Promise<{ entries: AuditEntry[] }> {
  return fetchJson(`/api/audit?${params}`, auditResponseSchema);
}

export const auditQueryOptions = (params: URLSearchParams) =>
  queryOptions({
    queryKey: ['audit', params.toString()],
    queryFn: () => getAudit(params),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

export function useAudit(params: URLSearchParams) {
  return useQuery(auditQueryOptions(params));
}
