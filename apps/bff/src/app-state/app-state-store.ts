// Users, sessions, the audit log and sign-in throttling: the app state every replica shares (PostgreSQL)
// or the one server keeps beside its records (SQLite). One implementation for both, through Kysely.
import { createHash, randomBytes } from 'node:crypto';
import type { AuditEntry, AuditQuery, Role } from '@callboard/contracts';
import { sql } from 'kysely';
import type { AppStateDb } from './app-state-db.js';

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

export interface AuditInput {
  username: string | null;
  action: string;
  detail: Record<string, unknown>;
  ip: string | null;
}

/** A key's failed sign-ins within its window, and until when it is paused. */
export interface SignInFailures {
  failures: number;
  firstAt: number;
  blockedUntil: number;
}

const lower = (name: string) => name.toLowerCase();

export class AppStateStore {
  constructor(readonly state: AppStateDb) {}

  private get db() {
    return this.state.db;
  }

  // ---- users (names are unique regardless of case) ------------------------------------------------

  async findUser(username: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(username)`, '=', lower(username))
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<Array<Omit<UserRecord, 'passwordHash'>>> {
    const rows = await this.db.selectFrom('users').selectAll().execute();
    return rows
      .map((row) => {
        const { passwordHash: _hidden, ...user } = toUser(row);
        return user;
      })
      .sort((a, b) =>
        lower(a.username) < lower(b.username) ? -1 : lower(a.username) > lower(b.username) ? 1 : 0,
      );
  }

  /**
   * Creates the user, or updates role and password of an existing one (enabling it and ending its sessions).
   * Two replicas creating the same user at once (CALLBOARD_ADMIN_USER at start): the loser updates instead.
   */
  async upsertUser(username: string, role: Role, passwordHash: string): Promise<void> {
    try {
      await this.upsertUserOnce(username, role, passwordHash);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.upsertUserOnce(username, role, passwordHash);
    }
  }

  private async upsertUserOnce(username: string, role: Role, passwordHash: string): Promise<void> {
    const now = Date.now();
    await this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('users')
        .select('id')
        .where(sql<string>`lower(username)`, '=', lower(username))
        .executeTakeFirst();
      if (existing) {
        await trx.deleteFrom('sessions').where('user_id', '=', existing.id).execute();
        await trx
          .updateTable('users')
          .set({ role, password_hash: passwordHash, disabled: this.state.bool(false), updated_at: now })
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx
          .insertInto('users')
          .values({
            username,
            role,
            password_hash: passwordHash,
            disabled: this.state.bool(false),
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    });
  }

  /** A new password ends every open session of that user. */
  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.updateUser(username, { password_hash: passwordHash }, true);
  }

  /** Disabling ends the user's sessions at once: the next request is refused. */
  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.updateUser(username, { disabled: this.state.bool(disabled) }, disabled);
  }

  private async updateUser(
    username: string,
    change: { password_hash?: string; disabled?: number | boolean },
    endSessions: boolean,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where(sql<string>`lower(username)`, '=', lower(username))
        .executeTakeFirst();
      if (!user) return false;
      await trx
        .updateTable('users')
        .set({ ...change, updated_at: Date.now() })
        .where('id', '=', user.id)
        .execute();
      if (endSessions) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      return true;
    });
  }

  // ---- sessions -----------------------------------------------------------------------------------

  /** Returns the cookie value; only its hash is stored. */
  async createSession(userId: number, maxAgeMs: number): Promise<{ id: string; csrfToken: string }> {
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = Date.now();
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: hashId(id),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: now + maxAgeMs,
      })
      .execute();
    return { id, csrfToken };
  }

  async findSession(id: string): Promise<SessionRecord | null> {
    return this.findSessionByHash(hashId(id));
  }

  /** The session behind a stored hash (long-lived streams re-check theirs with it). */
  async findSessionByHash(idHash: string): Promise<SessionRecord | null> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id_hash',
        's.csrf_token',
        's.created_at as session_created_at',
        's.last_seen_at',
        's.expires_at',
      ])
      .select(['u.id', 'u.username', 'u.role', 'u.password_hash', 'u.disabled'])
      .where('s.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;
    return {
      idHash: row.id_hash,
      user: toUser(row),
      csrfToken: row.csrf_token,
      createdAt: Number(row.session_created_at),
      lastSeenAt: Number(row.last_seen_at),
      expiresAt: Number(row.expires_at),
    };
  }

  async touchSession(idHash: string, at: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteExpiredSessions(now: number, idleMs: number): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - idleMs)]))
      .execute();
  }

  // ---- audit --------------------------------------------------------------------------------------

  async audit(entry: AuditInput): Promise<void> {
    await this.db
      .insertInto('audit')
      .values({
        at: Date.now(),
        username: entry.username,
        action: entry.action,
        detail: JSON.stringify(entry.detail),
        ip: entry.ip,
      })
      .execute();
  }

  /** Newest first; filters by user (any case), action and time, `before` pages back. */
  async auditLog(query: AuditQuery & { limit: number }): Promise<AuditEntry[]> {
    let select = this.db.selectFrom('audit').selectAll();
    if (query.username) select = select.where(sql<string>`lower(username)`, '=', lower(query.username));
    if (query.action) select = select.where('action', '=', query.action);
    if (query.from !== undefined) select = select.where('at', '>=', query.from);
    if (query.to !== undefined) select = select.where('at', '<', query.to);
    if (query.before !== undefined) select = select.where('at', '<', query.before);
    const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map((r) => ({
      at: new Date(Number(r.at)).toISOString(),
      username: r.username,
      action: r.action,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      ip: r.ip,
    }));
  }

  // ---- sign-in throttling (shared, so every replica counts the same failures) ----------------------

  async signInFailures(key: string): Promise<SignInFailures | null> {
    const row = await this.db
      .selectFrom('sign_in_failures')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row
      ? {
          failures: Number(row.failures),
          firstAt: Number(row.first_at),
          blockedUntil: Number(row.blocked_until),
        }
      : null;
  }

  /**
   * Counts one more failure for `key` and stores the pause `blockFor` computes from the new count. The count
   * is one atomic upsert, so replicas failing the same key at once never lose a failure.
   */
  async recordSignInFailure(
    key: string,
    now: number,
    windowMs: number,
    blockFor: (failures: number) => number,
  ): Promise<SignInFailures> {
    const restart = sql<boolean>`sign_in_failures.first_at + ${windowMs} <= ${now}`;
    const counted = await this.db
      .insertInto('sign_in_failures')
      .values({ key, failures: 1, first_at: now, blocked_until: 0 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`CASE WHEN ${restart} THEN 1 ELSE sign_in_failures.failures + 1 END`,
          first_at: sql`CASE WHEN ${restart} THEN ${now} ELSE sign_in_failures.first_at END`,
        }),
      )
      .returning(['failures', 'first_at'])
      .executeTakeFirstOrThrow();
    const failures = Number(counted.failures);
    const blockedUntil = now + blockFor(failures);
    await this.db
      .updateTable('sign_in_failures')
      .set({ blocked_until: blockedUntil })
      .where('key', '=', key)
      .execute();
    return { failures, firstAt: Number(counted.first_at), blockedUntil };
  }

  async clearSignInFailures(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
  }

  async deleteStaleSignInFailures(before: number): Promise<void> {
    await this.db
      .deleteFrom('sign_in_failures')
      .where('first_at', '<', before)
      .where('blocked_until', '<', before)
      .execute();
  }

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.state.close();
  }
}

/** PostgreSQL's unique_violation, or SQLite's UNIQUE constraint failure. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

interface UserRow {
  id: number | string;
  username: string;
  role: Role;
  password_hash: string;
  disabled: number | boolean;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: Number(row.id),
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    disabled: row.disabled === true || row.disabled === 1,
  };
}
