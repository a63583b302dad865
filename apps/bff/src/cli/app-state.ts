// The app state as the command-line tools open it: the PostgreSQL database every replica reads (with
// CALLBOARD_DATABASE_URL), or the SQLite file in the data directory, which they may write while the server runs.
import { openPostgresAppState, openSqliteAppState } from '../app-state/app-state-db.js';
import { AppStateStore } from '../app-state/app-state-store.js';
import { type Config, loadConfig } from '../config.js';
import { prepareDataDir } from '../data-dir.js';
import { createLogger } from '../logger.js';
import { openPostgres } from '../store/postgres/postgres-database.js';

export async function openCliAppState(
  demo: boolean,
): Promise<{ config: Config; state: AppStateStore; close(): Promise<void> }> {
  const config = loadConfig();
  if (!config.database) prepareDataDir(config.dataDir, createLogger('warn'));
  const db = config.database
    ? await openPostgres({
        url: config.database.url,
        poolMax: 2,
        statementTimeoutMs: config.database.statementTimeoutMs,
      })
    : null;
  const state = new AppStateStore(
    db
      ? await openPostgresAppState(db.pool)
      : await openSqliteAppState(config.dataDir, demo ? 'demo-app-state.sqlite' : 'app-state.sqlite'),
  );
  return {
    config,
    state,
    async close() {
      await state.close();
      await db?.close();
    },
  };
}
