import type { SummaryResponse } from '@callboard/contracts';
import { FiguresTable } from '@/components/figures-table';
import { MoneyTotal } from '@/components/money-total';
import { formatCount, formatLongDuration, formatPercent } from '@/lib/format';
import { billingTotal, moneyIn, overheadShare } from '../utils/spend-data';

type BillingRow = SummaryResponse['byBillPeriod'][number];

/** What each billing increment (`20+20`, `60+60`) adds: charged seconds beyond talk time, and their cost. */
export function BillingSplit({
  rows,
  currencies,
  filename,
}: {
  rows: BillingRow[];
  currencies: string[];
  filename: string;
}) {
  const money = (currency: string) => ({
    label: `Overhead cost ${currency}`,
    value: (row: BillingRow) => {
      const amount = moneyIn(row.overheadCost, currency);
      return amount === null ? '' : <MoneyTotal amount={amount} currency={currency} exact="title" />;
    },
    csv: (row: BillingRow) => moneyIn(row.overheadCost, currency) ?? '',
    sort: (row: BillingRow) => Number(moneyIn(row.overheadCost, currency) ?? 0),
    numeric: true,
  });
  return (
    <FiguresTable
      caption="Billing increments"
      hint="Charged time beyond talk time, per increment: a 60+60 call of 5 s is charged 60 s. Overhead cost is that time's share of the cost."
      filename={filename}
      rows={rows}
      footer={billingTotal(rows, currencies)}
      rowKey={(row) => row.billPeriod}
      columns={[
        {
          label: 'Increment',
          value: (row) => row.billPeriod || 'none',
          csv: (row) => row.billPeriod,
          sort: (row) => row.billPeriod,
        },
        {
          label: 'Calls',
          value: (row) => formatCount(row.calls),
          csv: (row) => String(row.calls),
          sort: (row) => row.calls,
          numeric: true,
        },
        {
          label: 'Talk time',
          csvLabel: 'Talk time (s)',
          value: (row) => formatLongDuration(row.talkSeconds),
          csv: (row) => String(row.talkSeconds),
          sort: (row) => row.talkSeconds,
          numeric: true,
        },
        {
          label: 'Charged time',
          csvLabel: 'Charged time (s)',
          value: (row) => formatLongDuration(row.chargedSeconds),
          csv: (row) => String(row.chargedSeconds),
          sort: (row) => row.chargedSeconds,
          numeric: true,
        },
        {
          label: 'Overhead time',
          csvLabel: 'Overhead time (s)',
          value: (row) => formatLongDuration(row.overheadSeconds),
          csv: (row) => String(row.overheadSeconds),
          sort: (row) => row.overheadSeconds,
          numeric: true,
        },
        {
          label: 'Overhead share',
          csvLabel: 'Overhead share (0-1)',
          value: (row) => formatPercent(overheadShare(row)),
          csv: (row) => String(overheadShare(row) ?? ''),
          sort: (row) => overheadShare(row) ?? -1,
          numeric: true,
        },
        ...currencies.map(money),
      ]}
    />
  );
}
