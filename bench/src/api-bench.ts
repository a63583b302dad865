// bench:api — latency of the BFF's HTTP API on a cached store of N records (and the same at several sizes),
// sequential requests after a warm-up, p50/p95/p99; CSV export rows/s and RSS growth; worst event-loop delay.
// The same measurements run on a PostgreSQL store when given its engine and store (bench:engines).
import { authHeaders, startBff } from './bff.js';
import {
  BENCH_NOW,
  DAY_MS,
  eventLoopProbe,
  type Latency,
  latency,
  log,
  mb,
  median,
  round,
  rssProbe,
  table,
} from './common.js';
import { duckdbEngine, type StoreEngine } from './engines.js';
import { ensureStore } from './store-cache.js';

export interface ApiCase {
  /** `floor`: signed in, no query (what every figure pays outside the store); `summary-filtered`: a record-level filter. */
  group: 'floor' | 'records' | 'summary' | 'summary-filtered' | 'callee' | 'facets';
  name: string;
  path: string;
}

export interface ApiFigures {
  records: number;
  iterations: number;
  cases: Array<ApiCase & Latency & { eventLoopMaxMs: number }>;
  worst: {
    recordsP95: number;
    summaryP95: number;
    summaryFilteredP95: number;
    calleeP95: number;
    facetsP95: number;
  };
  export: {
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    rssGrowthMb: number;
    runs: number[];
    eventLoopMaxMs: number;
  };
  eventLoopMaxMs: number;
  engine: StoreEngine['id'];
  /** The store on disk, and the BFF process's RSS at rest (started, store open, before any question). */
  storeMb: number;
  rssAtRestMb: number;
}

export interface ApiOptions {
  records: number;
  iterations?: number;
  exportRuns?: number;
  /** The store's engine (default DuckDB). */
  engine?: StoreEngine;
  /** A store already filled by a sync (its data directory); default the cached DuckDB store of `records`. */
  store?: { dir: string; records: number };
}

/** p95 targets by request group at 1M records (ms), issue 14; the floor has none. */
export const API_P95_TARGET_MS: Record<ApiCase['group'], number | null> = {
  floor: null,
  records: 20,
  summary: 30,
  'summary-filtered': 75,
  callee: 10,
  facets: 20,
};

const iso = (ms: number) => new Date(ms).toISOString();

export class ApiError extends Error {}

export async function getJson<T>(base: string, path: string): Promise<T> {
  // no-cache: every sample runs the query; the BFF's answer cache would otherwise serve repeats from memory.
  const response = await fetch(`${base}${path}`, {
    headers: { ...authHeaders(base), 'Cache-Control': 'no-cache' },
  });
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new ApiError(
      `${path}: HTTP ${response.status}; the API now needs sign-in and the benchmark has no session yet`,
    );
  }
  if (!response.ok) throw new ApiError(`${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** The request mix, built from what the store holds (a busy operator, a real callee). */
export async function apiCases(base: string): Promise<ApiCase[]> {
  const to = iso(BENCH_NOW);
  const month = `from=${iso(BENCH_NOW - 31 * DAY_MS)}&to=${to}`;
  const week = `from=${iso(BENCH_NOW - 7 * DAY_MS)}&to=${to}`;
  const facets = await getJson<{ codes: Array<{ value: string }> }>(base, `/api/facets?${month}`);
  const busy = facets.codes[0]!.value;
  const mid = facets.codes[Math.floor(facets.codes.length / 2)]!.value;
  const page = await getJson<{ rows: Array<{ callee: string }>; total: number }>(
    base,
    `/api/records?${month}&pageSize=20`,
  );
  const callee = page.rows[0]!.callee;
  const partial = callee.slice(-9, -1); // eight digits from the middle/end, as an agent would paste them
  const deepPage = Math.max(1, Math.floor(page.total / 50 / 2));
  const q = (s: string) => encodeURIComponent(s);
  return [
    { group: 'floor', name: 'signed-in request that runs no query (session)', path: '/api/session' },
    {
      group: 'records',
      name: 'month, newest first, page 1',
      path: `/api/records?${month}&sort=submitTime:desc`,
    },
    {
      group: 'records',
      name: `month, newest first, deep page (middle of the month: ${deepPage})`,
      path: `/api/records?${month}&sort=submitTime:desc&page=${deepPage}`,
    },
    {
      group: 'records',
      name: 'answered EUR, cost desc, page 1',
      path: `/api/records?${month}&outcome=answered&currency=EUR&sort=cost:desc`,
    },
    {
      group: 'records',
      name: 'one operator, ≥ 30 s, duration asc, page 10',
      path: `/api/records?${month}&code=${q(mid)}&minDuration=30&sort=callDuration:asc&page=10`,
    },
    {
      group: 'records',
      name: 'week, unanswered, callee asc, page 200',
      path: `/api/records?${week}&outcome=unanswered&sort=callee:asc&page=200`,
    },
    { group: 'summary', name: 'a month', path: `/api/summary?${month}` },
    { group: 'summary', name: 'a week', path: `/api/summary?${week}` },
    {
      group: 'summary-filtered',
      name: 'a month, one operator',
      path: `/api/summary?${month}&code=${q(busy)}`,
    },
    {
      group: 'summary-filtered',
      name: 'a month, duration 60–600 s',
      path: `/api/summary?${month}&minDuration=60&maxDuration=600`,
    },
    {
      group: 'summary-filtered',
      name: 'a month, one callee',
      path: `/api/summary?${month}&callee=${partial}`,
    },
    {
      group: 'callee',
      name: `callee=${partial} (partial digits), a month`,
      path: `/api/records?${month}&callee=${partial}`,
    },
    { group: 'callee', name: 'callee, full number, all time', path: `/api/records?callee=${q(callee)}` },
    { group: 'facets', name: 'facets, a month', path: `/api/facets?${month}` },
  ];
}

export async function timeCase(base: string, path: string, iterations: number, warmup = 3): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await getJson(base, path);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await getJson(base, path);
    samples.push(performance.now() - t);
  }
  return latency(samples);
}

export async function timeExport(
  base: string,
  path: string,
): Promise<{ rows: number; seconds: number; rssGrowthMb: number }> {
  global.gc?.();
  const rss = rssProbe(20);
  const t = performance.now();
  const response = await fetch(`${base}${path}`, { headers: authHeaders(base) });
  if (!response.ok || !response.body) throw new ApiError(`${path}: HTTP ${response.status}`);
  let rows = -1; // the header row
  let quoted = false; // a quoted field may hold line breaks (calledInfo): count only record ends
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 34) quoted = !quoted;
      else if (byte === 10 && !quoted) rows++;
    }
  }
  const seconds = (performance.now() - t) / 1000;
  return { rows, seconds, rssGrowthMb: rss.stop().growthMb };
}

export async function benchApi(options: ApiOptions): Promise<ApiFigures> {
  const iterations = options.iterations ?? 50;
  const engine = options.engine ?? duckdbEngine;
  const store = options.store ?? (await ensureStore(options.records));
  const bff = await startBff({
    dataDir: store.dir,
    upstreamUrl: 'http://127.0.0.1:9',
    env: engine.env(store.dir),
  });
  try {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssAtRestMb = mb(process.memoryUsage.rss());
    const storeMb = await engine.sizeMb(store.dir);
    const loop = eventLoopProbe();
    const cases = await apiCases(bff.url);
    const results: ApiFigures['cases'] = [];
    for (const c of cases) {
      const caseLoop = eventLoopProbe();
      const timing = await timeCase(bff.url, c.path, iterations);
      results.push({ ...c, ...timing, eventLoopMaxMs: caseLoop.stop().maxMs });
    }
    const exportLoop = eventLoopProbe();
    const exports: Array<{ rows: number; seconds: number; rssGrowthMb: number }> = [];
    const exportRuns = options.exportRuns ?? 3;
    for (let i = 0; i < exportRuns + 1; i++) {
      const run = await timeExport(bff.url, '/api/export.csv');
      if (i > 0 || exportRuns === 0) exports.push(run); // the first is the warm-up
    }
    const exportEventLoopMaxMs = exportLoop.stop().maxMs;
    const eventLoopMaxMs = loop.stop().maxMs;
    const worst = (group: ApiCase['group']) =>
      Math.max(...results.filter((r) => r.group === group).map((r) => r.p95));
    const rates = exports.map((e) => Math.round(e.rows / e.seconds));
    const figures: ApiFigures = {
      records: store.records,
      iterations,
      cases: results,
      worst: {
        recordsP95: worst('records'),
        summaryP95: worst('summary'),
        summaryFilteredP95: worst('summary-filtered'),
        calleeP95: worst('callee'),
        facetsP95: worst('facets'),
      },
      export: {
        rows: exports[0]!.rows,
        seconds: round(median(exports.map((e) => e.seconds)), 2),
        rowsPerSecond: median(rates),
        rssGrowthMb: Math.max(...exports.map((e) => e.rssGrowthMb)),
        runs: rates,
        eventLoopMaxMs: exportEventLoopMaxMs,
      },
      eventLoopMaxMs,
      engine: engine.id,
      storeMb,
      rssAtRestMb,
    };
    const target = (group: ApiCase['group']) =>
      API_P95_TARGET_MS[group] === null ? '' : `≤ ${API_P95_TARGET_MS[group]}`;
    console.log(
      table(
        `API on ${store.records.toLocaleString('en')} records, ${engine.label} (${iterations} sequential requests each after 3 warm-ups; ms)`,
        ['request', 'p50', 'p95', 'p99', 'target p95', 'loop max'],
        [
          ...results.map((r) => [
            `${r.group}: ${r.name}`,
            r.p50,
            r.p95,
            r.p99,
            target(r.group),
            r.eventLoopMaxMs,
          ]),
          [
            `export.csv, all ${figures.export.rows.toLocaleString('en')} rows: rows/s (median of ${exports.length})`,
            figures.export.rowsPerSecond.toLocaleString('en'),
            '',
            '',
            '≥ 150,000',
          ],
          [
            'export.csv: RSS growth (MB)',
            figures.export.rssGrowthMb,
            '',
            '',
            '< 100',
            figures.export.eventLoopMaxMs,
          ],
          ['max event-loop delay (ms)', eventLoopMaxMs, '', '', '≤ 50'],
          ['store on disk (MB)', storeMb, '', '', ''],
          ['RSS of the BFF at rest (MB)', rssAtRestMb, '', '', ''],
        ],
      ),
    );
    return figures;
  } finally {
    await bff.close();
  }
}

export async function benchScaling(options: { sizes: number[]; iterations?: number }) {
  const bySize: ApiFigures[] = [];
  for (const size of options.sizes) {
    log(`scaling: API at ${size.toLocaleString('en')} records`);
    bySize.push(await benchApi({ records: size, iterations: options.iterations ?? 30, exportRuns: 1 }));
  }
  // Growth against the first size of at least 1M records (the reference), when there is one.
  const reference = bySize.findIndex((f) => f.records >= 1_000_000);
  const growth = (f: ApiFigures, i: number) =>
    reference < 0 || f === bySize[reference] || f.records < 1_000_000
      ? ''
      : ` (×${round((f.cases[i]?.p95 ?? 0) / (bySize[reference]!.cases[i]?.p95 || 1), 2)})`;
  const header = ['request (p95 ms)', ...bySize.map((f) => `${(f.records / 1e6).toFixed(2)}M`)];
  const rows = bySize[0]!.cases.map((c, i) => [
    `${c.group}: ${c.name.replace(/\d{8}/, '…').replace(/: \d+\)/, ')')}`,
    ...bySize.map((f) => `${f.cases[i]?.p95 ?? ''}${growth(f, i)}`),
  ]);
  rows.push(['export rows/s', ...bySize.map((f) => f.export.rowsPerSecond.toLocaleString('en'))]);
  rows.push(['store on disk (MB)', ...bySize.map((f) => String(f.storeMb))]);
  rows.push(['RSS of the BFF at rest (MB)', ...bySize.map((f) => String(f.rssAtRestMb))]);
  console.log(table('Scaling: p95 latency by store size', header, rows));
  return {
    sizes: bySize.map((f) => f.records),
    cases: bySize[0]!.cases.map((c, i) => ({
      group: c.group,
      name: c.name.replace(/: \d+\)/, ')'),
      p95: bySize.map((f) => f.cases[i]?.p95 ?? null),
      p50: bySize.map((f) => f.cases[i]?.p50 ?? null),
    })),
    exportRowsPerSecond: bySize.map((f) => f.export.rowsPerSecond),
    storeMb: bySize.map((f) => f.storeMb),
    rssAtRestMb: bySize.map((f) => f.rssAtRestMb),
  };
}
