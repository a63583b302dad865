import {
  createZonedFormatter,
  MONEY_COLUMN_IDS,
  offsetLabel,
  RECORD_COLUMNS,
  type RecordDetail,
} from '@callboard/contracts';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/error-state';
import { calleeDigits, formatCallee, formatDuration, formatMoney, NO_VALUE } from '@/lib/format';
import { useRecord } from '../api/get-record';
import { formatCell, type ZonedFormatter } from '../utils/format-cell';
import { buildTimeline } from '../utils/timeline';
import { TerminationBadge } from './termination-badge';

interface RecordDetailPanelProps {
  voiceId: string;
  tz: string;
  onClose: () => void;
  /** Link to every call to this record's callee, keeping the zone. */
  calleeHref: (digits: string) => string;
  /** The BFF leaves money out for roles without it; this only saves showing empty money rows. */
  moneyVisible: boolean;
}

export function RecordDetailPanel({
  voiceId,
  tz,
  onClose,
  calleeHref,
  moneyVisible,
}: RecordDetailPanelProps) {
  const query = useRecord(voiceId);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const zoned = createZonedFormatter(tz);
  return (
    <aside className="detail-panel" role="dialog" aria-modal="false" aria-labelledby="detail-title">
      <header className="detail-panel__header">
        <h2 id="detail-title" ref={headingRef} tabIndex={-1}>
          {query.data ? formatCallee(query.data.callee) : 'Call details'}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close details (Escape)">
          ×
        </button>
      </header>
      <div className="detail-panel__body">
        {query.isError ? (
          <ErrorState
            error={query.error}
            onRetry={() => void query.refetch()}
            title="Could not load this call"
          />
        ) : !query.data ? (
          <div className="detail-skeleton" aria-busy="true">
            <span className="skeleton skeleton--block" />
            <span className="skeleton skeleton--block" />
          </div>
        ) : (
          <RecordDetailBody
            record={query.data}
            tz={tz}
            zoned={zoned}
            calleeHref={calleeHref(calleeDigits(query.data.callee))}
            moneyVisible={moneyVisible}
          />
        )}
      </div>
    </aside>
  );
}

function RecordDetailBody({
  record,
  tz,
  zoned,
  calleeHref,
  moneyVisible,
}: {
  record: RecordDetail;
  tz: string;
  zoned: ZonedFormatter;
  calleeHref: string;
  moneyVisible: boolean;
}) {
  const timeline = buildTimeline(record);
  const hasMoney = moneyVisible && record.cost !== undefined;
  const inProgress = record.inProgress;
  // Every time here names its offset, so a screenshot or a copied line cannot be read in the wrong zone.
  const at = (iso: string) => {
    const ms = Date.parse(iso);
    return `${zoned.dateTime(ms)} ${offsetLabel(zoned.offsetAt(ms))}`;
  };
  return (
    <>
      <div className="detail-summary">
        <TerminationBadge record={record} />
        <span>{record.code}</span>
        <Link to={calleeHref} className="detail-summary__link">
          All calls to this number →
        </Link>
      </div>

      <section aria-labelledby="timeline-title">
        <h3 id="timeline-title">Timeline</h3>
        <p className="detail-panel__zone">Times in {tz}</p>
        <ol className="timeline">
          {timeline.map((step) => (
            <li key={step.label} className={step.at ? 'timeline__step' : 'timeline__step is-missing'}>
              {step.gapSeconds !== null ? (
                <span className="timeline__gap">
                  +{step.gapSeconds} s{step.gapLabel ? ` ${step.gapLabel}` : ''}
                </span>
              ) : null}
              <span className="timeline__label">{step.label}</span>
              <span className="timeline__time">
                {step.at ? at(step.at) : inProgress ? 'not yet: the call is in progress' : 'did not happen'}
              </span>
            </li>
          ))}
        </ol>
        <dl className="facts facts--inline">
          <div>
            <dt>Ring time</dt>
            <dd>{record.ringSeconds === null ? '–' : `${record.ringSeconds} s`}</dd>
          </div>
          <div>
            <dt>Time to answer</dt>
            <dd>{record.answerDelaySeconds === null ? '–' : `${record.answerDelaySeconds} s`}</dd>
          </div>
          <div>
            <dt>Talk time</dt>
            <dd>{formatDuration(record.callDuration)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="billing-title">
        <h3 id="billing-title">Billing</h3>
        <dl className="facts">
          <div>
            <dt>Billing increments</dt>
            <dd>{record.billPeriod || '–'}</dd>
          </div>
          <div>
            <dt>Charged vs talked</dt>
            <dd>
              {record.chargedDuration} s charged / {record.callDuration} s talked (+{record.overheadSeconds}{' '}
              s)
            </dd>
          </div>
          {hasMoney ? (
            <>
              <div>
                <dt>Rate</dt>
                <dd>{record.rate ? formatMoney(record.rate, record.currency) : '–'}</dd>
              </div>
              <div>
                <dt>Cost</dt>
                <dd>{record.cost ? formatMoney(record.cost, record.currency) : '–'}</dd>
              </div>
              <div>
                <dt>Base cost (USD)</dt>
                <dd>{record.baseCost ? formatMoney(record.baseCost, 'USD') : '–'}</dd>
              </div>
              <div>
                <dt>Settle rate / pay (local currency)</dt>
                <dd>
                  {record.settleRate ? formatCell(record, 'settleRate', zoned) : '–'} /{' '}
                  {record.settlePay ? formatCell(record, 'settlePay', zoned) : '–'}
                </dd>
              </div>
              <div>
                <dt>Quote exchange</dt>
                <dd>{record.quoteExchange ?? '–'}</dd>
              </div>
            </>
          ) : null}
          <div>
            <dt>Key pressed</dt>
            <dd>{formatCell(record, 'feedbackValue', zoned) || NO_VALUE}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="fields-title">
        <h3 id="fields-title">Every field</h3>
        <dl className="facts facts--grid">
          {RECORD_COLUMNS.filter((c) => hasMoney || !MONEY_COLUMN_IDS.includes(c.id)).map((column) => (
            <div key={column.id}>
              <dt>{column.label}</dt>
              <dd>
                {column.kind === 'time'
                  ? record[column.id]
                    ? at(record[column.id] as string)
                    : NO_VALUE
                  : formatCell(record, column.id, zoned) || NO_VALUE}
              </dd>
            </div>
          ))}
          {Object.entries(record.original).map(([key, value]) => (
            <div key={key}>
              <dt>Upstream {key}</dt>
              <dd>{value || '–'}</dd>
            </div>
          ))}
          <div>
            <dt>Synced</dt>
            <dd>{at(record.syncedAt)}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}
