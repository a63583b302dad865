// Side by side with the alternative. THE BASELINE BELOW IS NOT PRODUCT CODE: it is the naive
// backend-for-frontend a team would write without a local store — every dashboard question pages the upstream
// for the whole range (100 records a page, at most 31 days a query, time the only filter) and filters in memory.
// Both it and Callboard talk to the same simulator with the same per-request upstream latency.
import { createItnioClient } from '@callboard/itnio-client';
import { getJson } from './api-bench.js';
import { startBff } from './bff.js';
import {
  BENCH_KEY,
  BENCH_NOW,
  BENCH_SECRET,
  callsPerDayFor,
  DAY_MS,
  log,
  median,
  round,
  startSimulatorProcess,
  table,
} from './common.js';
import { ensureStore } from './store-cache.js';

type NaiveClient = ReturnType<typeof createItnioClient>;

/** Baseline: "all calls to this number in the last 31 days" by paging every record of the range. */
async function naiveCalleeCalls(
  client: NaiveClient,
  callee: string,
  from: number,
  to: number,
  parallelism: number,
) {
  const matches: unknown[] = [];
  for await (const page of client.pagesOf({ from, to }, { parallelism })) {
    for (const r of page.records) if (r.callee.includes(callee)) matches.push(r);
  }
  return matches.length;
}

/** Baseline: "this month's cost per currency and per operator", summed in memory (exactly, in micro-units). */
async function naiveMonthCost(client: NaiveClient, from: number, to: number, parallelism: number) {
  const byCurrency = new Map<string, bigint>();
  const byOperator = new Map<string, bigint>();
  const micro = (s: string) => {
    const [whole = '0', frac = ''] = s.split('.');
    return (
      BigInt(whole) * 100_000_000n + BigInt(`${frac}00000000`.slice(0, 8)) * (s.startsWith('-') ? -1n : 1n)
    );
  };
  for await (const page of client.pagesOf({ from, to }, { parallelism })) {
    for (const r of page.records) {
      const currency = r.currency || 'USD';
      const cost = micro(r.cost);
      byCurrency.set(currency, (byCurrency.get(currency) ?? 0n) + cost);
      byOperator.set(`${r.code}|${currency}`, (byOperator.get(`${r.code}|${currency}`) ?? 0n) + cost);
    }
  }
  return byCurrency.size + byOperator.size;
}

export interface BaselineFigures {
  records: number;
  upstreamLatencyMs: number;
  parallelism: number;
  questions: Array<{
    question: string;
    baselineSeconds: number;
    callboardMs: number;
    ratio: number;
    baselineRuns: number[];
    callboardRuns: number[];
  }>;
}

export async function benchBaseline(options: {
  records: number;
  latencyMs: number;
  runs?: number;
  parallelism?: number;
}): Promise<BaselineFigures> {
  // The baseline pages the whole range at the upstream's pace, so its dataset is capped (100k records by default:
  // about 530 pages a month); Callboard answers from a store of the same data.
  const records = Math.min(options.records, Number(process.env.CALLBOARD_BENCH_BASELINE_RECORDS ?? 100_000));
  const runs = options.runs ?? 2;
  const parallelism = options.parallelism ?? 4;
  const store = await ensureStore(records);
  const simulator = await startSimulatorProcess({
    callsPerDay: callsPerDayFor(records),
    latencyMs: options.latencyMs,
  });
  const bff = await startBff({ dataDir: store.dir, upstreamUrl: simulator.url });
  const client = createItnioClient({
    baseUrl: simulator.url,
    apiKey: BENCH_KEY,
    apiSecret: BENCH_SECRET,
    now: () => BENCH_NOW,
    concurrency: parallelism,
  });
  try {
    const from = BENCH_NOW - 31 * DAY_MS;
    const to = BENCH_NOW;
    const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const sample = await getJson<{ rows: Array<{ callee: string }> }>(
      bff.url,
      `/api/records?${range}&pageSize=1`,
    );
    const callee = sample.rows[0]!.callee;
    const monthStart = Date.UTC(new Date(BENCH_NOW).getUTCFullYear(), new Date(BENCH_NOW).getUTCMonth(), 1);
    const questions = [
      {
        question: 'all calls to this number in the last 31 days',
        baseline: () => naiveCalleeCalls(client, callee, from, to, parallelism),
        callboard: () =>
          getJson(bff.url, `/api/records?${range}&callee=${encodeURIComponent(callee)}&pageSize=500`),
      },
      {
        question: "this month's cost per currency and per operator",
        baseline: () => naiveMonthCost(client, monthStart, to, parallelism),
        callboard: () =>
          getJson(
            bff.url,
            `/api/summary?from=${new Date(monthStart).toISOString()}&to=${new Date(to).toISOString()}`,
          ),
      },
    ];
    const out: BaselineFigures['questions'] = [];
    for (const q of questions) {
      const baselineRuns: number[] = [];
      for (let i = 0; i < runs; i++) {
        log(
          `baseline: "${q.question}" run ${i + 1}/${runs} (paging the upstream at ${options.latencyMs} ms a request)`,
        );
        const t = performance.now();
        await q.baseline();
        baselineRuns.push(round((performance.now() - t) / 1000, 2));
      }
      for (let i = 0; i < 3; i++) await q.callboard();
      const callboardRuns: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await q.callboard();
        callboardRuns.push(round(performance.now() - t, 2));
      }
      const baselineSeconds = median(baselineRuns);
      const callboardMs = median(callboardRuns);
      out.push({
        question: q.question,
        baselineSeconds,
        callboardMs,
        ratio: Math.round((baselineSeconds * 1000) / callboardMs),
        baselineRuns,
        callboardRuns,
      });
    }
    console.log(
      table(
        `Callboard vs a naive BFF paging the upstream (${store.records.toLocaleString('en')} records, ${options.latencyMs} ms per upstream request, ${parallelism} in flight; medians)`,
        ['question', 'naive BFF (s)', 'Callboard (ms)', 'Callboard faster by'],
        out.map((q) => [q.question, q.baselineSeconds, q.callboardMs, `${q.ratio.toLocaleString('en')}×`]),
      ),
    );
    return { records: store.records, upstreamLatencyMs: options.latencyMs, parallelism, questions: out };
  } finally {
    await bff.close();
    await simulator.stop();
  }
}
