// Users, sessions and the audit log. Embedded: a small SQLite file beside the records store; it takes writes
// from the running server and from the `user` CLI at the same time (WAL), which the records engine does not.
// With several replicas the same interface lives in PostgreSQL (postgres-app-state-store.ts), so a session
// opened on one replica is honoured by all.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditEntry, Role } from '@callboard/contracts';
import Database from 'better-sqlite3';

const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'finance', 'support')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,          -- sha256 of the cookie value: a leaked table opens no session
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        username TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        ip TEXT
      );
      CREATE INDEX audit_at ON audit(at);
    `,
  },
];

export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

export interface SessionRecord {
  idHash: string;
  user: UserRecord;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

/** A new session's cookie value (only its hash is stored) and CSRF token. */
export function newSessionSecrets(): { id: string; idHash: string; csrfToken: string } {
  const id = randomBytes(32).toString('base64url');
  return { id, idHash: hashId(id), csrfToken: randomBytes(24).toString('base64url') };
}

export interface AuditInput {
  username: string | null;
  action: string;
  detail: Record<string, unknown>;
  ip: string | null;
}

/** Users, sessions and the audit log, embedded (SQLite) or shared by replicas (PostgreSQL). */
export interface AppStateStore {
  findUser(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<Array<Omit<UserRecord, 'passwordHash'>>>;
  /** Creates the user, or updates role and password of an existing one (and enables it). */
  /** Creates the user, or updates role and password (enabling it); an existing user's sessions end. */
  upsertUser(username: string, role: Role, passwordHash: string): Promise<void>;
  /** A new password ends every open session of that user. */
  setPassword(username: string, passwordHash: string): Promise<boolean>;
  /** Disabling ends the user's sessions at once: the next request is refused. */
  setDisabled(username: string, disabled: boolean): Promise<boolean>;
  /** Returns the cookie value; only its hash is stored. */
  createSession(userId: number, maxAgeMs: number): Promise<{ id: string; csrfToken: string }>;
  findSession(id: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, at: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: number, idleMs: number): Promise<void>;
  audit(entry: AuditInput): Promise<void>;
  auditLog(limit: number, before?: number): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

export class SqliteAppStateStore implements AppStateStore {
  private constructor(private readonly db: Database.Database) {}

  static open(dataDir: string, fileName = 'app-state.sqlite'): SqliteAppStateStore {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, fileName));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(migration.version, Date.now());
      })();
    }
    return new SqliteAppStateStore(db);
  }

  // ---- users --------------------------------------------------------------------------------------

  async findUser(username: string): Promise<UserRecord | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<Array<Omit<UserRecord, 'passwordHash'>>> {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map((row) => {
      const { passwordHash: _hidden, ...user } = toUser(row);
      return user;
    });
  }

  /** Creates the user, or updates role and password of an existing one (enabling it and ending its sessions). */
  async upsertUser(username: string, role: Role, passwordHash: string): Promise<void> {
    const now = Date.now();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = ?)').run(username);
      this.db
        .prepare(
          `INSERT INTO users (username, role, password_hash, disabled, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)
           ON CONFLICT(username) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, disabled = 0, updated_at = excluded.updated_at`,
        )
        .run(username, role, passwordHash, now, now);
    })();
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?')
        .run(passwordHash, Date.now(), username).changes;
      // A new password ends every open session of that user.
      this.db.prepare('DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = ?)').run(username);
      return changed > 0;
    })();
  }

  /** Disabling ends the user's sessions at once: the next request is refused. */
  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE username = ?')
        .run(disabled ? 1 : 0, Date.now(), username).changes;
      if (disabled) {
        this.db.prepare('DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = ?)').run(username);
      }
      return changed > 0;
    })();
  }

  // ---- sessions -----------------------------------------------------------------------------------

  /** Returns the cookie value; only its hash is stored. */
  async createSession(userId: number, maxAgeMs: number): Promise<{ id: string; csrfToken: string }> {
    const { id, idHash, csrfToken } = newSessionSecrets();
    const now = Date.now();
    this.db
      .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(idHash, userId, csrfToken, now, now, now + maxAgeMs);
    return { id, csrfToken };
  }

  async findSession(id: string): Promise<SessionRecord | null> {
    const row = this.db
      .prepare(
        `SELECT s.id_hash, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, u.*
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`,
      )
      .get(hashId(id)) as (UserRow & { id_hash: string; csrf_token: string; last_seen_at: number; expires_at: number }) | undefined;
    if (!row) return null;
    return {
      idHash: row.id_hash,
      user: toUser(row),
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    };
  }

  async touchSession(idHash: string, at: number): Promise<void> {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(at, idHash);
  }

  async deleteSession(idHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteExpiredSessions(now: number, idleMs: number): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now, now - idleMs);
  }

  // ---- audit --------------------------------------------------------------------------------------

  async audit(entry: AuditInput): Promise<void> {
    this.db
      .prepare('INSERT INTO audit (at, username, action, detail, ip) VALUES (?, ?, ?, ?, ?)')
      .run(Date.now(), entry.username, entry.action, JSON.stringify(entry.detail), entry.ip);
  }

  async auditLog(limit: number, before?: number): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE at < ? ORDER BY at DESC, id DESC LIMIT ?')
      .all(before ?? Number.MAX_SAFE_INTEGER, limit) as Array<{ at: number; username: string | null; action: string; detail: string; ip: string | null }>;
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      username: r.username,
      action: r.action,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      ip: r.ip,
    }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

interface UserRow {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: number;
}

function toUser(row: UserRow): UserRecord {
  return { id: row.id, username: row.username, role: row.role, passwordHash: row.password_hash, disabled: row.disabled === 1 };
}
