// bench:sync — the simulator in its own process on loopback → the BFF's sync engine → an empty DuckDB store,
// end to end; then the same records straight into the store (no HTTP, no parsing), the engine's own limit.
// The same measurements run on PostgreSQL when given its engine (bench:engines).
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type StoredRecord, toStoredRecord } from '@callboard/bff';
import { createItnioClient } from '@callboard/itnio-client';
import { startBff } from './bff.js';
import {
  BENCH_KEY,
  BENCH_NOW,
  BENCH_SECRET,
  callsPerDayFor,
  DATA_ROOT,
  DAY_MS,
  eventLoopProbe,
  HISTORY_DAYS,
  log,
  median,
  round,
  rssProbe,
  startSimulatorProcess,
  table,
} from './common.js';
import { duckdbEngine, type StoreEngine } from './engines.js';

export interface SyncRun {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
  simulatorPeakRssMb: number | null;
  storeMb: number;
  eventLoopMaxMs: number;
  pages: number;
  /** Of `seconds`, how long the engine waited on the store's upserts and window saves. */
  storeWaitSeconds: { upsert: number; saveWindow: number };
}

export interface SyncFigures {
  records: number;
  runs: SyncRun[];
  recordsPerSecond: { median: number; min: number; max: number };
  peakRssMb: number;
  simulatorPeakRssMb: number | null;
  storeMb: number;
  eventLoopMaxMs: number;
  rawIngest: { records: number; seconds: number; recordsPerSecond: number; runs: number[] };
  ratio: number;
  concurrency: number;
  engine: StoreEngine['id'];
}

export interface SyncOptions {
  records: number;
  runs?: number;
  concurrency?: number;
  /** Keep the last run's store as the cached store of this size (bench:api reuses it). */
  keepStoreAs?: string | null;
  warmup?: boolean;
  /** The store under test (default DuckDB, as the BFF runs without CALLBOARD_DATABASE_URL). */
  engine?: StoreEngine;
  /** Where the scratch stores live (default the data root). */
  scratchRoot?: string;
}

/** One full backfill of the generated history into an empty store. */
export async function syncOnce(
  records: number,
  concurrency: number,
  dataDir: string,
  engine: StoreEngine = duckdbEngine,
): Promise<SyncRun> {
  await engine.reset(dataDir);
  const simulator = await startSimulatorProcess({ callsPerDay: callsPerDayFor(records) });
  const bff = await startBff({ dataDir, upstreamUrl: simulator.url, concurrency, env: engine.env(dataDir) });
  try {
    // Time the sync engine spends waiting on the store (it awaits every upsert and every window save).
    const storeWait = { upsertMs: 0, saveMs: 0 };
    const store = bff.store;
    const upsert = store.upsertRecords.bind(store);
    const save = store.saveWindow.bind(store);
    store.upsertRecords = async (records) => {
      const t = performance.now();
      await upsert(records);
      storeWait.upsertMs += performance.now() - t;
    };
    store.saveWindow = async (window) => {
      const t = performance.now();
      await save(window);
      storeWait.saveMs += performance.now() - t;
    };
    global.gc?.();
    const loop = eventLoopProbe();
    const rss = rssProbe();
    const started = performance.now();
    const job = await bff.sync.request(BENCH_NOW - (HISTORY_DAYS + 2) * DAY_MS, BENCH_NOW, 'manual');
    await bff.sync.idle();
    const seconds = (performance.now() - started) / 1000;
    const memory = rss.stop();
    const delay = loop.stop();
    const status = bff.sync.status().recent.find((j) => j.id === job?.id);
    if (status?.state !== 'done') throw new Error(`sync did not finish: ${JSON.stringify(status?.error)}`);
    const stored = (await bff.store.stats()).records;
    await bff.close();
    const sim = await simulator.stop();
    return {
      records: stored,
      seconds: round(seconds, 2),
      recordsPerSecond: Math.round(stored / seconds),
      peakRssMb: memory.peakMb,
      simulatorPeakRssMb: sim.peakRssMb,
      storeMb: await engine.sizeMb(dataDir),
      eventLoopMaxMs: delay.maxMs,
      pages: status.pagesDone,
      storeWaitSeconds: {
        upsert: round(storeWait.upsertMs / 1000, 2),
        saveWindow: round(storeWait.saveMs / 1000, 2),
      },
    };
  } catch (error) {
    await bff.close().catch(() => undefined);
    await simulator.stop();
    throw error;
  }
}

/**
 * The store's own limit: the same records, already fetched and mapped, upserted page by page (100 rows, as
 * the sync engine calls it) and each day's window saved. Only the store calls are timed.
 */
export async function rawIngestOnce(
  records: number,
  dataDir: string,
  engine: StoreEngine = duckdbEngine,
): Promise<{ records: number; seconds: number }> {
  await engine.reset(dataDir);
  const simulator = await startSimulatorProcess({ callsPerDay: callsPerDayFor(records) });
  const client = createItnioClient({
    baseUrl: simulator.url,
    apiKey: BENCH_KEY,
    apiSecret: BENCH_SECRET,
    now: () => BENCH_NOW,
    concurrency: 4,
  });
  const { store, close } = await engine.openStore(dataDir);
  let timedMs = 0;
  let count = 0;
  try {
    const endDay = Math.floor(BENCH_NOW / DAY_MS) * DAY_MS;
    for (let day = endDay; day > BENCH_NOW - (HISTORY_DAYS + 1) * DAY_MS; day -= DAY_MS) {
      const from = day;
      const to = Math.min(day + DAY_MS, Math.floor(BENCH_NOW / 1000) * 1000);
      const pages: StoredRecord[][] = [];
      let upstreamTotal = 0;
      for await (const page of client.pagesOf({ from, to }, { parallelism: 4 })) {
        upstreamTotal = page.total;
        pages.push(page.records.map((r) => toStoredRecord(r, BENCH_NOW)));
      }
      const started = performance.now();
      for (const page of pages) await store.upsertRecords(page);
      await store.saveWindow({
        from,
        to: day + DAY_MS,
        coveredTo: to,
        state: 'complete',
        upstreamTotal,
        stored: upstreamTotal,
        pages: pages.length,
        passes: 1,
        syncedAt: BENCH_NOW,
        error: null,
      });
      timedMs += performance.now() - started;
      count += pages.reduce((n, p) => n + p.length, 0);
    }
  } finally {
    await close();
    await simulator.stop();
  }
  return { records: count, seconds: timedMs / 1000 };
}

export async function benchSync(options: SyncOptions): Promise<SyncFigures> {
  const runs = options.runs ?? 3;
  const concurrency = options.concurrency ?? 4;
  const engine = options.engine ?? duckdbEngine;
  const scratch = path.join(options.scratchRoot ?? DATA_ROOT, 'sync-scratch');
  const rawScratch = path.join(options.scratchRoot ?? DATA_ROOT, 'raw-scratch');
  if (options.warmup !== false) {
    log(
      `sync: warm-up run (${Math.min(50_000, options.records).toLocaleString('en')} records, ${engine.label})`,
    );
    await syncOnce(Math.min(50_000, options.records), concurrency, scratch, engine);
  }
  const results: SyncRun[] = [];
  for (let i = 0; i < runs; i++) {
    log(
      `sync: run ${i + 1}/${runs} (${options.records.toLocaleString('en')} records, ${engine.label}, simulator in its own process)`,
    );
    results.push(await syncOnce(options.records, concurrency, scratch, engine));
    log(`sync: ${results[i]!.recordsPerSecond.toLocaleString('en')} records/s`);
  }
  if (options.keepStoreAs) {
    await engine.move(scratch, options.keepStoreAs);
    writeFileSync(
      path.join(options.keepStoreAs, 'complete.json'),
      JSON.stringify({ records: results.at(-1)!.records }),
    );
  }
  const raw: Array<{ records: number; seconds: number }> = [];
  for (let i = 0; i < runs; i++) {
    log(`sync: raw store ingest ${i + 1}/${runs} (${engine.label})`);
    raw.push(await rawIngestOnce(options.records, rawScratch, engine));
  }
  rmSync(rawScratch, { recursive: true, force: true });
  if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });

  const rates = results.map((r) => r.recordsPerSecond);
  const rawRates = raw.map((r) => Math.round(r.records / r.seconds));
  const rawMedian = median(rawRates);
  const figures: SyncFigures = {
    records: results[0]!.records,
    runs: results,
    recordsPerSecond: { median: median(rates), min: Math.min(...rates), max: Math.max(...rates) },
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    simulatorPeakRssMb: Math.max(...results.map((r) => r.simulatorPeakRssMb ?? 0)) || null,
    storeMb: median(results.map((r) => r.storeMb)),
    eventLoopMaxMs: Math.max(...results.map((r) => r.eventLoopMaxMs)),
    rawIngest: {
      records: raw[0]!.records,
      seconds: round(median(raw.map((r) => r.seconds)), 2),
      recordsPerSecond: rawMedian,
      runs: rawRates,
    },
    ratio: round(median(rates) / rawMedian, 3),
    concurrency,
    engine: engine.id,
  };
  console.log(
    table(
      `Sync: ${figures.records.toLocaleString('en')} records, simulator process on loopback → sync engine → empty ${engine.label} (${runs} runs after warm-up, concurrency ${concurrency})`,
      ['figure', 'value', 'target'],
      [
        ['end-to-end records/s (median)', figures.recordsPerSecond.median.toLocaleString('en'), '≥ 50,000'],
        [
          'end-to-end records/s (min … max)',
          `${figures.recordsPerSecond.min.toLocaleString('en')} … ${figures.recordsPerSecond.max.toLocaleString('en')}`,
          '',
        ],
        ['raw store ingest records/s (median)', rawMedian.toLocaleString('en'), ''],
        ['ratio end-to-end / raw', figures.ratio, '≥ 0.25'],
        ['peak RSS of the BFF (MB)', figures.peakRssMb, '< 600'],
        ['peak RSS of the simulator process (MB)', figures.simulatorPeakRssMb ?? 'n/a', ''],
        ['store size (MB)', figures.storeMb, ''],
        ['max event-loop delay during sync (ms)', figures.eventLoopMaxMs, '≤ 50'],
      ],
    ),
  );
  return figures;
}
