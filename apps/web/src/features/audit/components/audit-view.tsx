import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  addDays,
  createZonedFormatter,
} from '@callboard/contracts';
import { ErrorState } from '@/components/error-state';
import { formatCount } from '@/lib/format';
import { useAudit } from '../api/get-audit';

export interface AuditFilters {
  username?: string;
  action?: AuditAction;
  /** First day shown, in `tz`. */
  from?: string;
  /** Last day shown (inclusive), in `tz`. */
  through?: string;
}

interface AuditViewProps {
  filters: AuditFilters;
  tz: string;
  onChange: (patch: Partial<AuditFilters>) => void;
}

const LIMIT = 200;

const ACTION_LABELS: Record<AuditAction, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-out': 'Signed out',
  export: 'Exported all matching',
  'visible-export': 'Exported visible rows',
  'sync-start': 'Started a sync',
  'user-add': 'Added a user',
  'user-reset': 'Reset a password',
  'user-disable': 'Disabled a user',
  'user-enable': 'Enabled a user',
  'alert-rule-create': 'Created an alert rule',
  'alert-rule-update': 'Changed an alert rule',
  'alert-rule-delete': 'Deleted an alert rule',
  'webhook-create': 'Added a webhook',
  'webhook-update': 'Changed a webhook',
  'webhook-delete': 'Deleted a webhook',
  'webhook-test': 'Sent a test delivery',
  'webhook-delivery': 'Webhook delivery',
  'demo-degrade': 'Degraded demo traffic',
  'view-create': 'Saved a view',
  'view-update': 'Changed a saved view',
  'view-delete': 'Deleted a saved view',
  'report-create': 'Scheduled a report',
  'report-update': 'Changed a report',
  'report-delete': 'Deleted a report',
  'report-trigger': 'Ran a report now',
  'report-run': 'Report run finished',
  'report-download': 'Downloaded a report file',
};

/** The API's query: dates are local midnights in `tz`, the end exclusive (the day after "through"). */
function auditParams(filters: AuditFilters, tz: string): URLSearchParams {
  const params = new URLSearchParams({ tz, limit: String(LIMIT) });
  if (filters.username) params.set('username', filters.username);
  if (filters.action) params.set('action', filters.action);
  if (filters.from) params.set('from', filters.from);
  if (filters.through) params.set('to', addDays(filters.through, 1));
  return params;
}

/** What an entry's detail says, in a line: the export's rows and filters, the sync's range. */
function describe(entry: AuditEntry): string {
  return Object.entries(entry.detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

/** Admins read who signed in, exported and synced: filter by user, action and days in the chosen zone. */
export function AuditView({ filters, tz, onChange }: AuditViewProps) {
  const query = useAudit(auditParams(filters, tz));
  const zoned = createZonedFormatter(tz);
  const entries = query.data?.entries ?? [];
  return (
    <>
      <section className="filter-bar" aria-label="Audit filters">
        <div className="filter-bar__row">
          <label className="field">
            <span className="field__label">User</span>
            <input
              type="search"
              value={filters.username ?? ''}
              onChange={(event) => onChange({ username: event.target.value || undefined })}
            />
          </label>
          <label className="field">
            <span className="field__label">Action</span>
            <select
              value={filters.action ?? ''}
              onChange={(event) =>
                onChange({ action: (event.target.value || undefined) as AuditAction | undefined })
              }
            >
              <option value="">Any</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {ACTION_LABELS[action]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">From</span>
            <input
              type="date"
              value={filters.from ?? ''}
              onChange={(event) => onChange({ from: event.target.value || undefined })}
            />
          </label>
          <label className="field">
            <span className="field__label">Through</span>
            <input
              type="date"
              value={filters.through ?? ''}
              onChange={(event) => onChange({ through: event.target.value || undefined })}
            />
          </label>
        </div>
      </section>
      <div className="toolbar">
        <h1 className="toolbar__title">Audit log</h1>
        <p className="notice__meta">
          {query.data
            ? `${formatCount(entries.length)} ${entries.length === LIMIT ? 'newest ' : ''}${entries.length === 1 ? 'entry' : 'entries'}, times in ${tz}`
            : null}
        </p>
      </div>
      {query.isError ? (
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          title="Could not load the audit log"
        />
      ) : (
        <div className={`table-scroll${query.isPlaceholderData ? ' is-fetching' : ''}`}>
          <table className="data-table audit-table">
            <caption className="visually-hidden">Audit log, newest first</caption>
            <thead>
              <tr>
                {['Time', 'User', 'Action', 'Details', 'Address'].map((label) => (
                  <th key={label} scope="col">
                    <span className="figures-table__th">{label}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody aria-busy={query.isPending || undefined}>
              {entries.map((entry, index) => (
                // Entries have no id; the position is what tells two same-millisecond entries apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <tr key={`${entry.at}-${entry.username}-${entry.action}-${index}`}>
                  <td>{zoned.dateTime(Date.parse(entry.at))}</td>
                  <td>{entry.username ?? '–'}</td>
                  <td>{ACTION_LABELS[entry.action as AuditAction] ?? entry.action}</td>
                  <td className="audit-table__detail">{describe(entry)}</td>
                  <td>{entry.ip ?? '–'}</td>
                </tr>
              ))}
              {query.isSuccess && entries.length === 0 ? (
                <tr>
                  <td colSpan={5}>No entries match these filters.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
