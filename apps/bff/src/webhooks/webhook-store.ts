// Webhooks and their delivery queue in the app state. The queue is generic: a delivery is a body to POST to
// one webhook, queued once per (webhook, event key); alerts queue theirs in the transaction that records
// the state change, and scheduled reports can queue theirs the same way. Senders claim due rows atomically
// (one UPDATE … RETURNING; on PostgreSQL over rows locked FOR UPDATE SKIP LOCKED), so replicas never send
// the same delivery at once, and an instance that dies mid-send gives its claim up when the lease runs out.
import { randomBytes } from 'node:crypto';
import type { AlertKind, WebhookFormat } from '@callboard/contracts';
import { sql } from 'kysely';
import { type AppStateDb, type AppStateTransaction, countRows } from '../app-state/app-state-db.js';

export interface StoredWebhook {
  id: number;
  name: string;
  url: string;
  secret: string;
  format: WebhookFormat;
  kinds: AlertKind[];
  enabled: boolean;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface StoredDelivery {
  id: number;
  webhookId: number;
  topic: string;
  eventKey: string;
  event: string;
  /** Which kind of alert the body carries (`spend`, `quality`), or `test`: checked again before sending. */
  kind: string;
  body: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface StoredAttempt {
  deliveryId: number;
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryInput {
  webhookId: number;
  topic: string;
  eventKey: string;
  event: string;
  kind: string;
  body: string;
  now: number;
}

export const MAX_WEBHOOKS = 50;

/** A new webhook secret: 32 random bytes, prefixed so it is recognisable in a receiver's config. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export class WebhookStore {
  constructor(private readonly state: AppStateDb) {}

  private get db() {
    return this.state.db;
  }

  async list(): Promise<StoredWebhook[]> {
    return (await this.db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(toWebhook);
  }

  async get(id: number): Promise<StoredWebhook | null> {
    const row = await this.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toWebhook(row) : null;
  }

  async count(): Promise<number> {
    return countRows(this.db, 'webhooks');
  }

  async create(
    input: Omit<StoredWebhook, 'id' | 'createdAt' | 'updatedAt'> & { now: number },
  ): Promise<number> {
    const row = await this.db
      .insertInto('webhooks')
      .values({
        name: input.name,
        url: input.url,
        secret: input.secret,
        format: input.format,
        kinds: JSON.stringify(input.kinds),
        enabled: this.state.bool(input.enabled),
        created_by: input.createdBy,
        created_at: input.now,
        updated_at: input.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async update(
    id: number,
    change: Partial<Pick<StoredWebhook, 'name' | 'url' | 'format' | 'kinds' | 'enabled'>>,
    now: number,
  ): Promise<void> {
    await this.db
      .updateTable('webhooks')
      .set({
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.url === undefined ? {} : { url: change.url }),
        ...(change.format === undefined ? {} : { format: change.format }),
        ...(change.kinds === undefined ? {} : { kinds: JSON.stringify(change.kinds) }),
        ...(change.enabled === undefined ? {} : { enabled: this.state.bool(change.enabled) }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The enabled webhooks receiving this kind of alert (read inside the transaction that queues for them). */
  async receiversOf(kind: AlertKind, trx: AppStateTransaction): Promise<StoredWebhook[]> {
    const rows = await trx
      .selectFrom('webhooks')
      .selectAll()
      .where('enabled', '=', this.state.bool(true))
      .execute();
    return rows.map(toWebhook).filter((w) => w.kinds.includes(kind));
  }

  /** Queues a delivery once: a second enqueue of the same (webhook, event key) is a no-op. Returns its id, or null. */
  async enqueue(input: DeliveryInput, trx?: AppStateTransaction): Promise<number | null> {
    const row = await (trx ?? this.db)
      .insertInto('webhook_deliveries')
      .values({
        webhook_id: input.webhookId,
        topic: input.topic,
        event_key: input.eventKey,
        event: input.event,
        kind: input.kind,
        body: input.body,
        state: 'pending',
        attempts: 0,
        next_attempt_at: input.now,
        claimed_by: null,
        claimed_until: null,
        last_status: null,
        last_error: null,
        created_at: input.now,
        delivered_at: null,
      })
      .onConflict((oc) => oc.columns(['webhook_id', 'event_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  /**
   * Claims up to `limit` due deliveries for `owner` until `now + leaseMs`, atomically: a row is due when it is
   * pending, its next attempt has come, and nobody holds a live claim on it.
   */
  async claimDue(owner: string, now: number, leaseMs: number, limit: number): Promise<StoredDelivery[]> {
    let due = this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (this.state.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('webhook_deliveries')
      .set({ claimed_by: owner, claimed_until: now + leaseMs })
      .where('id', 'in', due)
      // Checked again on the row itself: under PostgreSQL's read committed, a row claimed by another sender
      // between the sub-select and this update no longer matches.
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .execute();
    return rows.map(toDelivery);
  }

  /** Records one attempt and its outcome, if `owner` still holds the claim; false when it lost it. */
  async finishAttempt(
    delivery: StoredDelivery,
    owner: string,
    outcome: {
      at: number;
      status: number | null;
      error: string | null;
      durationMs: number;
      next: 'delivered' | 'failed' | { retryAt: number };
    },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const attempt = delivery.attempts + 1;
      const updated = await trx
        .updateTable('webhook_deliveries')
        .set({
          attempts: attempt,
          last_status: outcome.status,
          last_error: outcome.error,
          claimed_by: null,
          claimed_until: null,
          ...(outcome.next === 'delivered'
            ? { state: 'delivered', delivered_at: outcome.at }
            : outcome.next === 'failed'
              ? { state: 'failed' }
              : { next_attempt_at: outcome.next.retryAt }),
        })
        .where('id', '=', delivery.id)
        .where('claimed_by', '=', owner)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: delivery.id,
          attempt,
          at: outcome.at,
          status: outcome.status,
          error: outcome.error,
          duration_ms: outcome.durationMs,
        })
        .execute();
      return true;
    });
  }

  /** A webhook's deliveries of the given kinds, newest first, with every attempt. */
  async deliveries(
    webhookId: number,
    kinds: readonly string[],
    limit: number,
  ): Promise<Array<StoredDelivery & { log: StoredAttempt[] }>> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .where('kind', 'in', [...kinds])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    const deliveries = rows.map(toDelivery);
    const ids = deliveries.map((d) => d.id);
    const attempts =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom('webhook_attempts')
            .selectAll()
            .where('delivery_id', 'in', ids)
            .orderBy('attempt')
            .execute();
    return deliveries.map((d) => ({
      ...d,
      log: attempts
        .filter((a) => Number(a.delivery_id) === d.id)
        .map((a) => ({
          deliveryId: d.id,
          attempt: Number(a.attempt),
          at: Number(a.at),
          status: a.status === null ? null : Number(a.status),
          error: a.error,
          durationMs: Number(a.duration_ms),
        })),
    }));
  }

  async delivery(id: number): Promise<StoredDelivery | null> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  /** The newest delivery of each webhook (for the list's "last delivery" column). */
  async lastDeliveries(): Promise<Map<number, StoredDelivery>> {
    const newest = this.db
      .selectFrom('webhook_deliveries')
      .select(sql<number>`max(id)`.as('id'))
      .groupBy('webhook_id');
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', 'in', newest)
      .execute();
    return new Map(rows.map((r) => [Number(r.webhook_id), toDelivery(r)]));
  }

  /** Delivered and failed deliveries older than `before` go (the log keeps recent history). */
  async pruneDeliveries(before: number): Promise<void> {
    await this.db
      .deleteFrom('webhook_deliveries')
      .where('state', '!=', 'pending')
      .where('created_at', '<', before)
      .execute();
  }
}

function toWebhook(row: {
  id: number | string;
  name: string;
  url: string;
  secret: string;
  format: string;
  kinds: string;
  enabled: number | boolean;
  created_by: string | null;
  created_at: number | string;
  updated_at: number | string;
}): StoredWebhook {
  return {
    id: Number(row.id),
    name: row.name,
    url: row.url,
    secret: row.secret,
    format: row.format as WebhookFormat,
    kinds: JSON.parse(row.kinds) as AlertKind[],
    enabled: row.enabled === true || row.enabled === 1,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toDelivery(row: {
  id: number | string;
  webhook_id: number | string;
  topic: string;
  event_key: string;
  event: string;
  kind: string;
  body: string;
  state: string;
  attempts: number | string;
  next_attempt_at: number | string;
  last_status: number | string | null;
  last_error: string | null;
  created_at: number | string;
  delivered_at: number | string | null;
}): StoredDelivery {
  return {
    id: Number(row.id),
    webhookId: Number(row.webhook_id),
    topic: row.topic,
    eventKey: row.event_key,
    event: row.event,
    kind: row.kind,
    body: row.body,
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  };
}
