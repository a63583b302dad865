// The PostgreSQL schema: the same versioned migrations as the embedded engines (version 1 = records and
// sync ledger, same columns and types), in PostgreSQL's dialect, plus what several replicas share: the
// app state (users, sessions, audit log) and the sync leases. Text columns use the "C" collation so sorts
// and comparisons are by code point, exactly as DuckDB sorts. Never edit a released migration: add the next.
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'records and sync ledger',
    sql: `
      CREATE TABLE records (
        voice_id TEXT COLLATE "C" PRIMARY KEY,
        callee TEXT COLLATE "C" NOT NULL,
        display_num TEXT COLLATE "C" NOT NULL,
        code TEXT COLLATE "C" NOT NULL,
        submit_at BIGINT NOT NULL,            -- UTC epoch ms
        call_at BIGINT,
        ringing_at BIGINT,
        answer_at BIGINT,
        hangup_at BIGINT,
        submit_time_raw TEXT NOT NULL,        -- the upstream's own strings, offsets included
        call_time_raw TEXT NOT NULL,
        ringing_time_raw TEXT NOT NULL,
        answer_time_raw TEXT NOT NULL,
        hangup_time_raw TEXT NOT NULL,
        call_duration INTEGER NOT NULL,
        charged_duration INTEGER NOT NULL,
        termination_code TEXT COLLATE "C" NOT NULL,
        termination_reason TEXT COLLATE "C" NOT NULL,
        bill_period TEXT COLLATE "C" NOT NULL,
        voice_file_id TEXT COLLATE "C" NOT NULL,
        feedback_value TEXT COLLATE "C" NOT NULL,
        called_info TEXT COLLATE "C" NOT NULL,
        currency TEXT COLLATE "C" NOT NULL,   -- quote currency; the upstream's empty/absent means USD
        cost NUMERIC(18,8) NOT NULL,          -- exact decimals, in the quote currency
        rate NUMERIC(18,8) NOT NULL,
        base_cost NUMERIC(18,8) NOT NULL,     -- USD
        settle_rate NUMERIC(18,8),
        quote_exchange NUMERIC(18,8),
        settle_pay NUMERIC(18,8),
        answered BOOLEAN NOT NULL,
        ring_seconds INTEGER,
        answer_delay_seconds INTEGER,
        overhead_seconds INTEGER NOT NULL,
        synced_at BIGINT NOT NULL
      );
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
      CREATE TABLE sync_windows (
        window_from BIGINT PRIMARY KEY,
        window_to BIGINT NOT NULL,
        covered_to BIGINT NOT NULL,
        state TEXT NOT NULL,
        upstream_total INTEGER,
        stored INTEGER,
        pages INTEGER NOT NULL,
        passes INTEGER NOT NULL,
        synced_at BIGINT NOT NULL,
        error TEXT
      );
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
];
