// Versioned schema. Each migration runs once, in order, inside a transaction; the applied versions are
// recorded in schema_migrations. Never edit a released migration: add the next one.
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'records and sync ledger',
    sql: `
      CREATE TABLE records (
        voice_id VARCHAR NOT NULL,
        callee VARCHAR NOT NULL,
        display_num VARCHAR NOT NULL,
        code VARCHAR NOT NULL,
        submit_at BIGINT NOT NULL,            -- UTC epoch ms
        call_at BIGINT,
        ringing_at BIGINT,
        answer_at BIGINT,
        hangup_at BIGINT,
        submit_time_raw VARCHAR NOT NULL,     -- the upstream's own strings, offsets included
        call_time_raw VARCHAR NOT NULL,
        ringing_time_raw VARCHAR NOT NULL,
        answer_time_raw VARCHAR NOT NULL,
        hangup_time_raw VARCHAR NOT NULL,
        call_duration INTEGER NOT NULL,
        charged_duration INTEGER NOT NULL,
        termination_code VARCHAR NOT NULL,
        termination_reason VARCHAR NOT NULL,
        bill_period VARCHAR NOT NULL,
        voice_file_id VARCHAR NOT NULL,
        feedback_value VARCHAR NOT NULL,
        called_info VARCHAR NOT NULL,
        currency VARCHAR NOT NULL,            -- quote currency; the upstream's empty/absent means USD
        cost DECIMAL(18,8) NOT NULL,          -- exact decimals, in the quote currency
        rate DECIMAL(18,8) NOT NULL,
        base_cost DECIMAL(18,8) NOT NULL,     -- USD
        settle_rate DECIMAL(18,8),
        quote_exchange DECIMAL(18,8),
        settle_pay DECIMAL(18,8),
        answered BOOLEAN NOT NULL,
        ring_seconds INTEGER,
        answer_delay_seconds INTEGER,
        overhead_seconds INTEGER NOT NULL,
        synced_at BIGINT NOT NULL
      );
      CREATE TABLE sync_windows (
        window_from BIGINT PRIMARY KEY,
        window_to BIGINT NOT NULL,
        covered_to BIGINT NOT NULL,
        state VARCHAR NOT NULL,
        upstream_total INTEGER,
        stored INTEGER,
        pages INTEGER NOT NULL,
        passes INTEGER NOT NULL,
        synced_at BIGINT NOT NULL,
        error VARCHAR
      );
    `,
  },
];
