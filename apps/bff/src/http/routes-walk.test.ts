// Every route the app registers × every role (and nobody signed in): who may call it, and what each role
// receives, JSON bodies, CSV headers, event streams and errors alike. A route added without an entry in
// ROUTES fails the first test; money reaching support anywhere fails the second.
import {
  ALERT_RULE_RESPONSE_ACCESS,
  ALERT_RULES_ACCESS,
  ALERT_SERIES_ACCESS,
  ALERTS_ACCESS,
  type AlertRuleInput,
  API_ROUTES,
  AUDIT_ACCESS,
  alertKindOf,
  COMPARE_ACCESS,
  FACETS_ACCESS,
  HEALTH_ACCESS,
  moneyFields,
  RECORD_DETAIL_ACCESS,
  RECORDS_RESPONSE_ACCESS,
  REPORT_RUNS_ACCESS,
  REPORTS_ACCESS,
  rolesFor,
  SAVED_VIEWS_ACCESS,
  SESSION_ACCESS,
  SUMMARY_ACCESS,
  SYNC_STATUS_ACCESS,
  USERS_ACCESS,
  WEBHOOK_CREATED_ACCESS,
  WEBHOOK_DELIVERIES_ACCESS,
  WEBHOOK_DELIVERY_RESPONSE_ACCESS,
  WEBHOOK_RESPONSE_ACCESS,
  WEBHOOKS_ACCESS,
} from '@callboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, type Role, startHarness, TEST_PASSWORD } from '../test-support/harness.js';
import { keysOf } from '../test-support/json-keys.js';
import { readParquet } from '../test-support/parquet.js';
import { listRoutes } from '../test-support/routes.js';

const DAY = 86_400_000;
const range = `from=${new Date(FIXED_NOW - 2 * DAY).toISOString()}&to=${new Date(FIXED_NOW).toISOString()}`;
const ROLES: Role[] = ['admin', 'finance', 'support'];

/** Every field name classified money in any response. */
const MONEY_KEYS = new Set(
  [
    RECORDS_RESPONSE_ACCESS,
    RECORD_DETAIL_ACCESS,
    SUMMARY_ACCESS,
    FACETS_ACCESS,
    HEALTH_ACCESS,
    SYNC_STATUS_ACCESS,
    SESSION_ACCESS,
    AUDIT_ACCESS,
    USERS_ACCESS,
    ALERT_RULES_ACCESS,
    ALERT_RULE_RESPONSE_ACCESS,
    ALERTS_ACCESS,
    ALERT_SERIES_ACCESS,
    WEBHOOKS_ACCESS,
    WEBHOOK_RESPONSE_ACCESS,
    WEBHOOK_CREATED_ACCESS,
    WEBHOOK_DELIVERIES_ACCESS,
    WEBHOOK_DELIVERY_RESPONSE_ACCESS,
    COMPARE_ACCESS,
    REPORTS_ACCESS,
    REPORT_RUNS_ACCESS,
    SAVED_VIEWS_ACCESS,
  ].flatMap((tree) => [...moneyFields(tree)]),
);
const MONEY_HEADERS = /(^|,)(Cost|Rate|Base cost|Settle|Quote exchange)/;

interface RouteRule {
  /** `document`: the API's own description (field names, not values, so money names appear in it). */
  kind: 'json' | 'csv' | 'parquet' | 'events' | 'empty' | 'html' | 'metrics' | 'document';
  path: () => string;
  body?: unknown;
  /** Money fields the roles with spend must receive here (proves the walk looks at real money). */
  money?: boolean;
  /** A request that fails validation: its error must carry no money either. */
  bad?: string;
  /**
   * The roles this request may succeed for, when its body narrows the route's permission: an alert rule's
   * kind (quality here) is managed by admin and support only, though every role may call the route.
   */
  narrowedTo?: Role[];
}

let h: Harness;
let voiceId: string;
/** A quality rule and a quality webhook every role may see (admin and support may change the rule). */
let qualityRule: number;
let qualityWebhook: number;
/** Fresh ones for each DELETE call (nobody, admin, finance, support, then the bad-input call). */
const deletableRules: number[] = [];
const deletableWebhooks: number[] = [];
const QUALITY_RULE: AlertRuleInput = {
  name: 'walk',
  metric: 'acd',
  window: { size: 1, unit: 'hours' },
  scope: { kind: 'all' },
  threshold: 5,
};
const QUALITY_MANAGERS: Role[] = ['admin', 'support'];
/** A shared view without money (every role may open it) and its report, both admin's: only admin changes them. */
let walkView: number;
let walkReport: number;
let walkRun: number;
const deletableViews: number[] = [];
const deletableReports: number[] = [];
const WALK_VIEW = { name: 'walk', page: 'records', params: { range: 'last7', tz: 'UTC' }, shared: true };
const ONLY_ADMIN: Role[] = ['admin'];

const ROUTES: Record<string, RouteRule> = {
  'GET /api/health/live': { kind: 'json', path: () => '/api/health/live' },
  'GET /api/health/ready': { kind: 'json', path: () => '/api/health/ready' },
  'GET /api/health': { kind: 'json', path: () => '/api/health' },
  'POST /api/session': {
    kind: 'json',
    path: () => '/api/session',
    body: { username: 'walk-user', password: TEST_PASSWORD },
  },
  'GET /api/session': { kind: 'json', path: () => '/api/session' },
  'DELETE /api/session': { kind: 'empty', path: () => '/api/session' },
  'GET /api/users': { kind: 'json', path: () => '/api/users' },
  'GET /api/audit': { kind: 'json', path: () => '/api/audit?limit=20', bad: '/api/audit?limit=0' },
  'POST /api/audit/visible-export': {
    kind: 'empty',
    path: () => '/api/audit/visible-export',
    body: { rows: 3, columns: ['callee', 'code'], filters: { from: '2026-11-18' } },
  },
  'GET /api/records': {
    kind: 'json',
    money: true,
    path: () => `/api/records?${range}`,
    bad: '/api/records?page=0',
  },
  'GET /api/records/:voiceId': {
    kind: 'json',
    money: true,
    path: () => `/api/records/${voiceId}`,
    bad: '/api/records/%27%3B',
  },
  'GET /api/summary': {
    kind: 'json',
    money: true,
    path: () => `/api/summary?${range}`,
    bad: '/api/summary?tz=Mars%2FOlympus',
  },
  'GET /api/facets': { kind: 'json', path: () => `/api/facets?${range}`, bad: '/api/facets?outcome=maybe' },
  'GET /api/export.csv': {
    kind: 'csv',
    money: true,
    path: () => `/api/export.csv?${range}`,
    bad: '/api/export.csv?columns=nope',
  },
  'GET /api/export.parquet': { kind: 'parquet', path: () => `/api/export.parquet?${range}` },
  'GET /api/sync': { kind: 'json', path: () => '/api/sync' },
  'GET /api/sync/events': { kind: 'events', path: () => '/api/sync/events' },
  'POST /api/sync': {
    kind: 'json',
    path: () => '/api/sync',
    body: { from: new Date(FIXED_NOW - DAY).toISOString(), to: new Date(FIXED_NOW).toISOString() },
  },
  // Alerts: every role reads quality alerts; spend ones (money inside) only reach admin and finance.
  'GET /api/alert-rules': {
    kind: 'json',
    money: true,
    path: () => '/api/alert-rules',
    bad: '/api/alert-rules?x=1',
  },
  'POST /api/alert-rules': {
    kind: 'json',
    path: () => '/api/alert-rules',
    body: QUALITY_RULE,
    narrowedTo: QUALITY_MANAGERS,
  },
  'PATCH /api/alert-rules/:id': {
    kind: 'json',
    path: () => `/api/alert-rules/${qualityRule}`,
    body: { name: 'walk renamed' },
    bad: '/api/alert-rules/nope',
    narrowedTo: QUALITY_MANAGERS,
  },
  'DELETE /api/alert-rules/:id': {
    kind: 'empty',
    path: () => `/api/alert-rules/${deletableRules.shift()}`,
    narrowedTo: QUALITY_MANAGERS,
  },
  'GET /api/alert-rules/:id/series': {
    kind: 'json',
    path: () => `/api/alert-rules/${qualityRule}/series`,
    bad: '/api/alert-rules/0/series',
  },
  'GET /api/alerts': { kind: 'json', money: true, path: () => '/api/alerts', bad: '/api/alerts?limit=0' },
  'GET /api/webhooks': { kind: 'json', path: () => '/api/webhooks', bad: '/api/webhooks?x=1' },
  'POST /api/webhooks': {
    kind: 'json',
    path: () => '/api/webhooks',
    body: { name: 'walk', url: 'https://hooks.example.com/walk', kinds: ['quality'] },
  },
  'PATCH /api/webhooks/:id': {
    kind: 'json',
    path: () => `/api/webhooks/${qualityWebhook}`,
    body: { name: 'walk renamed' },
  },
  'DELETE /api/webhooks/:id': { kind: 'empty', path: () => `/api/webhooks/${deletableWebhooks.shift()}` },
  'POST /api/webhooks/:id/test': { kind: 'json', path: () => `/api/webhooks/${qualityWebhook}/test` },
  'GET /api/webhooks/:id/deliveries': {
    kind: 'json',
    path: () => `/api/webhooks/${qualityWebhook}/deliveries`,
    bad: '/api/webhooks/x/deliveries',
  },
  'GET /api/compare': {
    kind: 'json',
    money: true,
    path: () => `/api/compare?${range}`,
    bad: '/api/compare?outcome=maybe',
  },
  'GET /api/views': { kind: 'json', path: () => '/api/views' },
  'POST /api/views': { kind: 'json', path: () => '/api/views', body: WALK_VIEW },
  'GET /api/views/:id': { kind: 'json', path: () => `/api/views/${walkView}`, bad: '/api/views/nope' },
  'PATCH /api/views/:id': {
    kind: 'json',
    path: () => `/api/views/${walkView}`,
    body: { name: 'walk renamed' },
    bad: '/api/views/0',
    narrowedTo: ONLY_ADMIN,
  },
  'DELETE /api/views/:id': {
    kind: 'empty',
    path: () => `/api/views/${deletableViews.shift()}`,
    narrowedTo: ONLY_ADMIN,
  },
  'GET /api/reports': { kind: 'json', path: () => '/api/reports' },
  'POST /api/reports': {
    kind: 'json',
    path: () => '/api/reports',
    body: { viewId: 0, schedule: { frequency: 'daily', time: '06:00', tz: 'UTC' } },
  },
  'PATCH /api/reports/:id': {
    kind: 'json',
    path: () => `/api/reports/${walkReport}`,
    body: { keepRuns: 3 },
    bad: '/api/reports/x',
    narrowedTo: ONLY_ADMIN,
  },
  'DELETE /api/reports/:id': {
    kind: 'empty',
    path: () => `/api/reports/${deletableReports.shift()}`,
    narrowedTo: ONLY_ADMIN,
  },
  'POST /api/reports/:id/run': { kind: 'json', path: () => `/api/reports/${walkReport}/run` },
  'GET /api/report-runs': { kind: 'json', path: () => '/api/report-runs', bad: '/api/report-runs?limit=0' },
  // A view without money gives a file without money, for every role.
  'GET /api/report-runs/:id/file': {
    kind: 'csv',
    money: false,
    path: () => `/api/report-runs/${walkRun}/file`,
    bad: '/api/report-runs/0/file',
  },
  'GET /api/openapi.json': { kind: 'document', path: () => '/api/openapi.json' },
  'GET /api/docs': { kind: 'html', path: () => '/api/docs' },
  'GET /{*splat}': { kind: 'html', path: () => '/records/anything' },
  // Open to a scraper on loopback, as this test is (the token case is in metrics.test.ts); never any money.
  'GET /metrics': { kind: 'metrics', path: () => '/metrics' },
};

beforeAll(async () => {
  h = await startHarness({
    callsPerDay: 200,
    webRoot: new URL('../../../web/dist', import.meta.url).pathname,
  });
  await h.server.sync.request(FIXED_NOW - 2 * DAY, FIXED_NOW, 'manual');
  await h.server.sync.idle();
  await h.server.state.upsertUser(
    'walk-user',
    'support',
    (await h.server.state.findUser('support-user'))!.passwordHash,
  );
  voiceId = (await h.get<{ rows: Array<{ voiceId: string }> }>(`/api/records?${range}&pageSize=1`)).body
    .rows[0]!.voiceId;
  // A spend rule firing (its event carries an amount) and a quality rule; both evaluated once.
  const { alerts, webhooks, evaluator } = h.server.alerting;
  const addRule = (rule: AlertRuleInput) =>
    alerts.createRule({
      definition: { ...rule, tz: 'UTC' },
      kind: alertKindOf(rule.metric),
      createdBy: 'admin-user',
      now: FIXED_NOW,
    });
  await addRule({
    name: 'walk spend',
    metric: 'spend',
    currency: 'USD',
    window: { size: 2, unit: 'days' },
    scope: { kind: 'all' },
    amount: '0.01',
  });
  qualityRule = await addRule(QUALITY_RULE);
  for (let i = 0; i < 5; i++) deletableRules.push(await addRule(QUALITY_RULE));
  await evaluator.evaluateAll();
  const addWebhook = () =>
    webhooks.create({
      name: 'walk',
      url: 'https://hooks.example.com/walk',
      secret: 'whsec_walk',
      format: 'json',
      kinds: ['quality'],
      enabled: true,
      createdBy: 'admin-user',
      now: FIXED_NOW,
    });
  qualityWebhook = await addWebhook();
  for (let i = 0; i < 5; i++) deletableWebhooks.push(await addWebhook());
  const { views, reports, runner } = h.server.reporting;
  const addView = () =>
    views.create({
      ...WALK_VIEW,
      page: 'records',
      params: { range: 'last7', tz: 'UTC' },
      owner: 'admin-user',
      now: FIXED_NOW,
    });
  walkView = await addView();
  for (let i = 0; i < 5; i++) deletableViews.push(await addView());
  (ROUTES['POST /api/reports']!.body as { viewId: number }).viewId = walkView;
  const addReport = () =>
    reports.create({
      viewId: walkView,
      schedule: { frequency: 'daily', time: '06:00', tz: 'UTC' },
      webhookId: null,
      keepRuns: 5,
      enabled: true,
      createdBy: 'admin-user',
      now: FIXED_NOW,
    });
  walkReport = await addReport();
  for (let i = 0; i < 5; i++) deletableReports.push(await addReport());
  walkRun = await reports.queueManual(walkReport, FIXED_NOW, 'admin-user', {
    viewName: 'walk',
    owner: 'admin-user',
    shared: true,
    usesMoney: false,
  });
  await runner.tick();
  await runner.idle();
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
  let parquetColumns: string[] = [];
  if (rule.kind === 'parquet' && response.status === 200) {
    parquetColumns = (await readParquet(new Uint8Array(await response.arrayBuffer()))).columns.map(
      (c) => c.name,
    );
    text = '';
  } else if (rule.kind === 'events' && response.status === 200) {
    const reader = response.body!.getReader();
    text = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
  } else text = await response.text();
  return {
    status: response.status,
    text,
    parquetColumns,
    contentType: response.headers.get('content-type') ?? '',
  };
}

describe('every route × every role', () => {
  it('has a rule for every route the app registers, and no rule for a route that is gone', () => {
    const registered = listRoutes(h.server.app).map((r) => `${r.method} ${r.path}`);
    expect(registered.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s', async (name, rule) => {
    const [method, path] = name.split(' ') as [string, string];
    // Who may call it is the contract's (API_ROUTES); only the SPA's pages are not in it (open to anyone).
    const contract = API_ROUTES.find((r) => r.method === method && r.path === path);
    if (path !== '/{*splat}') expect(contract, `${name} is in contracts' API_ROUTES`).toBeDefined();
    const access = contract?.access ?? 'anyone';
    const roles = rolesFor(access);
    for (const role of [null, ...ROLES]) {
      const allowed =
        roles === 'anyone' ||
        roles === 'operator' ||
        (role !== null &&
          roles.includes(role) &&
          (rule.narrowedTo === undefined || rule.narrowedTo.includes(role)));
      const result = await call(rule, role, method, rule.path());
      const who = `${name} as ${role ?? 'nobody'}`;
      if (!allowed) {
        expect(result.status, who).toBe(role === null ? 401 : 403);
        expect(
          [...keysOf(JSON.parse(result.text))].filter((k) => MONEY_KEYS.has(k)),
          who,
        ).toEqual([]);
        continue;
      }
      expect(result.status, `${who}: ${result.text.slice(0, 200)}`).toBeLessThan(300);
      const seesMoney = role === 'admin' || role === 'finance';
      if (rule.kind === 'json' || rule.kind === 'events') {
        const json =
          rule.kind === 'events' ? JSON.parse(/data: (.*)/.exec(result.text)![1]!) : JSON.parse(result.text);
        const money = [...keysOf(json)].filter((k) => MONEY_KEYS.has(k));
        if (!seesMoney) expect(money, who).toEqual([]);
        else if (rule.money) expect(money.length, who).toBeGreaterThan(0);
      }
      if (rule.kind === 'csv') {
        const header = result.text.replace(/^\uFEFF/, '').split('\r\n')[0]!;
        expect(MONEY_HEADERS.test(header), `${who}: ${header}`).toBe(seesMoney && rule.money !== false);
      }
      if (rule.kind === 'parquet') {
        const money = result.parquetColumns.filter((c) => MONEY_KEYS.has(c));
        expect(result.parquetColumns.length, who).toBeGreaterThan(5);
        if (seesMoney) expect(money.length, who).toBeGreaterThan(0);
        else expect(money, who).toEqual([]);
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
