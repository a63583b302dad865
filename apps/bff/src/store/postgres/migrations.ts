import { recordsTableSql, syncWindowsTableSql } from '../record-schema.js';
import { refreshAllRollupsSql, rollupTablesSql } from '../rollup-sql.js';

// The PostgreSQL schema: the same versioned migrations as the embedded engine (version 1 = records and
// sync ledger, generated from record-schema.ts like DuckDB's), plus what several replicas share: the sync
// leases (the app state has its own migrator). Never edit a released migration: add the next.
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'records and sync ledger',
    sql: `
      ${recordsTableSql('postgres')}
      CREATE INDEX records_submit_at ON records (submit_at, voice_id);
      CREATE INDEX records_code ON records (code);
      CREATE INDEX records_termination_code ON records (termination_code);
      CREATE INDEX records_currency ON records (currency);
      -- Partial callee matches (LIKE '%…%') use trigrams when pg_trgm can be created here; without the
      -- extension a btree still serves exact and prefix lookups.
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXECUTE 'CREATE INDEX records_callee_trgm ON records USING gin (callee gin_trgm_ops)';
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable (%), indexing callee with a btree', SQLERRM;
        EXECUTE 'CREATE INDEX records_callee ON records (callee)';
      END
      $$;
      ${syncWindowsTableSql('postgres')}
    `,
  },
  {
    version: 2,
    // Users, sessions and the audit log moved to the app-state migrator (app-state/migrations.ts), which
    // creates them in both engines; databases that ran the original SQL here already hold the same tables.
    name: 'app state: users, sessions, audit log',
    sql: 'SELECT 1',
  },
  {
    version: 3,
    name: 'sync leases',
    sql: `
      -- One row per UTC-day window being synced: the replica holding it and until when (database clock).
      CREATE TABLE sync_leases (
        window_from BIGINT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'callee lookup: distinct callees and an equality index on records.callee',
    // A partial number is matched against the distinct callees (trigram index when pg_trgm exists), then the
    // records of those callees are read through a btree: the lookup never tests every record's callee.
    sql: `
      CREATE TABLE callees (callee TEXT COLLATE "C" PRIMARY KEY);
      INSERT INTO callees SELECT DISTINCT callee FROM records;
      CREATE INDEX IF NOT EXISTS records_callee ON records (callee);
      DO $$
      BEGIN
        EXECUTE 'CREATE INDEX callees_trgm ON callees USING gin (callee gin_trgm_ops)';
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable (%), callees are scanned', SQLERRM;
      END
      $$;
    `,
  },
  {
    version: 5,
    name: 'rollups: money, counts and quarter-hour sums per UTC day and hour',
    // rollup_dirty: UTC days written since their rollups were rebuilt (see PostgresStore.saveWindow).
    sql: [
      rollupTablesSql('postgres'),
      'CREATE TABLE rollup_dirty (day BIGINT PRIMARY KEY)',
      ...refreshAllRollupsSql(),
    ].join(';\n'),
  },
];
