// Users, sessions and the audit log in the PostgreSQL database the replicas share (tables of migration 2):
// whichever replica answers, a signed-in user stays signed in and every replica writes one audit log.
import type { AuditEntry, Role } from '@callboard/contracts';
import type { QueryResultRow } from 'pg';
import type { PostgresDatabase } from '../store/postgres/postgres-database.js';
import {
  type AppStateStore,
  type AuditInput,
  hashId,
  newSessionSecrets,
  type SessionRecord,
  type UserRecord,
} from './app-state-store.js';

interface UserRow {
  id: string;
  username: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
}

const toUser = (row: UserRow): UserRecord => ({
  id: Number(row.id),
  username: row.username,
  role: row.role,
  passwordHash: row.password_hash,
  disabled: row.disabled,
});

export class PostgresAppStateStore implements AppStateStore {
  constructor(private readonly db: PostgresDatabase) {}

  private query<R extends QueryResultRow>(sql: string, params: unknown[] = []) {
    return this.db.pool.query<R>(sql, params);
  }

  // ---- users (names are unique regardless of case, as in SQLite's COLLATE NOCASE) -----------------

  async findUser(username: string): Promise<UserRecord | null> {
    const { rows } = await this.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async listUsers(): Promise<Array<Omit<UserRecord, 'passwordHash'>>> {
    const { rows } = await this.query<UserRow>('SELECT * FROM users ORDER BY lower(username) COLLATE "C", username COLLATE "C"');
    return rows.map((row) => {
      const { passwordHash: _hidden, ...user } = toUser(row);
      return user;
    });
  }

  async upsertUser(username: string, role: Role, passwordHash: string): Promise<void> {
    const now = Date.now();
    // One statement: an existing user's sessions end as the new password and role take effect.
    await this.query(
      `WITH ended AS (DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE lower(username) = lower($1)))
       INSERT INTO users (username, role, password_hash, disabled, created_at, updated_at) VALUES ($1, $2, $3, false, $4, $4)
       ON CONFLICT ((lower(username))) DO UPDATE
       SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, disabled = false, updated_at = EXCLUDED.updated_at`,
      [username, role, passwordHash, now],
    );
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    // One statement: the password changes and the user's sessions end together.
    const { rows } = await this.query<{ id: string }>(
      `WITH changed AS (
         UPDATE users SET password_hash = $2, updated_at = $3 WHERE lower(username) = lower($1) RETURNING id
       ), ended AS (DELETE FROM sessions WHERE user_id IN (SELECT id FROM changed))
       SELECT id FROM changed`,
      [username, passwordHash, Date.now()],
    );
    return rows.length > 0;
  }

  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const { rows } = await this.query<{ id: string }>(
      `WITH changed AS (
         UPDATE users SET disabled = $2, updated_at = $3 WHERE lower(username) = lower($1) RETURNING id
       ), ended AS (DELETE FROM sessions WHERE $2 AND user_id IN (SELECT id FROM changed))
       SELECT id FROM changed`,
      [username, disabled, Date.now()],
    );
    return rows.length > 0;
  }

  // ---- sessions -----------------------------------------------------------------------------------

  async createSession(userId: number, maxAgeMs: number): Promise<{ id: string; csrfToken: string }> {
    const { id, idHash, csrfToken } = newSessionSecrets();
    const now = Date.now();
    await this.query(
      'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
      [idHash, userId, csrfToken, now, now + maxAgeMs],
    );
    return { id, csrfToken };
  }

  async findSession(id: string): Promise<SessionRecord | null> {
    const { rows } = await this.query<UserRow & { id_hash: string; csrf_token: string; s_created_at: string; last_seen_at: string; expires_at: string }>(
      `SELECT s.id_hash, s.csrf_token, s.created_at AS s_created_at, s.last_seen_at, s.expires_at, u.*
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`,
      [hashId(id)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      idHash: row.id_hash,
      user: toUser(row),
      csrfToken: row.csrf_token,
      createdAt: Number(row.s_created_at),
      lastSeenAt: Number(row.last_seen_at),
      expiresAt: Number(row.expires_at),
    };
  }

  async touchSession(idHash: string, at: number): Promise<void> {
    await this.query('UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2', [at, idHash]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteExpiredSessions(now: number, idleMs: number): Promise<void> {
    await this.query('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [now, now - idleMs]);
  }

  // ---- audit --------------------------------------------------------------------------------------

  async audit(entry: AuditInput): Promise<void> {
    await this.query('INSERT INTO audit (at, username, action, detail, ip) VALUES ($1, $2, $3, $4, $5)', [
      Date.now(),
      entry.username,
      entry.action,
      JSON.stringify(entry.detail),
      entry.ip,
    ]);
  }

  async auditLog(limit: number, before?: number): Promise<AuditEntry[]> {
    const { rows } = await this.query<{ at: string; username: string | null; action: string; detail: string; ip: string | null }>(
      'SELECT * FROM audit WHERE at < $1 ORDER BY at DESC, id DESC LIMIT $2',
      [before ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map((r) => ({
      at: new Date(Number(r.at)).toISOString(),
      username: r.username,
      action: r.action,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      ip: r.ip,
    }));
  }

  /** The pool belongs to the PostgresDatabase, which the server closes once. */
  async close(): Promise<void> {}
}
