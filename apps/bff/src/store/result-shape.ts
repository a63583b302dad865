// Engine-independent shaping of query results: rows from either store become the API's shapes here, so
// DuckDB and PostgreSQL answer with the same figures, decimals and order. Engines hand over counts, BIGINTs
// and decimals as numbers or strings; everything is normalised with Number()/String()/trimDecimal.
import { DURATION_EDGES, type RecordRow, trimDecimal, zonedDays } from '@callboard/contracts';
import Big from 'big.js';
import { DAY_MS } from './query-sql.js';
import type { FacetFigures, LedgerWindow, SummaryFigures } from './record-store.js';

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
    ringSeconds: num(r.ring_seconds),
    answerDelaySeconds: num(r.answer_delay_seconds),
    overheadSeconds: Number(r.overhead_seconds),
  };
}

// Bit positions of GROUPING(currency, code, termination_code, termination_reason, local_day, bill_period, duration_bucket):
// a set bit means the column is NOT grouped in that row.
const ALL = 0b1111111;
const grouped = (...bits: number[]) => ALL & ~bits.reduce((m, b) => m | (1 << (6 - b)), 0);
const G = {
  overall: ALL,
  currency: grouped(0),
  codeCurrency: grouped(0, 1),
  codeTermination: grouped(1, 2),
  termination: grouped(2, 3),
  dayCurrency: grouped(0, 4),
  billCurrency: grouped(0, 5),
  histogram: grouped(6),
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const moneyList = (byCurrency: Map<string, Big>) =>
  [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount: trimDecimal(amount.toFixed(8)) }));
const addMoney = (map: Map<string, Big>, currency: string, amount: unknown) =>
  map.set(currency, (map.get(currency) ?? new Big(0)).plus(new Big(String(amount ?? '0'))));

export function shapeSummary(rows: SqlRow[], top: number, tz: string, bounds: { from: number; to: number }): SummaryFigures {
  const pick = (g: number) => rows.filter((r) => Number(r.g) === g);
  const overallRow = pick(G.overall)[0];
  const calls = Number(overallRow?.calls ?? 0);
  const answered = Number(overallRow?.answered ?? 0);
  const talk = Number(overallRow?.talk ?? 0);

  const currencies = pick(G.currency)
    .map((r) => {
      const c = Number(r.calls);
      const a = Number(r.answered);
      return {
        currency: String(r.currency),
        calls: c,
        answered: a,
        asr: ratio(a, c),
        talkSeconds: Number(r.talk),
        chargedSeconds: Number(r.charged),
        overheadSeconds: Number(r.overhead),
        acdSeconds: a === 0 ? null : Number(r.talk) / a,
        cost: trimDecimal(String(r.cost)),
        baseCostUsd: trimDecimal(String(r.base_cost)),
        settlePay: Number(r.settled) > 0 ? trimDecimal(String(r.settle_pay)) : null,
        overheadCost: trimDecimal(String(r.overhead_cost)),
      };
    })
    .sort((a, b) => b.calls - a.calls || byText(a.currency, b.currency));

  // Operators: rank by calls across currencies, keep top N, fold the rest into one "Other" row.
  interface OperatorAcc {
    calls: number;
    answered: number;
    talk: number;
    cost: Map<string, Big>;
    terminations: Record<string, number>;
  }
  const operators = new Map<string, OperatorAcc>();
  const operator = (code: string) => {
    let acc = operators.get(code);
    if (!acc) {
      acc = { calls: 0, answered: 0, talk: 0, cost: new Map(), terminations: {} };
      operators.set(code, acc);
    }
    return acc;
  };
  for (const r of pick(G.codeCurrency)) {
    const acc = operator(String(r.code));
    acc.calls += Number(r.calls);
    acc.answered += Number(r.answered);
    acc.talk += Number(r.talk);
    addMoney(acc.cost, String(r.currency), r.cost);
  }
  for (const r of pick(G.codeTermination)) {
    const acc = operator(String(r.code));
    acc.terminations[String(r.termination_code)] = Number(r.calls);
  }
  const ranked = [...operators.entries()].sort(([ca, a], [cb, b]) => b.calls - a.calls || ca.localeCompare(cb));
  const other: OperatorAcc = { calls: 0, answered: 0, talk: 0, cost: new Map(), terminations: {} };
  for (const [, acc] of ranked.slice(top)) {
    other.calls += acc.calls;
    other.answered += acc.answered;
    other.talk += acc.talk;
    for (const [currency, amount] of acc.cost) addMoney(other.cost, currency, amount);
    for (const [code, n] of Object.entries(acc.terminations)) other.terminations[code] = (other.terminations[code] ?? 0) + n;
  }
  const operatorRow = (code: string, acc: OperatorAcc, isOther: boolean) => ({
    code,
    isOther,
    calls: acc.calls,
    answered: acc.answered,
    asr: ratio(acc.answered, acc.calls),
    acdSeconds: acc.answered === 0 ? null : acc.talk / acc.answered,
    talkSeconds: acc.talk,
    cost: moneyList(acc.cost),
    terminations: acc.terminations,
  });
  const byCode = ranked.slice(0, top).map(([code, acc]) => operatorRow(code, acc, false));
  if (ranked.length > top) byCode.push(operatorRow(`Other (${ranked.length - top} more)`, other, true));

  const terminations = new Map<string, { calls: number; answered: number; reasons: Array<{ reason: string; calls: number }> }>();
  for (const r of pick(G.termination)) {
    const code = String(r.termination_code);
    const entry = terminations.get(code) ?? { calls: 0, answered: 0, reasons: [] };
    entry.calls += Number(r.calls);
    entry.answered += Number(r.answered);
    entry.reasons.push({ reason: String(r.termination_reason), calls: Number(r.calls) });
    terminations.set(code, entry);
  }
  const byTermination = [...terminations.entries()]
    .map(([terminationCode, e]) => ({
      terminationCode,
      ...e,
      reasons: e.reasons.sort((a, b) => b.calls - a.calls || byText(a.reason, b.reason)),
    }))
    .sort((a, b) => b.calls - a.calls || byText(a.terminationCode, b.terminationCode));

  const days = new Map<string, { calls: number; answered: number; cost: Map<string, Big> }>();
  for (const r of pick(G.dayCurrency)) {
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

  const bills = new Map<string, { calls: number; talk: number; charged: number; overhead: number; cost: Map<string, Big> }>();
  for (const r of pick(G.billCurrency)) {
    const period = String(r.bill_period);
    const entry = bills.get(period) ?? { calls: 0, talk: 0, charged: 0, overhead: 0, cost: new Map() };
    entry.calls += Number(r.calls);
    entry.talk += Number(r.talk);
    entry.charged += Number(r.charged);
    entry.overhead += Number(r.overhead);
    addMoney(entry.cost, String(r.currency), r.overhead_cost);
    bills.set(period, entry);
  }
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

  const histogramCounts = new Map(pick(G.histogram).map((r) => [Number(r.duration_bucket), Number(r.calls)]));
  const edges = [0, ...DURATION_EDGES];
  const durationHistogram = edges.map((fromSeconds, i) => ({
    fromSeconds,
    toSeconds: edges[i + 1] ?? null,
    calls: histogramCounts.get(i) ?? 0,
  }));

  return {
    overall: { calls, answered, asr: ratio(answered, calls), acdSeconds: answered === 0 ? null : talk / answered, talkSeconds: talk },
    currencies,
    byCode,
    byTermination,
    byDay,
    byBillPeriod,
    durationHistogram,
  };
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
      .map((t) => ({ ...t, reasons: t.reasons.sort((a, b) => b.count - a.count || byText(a.reason, b.reason)) }))
      .sort(byCount),
  };
}

/** Code-point order: the same in every engine and locale; breaks ties GROUP BY leaves in engine order. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
