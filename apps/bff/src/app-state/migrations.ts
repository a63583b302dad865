// The app state's schema, one description for SQLite and PostgreSQL (Kysely's schema builder). Each
// migration runs once, in order, in a transaction; never edit a released one: add the next.
import { type Kysely, sql } from 'kysely';
import type { AppStateDialect } from './app-state-db.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then, not today's types
type Db = Kysely<any>;

export interface AppStateMigration {
  version: number;
  name: string;
  up(db: Db, dialect: AppStateDialect): Promise<void>;
}

/** An auto-numbered primary key in either dialect. */
const serial = (dialect: AppStateDialect) => (dialect === 'postgres' ? 'bigserial' : 'integer');

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
];
