// Webhooks against a real receiver on loopback: signed deliveries a receiver can verify (and a replay or a
// forged body it can refuse), retries with backoff after receiver failures with every status in the log,
// exactly one acknowledged delivery per alert state change across a restart, and kinds kept apart.
import type {
  AlertRuleResponse,
  AuditResponse,
  WebhookCreatedResponse,
  WebhookDeliveriesResponse,
  WebhookDeliveryResponse,
  WebhooksResponse,
} from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, startHarness } from '../test-support/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { isPrivateAddress, postJson } from './post-json.js';
import { signDelivery, verifyDelivery } from './signature.js';
import { backoffMs } from './webhook-sender.js';

const DAY = 86_400_000;
let h: Harness;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  h = await startHarness({
    callsPerDay: 200,
    env: {
      CALLBOARD_WEBHOOK_RETRY_BASE_MS: '300',
      CALLBOARD_WEBHOOK_MAX_ATTEMPTS: '4',
      CALLBOARD_WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  await h.server.sync.request(FIXED_NOW - 2 * DAY, FIXED_NOW, 'manual');
  await h.server.sync.idle();
}, 60_000);
afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

async function evaluate(): Promise<void> {
  const evaluator = h.server.alerting.evaluator;
  await evaluator.idle();
  evaluator.request();
  await evaluator.idle();
}

async function createWebhook(role: 'admin' | 'finance' | 'support', body: Record<string, unknown>) {
  const response = await (await h.as(role)).send<WebhookCreatedResponse>('POST', '/api/webhooks', {
    name: 'receiver',
    url: receiver.url,
    ...body,
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

describe('signing', () => {
  it('signs timestamp.body with the webhook secret, shown once and then only masked', async () => {
    const created = await createWebhook('finance', { kinds: ['quality'] });
    expect(created.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(created.url).toBe(receiver.url);
    expect(created.webhook.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…/);
    expect(created.webhook.url).not.toContain('t0ps3cr3t');
    expect(created.webhook.secretHint).toBe(`…${created.secret.slice(-4)}`);

    const test = await (await h.as('finance')).send<WebhookDeliveryResponse>(
      'POST',
      `/api/webhooks/${created.webhook.id}/test`,
    );
    expect(test.status).toBe(202);
    await receiver.until((r) => r.some((d) => d.deliveryId === String(test.body.delivery.id)));
    const delivery = receiver.received.find((d) => d.deliveryId === String(test.body.delivery.id))!;
    expect(delivery.event).toBe('webhook.test');
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: 'webhook.test',
      text: expect.stringContaining('"receiver"'),
    });

    // What a receiver does (the README's snippet): recompute the HMAC, compare, check the age.
    const now = Math.floor(Date.now() / 1000);
    const headers = { timestamp: delivery.timestamp, signature: delivery.signature };
    expect(delivery.signature).toBe(signDelivery(created.secret, Number(delivery.timestamp), delivery.body));
    expect(verifyDelivery(created.secret, headers, delivery.body, now)).toBe(true);
    expect(verifyDelivery(created.secret, headers, delivery.body.replace('receiver', 'attacker'), now)).toBe(
      false,
    );
    expect(verifyDelivery(created.secret, headers, delivery.body, now + 600)).toBe(false); // replayed ten minutes later
    expect(verifyDelivery('whsec_someone-else', headers, delivery.body, now)).toBe(false);

    // Never again: not in the list, not in the log, not in the audit trail.
    const list = await (await h.as('finance')).get<WebhooksResponse>('/api/webhooks');
    const audit = await h.get<AuditResponse>('/api/audit?limit=500');
    for (const text of [list.text, audit.text, h.logLines.join('\n')]) {
      expect(text).not.toContain(created.secret);
      expect(text).not.toContain('t0ps3cr3t');
    }
  });
});

describe('retries', () => {
  it('retries after the receiver fails, waiting longer each time, and logs every status', async () => {
    const { webhook, secret } = await createWebhook('admin', { kinds: ['quality', 'spend'] });
    receiver.plan = [500, 503];
    const admin = await h.as('admin');
    const { body } = await admin.send<WebhookDeliveryResponse>('POST', `/api/webhooks/${webhook.id}/test`);
    const id = String(body.delivery.id);
    await receiver.until((r) => r.filter((d) => d.deliveryId === id).length === 3);
    const attempts = receiver.received.filter((d) => d.deliveryId === id);
    expect(attempts.map((a) => a.answered)).toEqual([500, 503, 200]);
    // Backoff: about 300 ms, then about 900 ms (±10%).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(260);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(800);
    // Each attempt is signed afresh, at its own time.
    for (const a of attempts)
      expect(
        verifyDelivery(
          secret,
          { timestamp: a.timestamp, signature: a.signature },
          a.body,
          Math.floor(a.at / 1000),
        ),
      ).toBe(true);

    await expect
      .poll(
        async () =>
          (await admin.get<WebhookDeliveriesResponse>(`/api/webhooks/${webhook.id}/deliveries`)).body
            .deliveries[0]?.state,
      )
      .toBe('delivered');
    const log = (await admin.get<WebhookDeliveriesResponse>(`/api/webhooks/${webhook.id}/deliveries`)).body
      .deliveries[0]!;
    expect(log).toMatchObject({
      id: body.delivery.id,
      state: 'delivered',
      attempts: 3,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(log.log.map((a) => [a.attempt, a.status, a.error])).toEqual([
      [1, 500, 'the receiver answered HTTP 500'],
      [2, 503, 'the receiver answered HTTP 503'],
      [3, 200, null],
    ]);
  });

  it('gives up after the last attempt and says so in the log and the audit trail', async () => {
    const { webhook } = await createWebhook('admin', { kinds: ['quality'] });
    receiver.plan = [500, 500, 500, 500];
    const admin = await h.as('admin');
    const { body } = await admin.send<WebhookDeliveryResponse>('POST', `/api/webhooks/${webhook.id}/test`);
    await expect
      .poll(
        async () =>
          (await admin.get<WebhookDeliveriesResponse>(`/api/webhooks/${webhook.id}/deliveries`)).body
            .deliveries[0]?.state,
        {
          timeout: 20_000,
        },
      )
      .toBe('failed');
    expect(receiver.received.filter((d) => d.deliveryId === String(body.delivery.id))).toHaveLength(4);
    const audit = await admin.get<AuditResponse>('/api/audit?action=webhook-delivery&limit=50');
    expect(audit.body.entries.find((e) => e.detail.delivery === body.delivery.id)?.detail).toMatchObject({
      outcome: 'failed',
      attempts: 4,
      status: 500,
    });
  });

  it('backs off by three each time, within 10%, capped at an hour', () => {
    expect(backoffMs(1, 1000, () => 0.5)).toBe(1000);
    expect(backoffMs(2, 1000, () => 0.5)).toBe(3000);
    expect(backoffMs(3, 1000, () => 0)).toBe(8100);
    expect(backoffMs(20, 10_000, () => 1)).toBe(3_960_000);
  });
});

describe('alert deliveries', () => {
  it('sends each state change once, also when the server restarts with a delivery still to retry', async () => {
    // Only this test's webhooks from here on.
    for (const webhook of await h.server.alerting.webhooks.list())
      await h.server.alerting.webhooks.delete(webhook.id);
    const finance = await createWebhook('finance', {
      name: 'finance',
      kinds: ['spend'],
      url: receiver.urlFor('finance'),
    });
    const slack = await createWebhook('admin', { name: 'chat', kinds: ['spend'], format: 'slack' });
    const support = await createWebhook('support', { name: 'support', kinds: ['quality'] });
    const start = receiver.received.length;
    // The finance webhook's first three POSTs fail: whichever of the retries (0.3 s, then 0.9 s, 2.7 s apart) a busy
    // machine reaches before the sender stops, that delivery still waits for its last attempt at the restart.
    receiver.planFor.set('/hooks/finance', [500, 500, 500]);
    const rule = await (await h.as('finance')).send<AlertRuleResponse>('POST', '/api/alert-rules', {
      name: 'EUR spend, two days',
      metric: 'spend',
      currency: 'EUR',
      window: { size: 2, unit: 'days' },
      scope: { kind: 'all' },
      amount: '0.01',
    });
    await evaluate();
    await receiver.until(
      (r) => r.slice(start).some((d) => d.answered === 200) && r.slice(start).some((d) => d.answered === 500),
    );
    // Stopped before the last attempt is due: the failed delivery waits in the queue.
    await h.server.alerting.sender.stop();
    const pending = await h.server.alerting.webhooks.deliveries(finance.webhook.id, ['spend'], 10);
    const waiting = await h.server.alerting.webhooks.deliveries(slack.webhook.id, ['spend'], 10);
    expect([...pending, ...waiting].map((d) => d.state).sort()).toEqual(['delivered', 'pending']);
    await h.restart();
    await evaluate();
    await evaluate();
    await receiver.until((r) => r.slice(start).filter((d) => d.answered === 200).length === 2);

    // Resolved after the restart: one more change, one more delivery to each spend webhook.
    await (await h.as('finance')).send('PATCH', `/api/alert-rules/${rule.body.rule.id}`, {
      amount: '99999999',
    });
    await evaluate();
    await receiver.until((r) => r.slice(start).filter((d) => d.answered === 200).length === 4);
    await evaluate();
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const mine = receiver.received.slice(start);
    const acknowledged = mine.filter((d) => d.answered === 200);
    expect(acknowledged).toHaveLength(4);
    expect(new Set(acknowledged.map((d) => d.deliveryId)).size).toBe(4);
    const refused = mine.filter((d) => d.answered !== 200);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(3);
    expect(new Set(refused.map((d) => d.deliveryId)).size).toBe(1);
    expect(acknowledged.map((d) => d.event).sort()).toEqual([
      'alert.firing',
      'alert.firing',
      'alert.resolved',
      'alert.resolved',
    ]);
    // Nothing reached the quality-only webhook a support user set up.
    for (const d of mine)
      expect(
        verifyDelivery(
          support.secret,
          { timestamp: d.timestamp, signature: d.signature },
          d.body,
          Math.floor(d.at / 1000),
        ),
      ).toBe(false);

    const json = acknowledged.filter((d) =>
      verifyDelivery(
        finance.secret,
        { timestamp: d.timestamp, signature: d.signature },
        d.body,
        Math.floor(d.at / 1000),
      ),
    );
    expect(json.map((d) => JSON.parse(d.body).type).sort()).toEqual(['alert.firing', 'alert.resolved']);
    const firing = JSON.parse(json.find((d) => d.event === 'alert.firing')!.body);
    expect(firing.alert).toMatchObject({
      ruleName: 'EUR spend, two days',
      state: 'firing',
      previousState: 'ok',
      kind: 'spend',
      thresholdAmount: { currency: 'EUR', amount: '0.01' },
    });
    expect(firing.alert.amount.currency).toBe('EUR');
    expect(firing.text).toMatch(
      /^Firing: EUR spend, two days \(Spend\): spend [\d.]+ EUR \(threshold 0\.01 EUR\)/,
    );
    const chat = acknowledged.filter((d) =>
      verifyDelivery(
        slack.secret,
        { timestamp: d.timestamp, signature: d.signature },
        d.body,
        Math.floor(d.at / 1000),
      ),
    );
    expect(chat).toHaveLength(2);
    expect(JSON.parse(chat[0]!.body)).toMatchObject({
      text: expect.stringMatching(/^(Firing|Resolved): EUR spend/),
      blocks: [{ type: 'section' }, { type: 'context' }],
    });
  }, 60_000);
});

describe('the address guard', () => {
  it('refuses loopback, private and link-local targets unless allowed', async () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])
      expect(isPrivateAddress(address), address).toBe(false);
    await expect(
      postJson('http://169.254.169.254/latest/meta-data', '{}', {}, { timeoutMs: 1000, allowPrivate: false }),
    ).rejects.toThrow(/private or loopback/);
    // A name that resolves inward is refused after the lookup, on the address it would connect to.
    await expect(
      postJson(
        receiver.url.replace('127.0.0.1', 'localhost'),
        '{}',
        {},
        { timeoutMs: 1000, allowPrivate: false },
      ),
    ).rejects.toThrow(/localhost resolves to .* a private or loopback address/);
    expect(await postJson(receiver.url, '{}', {}, { timeoutMs: 1000, allowPrivate: true })).toBe(200);
  });
});
