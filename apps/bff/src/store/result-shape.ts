// Engine-independent shaping of query results: rows from either store become the API's shapes here, so
// DuckDB and PostgreSQL answer with the same figures, decimals and order. Engines hand over counts, BIGINTs
// and decimals as numbers or strings; everything is normalised with Number()/String()/trimDecimal.

import {
  DAY_MS,
  DURATION_EDGES,
  type RecordDetail,
  type RecordRow,
  trimDecimal,
  zonedDays,
} from '@callboard/contracts';
import Big from 'big.js';
import { ARCHIVE_TOTALS_SQL } from './query-sql.js';
import type {
  ArchiveTotals,
  FacetFigures,
  LedgerWindow,
  StoreStats,
  SummaryFigures,
} from './record-store.js';

export type SqlRow = Record<string, unknown>;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const dec = (v: unknown) => (v === null || v === undefined ? null : trimDecimal(String(v)));

export function toRecordRow(r: SqlRow): RecordRow {
  return {
    voiceId: String(r.voice_id),
    callee: String(r.callee),
    displayNum: String(r.display_num),
    code: String(r.code),
    submitTime: iso(r.submit_at)!,
    callTime: iso(r.call_at),
    ringingTime: iso(r.ringing_at),
    answerTime: iso(r.answer_at),
    hangupTime: iso(r.hangup_at),
    callDuration: Number(r.call_duration),
    chargedDuration: Number(r.charged_duration),
    terminationCode: String(r.termination_code),
    terminationReason: String(r.termination_reason),
    billPeriod: String(r.bill_period),
    voiceFileId: String(r.voice_file_id),
    feedbackValue: String(r.feedback_value),
    calledInfo: String(r.called_info),
    currency: String(r.currency),
    cost: dec(r.cost)!,
    rate: dec(r.rate)!,
    baseCost: dec(r.base_cost)!,
    settleRate: dec(r.settle_rate),
    quoteExchange: dec(r.quote_exchange),
    settlePay: dec(r.settle_pay),
    answered: Boolean(r.answered),
    inProgress: r.hangup_at === null && r.termination_code === '',
    ringSeconds: num(r.ring_seconds),
    answerDelaySeconds: num(r.answer_delay_seconds),
    overheadSeconds: Number(r.overhead_seconds),
  };
}

// GROUPING(...) bitmasks: a set bit means the column is NOT grouped in that row; the first column is the
// highest bit. Money rows: GROUPING(currency, code, local_day, bill_period); count rows:
// GROUPING(code, termination_code, termination_reason, duration_bucket).
const grouped = (width: number, ...columns: number[]) =>
  ((1 << width) - 1) & ~columns.reduce((mask, c) => mask | (1 << (width - 1 - c)), 0);
const MONEY = {
  codeCurrency: grouped(4, 0, 1),
  dayCurrency: grouped(4, 0, 2),
  billCurrency: grouped(4, 0, 3),
};
const COUNTS = { codeTermination: grouped(4, 0, 1, 2), histogram: grouped(4, 3) };

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const moneyText = (amount: Big) => trimDecimal(amount.toFixed(8));
const moneyList = (byCurrency: Map<string, Big>) =>
  [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount: moneyText(amount) }));
const addMoney = (map: Map<string, Big>, currency: string, amount: Big | unknown) =>
  map.set(
    currency,
    (map.get(currency) ?? new Big(0)).plus(amount instanceof Big ? amount : new Big(String(amount ?? '0'))),
  );
/**
 * What the billing increments added to the cost of a group: its cost × overhead seconds / charged seconds,
 * rounded to 8 places. A share, not a per-call figure: a block's price is not split by the upstream.
 */
const overheadShare = (cost: Big, overhead: number, charged: number) =>
  charged === 0 ? new Big(0) : cost.times(overhead).div(charged).round(8);

interface Totals {
  calls: number;
  answered: number;
  shortCalls: number;
  keyPresses: number;
  talk: number;
  charged: number;
  overhead: number;
  cost: Big;
  baseCost: Big;
  settlePay: Big;
  settled: number;
  overheadCost: Big;
}
const emptyTotals = (): Totals => ({
  calls: 0,
  answered: 0,
  shortCalls: 0,
  keyPresses: 0,
  talk: 0,
  charged: 0,
  overhead: 0,
  cost: new Big(0),
  baseCost: new Big(0),
  settlePay: new Big(0),
  settled: 0,
  overheadCost: new Big(0),
});

/** Shapes the two summary scans (see summarySql) into the API's figures; every money sum stays exact. */
export function shapeSummary(
  moneyRows: SqlRow[],
  countRows: SqlRow[],
  tz: string,
  bounds: { from: number; to: number },
): SummaryFigures {
  const pick = (rows: SqlRow[], g: number) => rows.filter((r) => Number(r.g) === g);

  // Per currency (and overall) totals, folded from the billing rows: each call has one billing increment.
  const byCurrency = new Map<string, Totals>();
  const bills = new Map<
    string,
    { calls: number; talk: number; charged: number; overhead: number; cost: Map<string, Big> }
  >();
  for (const r of pick(moneyRows, MONEY.billCurrency)) {
    const currency = String(r.currency);
    const cost = new Big(String(r.cost ?? '0'));
    const share = overheadShare(cost, Number(r.overhead), Number(r.charged));
    const t = byCurrency.get(currency) ?? emptyTotals();
    t.calls += Number(r.calls);
    t.answered += Number(r.answered);
    t.shortCalls += Number(r.short_calls);
    t.keyPresses += Number(r.key_presses);
    t.talk += Number(r.talk);
    t.charged += Number(r.charged);
    t.overhead += Number(r.overhead);
    t.cost = t.cost.plus(cost);
    t.baseCost = t.baseCost.plus(String(r.base_cost ?? '0'));
    if (Number(r.settled) > 0) t.settlePay = t.settlePay.plus(String(r.settle_pay));
    t.settled += Number(r.settled);
    t.overheadCost = t.overheadCost.plus(share);
    byCurrency.set(currency, t);

    const period = String(r.bill_period);
    const entry = bills.get(period) ?? { calls: 0, talk: 0, charged: 0, overhead: 0, cost: new Map() };
    entry.calls += Number(r.calls);
    entry.talk += Number(r.talk);
    entry.charged += Number(r.charged);
    entry.overhead += Number(r.overhead);
    addMoney(entry.cost, currency, share);
    bills.set(period, entry);
  }
  const currencies = [...byCurrency.entries()]
    .map(([currency, t]) => ({
      currency,
      calls: t.calls,
      answered: t.answered,
      asr: ratio(t.answered, t.calls),
      talkSeconds: t.talk,
      chargedSeconds: t.charged,
      overheadSeconds: t.overhead,
      acdSeconds: t.answered === 0 ? null : t.talk / t.answered,
      shortCalls: t.shortCalls,
      keyPresses: t.keyPresses,
      cost: moneyText(t.cost),
      baseCostUsd: moneyText(t.baseCost),
      settlePay: t.settled > 0 ? moneyText(t.settlePay) : null,
      overheadCost: moneyText(t.overheadCost),
    }))
    .sort((a, b) => b.calls - a.calls || byText(a.currency, b.currency));
  const calls = currencies.reduce((n, c) => n + c.calls, 0);
  const answered = currencies.reduce((n, c) => n + c.answered, 0);
  const talk = currencies.reduce((n, c) => n + c.talkSeconds, 0);
  const shortCalls = currencies.reduce((n, c) => n + c.shortCalls, 0);
  const keyPresses = currencies.reduce((n, c) => n + c.keyPresses, 0);

  // Every country/operator, most calls first: views rank and fold the tail by the figure they show.
  interface OperatorAcc {
    calls: number;
    answered: number;
    shortCalls: number;
    keyPresses: number;
    talk: number;
    cost: Map<string, Big>;
    terminations: Record<string, number>;
  }
  const operators = new Map<string, OperatorAcc>();
  const operator = (code: string) => {
    let acc = operators.get(code);
    if (!acc) {
      acc = {
        calls: 0,
        answered: 0,
        shortCalls: 0,
        keyPresses: 0,
        talk: 0,
        cost: new Map(),
        terminations: {},
      };
      operators.set(code, acc);
    }
    return acc;
  };
  for (const r of pick(moneyRows, MONEY.codeCurrency)) {
    const acc = operator(String(r.code));
    acc.calls += Number(r.calls);
    acc.answered += Number(r.answered);
    acc.shortCalls += Number(r.short_calls);
    acc.keyPresses += Number(r.key_presses);
    acc.talk += Number(r.talk);
    addMoney(acc.cost, String(r.currency), r.cost);
  }
  const terminations = new Map<string, { calls: number; answered: number; reasons: Map<string, number> }>();
  for (const r of pick(countRows, COUNTS.codeTermination)) {
    const code = String(r.termination_code);
    const n = Number(r.calls);
    const acc = operator(String(r.code));
    acc.terminations[code] = (acc.terminations[code] ?? 0) + n;
    const entry = terminations.get(code) ?? { calls: 0, answered: 0, reasons: new Map() };
    entry.calls += n;
    entry.answered += Number(r.answered);
    const reason = String(r.termination_reason);
    entry.reasons.set(reason, (entry.reasons.get(reason) ?? 0) + n);
    terminations.set(code, entry);
  }
  const byCode = [...operators.entries()]
    .sort(([ca, a], [cb, b]) => b.calls - a.calls || byText(ca, cb))
    .map(([code, acc]) => ({
      code,
      calls: acc.calls,
      answered: acc.answered,
      asr: ratio(acc.answered, acc.calls),
      acdSeconds: acc.answered === 0 ? null : acc.talk / acc.answered,
      talkSeconds: acc.talk,
      shortCalls: acc.shortCalls,
      keyPresses: acc.keyPresses,
      cost: moneyList(acc.cost),
      terminations: acc.terminations,
    }));

  const byTermination = [...terminations.entries()]
    .map(([terminationCode, e]) => ({
      terminationCode,
      calls: e.calls,
      answered: e.answered,
      reasons: [...e.reasons.entries()]
        .map(([reason, n]) => ({ reason, calls: n }))
        .sort((a, b) => b.calls - a.calls || byText(a.reason, b.reason)),
    }))
    .sort((a, b) => b.calls - a.calls || byText(a.terminationCode, b.terminationCode));

  const days = new Map<string, { calls: number; answered: number; cost: Map<string, Big> }>();
  for (const r of pick(moneyRows, MONEY.dayCurrency)) {
    const day = new Date(Number(r.local_day) * DAY_MS).toISOString().slice(0, 10);
    const entry = days.get(day) ?? { calls: 0, answered: 0, cost: new Map() };
    entry.calls += Number(r.calls);
    entry.answered += Number(r.answered);
    addMoney(entry.cost, String(r.currency), r.cost);
    days.set(day, entry);
  }
  const byDay = zonedDays(bounds.from, bounds.to, tz).map((bucket) => {
    const entry = days.get(bucket.day);
    return {
      day: bucket.day,
      start: new Date(bucket.start).toISOString(),
      calls: entry?.calls ?? 0,
      answered: entry?.answered ?? 0,
      cost: entry ? moneyList(entry.cost) : [],
    };
  });

  const byBillPeriod = [...bills.entries()]
    .map(([billPeriod, e]) => ({
      billPeriod,
      calls: e.calls,
      talkSeconds: e.talk,
      chargedSeconds: e.charged,
      overheadSeconds: e.overhead,
      overheadCost: moneyList(e.cost),
    }))
    .sort((a, b) => b.calls - a.calls || byText(a.billPeriod, b.billPeriod));

  const histogramCounts = new Map(
    pick(countRows, COUNTS.histogram).map((r) => [Number(r.duration_bucket), Number(r.calls)]),
  );
  const edges = [0, ...DURATION_EDGES];
  const durationHistogram = edges.map((fromSeconds, i) => ({
    fromSeconds,
    toSeconds: edges[i + 1] ?? null,
    calls: histogramCounts.get(i) ?? 0,
  }));

  return {
    overall: {
      calls,
      answered,
      asr: ratio(answered, calls),
      acdSeconds: answered === 0 ? null : talk / answered,
      talkSeconds: talk,
      shortCalls,
      keyPresses,
    },
    currencies,
    byCode,
    byTermination,
    byDay,
    byBillPeriod,
    durationHistogram,
  };
}

/** A record with the upstream's original time strings, for the detail view. */
export function toRecordDetail(row: SqlRow): RecordDetail {
  return {
    ...toRecordRow(row),
    original: {
      submitTime: String(row.submit_time_raw),
      callTime: String(row.call_time_raw),
      ringingTime: String(row.ringing_time_raw),
      answerTime: String(row.answer_time_raw),
      hangupTime: String(row.hangup_time_raw),
    },
    syncedAt: new Date(Number(row.synced_at)).toISOString(),
  };
}

/** Reads the store's everything-figures with a store's own query function (one SQL for both engines). */
export async function readArchiveTotals(rows: (sql: string) => Promise<SqlRow[]>): Promise<ArchiveTotals> {
  const [byCurrency, windows] = await Promise.all([
    rows(ARCHIVE_TOTALS_SQL.byCurrency),
    rows(ARCHIVE_TOTALS_SQL.windows),
  ]);
  return toArchiveTotals(byCurrency, windows[0]);
}

/** Record count, oldest and newest call, with a store's own query function. */
export async function readStats(rows: (sql: string) => Promise<SqlRow[]>): Promise<StoreStats> {
  const [row] = await rows(
    'SELECT count(*) AS n, min(submit_at) AS oldest, max(submit_at) AS newest FROM records',
  );
  return toStoreStats(row);
}

/** ARCHIVE_TOTALS_SQL's rows → ArchiveTotals. */
export function toArchiveTotals(byCurrency: SqlRow[], windows: SqlRow | undefined): ArchiveTotals {
  const oldest = byCurrency.reduce<number | null>(
    (m, r) => (m === null || Number(r.oldest) < m ? Number(r.oldest) : m),
    null,
  );
  const newest = byCurrency.reduce<number | null>(
    (m, r) => (m === null || Number(r.newest) > m ? Number(r.newest) : m),
    null,
  );
  return {
    records: byCurrency.reduce((n, r) => n + Number(r.n), 0),
    oldest: iso(oldest),
    newest: iso(newest),
    costByCurrency: Object.fromEntries(
      byCurrency.map((r) => [String(r.currency), trimDecimal(String(r.cost))]),
    ),
    windows: Number(windows?.n ?? 0),
  };
}

/** `SELECT count(*) AS n, min(submit_at) AS oldest, max(submit_at) AS newest` → StoreStats. */
export function toStoreStats(row: SqlRow | undefined): StoreStats {
  const ms = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { records: Number(row?.n ?? 0), oldest: ms(row?.oldest), newest: ms(row?.newest) };
}

export function toLedgerWindow(r: SqlRow): LedgerWindow {
  return {
    from: Number(r.window_from),
    to: Number(r.window_to),
    coveredTo: Number(r.covered_to),
    state: r.state as LedgerWindow['state'],
    upstreamTotal: r.upstream_total === null ? null : Number(r.upstream_total),
    stored: r.stored === null ? null : Number(r.stored),
    pages: Number(r.pages),
    passes: Number(r.passes),
    syncedAt: Number(r.synced_at),
    error: (r.error as string | null) ?? null,
  };
}

/** Rows of facetsSql → value lists, most frequent first. */
export function shapeFacets(rows: SqlRow[]): FacetFigures {
  const codes: FacetFigures['codes'] = [];
  const currencies: FacetFigures['currencies'] = [];
  const terminations = new Map<string, FacetFigures['terminationCodes'][number]>();
  for (const r of rows) {
    const n = Number(r.n);
    if (r.code !== null) codes.push({ value: String(r.code), count: n });
    else if (r.currency !== null) currencies.push({ value: String(r.currency), count: n });
    else {
      const code = String(r.termination_code);
      const entry = terminations.get(code) ?? { value: code, count: 0, reasons: [] };
      entry.count += n;
      entry.reasons.push({ reason: String(r.termination_reason), count: n });
      terminations.set(code, entry);
    }
  }
  const byCount = (a: { count: number; value: string }, b: { count: number; value: string }) =>
    b.count - a.count || a.value.localeCompare(b.value);
  return {
    codes: codes.sort(byCount),
    currencies: currencies.sort(byCount),
    terminationCodes: [...terminations.values()]
      .map((t) => ({
        ...t,
        reasons: t.reasons.sort((a, b) => b.count - a.count || byText(a.reason, b.reason)),
      }))
      .sort(byCount),
  };
}

/** Code-point order: the same in every engine and locale; breaks ties GROUP BY leaves in engine order. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
