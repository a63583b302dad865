import type { VisibleExport } from '@callboard/contracts';
import { useMutation } from '@tanstack/react-query';
import { fetchResponse } from '@/lib/api-client';

/** Tells the audit log that the table on screen was written to a file, as the server's exports are. */
export async function auditVisibleExport(entry: VisibleExport): Promise<void> {
  await fetchResponse('/api/audit/visible-export', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(entry),
  });
}

export function useAuditVisibleExport() {
  return useMutation({ mutationFn: auditVisibleExport });
}
