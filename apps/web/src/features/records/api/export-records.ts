import type { RecordColumnId, Sort } from '@callboard/contracts';
import { fetchResponse } from '@/lib/api-client';

export interface ExportProgress {
  bytes: number;
  rows: number;
}

export function exportParams(
  filterParams: URLSearchParams,
  sort: Sort,
  columns: readonly RecordColumnId[],
): URLSearchParams {
  const params = new URLSearchParams(filterParams);
  params.set('sort', `${sort.field}:${sort.direction}`);
  for (const column of columns) params.append('columns', column);
  return params;
}

function filenameFrom(disposition: string | null): string {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : 'callboard-export.csv';
}

/** Reads the server's streamed CSV, reporting rows as they arrive, and returns it as one Blob. */
export async function fetchExport(
  params: URLSearchParams,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ blob: Blob; filename: string }> {
  const response = await fetchResponse(`/api/export.csv?${params}`, { signal });
  const filename = filenameFrom(response.headers.get('content-disposition'));
  const reader = response.body?.getReader();
  if (!reader) return { blob: await response.blob(), filename };
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const progress: ExportProgress = { bytes: 0, rows: 0 };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress.bytes += value.byteLength;
    for (const byte of value) if (byte === 10) progress.rows += 1;
    onProgress({ ...progress });
  }
  return { blob: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), filename };
}
