import type { Coverage } from '@callboard/contracts';
import { formatCount, formatEta } from '@/lib/format';
import { useSyncStatus } from '../api/get-sync-status';

/** Says when the range on screen is not fully synced, so an empty or short list is not read as "no calls". */
export function CoverageNotice({ coverage }: { coverage: Coverage }) {
  const { data } = useSyncStatus();
  if (coverage.complete && !coverage.beforeRetention) return null;
  const job = data?.running[0];
  return (
    <div className="notice notice--info" role="status">
      {!coverage.complete ? (
        <div className="coverage">
          <p className="notice__title">
            {coverage.syncing
              ? 'Still syncing this range: results fill in as calls arrive.'
              : 'Part of this range is not synced yet.'}
          </p>
          {job ? (
            <>
              <progress
                max={Math.max(1, job.windowsTotal)}
                value={job.windowsDone}
                aria-label="Range sync progress"
              />
              <p className="notice__meta">
                {formatCount(job.windowsDone)} of {formatCount(job.windowsTotal)} windows,{' '}
                {formatCount(job.recordsStored)} records so far, {formatEta(job.etaSeconds)}
              </p>
            </>
          ) : (
            <p className="notice__meta">
              {coverage.missing.length} gap{coverage.missing.length === 1 ? '' : 's'} remaining; use Refresh
              to fetch them.
            </p>
          )}
        </div>
      ) : null}
      {coverage.beforeRetention ? (
        <p className="notice__meta">
          Part of this range is older than the upstream keeps (two months): only calls already archived are
          shown.
        </p>
      ) : null}
    </div>
  );
}
