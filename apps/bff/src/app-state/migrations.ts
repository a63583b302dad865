// The app state's schema, one description for SQLite and PostgreSQL (Kysely's schema builder). Each
// migration runs once, in order, in a transaction; never edit a released one: add the next.
import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';

export type AppStateDialect = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then, not today's types
type Db = Kysely<any>;

export interface AppStateMigration {
  version: number;
  name: string;
  up(db: Db, dialect: AppStateDialect): Promise<void>;
}

/** An auto-numbered primary key in either dialect. */
const serial = (dialect: AppStateDialect) => (dialect === 'postgres' ? 'bigserial' : 'integer');

/**
 * A primary key whose values are never used twice, even after the newest row is deleted (SQLite reuses a
 * plain INTEGER PRIMARY KEY's largest value; AUTOINCREMENT does not): event ids and delivery ids go out to
 * webhook receivers, which deduplicate by them.
 */
const neverReusedId = (dialect: AppStateDialect) =>
  [
    serial(dialect),
    (c: ColumnDefinitionBuilder) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
  ] as const;

/** `enabled`, who made it and when it was made and changed: the columns rules and webhooks share. */
const switchableAndOwned =
  (dialect: AppStateDialect) =>
  // biome-ignore lint/suspicious/noExplicitAny: a builder of whichever table is being created
  <T extends CreateTableBuilder<any, any>>(table: T): T =>
    table
      .addColumn('enabled', dialect === 'postgres' ? 'boolean' : 'integer', (c) =>
        c.notNull().defaultTo(dialect === 'postgres' ? true : 1),
      )
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull()) as T;

export const APP_STATE_MIGRATIONS: readonly AppStateMigration[] = [
  {
    version: 1,
    // `IF NOT EXISTS`: databases from before this migrator already hold these tables, with the same columns.
    name: 'users, sessions, audit log',
    async up(db, dialect) {
      await db.schema
        .createTable('users')
        .ifNotExists()
        .addColumn('id', serial(dialect), (c) => c.primaryKey())
        .addColumn('username', dialect === 'sqlite' ? sql`text COLLATE NOCASE` : 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'finance', 'support')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', dialect === 'postgres' ? 'boolean' : 'integer', (c) =>
          c.notNull().defaultTo(dialect === 'postgres' ? false : 0),
        )
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // User names are unique regardless of case.
      await sql`CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users (lower(username))`.execute(db);
      await db.schema
        .createTable('sessions')
        .ifNotExists()
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute();
      await db.schema
        .createTable('audit')
        .ifNotExists()
        .addColumn('id', serial(dialect), (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('username', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('audit_at').ifNotExists().on('audit').column('at').execute();
    },
  },
  {
    version: 2,
    name: 'sign-in throttling shared by every replica',
    async up(db) {
      await db.schema
        .createTable('sign_in_failures')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'bigint', (c) => c.notNull())
        .addColumn('blocked_until', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_action_at').on('audit').columns(['action', 'at']).execute();
    },
  },
  {
    version: 3,
    name: 'alert rules, their state and firings; webhooks and their delivery queue',
    async up(db, dialect) {
      await db.schema
        .createTable('alert_rules')
        .addColumn('id', ...neverReusedId(dialect))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('spend', 'quality')`))
        // The validated rule as JSON (contracts' alertRuleInputSchema): one shape for every metric.
        .addColumn('definition', 'text', (c) => c.notNull())
        .$call(switchableAndOwned(dialect))
        .execute();
      // One row per rule. `seq` counts state changes: a change is written only where seq still has the value
      // the evaluator read, so replicas evaluating at once record (and deliver) each change once.
      await db.schema
        .createTable('alert_states')
        .addColumn('rule_id', 'bigint', (c) =>
          c.primaryKey().references('alert_rules.id').onDelete('cascade'),
        )
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('level', 'text')
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('evaluated_at', 'bigint')
        .addColumn('observation', 'text')
        .execute();
      // History outlives its rule: name, metric and kind are copied, no foreign key.
      await db.schema
        .createTable('alert_events')
        .addColumn('id', ...neverReusedId(dialect))
        .addColumn('rule_id', 'bigint', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('rule_name', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('previous_state', 'text', (c) => c.notNull())
        .addColumn('level', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('observation', 'text', (c) => c.notNull())
        .addUniqueConstraint('alert_events_rule_seq', ['rule_id', 'seq'])
        .execute();
      await db.schema.createIndex('alert_events_at').on('alert_events').column('at').execute();
      await db.schema
        .createTable('alert_samples')
        .addColumn('rule_id', 'bigint', (c) => c.notNull().references('alert_rules.id').onDelete('cascade'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        .addColumn('calls', 'integer')
        .execute();
      await db.schema
        .createIndex('alert_samples_rule_at')
        .on('alert_samples')
        .columns(['rule_id', 'at'])
        .execute();

      await db.schema
        .createTable('webhooks')
        .addColumn('id', ...neverReusedId(dialect))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        // Needed in clear to sign each delivery; never returned after creation, never logged.
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('kinds', 'text', (c) => c.notNull())
        .$call(switchableAndOwned(dialect))
        .execute();
      // The queue: a row per (webhook, event), unique, so an event is queued once however many replicas try.
      // A sender claims a row (claimed_by, claimed_until) before it POSTs; an expired claim is taken over.
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', ...neverReusedId(dialect))
        .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('event_key', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'bigint')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint')
        .addUniqueConstraint('webhook_deliveries_event', ['webhook_id', 'event_key'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', serial(dialect), (c) => c.primaryKey())
        .addColumn('delivery_id', 'bigint', (c) =>
          c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
        )
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_attempts_delivery')
        .on('webhook_attempts')
        .column('delivery_id')
        .execute();
    },
  },
  {
    version: 4,
    name: 'saved views, scheduled reports and their runs',
    async up(db, dialect) {
      const bool = dialect === 'postgres' ? 'boolean' : 'integer';
      const no = dialect === 'postgres' ? false : 0;
      await db.schema
        .createTable('saved_views')
        .addColumn('id', ...neverReusedId(dialect))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('page', 'text', (c) => c.notNull())
        // The validated view parameters as JSON (contracts' viewParamsSchema).
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('shared', bool, (c) => c.notNull().defaultTo(no))
        .addColumn('owner', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', ...neverReusedId(dialect))
        .addColumn('view_id', 'bigint', (c) => c.notNull().references('saved_views.id').onDelete('cascade'))
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('webhook_id', 'bigint', (c) => c.references('webhooks.id').onDelete('set null'))
        .addColumn('keep_runs', 'integer', (c) => c.notNull())
        // The next scheduled run (UTC ms); moved on by exactly one replica, the one that queues the run.
        .addColumn('next_run_at', 'bigint')
        .$call(switchableAndOwned(dialect))
        .execute();
      // One row per run; `run_key` is unique (`schedule:<report>:<due>` or `manual:<uuid>`), so a scheduled
      // occurrence is queued once however many replicas see it due. Runners claim rows like webhook senders.
      await db.schema
        .createTable('report_runs')
        .addColumn('id', ...neverReusedId(dialect))
        .addColumn('report_id', 'bigint', (c) => c.notNull())
        .addColumn('run_key', 'text', (c) => c.notNull().unique())
        .addColumn('view_name', 'text', (c) => c.notNull())
        .addColumn('owner', 'text')
        .addColumn('shared', bool, (c) => c.notNull().defaultTo(no))
        .addColumn('uses_money', bool, (c) => c.notNull().defaultTo(no))
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('triggered_by', 'text')
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .addColumn('export_query', 'text')
        .addColumn('rows', 'bigint')
        .addColumn('bytes', 'bigint')
        // Relative to the data directory; null once retention removed the file.
        .addColumn('file', 'text')
        .addColumn('file_name', 'text')
        .addColumn('missing', 'text')
        .addColumn('totals', 'text')
        .addColumn('comparison', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('report_runs_state')
        .on('report_runs')
        .columns(['state', 'due_at'])
        .execute();
      await db.schema
        .createIndex('report_runs_report')
        .on('report_runs')
        .columns(['report_id', 'id'])
        .execute();
    },
  },
];
