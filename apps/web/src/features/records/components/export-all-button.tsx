import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/lib/api-client';
import { formatBytes, formatCount } from '@/lib/format';
import {
  type ExportProgress,
  prepareExportWorker,
  type RunningExport,
  startExportDownload,
} from '../api/export-records';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'running'; progress: ExportProgress; cancelling: boolean }
  /** A plain browser download: the browser's own download list shows its progress. */
  | { kind: 'handed-over' }
  | { kind: 'done'; progress: ExportProgress }
  | { kind: 'cancelled'; progress: ExportProgress }
  | { kind: 'failed'; message: string };

const rowsAndBytes = (progress: ExportProgress, total: number | undefined) =>
  `${formatCount(progress.rows)}${total ? ` of ${formatCount(total)}` : ''} rows, ${formatBytes(progress.bytes)}`;

/**
 * "Export all matching": the server's CSV of every matching row, downloaded by the browser straight to disk.
 * Progress (rows, bytes) and Cancel come from the export worker; the file never sits in the page's memory.
 */
export function ExportAllButton({ params, total }: { params: URLSearchParams; total: number | undefined }) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const running = useRef<RunningExport | null>(null);

  useEffect(() => prepareExportWorker(), []);

  const start = async () => {
    setState({ kind: 'starting' });
    try {
      running.current = await startExportDownload(params, {
        onProgress: (progress) =>
          setState((current) => {
            if (current.kind === 'running') return { ...current, progress };
            return current.kind === 'starting' ? { kind: 'running', progress, cancelling: false } : current;
          }),
        onDone: (progress) => setState({ kind: 'done', progress }),
        onFailed: (message, progress) =>
          setState((current) =>
            current.kind === 'running' && current.cancelling
              ? { kind: 'cancelled', progress }
              : { kind: 'failed', message },
          ),
      });
      if (!running.current.tracked) setState({ kind: 'handed-over' });
      else
        setState((current) =>
          current.kind === 'starting'
            ? { kind: 'running', progress: { rows: 0, bytes: 0 }, cancelling: false }
            : current,
        );
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) });
    }
  };

  const cancel = () => {
    setState((current) => (current.kind === 'running' ? { ...current, cancelling: true } : current));
    running.current?.cancel();
  };

  if (state.kind === 'running' || state.kind === 'starting') {
    const progress = state.kind === 'running' ? state.progress : { rows: 0, bytes: 0 };
    const cancelling = state.kind === 'running' && state.cancelling;
    return (
      <div className="export-progress">
        <progress
          max={total || undefined}
          value={total ? Math.min(progress.rows, total) : undefined}
          aria-label="Export progress"
          aria-valuetext={rowsAndBytes(progress, total)}
        />
        <span role="status">
          {cancelling ? 'Cancelling… ' : 'Exporting: '}
          {rowsAndBytes(progress, total)}
        </span>
        <button
          type="button"
          className="button button--small"
          onClick={cancel}
          disabled={state.kind === 'starting' || cancelling}
        >
          Cancel export
        </button>
      </div>
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={() => void start()} disabled={total === 0}>
        Export all matching{total ? ` (${formatCount(total)})` : ''}
      </button>
      {state.kind === 'done' ? (
        <span role="status">Exported {rowsAndBytes(state.progress, undefined)}</span>
      ) : null}
      {state.kind === 'cancelled' ? (
        <span role="status">
          Export cancelled after {formatCount(state.progress.rows)} rows: the download was stopped.
        </span>
      ) : null}
      {state.kind === 'handed-over' ? (
        <span role="status">Download started: your browser shows its progress.</span>
      ) : null}
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
