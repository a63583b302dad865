// The app state (users, sessions, audit log, sign-in throttling, and what later features keep) in one
// schema and one query layer for both engines: a SQLite file beside the embedded records store, or the
// PostgreSQL database several replicas share. Kysely builds the SQL for each dialect, so every query and
// every table is written once.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '@callboard/contracts';
import Database from 'better-sqlite3';
import { type Generated, Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { APP_STATE_MIGRATIONS, type AppStateDialect } from './migrations.js';

export type { AppStateDialect };

/** BIGINTs come back as strings from PostgreSQL and as numbers from SQLite: read them with Number(). */
type Int = number | string;

export interface UsersTable {
  id: Generated<Int>;
  username: string;
  role: Role;
  password_hash: string;
  /** 0/1 in SQLite, a boolean in PostgreSQL. */
  disabled: number | boolean;
  created_at: Int;
  updated_at: Int;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a leaked table opens no session. */
  id_hash: string;
  user_id: Int;
  csrf_token: string;
  created_at: Int;
  last_seen_at: Int;
  expires_at: Int;
}

export interface AuditTable {
  id: Generated<Int>;
  at: Int;
  username: string | null;
  action: string;
  /** JSON text. */
  detail: string;
  ip: string | null;
}

export interface SignInFailuresTable {
  /** `account:alice` or `pair:alice|203.0.113.7`. */
  key: string;
  failures: Int;
  first_at: Int;
  /** No sign-in is checked for this key before this instant (backoff); 0 when none applies. */
  blocked_until: Int;
}

export interface AlertRulesTable {
  id: Generated<Int>;
  name: string;
  metric: string;
  kind: 'spend' | 'quality';
  /** JSON text of the validated rule. */
  definition: string;
  enabled: number | boolean;
  created_by: string | null;
  created_at: Int;
  updated_at: Int;
}

export interface AlertStatesTable {
  rule_id: Int;
  state: string;
  level: string | null;
  since: Int;
  seq: number;
  status: string;
  evaluated_at: Int | null;
  /** JSON text: what the last evaluation measured. */
  observation: string | null;
}

export interface AlertEventsTable {
  id: Generated<Int>;
  rule_id: Int;
  seq: number;
  rule_name: string;
  metric: string;
  kind: 'spend' | 'quality';
  state: string;
  previous_state: string;
  level: string | null;
  at: Int;
  observation: string;
}

export interface AlertSamplesTable {
  rule_id: Int;
  at: Int;
  status: string;
  /** A decimal as text: percent, seconds, calls or an amount. */
  value: string | null;
  calls: number | null;
}

export interface WebhooksTable {
  id: Generated<Int>;
  name: string;
  url: string;
  secret: string;
  format: string;
  /** JSON text: the alert kinds it receives. */
  kinds: string;
  enabled: number | boolean;
  created_by: string | null;
  created_at: Int;
  updated_at: Int;
}

export interface WebhookDeliveriesTable {
  id: Generated<Int>;
  webhook_id: Int;
  topic: string;
  event_key: string;
  event: string;
  kind: string;
  body: string;
  state: string;
  attempts: Generated<number>;
  next_attempt_at: Int;
  claimed_by: string | null;
  claimed_until: Int | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Int;
  delivered_at: Int | null;
}

export interface WebhookAttemptsTable {
  id: Generated<Int>;
  delivery_id: Int;
  attempt: number;
  at: Int;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface SavedViewsTable {
  id: Generated<Int>;
  name: string;
  page: string;
  /** JSON text of the validated view parameters. */
  params: string;
  shared: number | boolean;
  owner: string | null;
  created_at: Int;
  updated_at: Int;
}

export interface ReportsTable {
  id: Generated<Int>;
  view_id: Int;
  /** JSON text of the validated schedule. */
  schedule: string;
  webhook_id: Int | null;
  keep_runs: number;
  next_run_at: Int | null;
  enabled: number | boolean;
  created_by: string | null;
  created_at: Int;
  updated_at: Int;
}

export interface ReportRunsTable {
  id: Generated<Int>;
  report_id: Int;
  run_key: string;
  view_name: string;
  owner: string | null;
  shared: number | boolean;
  uses_money: number | boolean;
  trigger: string;
  triggered_by: string | null;
  due_at: Int;
  state: string;
  claimed_by: string | null;
  claimed_until: Int | null;
  attempts: Generated<number>;
  started_at: Int | null;
  finished_at: Int | null;
  export_query: string | null;
  rows: Int | null;
  bytes: Int | null;
  file: string | null;
  file_name: string | null;
  /** JSON texts. */
  missing: string | null;
  totals: string | null;
  comparison: string | null;
  error: string | null;
}

export interface AppStateTables {
  users: UsersTable;
  sessions: SessionsTable;
  audit: AuditTable;
  sign_in_failures: SignInFailuresTable;
  alert_rules: AlertRulesTable;
  alert_states: AlertStatesTable;
  alert_events: AlertEventsTable;
  alert_samples: AlertSamplesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  saved_views: SavedViewsTable;
  reports: ReportsTable;
  report_runs: ReportRunsTable;
  app_state_migrations: { version: number; name: string; applied_at: Int };
}

/** A transaction on the app state: stores that must write together (an alert's change and its deliveries) share one. */
export type AppStateTransaction = Transaction<AppStateTables>;

/** Rows in one app-state table: the caps on rules, webhooks and reports count with it. */
export async function countRows(db: Kysely<AppStateTables>, table: keyof AppStateTables): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AppStateDb {
  readonly db: Kysely<AppStateTables>;
  readonly dialect: AppStateDialect;
  /** A boolean as the dialect stores it. */
  bool(value: boolean): number | boolean;
  /** SQLite only: a consistent copy of the database file while it is in use (SQLite's online backup API). */
  backupTo?(file: string): Promise<void>;
  close(): Promise<void>;
}

/** The embedded app state: a SQLite file (WAL, so the user CLI can write while the server runs). */
export async function openSqliteAppState(dataDir: string, fileName: string): Promise<AppStateDb> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, fileName);
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<AppStateTables>({ dialect: new SqliteDialect({ database }) });
  const state: AppStateDb = {
    db,
    dialect: 'sqlite',
    bool: (v) => (v ? 1 : 0),
    backupTo: async (target) => {
      await database.backup(target);
    },
    close: () => db.destroy(),
  };
  await migrate(state);
  return state;
}

/** The shared app state in PostgreSQL; the pool belongs to the caller, which closes it. */
export async function openPostgresAppState(pool: pg.Pool): Promise<AppStateDb> {
  const db = new Kysely<AppStateTables>({ dialect: new PostgresDialect({ pool }) });
  // Kysely's destroy() would end the pool the records store and the leases still use.
  const state: AppStateDb = { db, dialect: 'postgres', bool: (v) => v, close: async () => {} };
  await migrate(state);
  return state;
}

/** pg_advisory_lock key held while migrating the app state (replicas starting together migrate once). */
const MIGRATION_LOCK = 4_711_230_918;

async function migrate(state: AppStateDb): Promise<void> {
  await state.db.connection().execute(async (db) => {
    if (state.dialect === 'postgres') {
      await sql`SET statement_timeout = 0`.execute(db);
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(db);
    }
    try {
      await db.schema
        .createTable('app_state_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'bigint', (c) => c.notNull())
        .execute();
      const applied = new Set(
        (await db.selectFrom('app_state_migrations').select('version').execute()).map((r) =>
          Number(r.version),
        ),
      );
      for (const migration of APP_STATE_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await db.transaction().execute(async (trx) => {
          await migration.up(trx, state.dialect);
          await trx
            .insertInto('app_state_migrations')
            .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
            .execute();
        });
      }
    } finally {
      if (state.dialect === 'postgres') {
        await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(db);
        await sql`RESET statement_timeout`.execute(db);
      }
    }
  });
}
