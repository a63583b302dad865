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

/** Bars a cost chart draws before folding the rest into "Other". */
export const TOP_COST_BARS = 15;

/**
 * The countries/operators that cost most in one currency, biggest first, and the rest summed (as decimals)
 * into one "Other" bar last. Ranked by cost, not calls: a cost chart answers "where does the money go".
 */
export function costByCode(rows: readonly OperatorRow[], currency: string, top = TOP_COST_BARS): CostBar[] {
  const bars: CostBar[] = [];
  for (const row of rows) {
    const amount = amountIn(row.cost, currency);
    if (amount === null) continue;
    bars.push({
      code: row.code,
      label: row.code,
      isOther: false,
      value: Number(amount),
      amount,
      calls: row.calls,
    });
  }
  bars.sort((a, b) => new Big(b.amount).cmp(a.amount) || a.label.localeCompare(b.label));
  if (bars.length <= top + 1) return bars;
  const rest = bars.slice(top);
  const amount = rest.reduce((sum, bar) => sum.plus(bar.amount), new Big(0)).toFixed();
  return [
    ...bars.slice(0, top),
    {
      code: '',
      label: `${OTHER_LABEL} (${rest.length})`,
      isOther: true,
      value: Number(amount),
      amount,
      calls: rest.reduce((sum, bar) => sum + bar.calls, 0),
    },
  ];
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
