import type { DayRow, OperatorRow, SummaryResponse } from '@callboard/contracts';
import { useState } from 'react';
import { ChartCard } from '@/components/chart-card';
import { FiguresTable } from '@/components/figures-table';
import { MoneyTotal } from '@/components/money-total';
import { rangeDays } from '@/lib/date-presets';
import { formatCount, formatPercent } from '@/lib/format';
import { prefersReducedMotion } from '@/lib/motion';
import { costByCode, dailySpend, moneyIn, OTHER_LABEL, spendCurrencies } from '../utils/spend-data';
import { BillingSplit } from './billing-split';
import { CostByCodeChart } from './cost-by-code-chart';
import { DailySpendChart } from './daily-spend-chart';
import { KpiCards } from './kpi-cards';

interface SpendViewProps {
  summary: SummaryResponse;
  onSelectCode: (code: string) => void;
  onSelectDay: (day: string) => void;
  animate?: boolean;
}

/** A money column of a figures table: rounded on screen (exact in the tooltip), exact in the CSV. */
function costColumn<T>(
  currency: string,
  cost: (row: T) => { currency: string; amount: string }[] | undefined,
) {
  return {
    label: `Cost ${currency}`,
    value: (row: T) => {
      const amount = moneyIn(cost(row), currency);
      return amount === null ? '' : <MoneyTotal amount={amount} currency={currency} exact="title" />;
    },
    csv: (row: T) => moneyIn(cost(row), currency) ?? '',
    sort: (row: T) => Number(moneyIn(cost(row), currency) ?? -1),
    numeric: true,
  };
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
  // Files are named after the days the user chose, in the user's zone.
  const days = rangeDays(summary.range);
  const stamp = `${days.first ?? 'start'}_to_${days.last ?? 'now'}_${summary.range.tz.replaceAll('/', '-')}`;

  return (
    <div className="view-grid">
      {currencies.length === 0 ? (
        <p className="notice notice--info">
          Spend figures are not available for your role; call counts are shown.
        </p>
      ) : null}
      <KpiCards currencies={summary.currencies} />
      <BillingSplit
        rows={summary.byBillPeriod}
        currencies={currencies}
        filename={`callboard-billing-increments_${stamp}.csv`}
      />
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
          hint={`Days in ${summary.range.tz}. Click a day, or focus it and press Enter, to see its calls; the per-day table below has the same figures.`}
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
          filename={`callboard-spend-per-day_${stamp}.csv`}
          rows={summary.byDay}
          rowKey={(row) => row.day}
          columns={[
            { label: 'Day', value: (row) => row.day, csv: (row) => row.day, sort: (row) => row.day },
            {
              label: 'Calls',
              value: (row) => formatCount(row.calls),
              csv: (row) => String(row.calls),
              sort: (row) => row.calls,
              numeric: true,
            },
            {
              label: 'Answered',
              value: (row) => formatCount(row.answered),
              csv: (row) => String(row.answered),
              sort: (row) => row.answered,
              numeric: true,
            },
            ...currencies.map((c) => costColumn<DayRow>(c, (row) => row.cost)),
          ]}
        />
        <FiguresTable
          caption="Per country/operator"
          filename={`callboard-spend-per-operator_${stamp}.csv`}
          rows={summary.byCode}
          rowKey={(row) => (row.isOther ? '__other' : row.code)}
          columns={[
            {
              label: 'Country/operator',
              value: (row) => (row.isOther ? OTHER_LABEL : row.code),
              csv: (row) => (row.isOther ? OTHER_LABEL : row.code),
              sort: (row) => (row.isOther ? OTHER_LABEL : row.code),
            },
            {
              label: 'Calls',
              value: (row) => formatCount(row.calls),
              csv: (row) => String(row.calls),
              sort: (row) => row.calls,
              numeric: true,
            },
            {
              label: 'ASR',
              value: (row) => formatPercent(row.asr),
              csv: (row) => String(row.asr ?? ''),
              sort: (row) => row.asr ?? -1,
              numeric: true,
            },
            ...currencies.map((c) => costColumn<OperatorRow>(c, (row) => row.cost)),
          ]}
        />
      </div>
    </div>
  );
}
