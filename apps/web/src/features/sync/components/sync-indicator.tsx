import { createZonedFormatter } from '@callboard/contracts';
import { errorMessage } from '@/lib/api-client';
import { formatAge } from '@/lib/format';
import { useSyncStatus } from '../api/get-sync-status';
import { useStartSync } from '../api/start-sync';

interface SyncIndicatorProps {
  /** The range on screen, which Refresh re-reads from upstream. */
  range: { from: string; to: string; tz: string };
  fallbackLastSyncAt: string | null;
  /** Only admins start syncs; everyone sees freshness and progress. */
  canStart: boolean;
}

export function SyncIndicator({ range, fallbackLastSyncAt, canStart }: SyncIndicatorProps) {
  const status = useSyncStatus();
  const startSync = useStartSync();
  const lastSuccessAt = status.data?.lastSuccessAt ?? fallbackLastSyncAt;
  const running = (status.data?.running.length ?? 0) > 0;
  return (
    <div className="sync-indicator">
      <span
        className="sync-indicator__age"
        title={
          lastSuccessAt
            ? `Last completed sync: ${createZonedFormatter(range.tz).dateTime(Date.parse(lastSuccessAt))} (${range.tz})`
            : undefined
        }
      >
        Synced {formatAge(lastSuccessAt)}
      </span>
      {canStart ? (
        <button
          type="button"
          className="button button--small"
          disabled={startSync.isPending}
          onClick={() => startSync.mutate(range)}
          aria-describedby={startSync.isError ? 'sync-error' : undefined}
        >
          {running ? 'Syncing…' : 'Refresh'}
        </button>
      ) : running ? (
        <span className="sync-indicator__running">Syncing…</span>
      ) : null}
      {startSync.isError ? (
        <span id="sync-error" className="sync-indicator__error" role="alert">
          {errorMessage(startSync.error)}
        </span>
      ) : null}
    </div>
  );
}
