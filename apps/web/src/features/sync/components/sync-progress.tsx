import type { SyncJob } from '@callboard/contracts';
import { formatCount, formatEta } from '@/lib/format';
import { useSyncStatus } from '../api/get-sync-status';

function jobShare(job: SyncJob): number {
  if (job.windowsTotal > 0) return job.windowsDone / job.windowsTotal;
  return job.pagesTotal > 0 ? job.pagesDone / job.pagesTotal : 0;
}

/** Running syncs with counts and ETA, and the upstream's problem if the last call failed. */
export function SyncProgress() {
  const { data } = useSyncStatus();
  const job = data?.running[0];
  return (
    <>
      {data?.upstreamError ? (
        <div className="banner banner--warning" role="alert">
          <strong>Upstream problem:</strong> {data.upstreamError.message}{' '}
          <span className="banner__meta">Stored data below is still usable.</span>
        </div>
      ) : null}
      {job ? (
        <div className="sync-progress" role="status" aria-live="polite">
          <div className="sync-progress__text">
            <span>
              Syncing {job.trigger === 'backfill' ? 'history' : 'recent calls'}:{' '}
              {formatCount(job.windowsDone)} of {formatCount(job.windowsTotal)} windows,{' '}
              {formatCount(job.recordsStored)} records stored
              {job.recordsPerSecond > 0 ? ` (${formatCount(Math.round(job.recordsPerSecond))}/s)` : ''}
            </span>
            <span>{formatEta(job.etaSeconds)}</span>
          </div>
          <progress max={1} value={jobShare(job)} aria-label="Sync progress" />
          {data.running.length > 1 ? (
            <span className="sync-progress__more">+{data.running.length - 1} more queued</span>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
