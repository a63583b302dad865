// An empty store of each engine for tests that hold both to the same behaviour: DuckDB in a temporary
// directory, PostgreSQL in a throwaway database. closeStores (afterAll) removes them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ResolvedFilters } from '@callboard/contracts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { openPostgres } from '../store/postgres/postgres-database.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import type { RecordStore } from '../store/record-store.js';
import { createTestDatabase } from './postgres.js';

const cleanups: Array<() => Promise<void>> = [];
export async function closeStores(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}

export const STORE_ENGINES: Array<[string, () => Promise<RecordStore>]> = [
  [
    'duckdb',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'callboard-store-'));
      const store = await DuckDbStore.open({ dataDir: dir });
      cleanups.push(async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return store;
    },
  ],
  [
    'postgres',
    async () => {
      const database = await createTestDatabase('archive');
      const db = await openPostgres({ url: database.url, poolMax: 2, statementTimeoutMs: 20_000 });
      cleanups.push(async () => {
        await db.close();
        await database.drop();
      });
      return new PostgresStore(db);
    },
  ],
];

/** Filters over [from, to) in UTC with nothing else set, and `over` on top. */
export const filtersOver =
  (from: number, to: number) =>
  (over: Partial<ResolvedFilters> = {}): ResolvedFilters => ({
    from,
    to,
    tz: 'UTC',
    callee: null,
    codes: [],
    terminationCodes: [],
    currencies: [],
    outcome: null,
    minDuration: null,
    maxDuration: null,
    q: null,
    ...over,
  });
