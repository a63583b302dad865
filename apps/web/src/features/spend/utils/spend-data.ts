// Shapes the summary for the spend charts. Each chart shows one currency: amounts in different currencies
// are never added together. Number() is used only for bar lengths; labels keep the exact decimal string.
import type { DayRow, OperatorRow, SummaryResponse } from '@callboard/contracts';
import Big from 'big.js';
import { currencyCode } from '@/lib/format';

export const OTHER_LABEL = 'Other';

export function spendCurrencies(summary: SummaryResponse): string[] {
  return summary.currencies.filter((c) => c.cost !== undefined).map((c) => currencyCode(c.currency));
}

export function hasSpend(summary: SummaryResponse): boolean {
  return spendCurrencies(summary).length > 0;
}

function amountIn(cost: OperatorRow['cost'], currency: string): string | null {
  return cost?.find((m) => currencyCode(m.currency) === currency)?.amount ?? null;
}

export interface CostBar {
  code: string;
  label: string;
  isOther: boolean;
  /** For bar length only. */
  value: number;
  /** Exact, for labels and tooltips. */
  amount: string;
  calls: number;
}

/** Top countries/operators by cost in one currency, biggest first, with the "other" row last. */
export function costByCode(rows: readonly OperatorRow[], currency: string): CostBar[] {
  const bars: CostBar[] = [];
  for (const row of rows) {
    const amount = amountIn(row.cost, currency);
    if (amount === null) continue;
    bars.push({
      code: row.code,
      label: row.isOther ? OTHER_LABEL : row.code,
      isOther: row.isOther,
      value: Number(amount),
      amount,
      calls: row.calls,
    });
  }
  return bars.sort((a, b) => Number(a.isOther) - Number(b.isOther) || b.value - a.value);
}

export interface DayPoint {
  day: string;
  calls: number;
  answered: number;
  value: number;
  amount: string;
}

/** Calls and one currency's cost per local day; days without that currency show zero cost. */
export function dailySpend(rows: readonly DayRow[], currency: string): DayPoint[] {
  return rows.map((row) => {
    const amount = amountIn(row.cost, currency) ?? '0';
    return { day: row.day, calls: row.calls, answered: row.answered, value: Number(amount), amount };
  });
}

type BillingRow = SummaryResponse['byBillPeriod'][number];

/** One currency's amount in a list of money, or null when that currency does not occur. */
export function moneyIn(list: readonly { currency: string; amount: string }[] | undefined, currency: string) {
  return list?.find((m) => currencyCode(m.currency) === currency)?.amount ?? null;
}

/** The increments summed into one "all increments" row; money added as decimals, per currency. */
export function billingTotal(rows: readonly BillingRow[], currencies: readonly string[]): BillingRow {
  const sum = (pick: (row: BillingRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    billPeriod: 'All increments',
    calls: sum((r) => r.calls),
    talkSeconds: sum((r) => r.talkSeconds),
    chargedSeconds: sum((r) => r.chargedSeconds),
    overheadSeconds: sum((r) => r.overheadSeconds),
    overheadCost: rows.some((r) => r.overheadCost)
      ? currencies.map((currency) => ({
          currency,
          amount: rows
            .reduce((total, row) => total.plus(moneyIn(row.overheadCost, currency) ?? 0), new Big(0))
            .toFixed(),
        }))
      : undefined,
  };
}

/** Share of charged time that was not talked, from 0 to 1; null without charged time. */
export function overheadShare(row: Pick<BillingRow, 'overheadSeconds' | 'chargedSeconds'>): number | null {
  return row.chargedSeconds > 0 ? row.overheadSeconds / row.chargedSeconds : null;
}
