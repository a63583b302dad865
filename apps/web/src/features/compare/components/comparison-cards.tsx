import { type Change, type Comparison, createZonedFormatter } from '@callboard/contracts';
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/error-state';
import { currencyCode, formatCount, formatMoneyTotal } from '@/lib/format';
import { useComparison } from '../api/get-comparison';

const BASIS_TEXT: Record<Comparison['basis'], string> = {
  month: 'the month before',
  week: 'the week before',
  length: 'the same length just before',
};

type Kind = 'count' | 'percent' | 'seconds' | { currency: string };

function show(value: string | null, kind: Kind): string {
  if (value === null) return '–';
  if (kind === 'count') return formatCount(Number(value));
  if (kind === 'percent') return `${Number(value).toFixed(1)}%`;
  if (kind === 'seconds') return `${Number(value).toFixed(1)} s`;
  return formatMoneyTotal(value, kind.currency);
}

/** "+€12.50 (+4.2%)": the absolute change in the figure's own unit, and the relative one. */
function delta(change: Change, kind: Kind): string {
  if (change.absolute === null) return 'no previous figure';
  const sign = change.absolute.startsWith('-') ? '' : '+';
  const absolute =
    kind === 'percent'
      ? `${sign}${Number(change.absolute).toFixed(1)} pts`
      : `${sign}${show(change.absolute, kind)}`;
  const relative =
    change.relative === null ? '' : ` (${change.relative.startsWith('-') ? '' : '+'}${change.relative}%)`;
  return `${absolute}${relative}`;
}

function trend(change: Change): 'up' | 'down' | 'flat' {
  if (change.absolute === null || Number(change.absolute) === 0) return 'flat';
  return change.absolute.startsWith('-') ? 'down' : 'up';
}

function CompareCard({ label, change, kind }: { label: ReactNode; change: Change; kind: Kind }) {
  return (
    <div className="compare-card">
      <dt>{label}</dt>
      <dd>
        <span className="compare-card__value">{show(change.current, kind)}</span>
        <span className={`compare-card__delta is-${trend(change)}`}>{delta(change, kind)}</span>
        <span className="compare-card__previous">previously {show(change.previous, kind)}</span>
      </dd>
    </div>
  );
}

/**
 * The range's KPIs beside the previous comparable period, per currency (amounts are never added across
 * currencies), and a table of the operators with the biggest volumes, current against previous.
 */
export function ComparisonCards({
  filterParams,
  show: what,
}: {
  filterParams: URLSearchParams;
  show: 'spend' | 'outcomes';
}) {
  const query = useComparison(filterParams);
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        title="Could not compare with the previous period"
      />
    );
  if (!query.data) return null;
  const { comparison } = query.data;
  const day = createZonedFormatter(comparison.tz).day;
  const previousText = `${day(Date.parse(comparison.previous.from))} – ${day(Date.parse(comparison.previous.to) - 1)}`;
  const top = comparison.byCode.slice(0, 8);
  return (
    <section className="card compare" aria-labelledby="compare-title">
      <header className="card__header">
        <h2 className="card__title" id="compare-title">
          Compared with the previous period
        </h2>
        <p className="card__hint">
          {BASIS_TEXT[comparison.basis]}: {previousText} ({comparison.tz})
        </p>
      </header>
      <dl className="compare-cards" aria-label="Change against the previous period">
        {what === 'spend'
          ? comparison.currencies.map((c) =>
              c.cost ? (
                <CompareCard
                  key={c.currency}
                  label={`Cost (${currencyCode(c.currency)})`}
                  change={c.cost}
                  kind={{ currency: c.currency }}
                />
              ) : null,
            )
          : null}
        <CompareCard label="Calls" change={comparison.overall.calls} kind="count" />
        <CompareCard label="Answer rate" change={comparison.overall.asr} kind="percent" />
        <CompareCard label="Average call duration" change={comparison.overall.acdSeconds} kind="seconds" />
      </dl>
      {top.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compare-table">
            <caption className="visually-hidden">Country/operator, current against previous period</caption>
            <thead>
              <tr>
                <th scope="col">Country/operator</th>
                <th scope="col">Calls</th>
                <th scope="col">Change</th>
                {what === 'spend' ? (
                  <th scope="col">Cost change</th>
                ) : (
                  <th scope="col">Answer rate change</th>
                )}
              </tr>
            </thead>
            <tbody>
              {top.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{row.code}</th>
                  <td>{show(row.calls.current, 'count')}</td>
                  <td>{delta(row.calls, 'count')}</td>
                  <td>
                    {what === 'spend'
                      ? (row.cost ?? []).map((c) => (
                          <span key={c.currency} className="compare-table__money">
                            {delta(c.change, { currency: c.currency })}
                          </span>
                        ))
                      : delta(row.asr, 'percent')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
