import { recordsTableSql, syncWindowsTableSql } from '../record-schema.js';

// Versioned schema. Each migration runs once, in order, inside a transaction; the applied versions are
// recorded in schema_migrations. Never edit a released migration: add the next one.
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'records and sync ledger',
    // Generated from record-schema.ts; it reproduces the original DDL of this version column for column.
    sql: `${recordsTableSql('duckdb')}\n${syncWindowsTableSql('duckdb')}`,
  },
];
