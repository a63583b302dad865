// Sends queued deliveries: claims due rows, signs each body with its webhook's secret (timestamp and HMAC
// headers), POSTs it, and records the attempt. A non-2xx answer or no answer is retried with exponential
// backoff until the attempts run out; every attempt is in the delivery log with its status code. Generic:
// it neither knows nor cares what the body says (alerts now, scheduled reports later).
import { randomUUID } from 'node:crypto';
import { WEBHOOK_HEADERS } from '@callboard/contracts';
import type { AppStateStore } from '../app-state/app-state-store.js';
import type { Logger } from '../logger.js';
import { PostError, postJson } from './post-json.js';
import { signDelivery } from './signature.js';
import type { StoredDelivery, WebhookStore } from './webhook-store.js';

export interface WebhookSenderOptions {
  store: WebhookStore;
  state: AppStateStore;
  logger: Logger;
  /** The first retry waits this long; each next one three times longer, capped at an hour. */
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
  allowPrivate: boolean;
  /** How often due deliveries are looked for when nothing kicks the sender. */
  pollMs?: number;
  /** Deliveries sent at once by this instance. */
  concurrency?: number;
}

const MAX_BACKOFF_MS = 3_600_000;
const USER_AGENT = 'Callboard-Webhooks/1';

/** The wait before attempt `attempt + 1`, after `attempt` failed: base × 3^(attempt−1), ±10% jitter, capped. */
export function backoffMs(attempt: number, baseMs: number, random = Math.random): number {
  const wait = Math.min(MAX_BACKOFF_MS, baseMs * 3 ** Math.max(0, attempt - 1));
  return Math.round(wait * (0.9 + 0.2 * random()));
}

export class WebhookSender {
  /** Who holds a claim: unique per process, so a restarted instance never mistakes an old claim for its own. */
  readonly owner = `sender-${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private readonly leaseMs: number;

  constructor(private readonly options: WebhookSenderOptions) {
    // A claim outlives any one POST, so a live sender never loses a row it is still sending.
    this.leaseMs = options.timeoutMs * 2 + 5_000;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1_000);
    this.timer.unref();
    this.kick();
  }

  /** Looks for due deliveries now (after something was queued); never throws, never leaves a promise floating. */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error },
          'webhook sender: could not read the queue; trying again shortly',
        ),
      )
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    const batch = this.options.concurrency ?? 4;
    for (;;) {
      if (this.stopping) return;
      const due = await this.options.store.claimDue(this.owner, Date.now(), this.leaseMs, batch);
      if (due.length === 0) return;
      await Promise.all(due.map((delivery) => this.send(delivery)));
    }
  }

  private async send(delivery: StoredDelivery): Promise<void> {
    const { store, logger } = this.options;
    const webhook = await store.get(delivery.webhookId);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    // Not worth retrying: nothing will change by waiting.
    let permanent = true;
    if (!webhook) {
      error = 'the webhook was deleted';
    } else if (!webhook.enabled) {
      error = 'the webhook is disabled';
    } else if (delivery.kind !== 'test' && !(webhook.kinds as string[]).includes(delivery.kind)) {
      // Checked again at send time: a webhook changed to quality only never receives a queued spend alert.
      error = `the webhook no longer receives ${delivery.kind} alerts`;
    } else {
      permanent = false;
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        status = await postJson(
          webhook.url,
          delivery.body,
          {
            'User-Agent': USER_AGENT,
            [WEBHOOK_HEADERS.timestamp]: String(timestamp),
            [WEBHOOK_HEADERS.signature]: signDelivery(webhook.secret, timestamp, delivery.body),
            [WEBHOOK_HEADERS.delivery]: String(delivery.id),
            [WEBHOOK_HEADERS.event]: delivery.event,
          },
          { timeoutMs: this.options.timeoutMs, allowPrivate: this.options.allowPrivate },
        );
        if (status < 200 || status > 299) error = `the receiver answered HTTP ${status}`;
      } catch (failure) {
        error = failure instanceof PostError ? failure.message : 'the request failed';
        permanent = failure instanceof PostError && failure.message.startsWith('refused:');
      }
    }
    const at = Date.now();
    const attempt = delivery.attempts + 1;
    const next =
      error === null
        ? ('delivered' as const)
        : permanent || attempt >= this.options.maxAttempts
          ? ('failed' as const)
          : { retryAt: at + backoffMs(attempt, this.options.retryBaseMs) };
    const recorded = await store.finishAttempt(delivery, this.owner, {
      at,
      status,
      error,
      durationMs: at - started,
      next,
    });
    // Logged by ids and host only: URL paths and queries may hold tokens, bodies may hold amounts.
    const context = {
      delivery: delivery.id,
      webhook: delivery.webhookId,
      event: delivery.event,
      attempt,
      status,
    };
    if (!recorded)
      logger.warn(context, 'webhook delivery: the claim expired before the attempt was recorded');
    else if (next === 'delivered') logger.info(context, 'webhook delivered');
    else
      logger.warn(
        {
          ...context,
          error,
          retryAt: typeof next === 'object' ? new Date(next.retryAt).toISOString() : null,
        },
        'webhook delivery failed',
      );
    if (recorded && typeof next === 'string') {
      await this.options.state
        .audit({
          username: null,
          action: 'webhook-delivery',
          detail: {
            delivery: delivery.id,
            webhook: delivery.webhookId,
            topic: delivery.topic,
            event: delivery.event,
            outcome: next,
            attempts: attempt,
            status,
            error,
          },
          ip: null,
        })
        .catch((failure: unknown) =>
          logger.error({ err: failure }, 'could not write the webhook delivery to the audit log'),
        );
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
