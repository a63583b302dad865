import { createZonedFormatter } from '@callboard/contracts';
import { useId } from 'react';
import { Link } from 'react-router';
import { Popover } from '@/components/popover';
import { useAlerts } from '../api/get-alerts';
import { eventValue, levelText } from '../utils/describe';

interface AlertBellProps {
  tz: string;
  /** The Alerts page with the current zone (and the rule to open). */
  alertsHref: (ruleId?: number) => string;
}

/**
 * The header's bell: how many alerts are firing now (of the kinds the role may see), and a list of them
 * leading to the Alerts page. Polls every 15 s; the BFF evaluates after each sync.
 */
export function AlertBell({ tz, alertsHref }: AlertBellProps) {
  const alerts = useAlerts();
  const labelId = useId();
  const firing = alerts.data?.firing ?? [];
  const zoned = createZonedFormatter(tz);
  const label = alerts.isError
    ? 'Alerts: could not be loaded'
    : firing.length === 0
      ? 'Alerts: none firing'
      : `Alerts: ${firing.length} firing`;
  return (
    <Popover
      summaryClassName={`alert-bell${firing.length > 0 ? ' is-firing' : ''}`}
      summaryLabelledBy={labelId}
      panelClassName="popover__panel--right alert-bell__panel"
      summary={
        <>
          <svg
            className="alert-bell__icon"
            viewBox="0 0 24 24"
            width="18"
            height="18"
            aria-hidden="true"
            focusable="false"
          >
            <path
              d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm0 18a2.5 2.5 0 0 0 2.4-2h-4.8A2.5 2.5 0 0 0 12 21Z"
              fill="currentColor"
            />
          </svg>
          {firing.length > 0 ? (
            <span aria-hidden="true" className="alert-bell__count">
              {firing.length}
            </span>
          ) : null}
          {/* Read out when the count changes, wherever the user is. */}
          <span className="visually-hidden" id={labelId} aria-live="polite">
            {label}
          </span>
        </>
      }
    >
      <section aria-label="Firing alerts">
        <p className="alert-bell__title">
          {firing.length === 0 ? 'Nothing is firing' : `${firing.length} firing`}
        </p>
        {alerts.isError ? (
          <p className="inline-error">Alerts could not be loaded; they are tried again shortly.</p>
        ) : null}
        <ul className="alert-bell__list">
          {firing.map((event) => (
            <li key={event.id}>
              <Link to={alertsHref(event.ruleId)} className="alert-bell__item">
                <strong>{event.ruleName}</strong>
                {event.level ? <span className="badge badge--red">{levelText(event.level)}</span> : null}
                <span className="alert-bell__value">{eventValue(event)}</span>
                <span className="alert-bell__since">
                  since {zoned.dateTime(Date.parse(event.at)).slice(0, 16)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <Link to={alertsHref()} className="button button--small">
          Open Alerts
        </Link>
      </section>
    </Popover>
  );
}
