// `pnpm --filter @callboard/bff backup --to DIR | verify --from DIR | restore --from DIR [--force]`
// (or `node apps/bff/dist/cli/backup.js …` in a container). Embedded mode: while the server runs it holds the
// DuckDB file, so `backup` asks it over the control socket in the data directory; when it does not run, the
// store is opened here. With CALLBOARD_DATABASE_URL the records are read from PostgreSQL directly (the app
// state there is pg_dump's job: see the README). Exit code 0 only when the backup is whole.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteAppState } from '../app-state/app-state-db.js';
import { AppStateStore } from '../app-state/app-state-store.js';
import { BackupRefused, createBackup, type Manifest, restoreBackup, verifyBackup } from '../backup/backup.js';
import { answers, controlSocketPath, requestBackup } from '../backup/control-socket.js';
import { ConfigError, loadConfig } from '../config.js';
import { prepareDataDir } from '../data-dir.js';
import { createLogger } from '../logger.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { openPostgres } from '../store/postgres/postgres-database.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import type { ArchiveTotals } from '../store/record-store.js';

const USAGE = `usage: backup --to DIR            a consistent backup of the archive (while the server runs, too)
       verify --from DIR          check a backup's files, checksums and figures without restoring
       restore --from DIR [--force]  into an empty data directory (or, forced, over the current one)
       [--demo] works on the demo-mode store instead`;

function figures(label: string, t: ArchiveTotals): string {
  const cost =
    Object.entries(t.costByCurrency)
      .map(([c, a]) => `${a} ${c}`)
      .join(', ') || 'none';
  return `  ${label.padEnd(10)} ${String(t.records).padStart(10)} calls  ${t.oldest ?? '-'} … ${t.newest ?? '-'}  ${t.windows} ledger windows  cost ${cost}`;
}

function describe(manifest: Manifest): string {
  const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  return `${manifest.files.length} files, ${(bytes / 1_048_576).toFixed(1)} MB, taken ${manifest.createdAt} from ${manifest.engine}`;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const storeFile = values.demo ? 'demo.duckdb' : 'callboard.duckdb';
  const appStateFile = values.demo ? 'demo-app-state.sqlite' : 'app-state.sqlite';

  if (command === 'verify') {
    if (!values.from) throw new Error(`give --from DIR\n${USAGE}`);
    const { manifest, problems } = await verifyBackup(path.resolve(values.from));
    if (manifest) console.log(`backup: ${describe(manifest)}\n${figures('manifest', manifest.totals)}`);
    if (problems.length > 0) {
      console.error(`NOT OK:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log('OK: every file is whole and the figures match the manifest');
    return;
  }

  if (command === 'backup') {
    if (!values.to) throw new Error(`give --to DIR\n${USAGE}`);
    const to = path.resolve(values.to);
    let manifest: Manifest;
    const socket = controlSocketPath(config.dataDir);
    if (config.database) {
      const db = await openPostgres({
        url: config.database.url,
        poolMax: 2,
        statementTimeoutMs: config.database.statementTimeoutMs,
      });
      try {
        manifest = await createBackup({ store: new PostgresStore(db), state: null, dir: to });
      } finally {
        await db.close();
      }
    } else if (existsSync(socket) && (await answers(socket))) {
      manifest = await requestBackup(socket, to);
    } else {
      prepareDataDir(config.dataDir, createLogger('warn'));
      const store = await DuckDbStore.open({ dataDir: config.dataDir, fileName: storeFile });
      const state = new AppStateStore(await openSqliteAppState(config.dataDir, appStateFile));
      try {
        manifest = await createBackup({ store, state, dir: to });
      } finally {
        await store.close();
        await state.close();
      }
    }
    console.log(`backup written to ${to}: ${describe(manifest)}\n${figures('manifest', manifest.totals)}`);
    return;
  }

  if (command === 'restore') {
    if (!values.from) throw new Error(`give --from DIR\n${USAGE}`);
    const from = path.resolve(values.from);
    if (config.database) {
      const db = await openPostgres({
        url: config.database.url,
        poolMax: 2,
        statementTimeoutMs: config.database.statementTimeoutMs,
      });
      try {
        const holds = async () =>
          Number((await db.pool.query('SELECT count(*) AS n FROM records')).rows[0]?.n ?? 0) > 0;
        if (values.force && (await holds())) await db.pool.query('TRUNCATE records, sync_windows');
        const { manifest, restored } = await restoreBackup({
          from,
          dataDir: config.dataDir,
          storeFiles: [],
          appStateFile: null,
          force: values.force,
          storeHoldsData: holds,
          openStore: async () => Object.assign(new PostgresStore(db), { close: async () => {} }),
        });
        console.log(
          `restored into PostgreSQL: ${describe(manifest)}\n${figures('manifest', manifest.totals)}\n${figures('restored', restored)}`,
        );
        console.log(
          'users, sessions and the audit log are not in this backup on PostgreSQL: restore them with pg_restore (README, Backups)',
        );
      } finally {
        await db.close();
      }
      return;
    }
    if (existsSync(controlSocketPath(config.dataDir)) && (await answers(controlSocketPath(config.dataDir)))) {
      throw new BackupRefused(
        'a Callboard server is running on this data directory: stop it before restoring',
      );
    }
    prepareDataDir(config.dataDir, createLogger('warn'));
    const { manifest, restored } = await restoreBackup({
      from,
      dataDir: config.dataDir,
      storeFiles: [storeFile],
      appStateFile: path.join(config.dataDir, appStateFile),
      force: values.force,
      storeHoldsData: async () => false,
      openStore: () => DuckDbStore.open({ dataDir: config.dataDir, fileName: storeFile }),
    });
    console.log(
      `restored into ${config.dataDir}: ${describe(manifest)}\n${figures('manifest', manifest.totals)}\n${figures('restored', restored)}`,
    );
    return;
  }
  throw new Error(`unknown command ${command}\n${USAGE}`);
}

main().catch((error) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : `${error instanceof BackupRefused ? 'refused' : 'backup'}: ${error instanceof Error ? error.message : error}`;
  console.error(message);
  process.exit(1);
});
