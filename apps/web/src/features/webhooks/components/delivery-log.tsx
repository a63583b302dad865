import { createZonedFormatter } from '@callboard/contracts';
import { ErrorState } from '@/components/error-state';
import { useDeliveries } from '../api/get-deliveries';

const STATE_TONE = { delivered: 'badge--green', failed: 'badge--red', pending: 'badge--amber' } as const;

/** A webhook's newest deliveries: event, outcome, and each attempt's HTTP status or error. */
export function DeliveryLog({ webhookId, tz }: { webhookId: number; tz: string }) {
  const log = useDeliveries(webhookId);
  const zoned = createZonedFormatter(tz);
  if (log.isError)
    return (
      <ErrorState
        error={log.error}
        onRetry={() => void log.refetch()}
        title="Could not load the delivery log"
      />
    );
  const deliveries = log.data?.deliveries ?? [];
  if (log.isPending) return <p className="empty-note">Loading…</p>;
  if (deliveries.length === 0)
    return <p className="empty-note">Nothing sent yet. “Send test” sends a signed test delivery.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table delivery-log">
        <caption className="visually-hidden">Delivery log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="figures-table__th">Queued ({tz})</span>
            </th>
            <th scope="col">
              <span className="figures-table__th">Event</span>
            </th>
            <th scope="col">
              <span className="figures-table__th">Outcome</span>
            </th>
            <th scope="col">
              <span className="figures-table__th">Attempts (HTTP status)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td>{zoned.dateTime(Date.parse(d.createdAt))}</td>
              <td>
                <code>{d.event}</code> <span className="notice__meta">#{d.id}</span>
              </td>
              <td>
                <span className={`badge ${STATE_TONE[d.state]}`}>{d.state}</span>
                {d.state === 'pending' && d.nextAttemptAt ? (
                  <span className="notice__meta">
                    {' '}
                    next try {zoned.dateTime(Date.parse(d.nextAttemptAt)).slice(11)}
                  </span>
                ) : null}
              </td>
              <td>
                <ol className="delivery-log__attempts">
                  {d.log.map((a) => (
                    <li key={a.attempt} title={a.error ?? undefined}>
                      {a.status ?? 'no answer'}
                      {a.error && a.status === null ? `: ${a.error}` : ''}{' '}
                      <span className="notice__meta">({a.durationMs} ms)</span>
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
