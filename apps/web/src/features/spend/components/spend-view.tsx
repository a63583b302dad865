import type { OperatorRow, SummaryResponse } from '@callboard/contracts';
import { useState } from 'react';
import { ChartCard } from '@/components/chart-card';
import { FiguresTable } from '@/components/figures-table';
import { currencyCode, formatCount, formatMoney, formatPercent } from '@/lib/format';
import { costByCode, dailySpend, OTHER_LABEL, spendCurrencies } from '../utils/spend-data';
import { CostByCodeChart } from './cost-by-code-chart';
import { DailySpendChart } from './daily-spend-chart';
import { KpiCards } from './kpi-cards';
import { prefersReducedMotion } from '@/lib/motion';

interface SpendViewProps {
  summary: SummaryResponse;
  onSelectCode: (code: string) => void;
  onSelectDay: (day: string) => void;
  animate?: boolean;
}

function costText(cost: OperatorRow['cost'], currency: string): string {
  const amount = cost?.find((m) => currencyCode(m.currency) === currency)?.amount;
  return amount === undefined ? '' : formatMoney(amount, currency);
}

export function SpendView({
  summary,
  onSelectCode,
  onSelectDay,
  animate = !prefersReducedMotion(),
}: SpendViewProps) {
  const currencies = spendCurrencies(summary);
  const [picked, setPicked] = useState<string | null>(null);
  const currency = picked && currencies.includes(picked) ? picked : (currencies[0] ?? null);
  const stamp = `${summary.range.from?.slice(0, 10) ?? 'start'}_${summary.range.to?.slice(0, 10) ?? 'now'}`;

  return (
    <div className="view-grid">
      {currencies.length === 0 ? (
        <p className="notice notice--info">
          Spend figures are not available for your role; call counts are shown.
        </p>
      ) : null}
      <KpiCards currencies={summary.currencies} />
      {currencies.length > 1 && currency ? (
        <label className="inline-field chart-currency">
          <span>Chart currency</span>
          <select value={currency} onChange={(event) => setPicked(event.target.value)}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="chart-row">
        {currency ? (
          <ChartCard
            title={`Cost by country/operator (${currency})`}
            hint="Top countries/operators; the rest are grouped as Other. Click a bar to see its calls."
          >
            <CostByCodeChart
              bars={costByCode(summary.byCode, currency)}
              currency={currency}
              onSelectCode={onSelectCode}
              animate={animate}
            />
          </ChartCard>
        ) : null}
        <ChartCard
          title={currency ? `Cost and calls per day (${currency})` : 'Calls per day'}
          hint={`Days in ${summary.range.tz}. Click a day to see its calls.`}
        >
          <DailySpendChart
            points={dailySpend(summary.byDay, currency ?? '')}
            currency={currency}
            onSelectDay={onSelectDay}
            animate={animate}
          />
        </ChartCard>
      </div>
      <div className="chart-row">
        <FiguresTable
          caption="Per day"
          filename={`callboard-spend-per-day-${stamp}.csv`}
          rows={summary.byDay}
          rowKey={(row) => row.day}
          columns={[
            { label: 'Day', value: (row) => row.day },
            { label: 'Calls', value: (row) => formatCount(row.calls), numeric: true },
            { label: 'Answered', value: (row) => formatCount(row.answered), numeric: true },
            ...currencies.map((c) => ({
              label: `Cost ${c}`,
              value: (row: (typeof summary.byDay)[number]) => costText(row.cost, c),
              numeric: true,
            })),
          ]}
        />
        <FiguresTable
          caption="Per country/operator"
          filename={`callboard-spend-per-operator-${stamp}.csv`}
          rows={summary.byCode}
          rowKey={(row) => (row.isOther ? '__other' : row.code)}
          columns={[
            { label: 'Country/operator', value: (row) => (row.isOther ? OTHER_LABEL : row.code) },
            { label: 'Calls', value: (row) => formatCount(row.calls), numeric: true },
            { label: 'ASR', value: (row) => formatPercent(row.asr), numeric: true },
            ...currencies.map((c) => ({
              label: `Cost ${c}`,
              value: (row: OperatorRow) => costText(row.cost, c),
              numeric: true,
            })),
          ]}
        />
      </div>
    </div>
  );
}
