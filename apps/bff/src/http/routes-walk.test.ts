// Every route the app registers × every role (and nobody signed in): who may call it, and what each role
// receives, JSON bodies, CSV headers, event streams and errors alike. A route added without an entry in
// ROUTES fails the first test; money reaching support anywhere fails the second.
import {
  AUDIT_ACCESS,
  FACETS_ACCESS,
  HEALTH_ACCESS,
  moneyFields,
  RECORD_DETAIL_ACCESS,
  RECORDS_RESPONSE_ACCESS,
  SESSION_ACCESS,
  SUMMARY_ACCESS,
  SYNC_STATUS_ACCESS,
  USERS_ACCESS,
} from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, type Role, startHarness, TEST_PASSWORD } from '../test-support/harness.js';
import { listRoutes } from '../test-support/routes.js';

const DAY = 86_400_000;
const range = `from=${new Date(FIXED_NOW - 2 * DAY).toISOString()}&to=${new Date(FIXED_NOW).toISOString()}`;
const ROLES: Role[] = ['admin', 'finance', 'support'];
const ALL = ROLES;

/** Every field name classified money in any response. */
const MONEY_KEYS = new Set(
  [RECORDS_RESPONSE_ACCESS, RECORD_DETAIL_ACCESS, SUMMARY_ACCESS, FACETS_ACCESS, HEALTH_ACCESS, SYNC_STATUS_ACCESS, SESSION_ACCESS, AUDIT_ACCESS, USERS_ACCESS].flatMap(
    (tree) => [...moneyFields(tree)],
  ),
);
const MONEY_HEADERS = /(^|,)(Cost|Rate|Base cost|Settle|Quote exchange)/;

interface RouteRule {
  /** Roles allowed; 'anyone' includes nobody signed in. */
  allowed: Role[] | 'anyone';
  kind: 'json' | 'csv' | 'events' | 'empty' | 'html' | 'metrics';
  path: () => string;
  body?: unknown;
  /** Money fields the roles with spend must receive here (proves the walk looks at real money). */
  money?: boolean;
  /** A request that fails validation: its error must carry no money either. */
  bad?: string;
}

let h: Harness;
let voiceId: string;

const ROUTES: Record<string, RouteRule> = {
  'GET /api/health/live': { allowed: 'anyone', kind: 'json', path: () => '/api/health/live' },
  'GET /api/health/ready': { allowed: 'anyone', kind: 'json', path: () => '/api/health/ready' },
  'GET /api/health': { allowed: 'anyone', kind: 'json', path: () => '/api/health' },
  'POST /api/session': {
    allowed: 'anyone',
    kind: 'json',
    path: () => '/api/session',
    body: { username: 'walk-user', password: TEST_PASSWORD },
  },
  'GET /api/session': { allowed: 'anyone', kind: 'json', path: () => '/api/session' },
  'DELETE /api/session': { allowed: 'anyone', kind: 'empty', path: () => '/api/session' },
  'GET /api/users': { allowed: ['admin'], kind: 'json', path: () => '/api/users' },
  'GET /api/audit': { allowed: ['admin'], kind: 'json', path: () => '/api/audit?limit=20', bad: '/api/audit?limit=0' },
  'POST /api/audit/visible-export': {
    allowed: ALL,
    kind: 'empty',
    path: () => '/api/audit/visible-export',
    body: { rows: 3, columns: ['callee', 'code'], filters: { from: '2026-11-18' } },
  },
  'GET /api/records': { allowed: ALL, kind: 'json', money: true, path: () => `/api/records?${range}`, bad: '/api/records?page=0' },
  'GET /api/records/:voiceId': { allowed: ALL, kind: 'json', money: true, path: () => `/api/records/${voiceId}`, bad: '/api/records/%27%3B' },
  'GET /api/summary': { allowed: ALL, kind: 'json', money: true, path: () => `/api/summary?${range}`, bad: '/api/summary?tz=Mars%2FOlympus' },
  'GET /api/facets': { allowed: ALL, kind: 'json', path: () => `/api/facets?${range}`, bad: '/api/facets?outcome=maybe' },
  'GET /api/export.csv': { allowed: ALL, kind: 'csv', money: true, path: () => `/api/export.csv?${range}`, bad: '/api/export.csv?columns=nope' },
  'GET /api/sync': { allowed: ALL, kind: 'json', path: () => '/api/sync' },
  'GET /api/sync/events': { allowed: ALL, kind: 'events', path: () => '/api/sync/events' },
  'POST /api/sync': {
    allowed: ['admin'],
    kind: 'json',
    path: () => '/api/sync',
    body: { from: new Date(FIXED_NOW - DAY).toISOString(), to: new Date(FIXED_NOW).toISOString() },
  },
  'GET /{*splat}': { allowed: 'anyone', kind: 'html', path: () => '/records/anything' },
  // Open to a scraper on loopback, as this test is (the token case is in metrics.test.ts); never any money.
  'GET /metrics': { allowed: 'anyone', kind: 'metrics', path: () => '/metrics' },
};

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 200, webRoot: new URL('../../../web/dist', import.meta.url).pathname });
  await h.server.sync.request(FIXED_NOW - 2 * DAY, FIXED_NOW, 'manual');
  await h.server.sync.idle();
  await h.server.state.upsertUser('walk-user', 'support', (await h.server.state.findUser('support-user'))!.passwordHash);
  voiceId = (await h.get<{ rows: Array<{ voiceId: string }> }>(`/api/records?${range}&pageSize=1`)).body.rows[0]!.voiceId;
}, 60_000);
afterAll(async () => {
  await h.close();
});

async function signIn(role: Role) {
  const response = await h.request<{ csrfToken: string }>('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: `${role}-user`, password: TEST_PASSWORD }),
  });
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken: response.body.csrfToken };
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysOf(item, into);
    }
  }
  return into;
}

/** Calls a route as a fresh session of `role` (null: signed out); returns status and what a client would read. */
async function call(rule: RouteRule, role: Role | null, method: string, path: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (role) {
    // Signing in or out ends the session it is sent with: those get a session of their own.
    const client = path === '/api/session' && method !== 'GET' ? await signIn(role) : await h.as(role);
    headers.cookie = client.cookie;
    headers['X-CSRF-Token'] = client.csrfToken;
  }
  const controller = new AbortController();
  const response = await fetch(`${h.server.url}${path}`, {
    method,
    headers,
    signal: controller.signal,
    ...(rule.body === undefined || method === 'GET' ? {} : { body: JSON.stringify(rule.body) }),
  });
  let text: string;
  if (rule.kind === 'events' && response.status === 200) {
    const reader = response.body!.getReader();
    text = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
  } else text = await response.text();
  return { status: response.status, text, contentType: response.headers.get('content-type') ?? '' };
}

describe('every route × every role', () => {
  it('has a rule for every route the app registers, and no rule for a route that is gone', () => {
    const registered = listRoutes(h.server.app).map((r) => `${r.method} ${r.path}`);
    expect(registered.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s', async (name, rule) => {
    const [method] = name.split(' ') as [string];
    for (const role of [null, ...ROLES]) {
      const allowed = rule.allowed === 'anyone' || (role !== null && rule.allowed.includes(role));
      const result = await call(rule, role, method, rule.path());
      const who = `${name} as ${role ?? 'nobody'}`;
      if (!allowed) {
        expect(result.status, who).toBe(role === null ? 401 : 403);
        expect([...keysOf(JSON.parse(result.text))].filter((k) => MONEY_KEYS.has(k)), who).toEqual([]);
        continue;
      }
      expect(result.status, `${who}: ${result.text.slice(0, 200)}`).toBeLessThan(300);
      const seesMoney = role === 'admin' || role === 'finance';
      if (rule.kind === 'json' || rule.kind === 'events') {
        const json = rule.kind === 'events' ? JSON.parse(/data: (.*)/.exec(result.text)![1]!) : JSON.parse(result.text);
        const money = [...keysOf(json)].filter((k) => MONEY_KEYS.has(k));
        if (!seesMoney) expect(money, who).toEqual([]);
        else if (rule.money) expect(money.length, who).toBeGreaterThan(0);
      }
      if (rule.kind === 'csv') {
        const header = result.text.replace(/^\uFEFF/, '').split('\r\n')[0]!;
        expect(MONEY_HEADERS.test(header), `${who}: ${header}`).toBe(seesMoney);
      }
      if (rule.kind === 'html') expect(result.contentType).toMatch(/text\/html/);
      if (rule.kind === 'metrics') expect(result.text).not.toMatch(/cost|amount|EUR|USD/i);
      if (rule.bad) {
        const bad = await call(rule, role, method, rule.bad);
        expect(bad.status, `${who} bad input`).toBeGreaterThanOrEqual(400);
        expect(bad.status, `${who} bad input`).toBeLessThan(500);
        expect([...keysOf(JSON.parse(bad.text))].filter((k) => MONEY_KEYS.has(k))).toEqual([]);
      }
    }
  });
});
