// Each finding of the hostile-user review (issue 12), reproduced as a request and held to its fix.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueryTimeoutError } from '../store/record-store.js';
import { FIXED_NOW, type Harness, startHarness, TEST_PASSWORD } from '../test-support/harness.js';

const DAY = 86_400_000;
let h: Harness;
let webRoot: string;

beforeAll(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), 'callboard-web-'));
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Callboard</title>');
  writeFileSync(path.join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
  h = await startHarness({ callsPerDay: 200, webRoot, env: { CALLBOARD_TRUST_PROXY: 'true' } });
  await h.server.sync.request(FIXED_NOW - 2 * DAY, FIXED_NOW, 'manual');
  await h.server.sync.idle();
}, 60_000);
afterAll(async () => {
  await h.close();
});

const elapsed = async <T>(work: () => Promise<T>) => {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
};

describe('1. one request cannot hold the server', () => {
  it('refuses a range of millennia at once, naming the limit', async () => {
    const support = await h.as('support');
    const { result, ms } = await elapsed(() =>
      support.get<{ error: { code: string; message: string } }>('/api/summary?from=0100-01-01&to=9999-12-31'),
    );
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('range_too_long');
    expect(result.body.error.message).toMatch(/at most 400 days/);
    expect(ms).toBeLessThan(1000);
    const csv = await support.get('/api/export.csv?from=2026-10-01&to=4000-01-01&tz=Europe/London');
    expect(csv.status).toBe(400);
  });

  it('checks coverage before a summary starts: a range nothing holds is a 422 without any summary work', async () => {
    const summary = vi.spyOn(h.server.store, 'summary');
    const { status } = await h.get('/api/summary?from=2025-01-01&to=2025-02-01');
    expect(status).toBe(422);
    expect(summary).not.toHaveBeenCalled();
    summary.mockRestore();
  });

  it('refuses an open start once the archive is longer than the limit', async () => {
    const narrow = await startHarness({ callsPerDay: 50, env: { CALLBOARD_MAX_RANGE_DAYS: '1' } });
    try {
      await narrow.server.sync.request(FIXED_NOW - 3 * DAY, FIXED_NOW, 'manual');
      await narrow.server.sync.idle();
      const open = await narrow.get<{ error: { code: string; message: string } }>('/api/records');
      expect(open.status).toBe(400);
      expect(open.body.error.message).toMatch(/Give a start date/);
      expect(
        (await narrow.get(`/api/records?from=${new Date(FIXED_NOW - DAY / 2).toISOString()}`)).status,
      ).toBe(200);
    } finally {
      await narrow.close();
    }
  });
});

describe('3. a malformed cookie', () => {
  it('is no session (401), never a 500, and is cleared, so sign-out and sign-in still work', async () => {
    const planted = { cookie: 'callboard_session=%E0%A4%A' };
    const records = await h.request('/api/records', { headers: planted });
    expect(records.status).toBe(401);
    expect(records.headers.getSetCookie().join()).toMatch(/callboard_session=;/);
    expect((await h.request('/api/session', { method: 'DELETE', headers: planted })).status).toBe(204);
    expect((await h.request('/api/session', { headers: planted })).status).toBe(200);
    const signIn = await h.request('/api/session', {
      method: 'POST',
      headers: { ...planted, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'support-user', password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(201);
  });
});

describe('4. event streams', () => {
  /** Opens the sync event stream of a fresh session and resolves when the server ends it. */
  async function openStream(role: 'support' | 'finance') {
    const signIn = await h.request<{ csrfToken: string }>('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `${role}-user`, password: TEST_PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const response = await fetch(`${h.server.url}/api/sync/events`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^event: status/);
    const ended = (async () => {
      while (!(await reader.read()).done);
      return performance.now();
    })();
    return { cookie, csrfToken: signIn.body.csrfToken, ended };
  }

  it('end when the session is signed out', async () => {
    const stream = await openStream('support');
    const start = performance.now();
    await h.request('/api/session', {
      method: 'DELETE',
      headers: { cookie: stream.cookie, 'X-CSRF-Token': stream.csrfToken },
    });
    expect((await stream.ended) - start).toBeLessThan(8000);
  });

  it('end when the user is disabled', async () => {
    await h.server.state.upsertUser(
      'streaming-user',
      'support',
      (await h.server.state.findUser('support-user'))!.passwordHash,
    );
    const signIn = await h.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'streaming-user', password: TEST_PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const reader = (
      await fetch(`${h.server.url}/api/sync/events`, { headers: { cookie } })
    ).body!.getReader();
    await reader.read();
    await h.server.state.setDisabled('streaming-user', true);
    const start = performance.now();
    while (!(await reader.read()).done);
    expect(performance.now() - start).toBeLessThan(8000);
  });

  it('end when the session expires', async () => {
    const stream = await openStream('finance');
    const session = (await h.server.state.findSession(decodeURIComponent(stream.cookie.split('=')[1]!)))!;
    await h.server.state.touchSession(session.idHash, Date.now() - 3 * 3_600_000);
    const start = performance.now();
    expect((await stream.ended) - start).toBeLessThan(8000);
  });
});

describe('5. client mistakes are answered 4xx and not logged as crashes', () => {
  it.each([
    ['GET', '/api/records/x%', {}, 400],
    ['GET', '/assets/missing-5678.js', {}, 404],
    ['GET', '/assets/..%2f..%2fpackage.json', {}, 403],
    ['GET', '/assets/..%2findex.html', {}, 403],
    ['POST', '/api/sync', { 'Content-Encoding': 'bogus', 'Content-Type': 'application/json' }, 415],
  ] as const)('%s %s', async (method, url, headers, status) => {
    const admin = await h.as('admin');
    const before = h.logLines.filter((l) => l.includes('unhandled error')).length;
    const result = await h.request(url, {
      method,
      headers: { cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken, ...headers },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });
    expect(result.status).toBe(status);
    expect(h.logLines.filter((l) => l.includes('unhandled error')).length).toBe(before);
  });

  it('still serves the assets that exist', async () => {
    expect((await h.request('/assets/app-1234.js')).status).toBe(200);
  });
});

describe('6. one zone schema at every entry point', () => {
  it.each(['Not/AZone', '+99:99', '+14:30', 'Z'])(
    'refuses tz=%s on sync, records and audit with a 400 naming tz',
    async (tz) => {
      const admin = await h.as('admin');
      const sync = await admin.send<{ error: { param: string } }>('POST', '/api/sync', {
        from: '2026-11-18',
        to: '2026-11-19',
        tz,
      });
      expect(sync.status).toBe(400);
      expect(sync.body.error.param).toBe('tz');
      for (const url of [
        `/api/records?tz=${encodeURIComponent(tz)}`,
        `/api/audit?tz=${encodeURIComponent(tz)}`,
      ]) {
        expect((await admin.get(url)).status).toBe(400);
      }
    },
  );

  it('takes real offsets and named zones', async () => {
    const admin = await h.as('admin');
    for (const tz of ['+05:45', '-12:00', '+14:00', 'Asia/Kathmandu']) {
      expect((await admin.get(`/api/records?tz=${encodeURIComponent(tz)}&pageSize=1`)).status).toBe(200);
    }
  });
});

describe('7. sign-in throttling', () => {
  const attempt = (username: string, password: string, forwardedFor: string) =>
    h.request<{ error: { message: string } }>('/api/session', {
      method: 'POST',
      // The proxy in front appends the client's address: with CALLBOARD_TRUST_PROXY=true only that one counts.
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
      body: JSON.stringify({ username, password }),
    });

  it('pauses one address guessing an account, without locking the real user out from elsewhere', async () => {
    await h.server.state.upsertUser(
      'victim-user',
      'support',
      (await h.server.state.findUser('support-user'))!.passwordHash,
    );
    for (let i = 0; i < 5; i++)
      expect((await attempt('victim-user', 'wrong', '198.51.100.7')).status).toBe(401);
    const paused = await attempt('victim-user', TEST_PASSWORD, '198.51.100.7');
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(paused.body.error.message).toMatch(/try again in \d+ s/);
    expect((await attempt('victim-user', TEST_PASSWORD, '203.0.113.20')).status).toBe(201);
  });

  it('counts the address the proxy saw, so a forged X-Forwarded-For does not reset it', async () => {
    await h.server.state.upsertUser(
      'forger-target',
      'support',
      (await h.server.state.findUser('support-user'))!.passwordHash,
    );
    for (let i = 0; i < 5; i++) await attempt('forger-target', 'wrong', `10.9.9.${i}, 192.0.2.55`);
    expect((await attempt('forger-target', TEST_PASSWORD, '10.9.9.99, 192.0.2.55')).status).toBe(429);
  });
});

describe('8. data files', () => {
  it('are readable by the service user only', async () => {
    const entries = [h.dataDir, ...readdirSync(h.dataDir).map((name) => path.join(h.dataDir, name))];
    expect(entries.length).toBeGreaterThan(2);
    for (const entry of entries) expect((statSync(entry).mode & 0o077).toString(8), entry).toBe('0');
  });

  it('are named at start when an existing one is wider', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-wide-'));
    writeFileSync(path.join(dataDir, 'callboard.duckdb.old'), 'x');
    chmodSync(path.join(dataDir, 'callboard.duckdb.old'), 0o644);
    const wide = await startHarness({ callsPerDay: 10, dataDir });
    try {
      expect(
        wide.logLines.some(
          (l) => l.includes('readable by other local users') && l.includes('callboard.duckdb.old'),
        ),
      ).toBe(true);
    } finally {
      await wide.close();
    }
  });
});

describe('bounded work per request', () => {
  it('answers a query stopped at its time budget with a 503 that says what to do', async () => {
    const summary = vi.spyOn(h.server.store, 'summary').mockRejectedValueOnce(new QueryTimeoutError(15_000));
    const { status, body, headers } = await h.get<{ error: { code: string; message: string } }>(
      `/api/summary?from=${new Date(FIXED_NOW - DAY).toISOString()}&shortCallSeconds=20`,
    );
    expect(status).toBe(503);
    expect(body.error.code).toBe('query_timeout');
    expect(body.error.message).toMatch(/longer than 15 s.*shorter range/);
    expect(headers.get('retry-after')).toBe('5');
    summary.mockRestore();
  });

  it('refuses a user more queries at once than the cap, with 429 and Retry-After', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const original = h.server.store.summary.bind(h.server.store);
    const summary = vi.spyOn(h.server.store, 'summary').mockImplementation(async (...args) => {
      await gate;
      return original(...args);
    });
    const support = await h.as('support');
    const from = `from=${new Date(FIXED_NOW - DAY).toISOString()}`;
    // Four distinct questions fill the cap (identical ones would share one query); the fifth is refused.
    const running = [10, 20, 30, 45].map((s) => support.get(`/api/summary?${from}&shortCallSeconds=${s}`));
    await vi.waitFor(() => expect(summary).toHaveBeenCalledTimes(4));
    const refused = await support.get<{ error: { code: string } }>(
      `/api/summary?${from}&shortCallSeconds=60`,
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_queries');
    expect(refused.headers.get('retry-after')).toBe('1');
    // Another user is not affected.
    const finance = await h.as('finance');
    const otherUser = finance.get(`/api/summary?${from}&shortCallSeconds=90`);
    release();
    expect((await Promise.all(running)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await otherUser).status).toBe(200);
    summary.mockRestore();
  });
});
