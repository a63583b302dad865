import { useRef, useState } from 'react';
import { errorMessage } from '@/lib/api-client';
import { downloadBlob } from '@/lib/csv';
import { formatCount } from '@/lib/format';
import { type ExportProgress, fetchExport } from '../api/export-records';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgress }
  | { kind: 'failed'; message: string };

export function ExportAllButton({ params, total }: { params: URLSearchParams; total: number | undefined }) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = async () => {
    controller.current = new AbortController();
    setState({ kind: 'running', progress: { bytes: 0, rows: 0 } });
    try {
      const { blob, filename } = await fetchExport(
        params,
        (progress) => setState({ kind: 'running', progress }),
        controller.current.signal,
      );
      downloadBlob(blob, filename);
      setState({ kind: 'idle' });
    } catch (error) {
      const aborted = error instanceof DOMException && error.name === 'AbortError';
      setState(aborted ? { kind: 'idle' } : { kind: 'failed', message: errorMessage(error) });
    }
  };

  if (state.kind === 'running') {
    // The header line is not a record.
    const rows = Math.max(0, state.progress.rows - 1);
    return (
      <div className="export-progress" role="status" aria-live="polite">
        <progress
          max={total ?? undefined}
          value={total ? Math.min(rows, total) : undefined}
          aria-label="Export progress"
        />
        <span>
          {formatCount(rows)}
          {total ? ` of ${formatCount(total)}` : ''} rows
        </span>
        <button type="button" className="button button--small" onClick={() => controller.current?.abort()}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={() => void start()} disabled={total === 0}>
        Export all matching{total ? ` (${formatCount(total)})` : ''}
      </button>
      {state.kind === 'failed' ? (
        <span className="inline-error" role="alert">
          Export failed: {state.message}{' '}
          <button type="button" className="button button--link" onClick={() => void start()}>
            Retry
          </button>
        </span>
      ) : null}
    </>
  );
}
