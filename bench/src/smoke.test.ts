// CI's tiny-size run of every benchmark: proves each one still works end to end and prints sane figures.
// Asserts shapes and sanity only, never timings (benchmarks are not tests).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const RECORDS = 5_000;
const ENGINE_RECORDS = 3_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-bench-smoke-'));
process.env.CALLBOARD_BENCH_DATA_DIR = dataDir;
process.env.CALLBOARD_BENCH_BASELINE_RECORDS = String(RECORDS);

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

describe(`every benchmark at ${RECORDS.toLocaleString('en')} records`, () => {
  beforeAll(async () => {
    // Builds the shared cached store once (later parts reuse it, as `pnpm bench` does).
    const { ensureStore } = await import('./store-cache.js');
    await ensureStore(RECORDS);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('bench:sync reports end-to-end and raw ingest rates, their ratio, RSS, store size and event-loop delay', async () => {
    const { benchSync } = await import('./sync-bench.js');
    const figures = await benchSync({ records: RECORDS, runs: 2, warmup: false });
    expect(figures.records).toBeGreaterThan(RECORDS * 0.8);
    expect(figures.records).toBeLessThan(RECORDS * 1.2);
    expect(figures.rawIngest.records).toBe(figures.records);
    for (const value of [
      figures.recordsPerSecond.median,
      figures.rawIngest.recordsPerSecond,
      figures.ratio,
      figures.peakRssMb,
      figures.storeMb,
    ]) {
      expect(positive(value)).toBe(true);
    }
    expect(figures.eventLoopMaxMs).toBeGreaterThanOrEqual(0);
  });

  it('bench:api reports percentiles for every request, export rows/s and RSS growth', async () => {
    const { benchApi } = await import('./api-bench.js');
    const figures = await benchApi({ records: RECORDS, iterations: 5, exportRuns: 1 });
    expect(figures.cases.map((c) => c.group)).toEqual(
      expect.arrayContaining(['records', 'summary', 'callee', 'facets']),
    );
    for (const c of figures.cases) {
      expect(c.n).toBe(5);
      expect(c.p50).toBeLessThanOrEqual(c.p95);
      expect(c.p95).toBeLessThanOrEqual(c.p99);
    }
    expect(figures.export.rows).toBe(figures.records);
    expect(positive(figures.export.rowsPerSecond)).toBe(true);
  });

  it('scaling prints the same requests side by side for each size', async () => {
    const { benchScaling } = await import('./api-bench.js');
    const figures = await benchScaling({ sizes: [RECORDS], iterations: 3 });
    expect(figures.sizes).toHaveLength(1);
    expect(figures.cases.every((c) => c.p95.length === 1 && positive(c.p95[0]))).toBe(true);
  });

  it('the naive-BFF baseline answers the same questions, slower, with a ratio', async () => {
    const { benchBaseline } = await import('./baseline-bench.js');
    const figures = await benchBaseline({ records: RECORDS, latencyMs: 5, runs: 2 });
    expect(figures.questions).toHaveLength(2);
    for (const q of figures.questions) {
      expect(positive(q.baselineSeconds)).toBe(true);
      expect(positive(q.callboardMs)).toBe(true);
      expect(positive(q.ratio)).toBe(true);
    }
  });

  it('bench:load runs a bounded mixed load with a background sync and no errors', async () => {
    const { benchLoad } = await import('./load-bench.js');
    const figures = await benchLoad({ records: RECORDS, durationSeconds: 2, connections: 5 });
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.errors + figures.non2xx + figures.timeouts).toBe(0);
    expect(positive(figures.latencyMs.p95)).toBe(true);
    expect(positive(figures.rssMb.peak)).toBe(true);
  });

  it('bench:web measures bundle sizes and load times, or says why it cannot', async () => {
    const { benchWeb } = await import('./web-bench.js');
    const figures = await benchWeb({ records: RECORDS, runs: 1 });
    if (figures.initialJsGzipKb === undefined) {
      expect(figures.note).toBeTruthy();
      return;
    }
    expect(positive(figures.initialJsGzipKb)).toBe(true);
  });

  it('bench:engines runs the same sync and API measurements on DuckDB and PostgreSQL and prints them side by side', async () => {
    // Through the CLI, as `pnpm bench:engines` runs it (PostgreSQL: the server on 127.0.0.1:5432 or a throwaway
    // cluster, as for the BFF's tests); --no-write keeps bench/results and docs/performance.md untouched.
    const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, 'engines', '--records', String(ENGINE_RECORDS), '--runs', '1', '--no-write'],
      {
        env: process.env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(stdout).toContain('DuckDB vs PostgreSQL');
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
    const { duckdb, postgres, sideBySide, postgresServer } = summary.engines;
    expect(postgresServer.version).toMatch(/^\d+/);
    expect(duckdb.sync.engine).toBe('duckdb');
    expect(postgres.sync.engine).toBe('postgres');
    expect(postgres.api.engine).toBe('postgres');
    // The same generated history, synced for real into each store.
    expect(duckdb.sync.records).toBeGreaterThan(ENGINE_RECORDS * 0.8);
    expect(duckdb.sync.records).toBeLessThan(ENGINE_RECORDS * 1.2);
    expect(postgres.sync.records).toBe(duckdb.sync.records);
    expect(postgres.sync.rawIngest.records).toBe(duckdb.sync.records);
    for (const engine of [duckdb, postgres]) {
      for (const value of [
        engine.sync.recordsPerSecond.median,
        engine.sync.rawIngest.recordsPerSecond,
        engine.sync.peakRssMb,
        engine.sync.storeMb,
      ]) {
        expect(positive(value)).toBe(true);
      }
      expect(engine.api.records).toBe(engine.sync.records);
      expect(engine.api.export.rows).toBe(engine.sync.records);
      expect(positive(engine.api.export.rowsPerSecond)).toBe(true);
      for (const c of engine.api.cases) {
        expect(c.n).toBeGreaterThan(0);
        expect(c.p50).toBeLessThanOrEqual(c.p95);
      }
    }
    // The same requests on both (built from the same data), every one a row of the side-by-side table.
    expect(postgres.api.cases.map((c: { path: string }) => c.path)).toEqual(
      duckdb.api.cases.map((c: { path: string }) => c.path),
    );
    expect(sideBySide.length).toBeGreaterThan(duckdb.api.cases.length);
    for (const row of sideBySide) {
      expect(row.duckdb).not.toBe('');
      expect(row.postgres).not.toBe('');
    }
    const { renderMarkdown } = await import('./report.js');
    const markdown = renderMarkdown({ engines: { ...summary.engines, machine: summary.machine } });
    expect(markdown).toContain('## DuckDB vs PostgreSQL');
    expect(markdown).toContain('| figure | DuckDB | PostgreSQL | target |');
  }, 600_000);
});
