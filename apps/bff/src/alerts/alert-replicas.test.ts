// Two built BFF processes on one PostgreSQL database, both evaluating every rule each second and both
// sending webhooks, against a real receiver that fails now and then: every alert state change must reach
// the receiver acknowledged exactly once, also after one replica is killed (SIGKILL) while deliveries wait
// for their retry. State changes are compare-and-set on the rule's seq; deliveries are claimed atomically.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AlertRuleResponse, AlertsResponse, WebhookCreatedResponse } from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';
import {
  BFF_DIR,
  type BffProcess,
  getJson,
  killAll,
  type Session,
  signIn,
  startBff,
  startSimulatorProcess,
} from '../test-support/processes.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';

const ADMIN = { username: 'alerts-admin', password: 'alerts-admin-password' };
const RULES = 4;

let database: TestDatabase;
let dataDir: string;
let simulatorUrl: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  execFileSync(path.join(BFF_DIR, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: BFF_DIR,
    stdio: 'inherit',
  });
  database = await createTestDatabase('alert_replicas');
  dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-alert-replicas-'));
  receiver = await startWebhookReceiver();
  // biome-ignore format: flag and value pairs
  simulatorUrl = await startSimulatorProcess([
    '--seed', '5', '--days', '2', '--calls-per-day', '20000', '--key', 'alerts-key', '--secret', 'alerts-secret',
  ]);
}, 60_000);

afterAll(async () => {
  killAll();
  await receiver?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function startReplica(): Promise<BffProcess> {
  return startBff({
    CALLBOARD_DATA_DIR: dataDir,
    CALLBOARD_DATABASE_URL: database.url,
    CALLBOARD_DATABASE_POOL_MAX: '4',
    CALLBOARD_SYNC_LEASE_SECONDS: '2',
    CALLBOARD_BACKFILL: 'false',
    CALLBOARD_FRESHNESS_HOURS: '1',
    CALLBOARD_SYNC_INTERVAL_SECONDS: '10',
    CALLBOARD_ALERTS_INTERVAL_SECONDS: '1',
    CALLBOARD_WEBHOOK_RETRY_BASE_MS: '300',
    CALLBOARD_WEBHOOK_TIMEOUT_MS: '1000',
    CALLBOARD_WEBHOOK_ALLOW_PRIVATE: 'true',
    ITNIO_BASE_URL: simulatorUrl,
    ITNIO_API_KEY: 'alerts-key',
    ITNIO_API_SECRET: 'alerts-secret',
    CALLBOARD_ADMIN_USER: ADMIN.username,
    CALLBOARD_ADMIN_PASSWORD: ADMIN.password,
  });
}

async function send<T>(url: string, session: Session, method: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      cookie: session.cookie,
      'X-CSRF-Token': session.csrfToken,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The alert event each acknowledged delivery carried. */
const alertIds = (received: WebhookReceiver['received']) =>
  received
    .filter((d) => d.answered === 200 && d.event.startsWith('alert.'))
    .map((d) => (JSON.parse(d.body) as { alert: { id: number } }).alert.id);

describe('alerts on two replicas sharing PostgreSQL', () => {
  it('deliver every state change exactly once, also after a replica is killed', async () => {
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    const session = await signIn(a.url, ADMIN);
    const { secret } = await send<WebhookCreatedResponse>(`${a.url}/api/webhooks`, session, 'POST', {
      name: 'receiver',
      url: receiver.url,
      kinds: ['quality'],
    });
    // Some deliveries fail first and wait for a retry.
    receiver.plan = [500, 500, 503];
    const ids: number[] = [];
    for (let i = 0; i < RULES; i++) {
      // Created on either replica: both evaluate all of them every second.
      const { rule } = await send<AlertRuleResponse>(
        `${[a, b][i % 2]!.url}/api/alert-rules`,
        session,
        'POST',
        {
          name: `Traffic ${i}`,
          metric: 'call_volume',
          window: { size: 30, unit: 'minutes' },
          scope: { kind: 'all' },
          threshold: 0,
        },
      );
      ids.push(rule.id);
    }
    await receiver.until((r) => alertIds(r).length >= RULES, 40_000);

    // Resolve them all, then kill A while the receiver fails: B alone finishes the retries.
    receiver.plan = [500, 500, 500, 500];
    for (const id of ids)
      await send(`${b.url}/api/alert-rules/${id}`, session, 'PATCH', { threshold: 100_000_000 });
    await receiver.until((r) => r.filter((d) => d.event === 'alert.resolved').length >= 1, 20_000);
    a.child.kill('SIGKILL');
    await receiver.until((r) => alertIds(r).length >= 2 * RULES, 40_000);
    // Several more evaluations on B and a new replica: nothing more is sent.
    const c = await startReplica();
    await new Promise((resolve) => setTimeout(resolve, 4_000));

    const delivered = alertIds(receiver.received);
    expect(delivered).toHaveLength(2 * RULES);
    expect(new Set(delivered).size).toBe(2 * RULES);
    const acknowledgedDeliveries = receiver.acknowledged().map((d) => d.deliveryId);
    expect(new Set(acknowledgedDeliveries).size).toBe(acknowledgedDeliveries.length);
    expect(receiver.received.some((d) => d.answered !== 200)).toBe(true);
    expect(receiver.allSigned(secret)).toBe(true);

    // Each rule: one firing, one resolved, as every replica reports.
    for (const url of [b.url, c.url]) {
      const { history } = await getJson<AlertsResponse>(
        `${url}/api/alerts?limit=200`,
        await signIn(url, ADMIN),
      );
      for (const id of ids) {
        expect(history.filter((e) => e.ruleId === id).map((e) => e.state)).toEqual(['resolved', 'firing']);
      }
    }
  }, 120_000);
});
