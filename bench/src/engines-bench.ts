// bench:engines — the same sync and API measurements (bench:sync's and bench:api's own functions) on DuckDB
// and on PostgreSQL, side by side. Each engine runs in a process of its own (engine-process.ts): a real
// sync from the simulator process into an empty store, then the API cases on the store it filled.
// PostgreSQL: a throwaway database with a random name on the server postgresServer() finds, dropped afterwards.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { API_P95_TARGET_MS, type ApiFigures } from './api-bench.js';
import { BENCH_ROOT, DATA_ROOT, ensureDir, log, table } from './common.js';
import { dropDatabases, type EngineId, postgresServer, randomDatabasePrefix } from './engines.js';
import type { SyncFigures } from './sync-bench.js';

export interface EngineFigures {
  sync: SyncFigures;
  api: ApiFigures;
}

export interface EnginesFigures {
  records: number;
  postgresServer: { version: string; settings: Record<string, string> };
  duckdb: EngineFigures;
  postgres: EngineFigures;
  /** The side-by-side table as printed (and as docs/performance.md shows it). */
  sideBySide: Array<{ figure: string; duckdb: string; postgres: string; target: string }>;
}

export interface EnginesOptions {
  records: number;
  runs?: number;
  concurrency?: number;
  warmup?: boolean;
  iterations?: number;
  exportRuns?: number;
}

function runEngine(
  engine: EngineId,
  options: EnginesOptions,
  env: Record<string, string>,
): Promise<EngineFigures> {
  const out = path.join(ensureDir(DATA_ROOT), `engines-${engine}-${process.pid}.json`);
  const args = [
    path.join(BENCH_ROOT, 'dist', 'engine-process.js'),
    '--engine',
    engine,
    '--records',
    String(options.records),
    '--runs',
    String(options.runs ?? 3),
    '--concurrency',
    String(options.concurrency ?? 4),
    '--out',
    out,
    ...(options.warmup === false ? ['--no-warmup'] : []),
    ...(options.iterations ? ['--iterations', String(options.iterations)] : []),
    ...(options.exportRuns !== undefined ? ['--export-runs', String(options.exportRuns)] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0)
        return reject(new Error(`engines: the ${engine} run failed (${signal ?? `exit code ${code}`})`));
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as EngineFigures);
      } catch (error) {
        reject(error);
      } finally {
        rmSync(out, { force: true });
      }
    });
  });
}

const n = (v: number) => v.toLocaleString('en');

function sideBySide(duck: EngineFigures, pg: EngineFigures): EnginesFigures['sideBySide'] {
  const rows: EnginesFigures['sideBySide'] = [];
  const row = (figure: string, value: (f: EngineFigures) => string, target = '') =>
    rows.push({ figure, duckdb: value(duck), postgres: value(pg), target });
  row(
    `sync: end-to-end records/s (median of ${duck.sync.runs.length})`,
    (f) => n(f.sync.recordsPerSecond.median),
    '≥ 50,000',
  );
  row(
    'sync: end-to-end records/s (min … max)',
    (f) => `${n(f.sync.recordsPerSecond.min)} … ${n(f.sync.recordsPerSecond.max)}`,
  );
  row('sync: raw store ingest records/s (median)', (f) => n(f.sync.rawIngest.recordsPerSecond));
  row('sync: peak RSS of the BFF (MB)', (f) => String(f.sync.peakRssMb), '< 600');
  row('sync: max event-loop delay (ms)', (f) => String(f.sync.eventLoopMaxMs), '≤ 50');
  row('store size (MB)', (f) => String(f.sync.storeMb));
  duck.api.cases.forEach((c, i) => {
    const other = pg.api.cases[i];
    const name = other && other.name !== c.name ? `${c.name} / ${other.name}` : c.name;
    const target = API_P95_TARGET_MS[c.group];
    row(
      `api ${c.group}: ${name}, p50 / p95 (ms)`,
      (f) => (f.api.cases[i] ? `${f.api.cases[i]!.p50} / ${f.api.cases[i]!.p95}` : 'n/a'),
      target === null ? '' : `p95 ≤ ${target}`,
    );
  });
  row(
    `export.csv rows/s (median of ${duck.api.export.runs.length})`,
    (f) => n(f.api.export.rowsPerSecond),
    '≥ 150,000',
  );
  row('export.csv RSS growth (MB)', (f) => String(f.api.export.rssGrowthMb), '< 100');
  row('API: max event-loop delay (ms)', (f) => String(f.api.eventLoopMaxMs), '≤ 50');
  return rows;
}

export async function benchEngines(options: EnginesOptions): Promise<EnginesFigures> {
  const server = await postgresServer();
  const prefix = randomDatabasePrefix();
  log(`engines: PostgreSQL ${server.version}, throwaway databases ${prefix}_*`);
  try {
    log(`engines: DuckDB, ${options.records.toLocaleString('en')} records`);
    const duckdb = await runEngine('duckdb', options, {});
    log(`engines: PostgreSQL, ${options.records.toLocaleString('en')} records`);
    const postgres = await runEngine('postgres', options, {
      CALLBOARD_BENCH_POSTGRES_URL: server.url,
      CALLBOARD_BENCH_POSTGRES_PREFIX: prefix,
    });
    const rows = sideBySide(duckdb, postgres);
    console.log(
      table(
        `DuckDB vs PostgreSQL: ${n(duckdb.sync.records)} / ${n(postgres.sync.records)} records, the same sync and API measurements (PostgreSQL ${server.version} on loopback)`,
        ['figure', 'DuckDB', 'PostgreSQL', 'target'],
        rows.map((r) => [r.figure, r.duckdb, r.postgres, r.target]),
      ),
    );
    return {
      records: duckdb.sync.records,
      postgresServer: { version: server.version, settings: server.settings },
      duckdb,
      postgres,
      sideBySide: rows,
    };
  } finally {
    await dropDatabases(server.url, prefix).catch((error: Error) =>
      log(`engines: could not drop ${prefix}_*: ${error.message}`),
    );
    await server.stop();
  }
}
