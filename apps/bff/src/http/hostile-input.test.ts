// The hostile-input suite: thousands of generated requests (fast-check) across every route the app registers
// and every parameter: huge and inverted ranges, bad zones and dates, bad percent-encoding, forged and
// malformed cookies, bad bodies and encodings. Whatever arrives: never a 5xx, never a stack trace, every
// answer inside its time budget, the server's event loop never blocked for more than 50 ms (measured inside
// the server process, by its own metrics), and the synced records unchanged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Simulator, startSimulator } from '@callboard/itnio-simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../test-support/harness.js';
import {
  BFF_DIR,
  type BffProcess,
  getJson,
  killAll,
  metricValue,
  type Session,
  signIn,
  startBff,
  startSync,
  syncsIdle,
} from '../test-support/processes.js';
import { listRoutes, type RouteEntry } from '../test-support/routes.js';

const DAY = 86_400_000;
const RUNS = 5000;
const QUERY_TIMEOUT_MS = 3000;
/** A request may take its query budget plus the time to answer; nothing may take longer. */
const ANSWER_BUDGET_MS = QUERY_TIMEOUT_MS + 2000;
const ADMIN = { username: 'fuzz-admin', password: 'fuzz-admin-password' };
const NOW = Date.now();

let simulator: Simulator;
let bff: BffProcess;
let session: Session;
let routes: RouteEntry[];
let dataDir: string;

beforeAll(async () => {
  // The routes, read from an app assembled by the same code as the server under test.
  const harness = await startHarness({ callsPerDay: 10 });
  routes = listRoutes(harness.server.app);
  await harness.close();
  execFileSync(path.join(BFF_DIR, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: BFF_DIR,
    stdio: 'inherit',
  });
  simulator = await startSimulator({
    port: 0,
    seed: 9,
    callsPerDay: 150,
    key: 'fuzz-key',
    secret: 'fuzz-secret',
  });
  dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-fuzz-'));
  bff = await startBff({
    CALLBOARD_DATA_DIR: dataDir,
    ITNIO_BASE_URL: simulator.url,
    ITNIO_API_KEY: 'fuzz-key',
    ITNIO_API_SECRET: 'fuzz-secret',
    CALLBOARD_BACKFILL: 'false',
    CALLBOARD_SYNC_INTERVAL_SECONDS: '86400',
    CALLBOARD_ADMIN_USER: ADMIN.username,
    CALLBOARD_ADMIN_PASSWORD: ADMIN.password,
    CALLBOARD_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
    CALLBOARD_MAX_QUERIES_PER_USER: '100',
  });
  session = await signIn(bff.url, ADMIN);
  await startSync(bff.url, session, NOW - 4 * DAY, NOW);
  await syncsIdle([bff.url], session);
}, 120_000);
afterAll(async () => {
  killAll();
  await simulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE records; --',
  '%00',
  '\u0000',
  '%',
  '%E0%A4%A',
  '..%2f..%2f',
  '../../etc/passwd',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '0100-01-01',
  '9999-12-31',
  '2022-04-31',
  '2026-02-30T25:61:61Z',
  '2026-11-19T00:00:00+99:99',
  'Mars/Olympus',
  'Not/AZone',
  '+99:99',
  '-13:00',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  'cost:asc',
  'voiceId:sideways',
  '',
  ' ',
  '[]',
  '{}',
];
const PARAMS = [
  'from',
  'to',
  'tz',
  'callee',
  'code',
  'terminationCode',
  'outcome',
  'currency',
  'minDuration',
  'maxDuration',
  'q',
  'sort',
  'page',
  'pageSize',
  'columns',
  'top',
  'shortCallSeconds',
  'username',
  'action',
  'before',
  'limit',
  'bogus',
];
const day = (offset: number) => new Date(NOW + offset * DAY).toISOString().slice(0, 10);

const value = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: -5000, max: 5000 }).map(day),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(String),
  fc.constantFrom(
    'UTC',
    'Europe/London',
    'Asia/Kathmandu',
    '+05:45',
    'answered',
    'USD',
    'EUR',
    'cost:desc',
    'callee',
    '1',
    '500',
  ),
);
const query = fc.array(fc.tuple(fc.constantFrom(...PARAMS), value), { maxLength: 6 });
const cookie = fc.constantFrom('valid', 'none', 'malformed', 'forged', 'huge');
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.record({ from: value, to: value, tz: value }),
  fc.record({ username: value, password: value }),
  fc.record({
    rows: fc.integer(),
    columns: fc.array(value, { maxLength: 5 }),
    filters: fc.dictionary(value, value, { maxKeys: 5 }),
  }),
  fc.string({ maxLength: 200 }),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
);
const contentEncoding = fc.constantFrom(undefined, undefined, undefined, 'gzip', 'bogus', 'identity');

describe('hostile input', () => {
  it(`answers ${RUNS} generated requests on every route without a 5xx, inside the budget, with the loop free and the store unchanged`, async () => {
    expect(routes.length).toBeGreaterThan(15);
    const paths = routes.map((r) => ({ method: r.method, path: r.path.replace('/{*splat}', '/anything') }));
    // A settled past range: what the sync stored there must read the same afterwards.
    const range = `from=${day(-3)}&to=${day(-1)}&tz=UTC`;
    // The figures, not the coverage: its upstream horizon moves with the clock while the run goes on.
    const figures = async () => {
      const { coverage: _moving, ...rest } = await getJson<{ coverage: unknown }>(
        `${bff.url}/api/summary?${range}`,
        session,
      );
      return JSON.stringify(rest);
    };
    const summaryBefore = await figures();
    const health = () => getJson<{ store: { records: number } }>(`${bff.url}/api/health`, session);
    const recordsBefore = (await health()).store.records;
    expect(recordsBefore).toBeGreaterThan(300);
    const statuses = new Map<number, number>();
    let slowest = 0;
    const metrics = async () => (await fetch(`${bff.url}/metrics`)).text();
    // A scrape resets the server's event-loop histogram: the next one reports this run alone.
    await metrics();

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(fc.constant(null), fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH')),
        fc.oneof(fc.constant(null), value),
        query,
        cookie,
        body,
        contentType,
        contentEncoding,
        async (route, otherMethod, pathParam, params, cookieKind, payload, type, encoding) => {
          const method = otherMethod ?? route.method;
          const path = route.path
            .replace(':voiceId', encodeURIComponent(pathParam ?? 'abc'))
            .replace('/anything', `/${encodeURIComponent(pathParam ?? 'x')}`);
          // One parameter in ten goes raw: bad percent-encoding reaches the server as sent.
          const search = params
            .map(([k, v], i) => `${encodeURIComponent(k)}=${i % 10 === 9 ? v : encodeURIComponent(v)}`)
            .join('&');
          // Signing in or out with the shared session would end it for the rest of the run.
          const kind =
            cookieKind === 'valid' && route.path === '/api/session' && method !== 'GET'
              ? 'forged'
              : cookieKind;
          const headers: Record<string, string> = { 'Content-Type': type };
          if (encoding) headers['Content-Encoding'] = encoding;
          if (kind === 'valid')
            Object.assign(headers, { cookie: session.cookie, 'X-CSRF-Token': session.csrfToken });
          if (kind === 'malformed') headers.cookie = 'callboard_session=%E0%A4%A; other=%';
          if (kind === 'forged') headers.cookie = `callboard_session=${'A'.repeat(43)}`;
          if (kind === 'huge') headers.cookie = `callboard_session=${'x'.repeat(6000)}`;
          const hasBody = method !== 'GET' && payload !== undefined;
          const start = performance.now();
          const response = await fetch(`${bff.url}${path}${search ? `?${search}` : ''}`, {
            method,
            headers,
            ...(hasBody ? { body: typeof payload === 'string' ? payload : JSON.stringify(payload) } : {}),
            signal: AbortSignal.timeout(ANSWER_BUDGET_MS + 5000),
          });
          // An open event stream never ends by itself: it is dropped once it has answered.
          const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') === true;
          const text = streaming ? '' : await response.text();
          if (streaming) await response.body?.cancel();
          const ms = performance.now() - start;
          slowest = Math.max(slowest, ms);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const what = `${method} ${path}?${search} (${kind})`;
          expect(response.status, what).toBeLessThan(500);
          expect(text, what).not.toMatch(/\n\s+at |node_modules/);
          expect(ms, what).toBeLessThan(ANSWER_BUDGET_MS);
        },
      ),
      { numRuns: RUNS, seed: 20261202, endOnFailure: true },
    );
    const loopMaxMs = (metricValue(await metrics(), 'nodejs_eventloop_lag_max_seconds') ?? Number.NaN) * 1000;

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `hostile input: ${total} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}, slowest ${Math.round(slowest)} ms, server event loop max ${loopMaxMs.toFixed(1)} ms`,
    );
    expect(total).toBe(RUNS);
    // Most generated requests are refused, but every class of answer was exercised.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect((statuses.get(401) ?? 0) + (statuses.get(403) ?? 0)).toBeGreaterThan(100);
    expect(loopMaxMs, 'longest event-loop delay in the server, ms').toBeLessThan(50);
    expect(await figures()).toBe(summaryBefore);
    // Requests may start syncs of upstream data (on demand, or an admin's POST /api/sync): never fewer records.
    expect((await health()).store.records).toBeGreaterThanOrEqual(recordsBefore);
    expect(bff.child.exitCode).toBeNull();
  }, 600_000);
});
