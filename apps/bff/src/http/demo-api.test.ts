// Demo mode: it starts with rules sized to the generated traffic, and any signed-in role can degrade one
// operator's answer rate in the built-in simulator (and switch it back) to watch a quality alert cycle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AlertRulesResponse, AuditResponse, DemoDegradeStatus } from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { DEMO_ACCOUNTS, type RunningServer, startServer } from '../server.js';
import { type Session, signIn } from '../test-support/processes.js';

let server: RunningServer;
let dataDir: string;
const sessions = new Map<string, Session>();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-demo-'));
  const config = loadConfig({
    PORT: '0',
    CALLBOARD_DATA_DIR: dataDir,
    CALLBOARD_DEMO_CALLS_PER_DAY: '500',
    LOG_LEVEL: 'silent',
  });
  server = await startServer(config, createLogger('silent'), {
    webRoot: null,
    autoSync: false,
    alerts: false,
  });
  for (const { username, password, role } of DEMO_ACCOUNTS)
    sessions.set(role, await signIn(server.url, { username, password }));
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function call<T>(role: string | null, method: string, pathname: string, body?: unknown) {
  const session = role ? sessions.get(role)! : null;
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(session ? { cookie: session.cookie, 'X-CSRF-Token': session.csrfToken } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

describe('demo mode', () => {
  it('starts with a budget, a spend limit and quality rules sized to its traffic', async () => {
    const { body } = await call<AlertRulesResponse>('finance', 'GET', '/api/alert-rules');
    expect(body.rules.map((r) => [r.name, r.metric])).toEqual([
      ['USD monthly budget', 'budget'],
      ['EUR spend today', 'spend'],
      ['Answer rate Philippines(Globe)', 'asr'],
      ['Short calls (under 10 s)', 'short_call_share'],
      ['Calls failing with 503', 'termination_share'],
    ]);
    const t = Date.now();
    const usd = Number(server.simulator!.dataset.aggregate(t - 30 * 86_400_000, t).costByCurrency.USD);
    const budget = Number(body.rules[0]!.amount!.amount);
    // 30% over the last 30 days' spend, rounded up to two significant digits.
    expect(budget).toBeGreaterThanOrEqual(usd * 1.3);
    expect(budget).toBeLessThan(usd * 1.3 * 1.1 + 1);
    expect(String(budget)).toMatch(/^\d{1,2}0*$/);
    // Support sees the three quality rules only.
    expect((await call<AlertRulesResponse>('support', 'GET', '/api/alert-rules')).body.rules).toHaveLength(3);
  });

  it("degrades one operator's answer rate on demand, for any signed-in role, and restores it", async () => {
    expect((await call('', 'GET', '/api/demo/degrade')).status).toBe(401);
    const before = await call<DemoDegradeStatus>('support', 'GET', '/api/demo/degrade');
    expect(before.body.degraded).toBeNull();
    expect(before.body.codes[0]).toBe('Philippines(Globe)');

    const on = await call<DemoDegradeStatus>('support', 'POST', '/api/demo/degrade', {
      code: 'Philippines(Globe)',
    });
    expect(on.status).toBe(200);
    expect(on.body.degraded).toMatchObject({ code: 'Philippines(Globe)', answerRate: 0 });
    expect(server.simulator!.degradation()).toMatchObject({ code: 'Philippines(Globe)', answerRate: 0 });

    const bad = await call<{ error: { param: string } }>('finance', 'POST', '/api/demo/degrade', {
      code: 'Atlantis(Poseidon)',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('code');
    expect(
      (
        await call<{ error: { param: string } }>('finance', 'POST', '/api/demo/degrade', {
          code: 'Philippines(Globe)',
          answerRate: 2,
        })
      ).body.error.param,
    ).toBe('answerRate');

    const off = await call<DemoDegradeStatus>('admin', 'DELETE', '/api/demo/degrade');
    expect(off.body.degraded).toBeNull();
    expect(server.simulator!.degradation()).toBeNull();
    const audit = await call<AuditResponse>('admin', 'GET', '/api/audit?action=demo-degrade');
    expect(audit.body.entries.map((e) => [e.username, e.detail])).toEqual([
      ['admin', { restored: true }],
      ['support', { code: 'Philippines(Globe)', answerRate: 0 }],
    ]);
  });
});
