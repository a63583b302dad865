import { recordsTableSql, syncWindowsTableSql } from '../record-schema.js';
import { refreshAllRollupsSql, rollupTablesSql } from '../rollup-sql.js';

// Versioned schema. Each migration runs once, in order, inside a transaction; the applied versions are
// recorded in schema_migrations. Never edit a released migration: add the next one.
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'records and sync ledger',
    // Generated from record-schema.ts; it reproduces the original DDL of this version column for column.
    sql: `${recordsTableSql('duckdb')}\n${syncWindowsTableSql('duckdb')}`,
  },
  {
    version: 2,
    name: 'callee lookup: distinct callees and an index on records.callee',
    // A partial number is matched against the ~200k distinct callees (a few ms), then the records of those
    // callees are read through the ART index: no substring test of every record. Kept by every merge.
    sql: `CREATE TABLE callees (callee VARCHAR PRIMARY KEY);
INSERT INTO callees SELECT DISTINCT callee FROM records;
CREATE INDEX records_callee ON records (callee);`,
  },
  {
    version: 3,
    name: 'rollups: money, counts and quarter-hour sums per UTC day and hour',
    sql: [rollupTablesSql('duckdb'), ...refreshAllRollupsSql()].join(';\n'),
  },
];
