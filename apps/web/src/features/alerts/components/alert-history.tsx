import { type AlertEvent, createZonedFormatter } from '@callboard/contracts';
import { eventValue, levelText } from '../utils/describe';

interface AlertHistoryProps {
  events: AlertEvent[];
  tz: string;
  /** Without the rule column (the history of one rule). */
  oneRule?: boolean;
  caption: string;
}

/** State changes, newest first: when, which rule, from what to what, and the value that caused it. */
export function AlertHistory({ events, tz, oneRule = false, caption }: AlertHistoryProps) {
  const zoned = createZonedFormatter(tz);
  if (events.length === 0) return <p className="empty-note">No firings yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table alert-history">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="figures-table__th">Time ({tz})</span>
            </th>
            {oneRule ? null : (
              <th scope="col">
                <span className="figures-table__th">Rule</span>
              </th>
            )}
            <th scope="col">
              <span className="figures-table__th">Change</span>
            </th>
            <th scope="col">
              <span className="figures-table__th">Value</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{zoned.dateTime(Date.parse(event.at))}</td>
              {oneRule ? null : <td>{event.ruleName}</td>}
              <td>
                <span className={`badge ${event.state === 'firing' ? 'badge--red' : 'badge--green'}`}>
                  {event.state === 'firing' ? 'Fired' : 'Resolved'}
                </span>{' '}
                {event.level ? levelText(event.level) : null}
              </td>
              <td className="alert-history__value">{eventValue(event)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
