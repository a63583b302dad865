import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MONEY_COLUMN_IDS } from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXED_NOW,
  type Harness,
  type Role,
  startHarness,
  TEST_KEY,
  TEST_PASSWORD,
  TEST_SECRET,
} from '../test-support/harness.js';

const DAY = 86_400_000;
const range = `from=${new Date(FIXED_NOW - 3 * DAY).toISOString()}&to=${new Date(FIXED_NOW).toISOString()}`;
let h: Harness;
let voiceId: string;
/** Every response body any test here received, for the secret grep at the end. */
const bodies: string[] = [];

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 300 });
  await h.server.sync.request(FIXED_NOW - 3 * DAY, FIXED_NOW, 'manual');
  await h.server.sync.idle();
  voiceId = h.simulator.dataset.recordsBetween(FIXED_NOW - DAY, FIXED_NOW, FIXED_NOW)[0]!.voiceId;
}, 60_000);
afterAll(async () => {
  await h.close();
});

async function call(role: Role | null, method: string, pathAndQuery: string, body?: unknown) {
  const client = role ? await h.as(role) : null;
  const result = client
    ? await client.send(method, pathAndQuery, body)
    : await h.request(pathAndQuery, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
  bodies.push(result.text);
  return result;
}

const ENDPOINTS: Array<{ method: string; path: () => string; body?: unknown; allowed: Role[] }> = [
  { method: 'GET', path: () => `/api/records?${range}`, allowed: ['admin', 'finance', 'support'] },
  { method: 'GET', path: () => `/api/records/${voiceId}`, allowed: ['admin', 'finance', 'support'] },
  { method: 'GET', path: () => `/api/summary?${range}`, allowed: ['admin', 'finance', 'support'] },
  { method: 'GET', path: () => `/api/facets?${range}`, allowed: ['admin', 'finance', 'support'] },
  { method: 'GET', path: () => `/api/export.csv?${range}`, allowed: ['admin', 'finance', 'support'] },
  { method: 'GET', path: () => '/api/sync', allowed: ['admin', 'finance', 'support'] },
  {
    method: 'POST',
    path: () => '/api/sync',
    body: { from: new Date(FIXED_NOW - DAY).toISOString(), to: new Date(FIXED_NOW).toISOString() },
    allowed: ['admin'],
  },
  { method: 'GET', path: () => '/api/audit', allowed: ['admin'] },
  { method: 'GET', path: () => '/api/users', allowed: ['admin'] },
];

describe('access control', () => {
  it.each(ENDPOINTS)(
    '$method $path is refused without a session and allowed only to its roles',
    async (endpoint) => {
      const anonymous = await call(null, endpoint.method, endpoint.path(), endpoint.body);
      expect(anonymous.status).toBe(endpoint.method === 'GET' ? 401 : 401);
      for (const role of ['admin', 'finance', 'support'] as const) {
        const result = await call(role, endpoint.method, endpoint.path(), endpoint.body);
        if (endpoint.allowed.includes(role)) expect(result.status, `${role}`).toBeLessThan(300);
        else expect(result.status, `${role}`).toBe(403);
      }
    },
  );

  it('shows support no money anywhere: records, detail, summary and CSV', async () => {
    const hasMoney = (o: object) => MONEY_COLUMN_IDS.some((k) => k in o);
    const records = await call('support', 'GET', `/api/records?${range}`);
    const rows = (records.body as { rows: object[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some(hasMoney)).toBe(false);
    expect(hasMoney((await call('support', 'GET', `/api/records/${voiceId}`)).body as object)).toBe(false);

    const summary = (await call('support', 'GET', `/api/summary?${range}`)).body as Record<
      string,
      Array<Record<string, unknown>>
    >;
    const flat = JSON.stringify(summary);
    for (const key of ['"cost"', '"baseCostUsd"', '"settlePay"', '"overheadCost"'])
      expect(flat).not.toContain(key);
    expect(summary.currencies!.length).toBeGreaterThan(0);

    const csv = await call('support', 'GET', `/api/export.csv?${range}`);
    const header = csv.text.split('\r\n')[0]!;
    for (const label of ['Cost', 'Rate', 'Base cost', 'Settle', 'Quote exchange'])
      expect(header).not.toContain(label);
    expect(
      (await call('support', 'GET', `/api/export.csv?${range}&columns=callee&columns=cost`)).status,
    ).toBe(403);
    expect((await call('support', 'GET', `/api/records?${range}&sort=cost:desc`)).status).toBe(403);

    const finance = await call('finance', 'GET', `/api/records?${range}`);
    expect((finance.body as { rows: object[] }).rows.every(hasMoney)).toBe(true);
  });

  it('lets a script sign in and export with nothing but the cookie, and audits it', async () => {
    const finance = await h.as('finance');
    const csv = await finance.get(`/api/export.csv?${range}&columns=voiceId&columns=cost`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const audit = await call('admin', 'GET', '/api/audit');
    const entries = (
      audit.body as { entries: Array<{ action: string; username: string; detail: { rows?: number } }> }
    ).entries;
    expect(
      entries.find((e) => e.action === 'export' && e.username === 'finance-user')?.detail.rows,
    ).toBeGreaterThan(0);
    expect(entries.some((e) => e.action === 'sign-in' && e.username === 'finance-user')).toBe(true);
    expect(entries.some((e) => e.action === 'sync-start' && e.username === 'admin-user')).toBe(true);
  });
});

describe('sessions', () => {
  it('rotates at sign-in, ends at sign-out, and ends at once for a disabled user', async () => {
    const first = await h.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'support-user', password: TEST_PASSWORD }),
    });
    const second = await h.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'support-user', password: TEST_PASSWORD }),
    });
    const cookieOf = (r: { headers: Headers }) => r.headers.getSetCookie()[0]!;
    expect(cookieOf(first)).toMatch(/HttpOnly/i);
    expect(cookieOf(first)).toMatch(/SameSite=Lax/i);
    expect(cookieOf(first).split(';')[0]).not.toBe(cookieOf(second).split(';')[0]);

    const cookie = cookieOf(second).split(';')[0]!;
    const { csrfToken } = second.body as { csrfToken: string };
    expect((await h.request('/api/records', { headers: { cookie } })).status).toBe(200);
    expect(
      (await h.request('/api/session', { method: 'DELETE', headers: { cookie, 'X-CSRF-Token': csrfToken } }))
        .status,
    ).toBe(204);
    expect((await h.request('/api/records', { headers: { cookie } })).status).toBe(401);

    const third = await h.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'support-user', password: TEST_PASSWORD }),
    });
    const cookie3 = cookieOf(third).split(';')[0]!;
    await h.server.state.setDisabled('support-user', true);
    expect((await h.request('/api/records', { headers: { cookie: cookie3 } })).status).toBe(401);
    await h.server.state.setDisabled('support-user', false);
  });

  it('ends the sessions of a user whose password is set again', async () => {
    const hash = (await h.server.state.findUser('finance-user'))!.passwordHash;
    await h.server.state.upsertUser('rotating-user', 'finance', hash);
    const response = await h.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'rotating-user', password: TEST_PASSWORD }),
    });
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await h.request('/api/records', { headers: { cookie } })).status).toBe(200);
    await h.server.state.upsertUser('rotating-user', 'finance', hash);
    expect((await h.request('/api/records', { headers: { cookie } })).status).toBe(401);
  });

  it('expires an idle session', async () => {
    const client = await h.as('finance');
    const session = (await h.server.state.findSession(decodeURIComponent(client.cookie.split('=')[1]!)))!;
    await h.server.state.touchSession(session.idHash, Date.now() - 3 * 3_600_000);
    expect((await client.get('/api/records')).status).toBe(401);
    expect(await h.server.state.findSession(decodeURIComponent(client.cookie.split('=')[1]!))).toBeNull();
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const admin = await h.as('admin');
    const body = { from: new Date(FIXED_NOW - DAY).toISOString(), to: new Date(FIXED_NOW).toISOString() };
    const noToken = await h.request('/api/sync', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(noToken.status).toBe(403);
    const foreign = await admin.send('POST', '/api/sync', body, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await admin.send('POST', '/api/sync', body)).status).toBe(202);
  });

  it('pauses sign-in after repeated failures for one account, saying for how long', async () => {
    const attempt = (password: string) =>
      h.request<{ error: { message: string } }>('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'throttled-user', password }),
      });
    await h.server.state.upsertUser(
      'throttled-user',
      'support',
      (await h.server.state.findUser('support-user'))!.passwordHash,
    );
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).status).toBe(401);
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/try again in \d+ s/);
  });
});

describe('hardening', () => {
  it('sends strict security headers and no X-Powered-By', async () => {
    const { headers } = await h.request('/api/health');
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('limits the request body size', async () => {
    const admin = await h.as('admin');
    const result = await admin.send('POST', '/api/sync', { from: 'x'.repeat(40_000), to: 'y' });
    expect(result.status).toBe(413);
    expect(result.text).not.toMatch(/at .*\.js/);
  });

  it('never lets the API secret out: no response body, no log line, no built asset', async () => {
    const signInput = `${TEST_KEY}${TEST_SECRET}`;
    const everything = [...bodies, ...h.logLines];
    expect(everything.length).toBeGreaterThan(100);
    for (const text of everything) {
      expect(text).not.toContain(TEST_SECRET);
      expect(text).not.toContain(signInput);
    }
    // The SPA the BFF serves is built before these tests run (a dev dependency), so this scan always runs.
    const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
    expect(existsSync(path.join(webDist, 'index.html')), 'apps/web is built').toBe(true);
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)],
      );
    const built = files(webDist);
    expect(built.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of built) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(TEST_SECRET);
      expect(text).not.toMatch(/ITNIO_API_SECRET|apiSecret/);
    }
    // 9. No source maps are shipped: they would publish the whole source beside the bundle.
    expect(built.filter((f) => f.endsWith('.map'))).toEqual([]);
  });
});
