// The BFF's public entry (`@callboard/bff`): what the benchmarks and other packages may start or open.
// Everything else under src/ is internal; package.json "exports" allows only this file.
export { hashPassword } from './auth/passwords.js';
export { loadConfig } from './config.js';
export { createLogger } from './logger.js';
export { type RunningServer, startServer } from './server.js';
export { DuckDbStore } from './store/duckdb/duckdb-store.js';
export { openPostgres, type PostgresDatabase } from './store/postgres/postgres-database.js';
export { PostgresStore } from './store/postgres/postgres-store.js';
export { type StoredRecord, toStoredRecord } from './store/record-mapping.js';
export type { RecordStore } from './store/record-store.js';
/** For tools that write records into a DuckDB store file directly (the e2e archive seeding): rebuilds the rollups. */
export { refreshAllRollupsSql } from './store/rollup-sql.js';
