// bench:load — autocannon against a running BFF on a store of N records: 50 connections doing a realistic mix
// (record pages, summaries, callee lookups, one export) for a bounded time while a background sync re-reads
// recent windows from the simulator. Requests/s, p50/p95/p99, errors (must be 0), RSS over the run.
import autocannon from 'autocannon';
import { apiCases } from './api-bench.js';
import { authHeaders, startBff } from './bff.js';
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
      ...cases.filter((c) => c.group.startsWith('summary')).slice(0, 3),
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

    const samples: number[] = [];
    const loop = eventLoopProbe();
    const rss = rssProbe(250);
    log(`load: ${connections} connections for ${options.durationSeconds} s, background sync running`);
    const instance = autocannon({
      url: bff.url,
      connections,
      duration: options.durationSeconds,
      requests: mix,
      headers: authHeaders(bff.url),
      timeout: 10,
    }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      samples.push(responseTime);
    });
    const result = await instance;
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
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.average, 0),
      latencyMs: { p50: lat.p50, p95: lat.p95, p99: lat.p99, max: lat.max },
      errors: result.errors,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
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
        `Load: ${connections} connections × ${options.durationSeconds} s on ${store.records.toLocaleString('en')} records, mixed requests, background sync`,
        ['figure', 'value', 'target'],
        [
          ['requests/s (mean)', figures.requestsPerSecond.toLocaleString('en'), ''],
          ['requests', figures.requests.toLocaleString('en'), ''],
          ['latency p50 / p95 / p99 (ms)', `${lat.p50} / ${lat.p95} / ${lat.p99}`, ''],
          ['errors / non-2xx / timeouts', `${figures.errors} / ${figures.non2xx} / ${figures.timeouts}`, '0'],
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
