// Window leases as rows of sync_leases (owner + expiry on the database's clock, so replicas' clocks may
// disagree). A held lease is renewed every third of its lifetime; a replica that dies stops renewing and
// its windows are free again once the expiry passes.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { WindowLease } from '../../sync/window-lease.js';
import type { PostgresDatabase } from './postgres-database.js';

const DB_NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

export class PostgresWindowLease implements WindowLease {
  /** Unique per process: a restarted replica is a new owner and waits for its old self's leases to expire. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly retryMs: number;
  private readonly held = new Set<number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly ttlMs: number,
  ) {
    this.retryMs = Math.max(200, Math.min(2_000, Math.floor(ttlMs / 4)));
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(ttlMs / 3)));
    this.timer.unref();
  }

  async tryAcquire(windowKey: number): Promise<boolean> {
    const { rows } = await this.db.pool.query(
      `INSERT INTO sync_leases (window_from, owner, expires_at) VALUES ($1, $2, ${DB_NOW_MS} + $3)
       ON CONFLICT (window_from) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE sync_leases.owner = EXCLUDED.owner OR sync_leases.expires_at <= ${DB_NOW_MS}
       RETURNING owner`,
      [windowKey, this.owner, this.ttlMs],
    );
    const acquired = rows.length > 0;
    if (acquired) this.held.add(windowKey);
    return acquired;
  }

  async release(windowKey: number): Promise<void> {
    this.held.delete(windowKey);
    await this.db.pool.query('DELETE FROM sync_leases WHERE window_from = $1 AND owner = $2', [
      windowKey,
      this.owner,
    ]);
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    await this.db.pool
      .query(
        `UPDATE sync_leases SET expires_at = ${DB_NOW_MS} + $3 WHERE owner = $1 AND window_from = ANY($2::bigint[])`,
        [this.owner, [...this.held], this.ttlMs],
      )
      .catch(() => undefined); // a missed renewal is retried on the next beat; expiry is the safety net
  }

  /** Stops renewing; leases still held are released by their windows or expire. */
  close(): void {
    clearInterval(this.timer);
  }
}
