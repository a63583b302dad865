import { type DayRow, exportFileName, type OperatorRow, type SummaryResponse } from '@callboard/contracts';
import { useState } from 'react';
import { ChartCard } from '@/components/chart-card';
import { FiguresTable } from '@/components/figures-table';
import { MoneyTotal } from '@/components/money-total';
import { formatCount, formatPercent } from '@/lib/format';
import { prefersReducedMotion } from '@/lib/motion';
import { costByCode, dailySpend, moneyIn, spendCurrencies } from '../utils/spend-data';
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
  // Files are named after the days the user chose, in the user's zone, as the server names its exports.
  const fileName = (what: string) =>
    exportFileName(what, {
      from: summary.range.from ? Date.parse(summary.range.from) : null,
      to: summary.range.to ? Date.parse(summary.range.to) : null,
      tz: summary.range.tz,
    });

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
        filename={fileName('billing-increments')}
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
          filename={fileName('spend-per-day')}
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
          filename={fileName('spend-per-operator')}
          scroll
          rows={summary.byCode}
          rowKey={(row) => row.code}
          columns={[
            {
              label: 'Country/operator',
              value: (row) => row.code,
              csv: (row) => row.code,
              sort: (row) => row.code,
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
              csvLabel: 'ASR (0-1)',
              csv: (row) => row.asr,
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
