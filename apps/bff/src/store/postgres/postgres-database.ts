// One bounded connection pool to the PostgreSQL database that several BFF replicas share, opened with a
// check that names what is wrong (unreachable, refused credentials, no such database) without the
// password, and the schema migrated under an advisory lock so replicas starting together migrate once.
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (CALLBOARD_DATABASE_URL). */
  url: string;
  /** Connections per replica; queries wait for a free one (bounded memory and server load). */
  poolMax: number;
  /** Any statement running longer is cancelled by the server. Exports lift it for their own cursor. */
  statementTimeoutMs: number;
  connectTimeoutMs?: number;
  applicationName?: string;
}

export interface PostgresDatabase {
  readonly pool: pg.Pool;
  /** The pool's statement_timeout: any statement running longer is cancelled by the server. */
  readonly statementTimeoutMs: number;
  /** The URL with its password replaced by ***, for logs and messages. */
  readonly safeUrl: string;
  close(): Promise<void>;
}

/** A start-up failure a person can act on; the message never contains the password. */
export class DatabaseConnectError extends Error {}

/** pg_advisory_lock key held while migrating (any constant shared by every replica). */
const MIGRATION_LOCK = 4_711_230_917;

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

/** Removes every spelling of the password (raw and URL-encoded) from a message. */
export function withoutSecret(message: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return message.split(url).join(redactUrl(url));
  }
  if (!password) return message;
  let clean = message;
  for (const spelling of new Set([password, decodeURIComponent(password)])) {
    if (spelling.length > 0) clean = clean.split(spelling).join('***');
  }
  return clean;
}

export async function openPostgres(options: PostgresOptions): Promise<PostgresDatabase> {
  const safeUrl = redactUrl(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    statement_timeout: options.statementTimeoutMs,
    application_name: options.applicationName ?? 'callboard-bff',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseConnectError(withoutSecret(describeFailure(error, safeUrl), options.url));
  }
  return {
    pool,
    statementTimeoutMs: options.statementTimeoutMs,
    safeUrl,
    close: () => pool.end(),
  };
}

/**
 * Runs `task` in one transaction on one pooled connection. While checked out a connection has no pool
 * listener for its 'error' event, and a database that goes away would crash the process through it: this
 * listens, rolls back on failure and hands a broken connection back as broken, so the pool drops it.
 */
export async function withTransaction<T>(
  db: PostgresDatabase,
  task: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await db.pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await task(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: Error) => {
      broken ??= rollback;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/**
 * Runs `task` while holding session advisory lock `key`, if no other replica holds it; resolves false when
 * one does (the task is then skipped, not queued). For work only one replica should do, like scheduled backups.
 */
export async function withTryLock(
  db: PostgresDatabase,
  key: number,
  task: () => Promise<void>,
): Promise<boolean> {
  const client = await db.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      key,
    ]);
    if (!rows[0]?.locked) return false;
    try {
      await task();
      return true;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}

function describeFailure(error: unknown, safeUrl: string): string {
  const e = error as { code?: string; message?: string };
  const detail = e.message || e.code || String(error);
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return `PostgreSQL is unreachable at ${safeUrl} (${detail}): check the host and port of CALLBOARD_DATABASE_URL and that the server is running`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the credentials in CALLBOARD_DATABASE_URL (${safeUrl}): ${detail}`;
    case '3D000':
      return `PostgreSQL has no such database (${safeUrl}): ${detail}; create it or fix CALLBOARD_DATABASE_URL`;
    default:
      if (/timeout/i.test(detail)) {
        return `PostgreSQL did not answer at ${safeUrl} in time (${detail}): check CALLBOARD_DATABASE_URL and the network`;
      }
      return `PostgreSQL at ${safeUrl} could not be prepared: ${detail}${e.code ? ` (${e.code})` : ''}`;
  }
}

/** Applies the missing migrations in order, each in its own transaction, one replica at a time. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Waiting for another replica's migration may take longer than a query may.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => r.version,
        ),
      );
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
    await client.query('RESET statement_timeout');
  } finally {
    client.release();
  }
}
