import {
  type AlertKind,
  alertKindsFor,
  alertsQuerySchema,
  type Role,
  WEBHOOK_CREATED_ACCESS,
  WEBHOOK_DELIVERIES_ACCESS,
  WEBHOOK_DELIVERY_RESPONSE_ACCESS,
  WEBHOOK_RESPONSE_ACCESS,
  WEBHOOKS_ACCESS,
  type Webhook,
  type WebhookDelivery,
  webhookInputSchema,
  webhookPatchSchema,
} from '@callboard/contracts';
import { type Request, Router } from 'express';
import { requirePermission, sendFor } from '../../auth/policy.js';
import { testPayload } from '../../webhooks/payload-format.js';
import {
  MAX_WEBHOOKS,
  newWebhookSecret,
  type StoredAttempt,
  type StoredDelivery,
  type StoredWebhook,
} from '../../webhooks/webhook-store.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { parseBody, parseQuery } from '../validate.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Scheme and host, and the last four characters of the rest: enough to recognise an endpoint, never the
 * token an incoming-webhook URL carries in its path or query.
 */
export function maskUrl(url: string): string {
  const parsed = new URL(url);
  const rest = `${parsed.pathname}${parsed.search}`.replace(/^\/$/, '');
  if (rest === '') return `${parsed.protocol}//${parsed.host}`;
  return `${parsed.protocol}//${parsed.host}/…${rest.length > 8 ? rest.slice(-4) : ''}`;
}

function webhookView(webhook: StoredWebhook, last: StoredDelivery | undefined): Webhook {
  return {
    id: webhook.id,
    name: webhook.name,
    url: maskUrl(webhook.url),
    format: webhook.format,
    kinds: webhook.kinds,
    enabled: webhook.enabled,
    secretHint: `…${webhook.secret.slice(-4)}`,
    createdBy: webhook.createdBy,
    createdAt: iso(webhook.createdAt),
    updatedAt: iso(webhook.updatedAt),
    lastDelivery: last
      ? { at: iso(last.deliveredAt ?? last.createdAt), state: last.state, status: last.lastStatus }
      : null,
  };
}

function deliveryView(delivery: StoredDelivery, log: StoredAttempt[]): WebhookDelivery {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    topic: delivery.topic,
    event: delivery.event,
    state: delivery.state,
    attempts: delivery.attempts,
    createdAt: iso(delivery.createdAt),
    nextAttemptAt: delivery.state === 'pending' ? iso(delivery.nextAttemptAt) : null,
    deliveredAt: delivery.deliveredAt === null ? null : iso(delivery.deliveredAt),
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    log: log.map((a) => ({
      attempt: a.attempt,
      at: iso(a.at),
      status: a.status,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}

const roleOf = (req: Request): Role => req.user!.role;

/** A role sees a webhook only when it may see every kind of alert the webhook receives. */
const visibleTo = (role: Role, webhook: StoredWebhook) =>
  webhook.kinds.every((k) => alertKindsFor(role, 'read').includes(k));

function assertKindsAllowed(req: Request, kinds: readonly AlertKind[]): void {
  const allowed = alertKindsFor(roleOf(req), 'read');
  const refused = kinds.filter((k) => !allowed.includes(k));
  if (refused.length > 0) {
    throw new AppError(
      403,
      'forbidden',
      `kinds: your role (${roleOf(req)}) may not receive ${refused.join(', ')} alerts`,
      { param: 'kinds' },
    );
  }
}

const webhookId = (req: Request) => {
  if (!/^\d{1,12}$/.test(String(req.params.id)) || Number(req.params.id) < 1) {
    throw new AppError(400, 'invalid_parameter', 'id: a webhook id', { param: 'id' });
  }
  return Number(req.params.id);
};

export function webhooksRouter(deps: AppDeps): Router {
  const { alerting, state } = deps;
  const { webhooks, sender } = alerting;
  const router = Router();
  router.use('/webhooks', requirePermission('webhooks:manage'));

  const audit = (req: Request, action: string, detail: Record<string, unknown>) =>
    state.audit({ username: req.user?.username ?? null, action, detail, ip: req.ip ?? null });

  async function visibleWebhook(req: Request): Promise<StoredWebhook> {
    const webhook = await webhooks.get(webhookId(req));
    if (!webhook || !visibleTo(roleOf(req), webhook))
      throw new AppError(404, 'not_found', `No webhook ${req.params.id}`, { param: 'id' });
    return webhook;
  }

  router.get('/webhooks', async (req, res) => {
    parseQuery(alertsQuerySchema.pick({}), req);
    const [all, last] = await Promise.all([webhooks.list(), webhooks.lastDeliveries()]);
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, WEBHOOKS_ACCESS, {
      webhooks: all.filter((w) => visibleTo(roleOf(req), w)).map((w) => webhookView(w, last.get(w.id))),
    });
  });

  // The secret is in this answer and nowhere else, ever: it signs every delivery; the receiver keeps it.
  router.post('/webhooks', async (req, res) => {
    const input = parseBody(webhookInputSchema, req.body);
    assertKindsAllowed(req, input.kinds);
    if ((await webhooks.count()) >= MAX_WEBHOOKS)
      throw new AppError(
        409,
        'too_many_webhooks',
        `There are ${MAX_WEBHOOKS} webhooks already: delete one first`,
      );
    const secret = newWebhookSecret();
    const id = await webhooks.create({
      name: input.name,
      url: input.url,
      secret,
      format: input.format ?? 'json',
      kinds: input.kinds,
      enabled: input.enabled ?? true,
      createdBy: req.user!.username,
      now: Date.now(),
    });
    await audit(req, 'webhook-create', {
      id,
      name: input.name,
      url: maskUrl(input.url),
      format: input.format ?? 'json',
      kinds: input.kinds,
    });
    res.setHeader('Cache-Control', 'no-store');
    sendFor(
      req,
      res,
      WEBHOOK_CREATED_ACCESS,
      { webhook: webhookView((await webhooks.get(id))!, undefined), secret, url: input.url },
      201,
    );
  });

  router.patch('/webhooks/:id', async (req, res) => {
    const existing = await visibleWebhook(req);
    const patch = parseBody(webhookPatchSchema, req.body);
    if (patch.kinds) assertKindsAllowed(req, patch.kinds);
    await webhooks.update(existing.id, patch, Date.now());
    await audit(req, 'webhook-update', {
      id: existing.id,
      fields: Object.keys(patch),
      ...(patch.url ? { url: maskUrl(patch.url) } : {}),
      ...(patch.kinds ? { kinds: patch.kinds } : {}),
    });
    const last = await webhooks.lastDeliveries();
    sendFor(req, res, WEBHOOK_RESPONSE_ACCESS, {
      webhook: webhookView((await webhooks.get(existing.id))!, last.get(existing.id)),
    });
  });

  router.delete('/webhooks/:id', async (req, res) => {
    const existing = await visibleWebhook(req);
    await webhooks.delete(existing.id);
    await audit(req, 'webhook-delete', { id: existing.id, name: existing.name });
    res.status(204).end();
  });

  // "Send test": queued like any delivery (signed, retried, logged), sent at once.
  router.post('/webhooks/:id/test', async (req, res) => {
    const existing = await visibleWebhook(req);
    if (req.body !== undefined && Object.keys(req.body ?? {}).length > 0) {
      throw new AppError(
        400,
        'invalid_parameter',
        'send no body: the test delivery says which webhook it is',
        { param: '' },
      );
    }
    const at = Date.now();
    const payload = testPayload(existing.name, at, existing.format);
    const id = await webhooks.enqueue({
      webhookId: existing.id,
      topic: 'test',
      eventKey: `test-${at}-${Math.random().toString(36).slice(2)}`,
      event: payload.event,
      kind: 'test',
      body: payload.body,
      now: at,
    });
    sender.kick();
    await audit(req, 'webhook-test', { id: existing.id, delivery: id });
    const delivery = (await webhooks.delivery(id!))!;
    sendFor(req, res, WEBHOOK_DELIVERY_RESPONSE_ACCESS, { delivery: deliveryView(delivery, []) }, 202);
  });

  // The delivery log: the newest 50 deliveries of the kinds the caller may see, each attempt's status code.
  router.get('/webhooks/:id/deliveries', async (req, res) => {
    const existing = await visibleWebhook(req);
    parseQuery(alertsQuerySchema.pick({}), req);
    const kinds = [...alertKindsFor(roleOf(req), 'read'), 'test'];
    const deliveries = await webhooks.deliveries(existing.id, kinds, 50);
    res.setHeader('Cache-Control', 'no-store');
    sendFor(req, res, WEBHOOK_DELIVERIES_ACCESS, {
      deliveries: deliveries.map((d) => deliveryView(d, d.log)),
    });
  });

  return router;
}
