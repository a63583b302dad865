// The two stores the BFF can run on, as the benchmarks see them. Every store is keyed by a data directory:
// DuckDB keeps its file there; PostgreSQL gets a throwaway database named after the directory (the BFF is
// pointed at it with CALLBOARD_DATABASE_URL, as an operator would), dropped by dispose().
import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DuckDbStore,
  openPostgres,
  type PostgresDatabase,
  PostgresStore,
  type RecordStore,
} from '@callboard/bff';
import { ensureDir, mb, REPO_ROOT } from './common.js';

export type EngineId = 'duckdb' | 'postgres';

export interface StoreEngine {
  id: EngineId;
  label: string;
  /** BFF settings selecting this engine for a store in `dataDir` (CALLBOARD_DATABASE_URL for PostgreSQL). */
  env(dataDir: string): Record<string, string>;
  /** An empty store in `dataDir` (a fresh directory; for PostgreSQL also a fresh database). */
  reset(dataDir: string): Promise<void>;
  /** Size of the store on disk (MB). */
  sizeMb(dataDir: string): Promise<number>;
  /** Moves a store to another directory (and database), e.g. to keep a sync run's store for the API runs. */
  move(fromDir: string, toDir: string): Promise<void>;
  /** The record store itself, without the BFF around it (raw ingest); close() closes it and its connections. */
  openStore(dataDir: string): Promise<{ store: RecordStore; close(): Promise<void> }>;
  /** Removes whatever this engine created outside the data directories (PostgreSQL: its databases). */
  dispose(): Promise<void>;
}

function dirSize(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir)) bytes += statSync(path.join(dir, name)).size;
  return bytes;
}

export const duckdbEngine: StoreEngine = {
  id: 'duckdb',
  label: 'DuckDB',
  env: () => ({}),
  async reset(dataDir) {
    rmSync(dataDir, { recursive: true, force: true });
    ensureDir(dataDir);
  },
  sizeMb: async (dataDir) => mb(dirSize(dataDir)),
  async move(fromDir, toDir) {
    rmSync(toDir, { recursive: true, force: true });
    renameSync(fromDir, toDir);
  },
  async openStore(dataDir) {
    const store = await DuckDbStore.open({ dataDir });
    return { store, close: () => store.close() };
  },
  dispose: async () => {},
};

// ---- PostgreSQL -------------------------------------------------------------------------------------

type PgPool = PostgresDatabase['pool'];
/** `pg` is the BFF's dependency, not the bench's: loaded from where the BFF resolves it, typed by the BFF's own types. */
const bffPackage = createRequire(import.meta.url).resolve('@callboard/bff/package.json');
const pg = createRequire(bffPackage)('pg') as {
  Pool: new (config: { connectionString: string; max?: number; application_name?: string }) => PgPool;
};

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE cannot run in the target). */
async function onServer<T>(serverUrl: string, run: (pool: PgPool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({
    connectionString: `${serverUrl}/postgres`,
    max: 1,
    application_name: 'callboard-bench',
  });
  try {
    return await run(pool);
  } finally {
    await pool.end();
  }
}

/**
 * PostgreSQL on `serverUrl` (superuser, no database name): each data directory gets a database
 * `<prefix>_<directory name>`; `prefix` is random per benchmark run, so runs never share or leave databases.
 */
export function postgresEngine(serverUrl: string, prefix: string): StoreEngine {
  const database = (dataDir: string) =>
    `${prefix}_${path
      .basename(dataDir)
      .replace(/[^a-z0-9]+/gi, '_')
      .toLowerCase()}`.slice(0, 63);
  const url = (dataDir: string) => `${serverUrl}/${database(dataDir)}`;
  const drop = (pool: PgPool, name: string) => pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  return {
    id: 'postgres',
    label: 'PostgreSQL',
    env: (dataDir) => ({ CALLBOARD_DATABASE_URL: url(dataDir) }),
    async reset(dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      ensureDir(dataDir); // the BFF's data directory (unused by the PostgreSQL store)
      await onServer(serverUrl, async (pool) => {
        await drop(pool, database(dataDir));
        await pool.query(`CREATE DATABASE "${database(dataDir)}" TEMPLATE template0 ENCODING 'UTF8'`);
      });
    },
    sizeMb: (dataDir) =>
      onServer(serverUrl, async (pool) => {
        const { rows } = await pool.query<{ bytes: string }>('SELECT pg_database_size($1)::text AS bytes', [
          database(dataDir),
        ]);
        return mb(Number(rows[0]!.bytes));
      }),
    async move(fromDir, toDir) {
      await duckdbEngine.move(fromDir, toDir);
      await onServer(serverUrl, async (pool) => {
        await drop(pool, database(toDir));
        await pool.query(`ALTER DATABASE "${database(fromDir)}" RENAME TO "${database(toDir)}"`);
      });
    },
    async openStore(dataDir) {
      const db = await openPostgres({
        url: url(dataDir),
        poolMax: 10,
        statementTimeoutMs: 600_000,
        applicationName: 'callboard-bench',
      });
      const store = new PostgresStore(db);
      return {
        store,
        async close() {
          await store.close();
          await db.close();
        },
      };
    },
    dispose: () => dropDatabases(serverUrl, prefix),
  };
}

/** Drops every database whose name starts with `prefix` (a benchmark run's throwaway databases). */
export function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  return onServer(serverUrl, async (pool) => {
    const { rows } = await pool.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) await pool.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

export const randomDatabasePrefix = () => `callboard_bench_${randomBytes(5).toString('hex')}`;

export interface PostgresServer {
  /** Superuser URL without a database name. */
  url: string;
  version: string;
  settings: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server to measure: CALLBOARD_BENCH_POSTGRES_URL when set, else the one on 127.0.0.1:5432
 * (trust, user postgres), else a throwaway cluster, both from scripts/postgres-for-tests.mjs as the tests do.
 */
export async function postgresServer(): Promise<PostgresServer> {
  let url = process.env.CALLBOARD_BENCH_POSTGRES_URL?.replace(/\/+$/, '');
  let stop = async () => {};
  if (!url) {
    const script = pathToFileURL(path.join(REPO_ROOT, 'scripts', 'postgres-for-tests.mjs')).href;
    const { startPostgresForTests } = (await import(script)) as {
      startPostgresForTests(): Promise<{ url: string; stop(): Promise<void> }>;
    };
    const server = await startPostgresForTests();
    url = server.url;
    stop = server.stop;
  }
  const names = [
    'shared_buffers',
    'work_mem',
    'effective_cache_size',
    'synchronous_commit',
    'fsync',
    'max_parallel_workers_per_gather',
  ];
  const { version, settings } = await onServer(url, async (pool) => {
    const v = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const s = await pool.query<{ name: string; value: string }>(
      'SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name',
      [names],
    );
    return { version: v.rows[0]!.v, settings: Object.fromEntries(s.rows.map((r) => [r.name, r.value])) };
  });
  return { url, version, settings, stop };
}
