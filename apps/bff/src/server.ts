// Assembles a running Callboard: store, upstream (the vendor, or the built-in simulator in demo mode),
// sync engine and HTTP server. index.ts runs it; tests and benchmarks start it in-process.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alertKindOf, DAY_MS, type Role } from '@callboard/contracts';
import { createItnioClient, type ItnioClientOptions } from '@callboard/itnio-client';
import { type Simulator, startSimulator } from '@callboard/itnio-simulator';
import type { Express } from 'express';
import { type Alerting, createAlerting } from './alerts/alerting.js';
import { demoRules } from './alerts/demo-rules.js';
import { createApp } from './app.js';
import { openPostgresAppState, openSqliteAppState } from './app-state/app-state-db.js';
import { AppStateStore } from './app-state/app-state-store.js';
import { hashPassword, verifyPassword } from './auth/passwords.js';
import { createBackup } from './backup/backup.js';
import { BackupScheduler } from './backup/backup-scheduler.js';
import { controlSocketPath, startControlSocket } from './backup/control-socket.js';
import type { Config } from './config.js';
import { prepareDataDir } from './data-dir.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { createReporting, type Reporting } from './reports/reporting.js';
import { DuckDbStore } from './store/duckdb/duckdb-store.js';
import { openPostgres, withTryLock } from './store/postgres/postgres-database.js';
import { PostgresStore } from './store/postgres/postgres-store.js';
import { PostgresWindowLease } from './store/postgres/postgres-window-lease.js';
import type { RecordStore } from './store/record-store.js';
import { SyncEngine } from './sync/sync-engine.js';

export const VERSION = '0.1.0';
/** pg_advisory_lock key of the scheduled backup: one replica takes it. */
const BACKUP_LOCK = 4_711_230_919;
const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Well-known demo credentials of the in-process simulator; they protect nothing real. */
const DEMO_KEY = 'demo-key';
const DEMO_SECRET = 'demo-secret';
/** Demo mode seeds one account per role; their passwords are shown on the sign-in page, in demo mode only. */
export const DEMO_ACCOUNTS: Array<{ username: string; password: string; role: Role }> = [
  { username: 'admin', password: 'demo-admin-pass', role: 'admin' },
  { username: 'finance', password: 'demo-finance-pass', role: 'finance' },
  { username: 'support', password: 'demo-support-pass', role: 'support' },
];

export interface RunningServer {
  url: string;
  /** The Express app (tests walk its routes). */
  app: Express;
  mode: 'demo' | 'live';
  store: RecordStore;
  state: AppStateStore;
  sync: SyncEngine;
  alerting: Alerting;
  reporting: Reporting;
  simulator: Simulator | null;
  backups: BackupScheduler | null;
  close(): Promise<void>;
}

export interface StartOptions {
  webRoot?: string | null;
  /** Start syncing at once (default true). Tests turn it off to control when data arrives. */
  autoSync?: boolean;
  /** The clock of the sync engine and the signer (tests run on a fixed clock shared with the simulator). */
  now?: () => number;
  /** Retry and timeout tuning of the upstream client (tests shorten the backoff). */
  client?: Pick<ItnioClientOptions, 'maxRetries' | 'retryBaseMs' | 'retryMaxMs' | 'timeoutMs'>;
  /** Start alert evaluation and webhook sending (default true); tests turn it off to evaluate by hand. */
  alerts?: boolean;
  /** Start the report runner (default true); tests turn it off to run reports by hand. */
  reports?: boolean;
  /** The report runner's claim lease (tests shorten the takeover after a dead runner). */
  reportLeaseMs?: number;
}

export async function startServer(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  const mode = config.upstream ? 'live' : 'demo';
  let simulator: Simulator | null = null;
  let upstream = config.upstream;
  if (!upstream) {
    simulator = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      seed: config.demo.seed,
      callsPerDay: config.demo.callsPerDay,
      key: DEMO_KEY,
      secret: DEMO_SECRET,
    });
    upstream = { baseUrl: simulator.url, apiKey: DEMO_KEY, apiSecret: DEMO_SECRET };
    logger.info(
      { simulator: simulator.url },
      'demo mode: no ITNIO_API_KEY/ITNIO_API_SECRET, serving generated demo data from the built-in simulator',
    );
  }
  const { store, state, lease, closeDatabase, exclusive } = await openStores(config, mode, logger);
  await state.deleteExpiredSessions(Date.now(), config.auth.sessionIdleMs);
  if (mode === 'demo') {
    for (const account of DEMO_ACCOUNTS) {
      if (!(await state.findUser(account.username))) {
        await state.upsertUser(account.username, account.role, await hashPassword(account.password));
      }
    }
  }
  if (config.auth.admin) {
    // Only a real change touches the account, so a restart does not sign the admin out.
    const { username, password } = config.auth.admin;
    const existing = await state.findUser(username);
    const unchanged =
      existing?.role === 'admin' &&
      !existing.disabled &&
      (await verifyPassword(password, existing.passwordHash));
    if (!unchanged) {
      await state.upsertUser(username, 'admin', await hashPassword(password));
      logger.info({ username }, 'admin account from CALLBOARD_ADMIN_USER created or updated');
    }
  }
  const metrics = new Metrics();
  const client = createItnioClient({
    baseUrl: upstream.baseUrl,
    apiKey: upstream.apiKey,
    apiSecret: upstream.apiSecret,
    timeoutMs: config.sync.timeoutMs,
    concurrency: config.sync.concurrency,
    ...(config.sync.requestsPerSecond ? { requestsPerSecond: config.sync.requestsPerSecond } : {}),
    logger: logger.child({ component: 'itnio-client' }),
    onAttempt: (outcome) =>
      metrics.upstreamRequests.inc({
        vendor_status: outcome.status,
        http_status: String(outcome.httpStatus ?? 'none'),
      }),
    ...(options.now ? { now: options.now } : {}),
    ...options.client,
  });
  const sync = new SyncEngine({
    store,
    client,
    logger: logger.child({ component: 'sync' }),
    freshnessMs: config.sync.freshnessHours * 3_600_000,
    intervalMs: config.sync.intervalSeconds * 1000,
    parallelism: config.sync.concurrency,
    backfill: config.sync.backfill,
    ...(config.sync.archiveDays > 0 ? { archiveMs: config.sync.archiveDays * DAY_MS } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(lease ? { lease } : {}),
  });
  await sync.restoreLastSuccess();
  const alerting = createAlerting({
    state,
    store,
    sync,
    logger,
    now: options.now ?? Date.now,
    config: config.alerts,
  });
  const reporting = createReporting({
    state,
    store,
    sync,
    alerting,
    config,
    logger,
    now: options.now ?? Date.now,
    ...(options.reportLeaseMs ? { leaseMs: options.reportLeaseMs } : {}),
  });
  const seeded: number[] = [];
  if (simulator && (await alerting.alerts.countRules()) === 0) {
    // A fresh demo starts with rules sized to its generated traffic (the last 30 days' cost per currency).
    const t = (options.now ?? Date.now)();
    for (const rule of demoRules(simulator.dataset.aggregate(t - 30 * DAY_MS, t).costByCurrency)) {
      const id = await alerting.alerts.createRule({
        definition: { ...rule, tz: config.defaultTimeZone },
        kind: alertKindOf(rule.metric),
        createdBy: null,
        now: t,
      });
      if (options.autoSync !== false) seeded.push(id);
    }
  }
  const backups = config.backup
    ? new BackupScheduler({
        store,
        state,
        dir: config.backup.dir,
        intervalMs: config.backup.intervalHours * 3_600_000,
        keep: config.backup.keep,
        logger: logger.child({ component: 'backup' }),
        metrics,
        ...(exclusive ? { exclusive } : {}),
      })
    : null;
  metrics.watch({
    store,
    sync,
    now: options.now ?? Date.now,
    freshnessMs: config.sync.freshnessHours * 3_600_000,
  });
  const app = createApp({
    config,
    store,
    state,
    sync,
    logger,
    mode,
    demoAccounts: mode === 'demo' ? DEMO_ACCOUNTS : null,
    version: VERSION,
    webRoot: options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot,
    now: options.now ?? Date.now,
    metrics,
    alerting,
    reporting,
    simulator,
    backups,
  });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (options.autoSync !== false) sync.start();
  if (options.alerts !== false) {
    alerting.start();
    // The demo's rules chart their last day as soon as the sync has stored it.
    if (seeded.length > 0) {
      const now = options.now ?? Date.now;
      const chart = () => {
        sync
          .coverage(now() - DAY_MS, now())
          .then((coverage) => {
            if (!coverage.complete || seeded.length === 0) return;
            sync.events.off('window-committed', chart);
            alerting.evaluator.backfillSamples(seeded.splice(0));
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'could not chart the demo rules'));
      };
      sync.events.on('window-committed', chart);
    }
  }
  // The embedded store is this process's alone: the `backup` command asks it over a local socket.
  const control = config.database
    ? null
    : await startControlSocket(
        controlSocketPath(config.dataDir),
        { backup: (to) => createBackup({ store, state, dir: to }) },
        logger,
      );
  backups?.start();
  if (options.reports !== false) reporting.runner.start();

  return {
    url,
    app,
    mode,
    store,
    state,
    sync,
    alerting,
    reporting,
    simulator,
    backups,
    async close() {
      server.closeIdleConnections?.();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await sync.stop();
      await reporting.runner.stop();
      await alerting.stop();
      await backups?.stop();
      await control?.close();
      await closed;
      lease?.close();
      await store.close();
      await state.close();
      await closeDatabase();
      await simulator?.close();
    },
  };
}

/**
 * The embedded stores (DuckDB records, SQLite app state, files in the data dir), or, with
 * CALLBOARD_DATABASE_URL, all of it in one PostgreSQL database shared by several replicas, with window leases.
 */
async function openStores(config: Config, mode: 'demo' | 'live', logger: Logger) {
  if (config.database) {
    const db = await openPostgres({
      url: config.database.url,
      poolMax: config.database.poolMax,
      statementTimeoutMs: config.database.statementTimeoutMs,
    });
    logger.info(
      { database: db.safeUrl, poolMax: config.database.poolMax },
      'store: PostgreSQL (shared by replicas)',
    );
    return {
      store: new PostgresStore(db) as RecordStore,
      state: new AppStateStore(await openPostgresAppState(db.pool)),
      lease: new PostgresWindowLease(db, config.database.leaseMs) as PostgresWindowLease | null,
      closeDatabase: () => db.close(),
      exclusive: ((task) => withTryLock(db, BACKUP_LOCK, task)) as
        | ((task: () => Promise<void>) => Promise<boolean>)
        | null,
    };
  }
  prepareDataDir(config.dataDir, logger);
  // Demo data lives in its own file so it can never mix with a real account's archive.
  const store = await DuckDbStore.open({
    dataDir: config.dataDir,
    fileName: mode === 'demo' ? 'demo.duckdb' : 'callboard.duckdb',
    queryTimeoutMs: config.limits.queryTimeoutMs,
  });
  const state = new AppStateStore(
    await openSqliteAppState(config.dataDir, mode === 'demo' ? 'demo-app-state.sqlite' : 'app-state.sqlite'),
  );
  return { store: store as RecordStore, state, lease: null, closeDatabase: async () => {}, exclusive: null };
}
