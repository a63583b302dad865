import type { CurrencyTotals } from '@callboard/contracts';
import type { ReactNode } from 'react';
import { MoneyTotal } from '@/components/money-total';
import { currencyCode, formatCount, formatDuration, formatLongDuration, formatPercent } from '@/lib/format';

/** One row of KPIs per currency: totals in different currencies are never added up. */
export function KpiCards({ currencies }: { currencies: CurrencyTotals[] }) {
  return (
    <div className="kpi-groups">
      {currencies.map((totals) => {
        const code = currencyCode(totals.currency);
        return (
          <section key={code} className="kpi-group" aria-label={`${code} totals`}>
            <h2 className="kpi-group__currency">{code}</h2>
            <dl className="kpis">
              <Kpi
                label={`Total cost (${code})`}
                value={totals.cost === undefined ? '–' : <MoneyTotal amount={totals.cost} currency={code} />}
                strong
              />
              <Kpi
                label="Base cost (USD)"
                value={
                  totals.baseCostUsd === undefined ? (
                    '–'
                  ) : (
                    <MoneyTotal amount={totals.baseCostUsd} currency="USD" />
                  )
                }
              />
              <Kpi label="Calls" value={formatCount(totals.calls)} />
              <Kpi label="Answered" value={formatCount(totals.answered)} />
              <Kpi label="ASR" value={formatPercent(totals.asr)} />
              <Kpi label="ACD" value={totals.acdSeconds === null ? '–' : formatDuration(totals.acdSeconds)} />
              <Kpi
                label="Billing overhead"
                value={formatLongDuration(totals.overheadSeconds)}
                detail={
                  totals.overheadCost === undefined ? undefined : (
                    <MoneyTotal amount={totals.overheadCost} currency={code} />
                  )
                }
              />
            </dl>
          </section>
        );
      })}
    </div>
  );
}

function Kpi({
  label,
  value,
  detail,
  strong,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  strong?: boolean;
}) {
  return (
    <div className={strong ? 'kpi kpi--strong' : 'kpi'}>
      <dt>{label}</dt>
      <dd>
        {value}
        {detail ? <span className="kpi__detail">{detail}</span> : null}
      </dd>
    </div>
  );
}
