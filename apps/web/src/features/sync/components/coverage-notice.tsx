import { type Coverage, createZonedFormatter } from '@callboard/contracts';
import { formatCount, formatEta } from '@/lib/format';
import { useSyncStatus } from '../api/get-sync-status';

/** The server's upstream horizon as a local date-time in `tz`. */
const horizonIn = (coverage: Coverage, tz: string) =>
  createZonedFormatter(tz).dateTime(Date.parse(coverage.horizon)).slice(0, 16);

/**
 * Says when the range on screen is not fully synced, so an empty or short list is not read as "no calls".
 * An upstream error wins over "still syncing": a sync that cannot reach the vendor is not making progress.
 */
export function CoverageNotice({ coverage, tz }: { coverage: Coverage; tz: string }) {
  const { data } = useSyncStatus();
  if (coverage.complete && !coverage.beforeRetention) return null;
  const upstreamError = data?.upstreamError ?? null;
  const job = upstreamError ? undefined : data?.running[0];
  return (
    <div className="notice notice--info" role="status">
      {!coverage.complete ? (
        <div className="coverage">
          <p className="notice__title">
            {upstreamError
              ? 'Part of this range could not be synced: the vendor’s service is not answering as it should.'
              : coverage.syncing
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
          ) : upstreamError ? (
            <p className="notice__meta">
              {upstreamError.message} Calls stored so far are shown; syncing resumes when the vendor answers.
            </p>
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
          Part of this range is before {horizonIn(coverage, tz)} ({tz}), older than the upstream keeps (two
          months): only calls already archived are shown.
        </p>
      ) : null}
    </div>
  );
}
