import { type RecordDetail, recordDetailSchema } from '@callboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function getRecord(voiceId: string): Promise<RecordDetail> {
  return fetchJson(`/api/records/${encodeURIComponent(voiceId)}`, recordDetailSchema);
}

export const recordQueryOptions = (voiceId: string) =>
  queryOptions({ queryKey: ['record', voiceId], queryFn: () => getRecord(voiceId), staleTime: 60_000 });

export function useRecord(voiceId: string) {
  return useQuery(recordQueryOptions(voiceId));
}
