// The README's webhook receiver, run as written: extracted from README.md, started as its own Node process
// with a webhook's secret, it must accept Callboard's signed deliveries (once each) and refuse a forged,
// a tampered and a stale one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  WebhookCreatedResponse,
  WebhookDeliveriesResponse,
  WebhookDeliveryResponse,
} from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../test-support/harness.js';
import { BFF_DIR } from '../test-support/processes.js';
import { signDelivery } from './signature.js';

const README = path.resolve(BFF_DIR, '../../README.md');

let h: Harness;
let dir: string;

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 10, env: { CALLBOARD_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  dir = mkdtempSync(path.join(tmpdir(), 'callboard-snippet-'));
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The README's receiver: the js block that starts with its file name. */
function snippet(): string {
  const match = /```js\n(\/\/ verify-callboard-webhook\.mjs[\s\S]*?)```/.exec(readFileSync(README, 'utf8'));
  if (!match) throw new Error('README.md has no verify-callboard-webhook.mjs block');
  return match[1]!;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the README's receiver", () => {
  it('accepts signed deliveries once each and refuses forged, tampered and stale ones', async () => {
    const file = path.join(dir, 'verify-callboard-webhook.mjs');
    writeFileSync(file, snippet());
    const port = await freePort();
    const admin = await h.as('admin');
    const { webhook, secret } = (
      await admin.send<WebhookCreatedResponse>('POST', '/api/webhooks', {
        name: 'readme',
        url: `http://127.0.0.1:${port}/`,
        kinds: ['quality'],
      })
    ).body;
    const receiver = spawn(process.execPath, [file], {
      env: { ...process.env, CALLBOARD_WEBHOOK_SECRET: secret, PORT: String(port) },
    });
    let output = '';
    receiver.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await expect.poll(() => output, { timeout: 10_000 }).toContain('listening');
      const test = await admin.send<WebhookDeliveryResponse>('POST', `/api/webhooks/${webhook.id}/test`);
      await expect
        .poll(() => output, { timeout: 10_000 })
        .toContain('Test delivery from Callboard: the webhook "readme" is set up.');
      await expect
        .poll(
          async () =>
            (await admin.get<WebhookDeliveriesResponse>(`/api/webhooks/${webhook.id}/deliveries`)).body
              .deliveries[0]?.lastStatus,
        )
        .toBe(204);
      expect(test.body.delivery.id).toBeGreaterThan(0);

      const post = (body: string, timestamp: number, signature: string, delivery = '999') =>
        fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          body,
          headers: {
            'X-Callboard-Timestamp': String(timestamp),
            'X-Callboard-Signature': signature,
            'X-Callboard-Delivery': delivery,
          },
        }).then((r) => r.status);
      const now = Math.floor(Date.now() / 1000);
      const body = JSON.stringify({ type: 'webhook.test', text: 'by hand' });
      expect(await post(body, now, signDelivery(secret, now, body))).toBe(204);
      expect(await post(body, now, signDelivery(secret, now, body))).toBe(204); // the same delivery again: handled once
      expect(output.match(/by hand/g)).toHaveLength(1);
      expect(await post(body, now, signDelivery('whsec_forged', now, body))).toBe(401);
      expect(await post(body.replace('hand', 'foot'), now, signDelivery(secret, now, body))).toBe(401);
      expect(await post(body, now - 3600, signDelivery(secret, now - 3600, body), '1000')).toBe(401);
    } finally {
      receiver.kill();
    }
  });
});
