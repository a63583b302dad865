// The previous comparable period beside the current one: counts, answer rate, average call duration and cost
// per currency, overall and per country/operator, with absolute and relative change. Exact decimals (big.js);
// amounts are only ever compared within their currency.
import {
  type Change,
  type Comparison,
  DEFAULT_SHORT_CALL_SECONDS,
  previousPeriod,
  trimDecimal,
} from '@callboard/contracts';
import Big from 'big.js';
import type { BoundedFilters } from '../http/filters.js';
import type { RecordStore, SummaryFigures } from '../store/record-store.js';

/** A decimal constructor of its own (20 digits for divisions) that leaves big.js's global settings alone. */
const Decimal = Big();

type Value = Big | null;

const text = (value: Value, places: number) => (value === null ? null : trimDecimal(value.toFixed(places)));

/** The change from `previous` to `current`: absolute, and relative in percent of the previous value. */
export function change(current: Value, previous: Value, places = 8): Change {
  const absolute = current !== null && previous !== null ? current.minus(previous) : null;
  const relative =
    absolute !== null && previous !== null && !previous.eq(0)
      ? absolute.div(previous.abs()).times(100)
      : null;
  return {
    current: text(current, places),
    previous: text(previous, places),
    absolute: text(absolute, places),
    relative: relative === null ? null : relative.toFixed(2),
  };
}

const count = (n: number | undefined) => new Decimal(n ?? 0);
const ratioPercent = (part: number, whole: number): Value =>
  whole === 0 ? null : new Decimal(part).div(whole).times(100);
const average = (sum: number, n: number): Value => (n === 0 ? null : new Decimal(sum).div(n));
const amount = (value: string | null | undefined): Big => new Decimal(value ?? '0');

/** Builds the comparison from the two periods' summaries. */
export function compareSummaries(
  current: SummaryFigures,
  previous: SummaryFigures,
  periods: { current: { from: number; to: number }; previous: { from: number; to: number } },
  basis: Comparison['basis'],
  tz: string,
): Comparison {
  const iso = (ms: number) => new Date(ms).toISOString();
  const currencies = [
    ...new Set([...current.currencies, ...previous.currencies].map((c) => c.currency)),
  ].sort();
  const codes = [...new Set([...current.byCode, ...previous.byCode].map((c) => c.code))];
  const byCurrency = (figures: SummaryFigures, currency: string) =>
    figures.currencies.find((c) => c.currency === currency);
  const byCode = (figures: SummaryFigures, code: string) => figures.byCode.find((c) => c.code === code);
  return {
    tz,
    basis,
    current: { from: iso(periods.current.from), to: iso(periods.current.to) },
    previous: { from: iso(periods.previous.from), to: iso(periods.previous.to) },
    overall: {
      calls: change(count(current.overall.calls), count(previous.overall.calls), 0),
      answered: change(count(current.overall.answered), count(previous.overall.answered), 0),
      asr: change(
        ratioPercent(current.overall.answered, current.overall.calls),
        ratioPercent(previous.overall.answered, previous.overall.calls),
        2,
      ),
      acdSeconds: change(
        average(current.overall.talkSeconds, current.overall.answered),
        average(previous.overall.talkSeconds, previous.overall.answered),
        2,
      ),
    },
    currencies: currencies.map((currency) => {
      const now = byCurrency(current, currency);
      const before = byCurrency(previous, currency);
      return {
        currency,
        calls: change(count(now?.calls), count(before?.calls), 0),
        cost: change(amount(now?.cost), amount(before?.cost)),
      };
    }),
    byCode: codes
      .map((code) => {
        const now = byCode(current, code);
        const before = byCode(previous, code);
        const costCurrencies = [
          ...new Set([...(now?.cost ?? []), ...(before?.cost ?? [])].map((m) => m.currency)),
        ];
        const costIn = (row: typeof now, currency: string) =>
          amount(row?.cost?.find((m) => m.currency === currency)?.amount);
        return {
          code,
          calls: change(count(now?.calls), count(before?.calls), 0),
          answered: change(count(now?.answered), count(before?.answered), 0),
          asr: change(
            ratioPercent(now?.answered ?? 0, now?.calls ?? 0),
            ratioPercent(before?.answered ?? 0, before?.calls ?? 0),
            2,
          ),
          cost: costCurrencies.sort().map((currency) => ({
            currency,
            change: change(costIn(now, currency), costIn(before, currency)),
          })),
        };
      })
      .sort((a, b) => Number(b.calls.current) - Number(a.calls.current) || a.code.localeCompare(b.code)),
  };
}

/** The range's figures and the previous comparable period's, compared. */
export async function comparePeriods(
  store: RecordStore,
  filters: BoundedFilters,
): Promise<{ comparison: Comparison; previous: BoundedFilters }> {
  const period = previousPeriod(filters.from, filters.to, filters.tz);
  const previous = { ...filters, from: period.from, to: period.to };
  const [now, before] = await Promise.all([
    store.summary(filters, DEFAULT_SHORT_CALL_SECONDS),
    store.summary(previous, DEFAULT_SHORT_CALL_SECONDS),
  ]);
  const comparison = compareSummaries(
    now,
    before,
    { current: { from: filters.from, to: filters.to }, previous: period },
    period.basis,
    filters.tz,
  );
  return { comparison, previous };
}
