// bench:load — autocannon against a running BFF on a store of N records: 50 users, each signed in with a
// session of its own on one connection (the per-user query cap is per user, as in real use), doing a realistic
// mix (record pages, summaries, callee lookups, one export) for a bounded time while a background sync re-reads
// recent windows from the simulator. Requests/s, p50/p95/p99, errors and non-2xx by status (must be 0), RSS.
import autocannon from 'autocannon';
import { apiCases } from './api-bench.js';
import { signInUsers, startBff } from './bff.js';
import {
  BENCH_NOW,
  callsPerDayFor,
  DAY_MS,
  eventLoopProbe,
  latency,
  log,
  mb,
  round,
  rssProbe,
  startSimulatorProcess,
  table,
} from './common.js';
import { ensureStore } from './store-cache.js';

export interface LoadFigures {
  records: number;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  non2xx: number;
  /** Responses by HTTP status, so a non-2xx figure says what it was (429: a user over its query cap). */
  statuses: Record<string, number>;
  timeouts: number;
  rssMb: { start: number; peak: number; end: number; samples: number[] };
  eventLoopMaxMs: number;
  backgroundSync: { passes: number; recordsStored: number };
}

export async function benchLoad(options: {
  records: number;
  durationSeconds: number;
  connections?: number;
  backgroundSync?: boolean;
}): Promise<LoadFigures> {
  const connections = options.connections ?? 50;
  const store = await ensureStore(options.records);
  const simulator = await startSimulatorProcess({ callsPerDay: callsPerDayFor(options.records) });
  const bff = await startBff({ dataDir: store.dir, upstreamUrl: simulator.url });
  try {
    const cases = await apiCases(bff.url);
    const oneDay = `from=${new Date(BENCH_NOW - DAY_MS).toISOString()}&to=${new Date(BENCH_NOW).toISOString()}`;
    // Each connection cycles through this list: mostly pages and lookups, some summaries, one export of a day.
    const mix = [
      ...cases.filter((c) => c.group === 'records'),
      ...cases.filter((c) => c.group === 'callee'),
      ...cases.filter((c) => c.group === 'records').slice(0, 2),
      ...cases.filter((c) => c.group === 'summary').slice(0, 3),
      ...cases.filter((c) => c.group === 'facets'),
      {
        path: `/api/export.csv?${oneDay}&columns=submitTime&columns=callee&columns=code&columns=cost&columns=currency`,
      },
    ].map((c) => ({ method: 'GET' as const, path: c.path }));

    let stop = false;
    const sync = { passes: 0, recordsStored: 0 };
    const background = (async () => {
      while (!stop && options.backgroundSync !== false) {
        const job = await bff.sync.request(BENCH_NOW - 2 * DAY_MS, BENCH_NOW, 'manual');
        await bff.sync.idle();
        sync.passes++;
        sync.recordsStored += bff.sync.status().recent.find((j) => j.id === job?.id)?.recordsStored ?? 0;
      }
    })();

    const cookies = await signInUsers(bff.url, connections);
    const samples: number[] = [];
    const statuses: Record<string, number> = {};
    const loop = eventLoopProbe();
    const rss = rssProbe(250);
    log(
      `load: ${connections} users on a connection each for ${options.durationSeconds} s, background sync running`,
    );
    // autocannon sends one set of headers per instance, so each user gets an instance with one connection.
    const results = await Promise.all(
      cookies.map((cookie) => {
        const instance = autocannon({
          url: bff.url,
          connections: 1,
          duration: options.durationSeconds,
          requests: mix,
          headers: { cookie },
          timeout: 10,
        }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
        instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
          samples.push(responseTime);
          statuses[status] = (statuses[status] ?? 0) + 1;
        });
        return instance;
      }),
    );
    const total = (pick: (result: autocannon.Result) => number) =>
      results.reduce((sum, r) => sum + pick(r), 0);
    const memory = rss.stop();
    const eventLoopMaxMs = loop.stop().maxMs;
    stop = true;
    bff.sync.stop();
    await background.catch(() => undefined);

    const lat = latency(samples);
    const figures: LoadFigures = {
      records: store.records,
      connections,
      durationSeconds: options.durationSeconds,
      requests: total((r) => r.requests.total),
      requestsPerSecond: round(
        total((r) => r.requests.average),
        0,
      ),
      latencyMs: { p50: lat.p50, p95: lat.p95, p99: lat.p99, max: lat.max },
      errors: total((r) => r.errors),
      non2xx: total((r) => r.non2xx),
      statuses,
      timeouts: total((r) => r.timeouts),
      rssMb: {
        start: memory.startMb,
        peak: memory.peakMb,
        end: memory.endMb,
        samples: memory.series.filter((_, i) => i % 4 === 0).map(mb),
      },
      eventLoopMaxMs,
      backgroundSync: sync,
    };
    console.log(
      table(
        `Load: ${connections} users × ${options.durationSeconds} s on ${store.records.toLocaleString('en')} records, mixed requests, background sync`,
        ['figure', 'value', 'target'],
        [
          ['requests/s (mean)', figures.requestsPerSecond.toLocaleString('en'), ''],
          ['requests', figures.requests.toLocaleString('en'), ''],
          ['latency p50 / p95 / p99 (ms)', `${lat.p50} / ${lat.p95} / ${lat.p99}`, ''],
          ['errors / non-2xx / timeouts', `${figures.errors} / ${figures.non2xx} / ${figures.timeouts}`, '0'],
          [
            'responses by status',
            Object.entries(statuses)
              .map(([code, n]) => `${code}: ${n}`)
              .join(', '),
            '',
          ],
          ['RSS start → peak → end (MB)', `${memory.startMb} → ${memory.peakMb} → ${memory.endMb}`, ''],
          ['max event-loop delay (ms)', eventLoopMaxMs, '≤ 50'],
          [
            'background sync passes (records re-read)',
            `${sync.passes} (${sync.recordsStored.toLocaleString('en')})`,
            '',
          ],
        ],
      ),
    );
    return figures;
  } finally {
    await bff.close();
    await simulator.stop();
  }
}
