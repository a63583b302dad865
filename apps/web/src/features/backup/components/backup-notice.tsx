import type { HealthResponse } from '@callboard/contracts';
import { formatAge } from '@/lib/format';

/**
 * For admins (the server sends backup state to no one else): a failed or overdue scheduled backup is said
 * where they look, because after two months Callboard's store is the only copy of the account's history.
 */
export function BackupNotice({ backup }: { backup: HealthResponse['backup'] | undefined }) {
  if (!backup || (!backup.lastError && !backup.overdue)) return null;
  const last = backup.lastSuccessAt
    ? `the last good one was ${formatAge(backup.lastSuccessAt)}`
    : 'none has completed yet';
  return (
    <p className="notice notice--warning" role="alert">
      {backup.lastError
        ? `The scheduled backup failed (${backup.lastError}); ${last}.`
        : `No scheduled backup has completed in the last ${Math.round(backup.intervalHours * 1.5)} hours; ${last}.`}{' '}
      Check the server log and CALLBOARD_BACKUP_DIR.
    </p>
  );
}
