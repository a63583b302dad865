// A real Callboard for tests: the simulator over HTTP, a DuckDB file in a temp dir, the Express app on a
// loopback port, all on one shared, controllable clock so ground truth and the store can be compared exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { trimDecimal } from '@callboard/contracts';
import { type FaultOptions, type Simulator, startSimulator } from '@callboard/itnio-simulator';
import Big from 'big.js';
import { hashPassword } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';

export const TEST_KEY = 'test-key';
/** A recognisable secret: the leak tests grep every response and log line for it. */
export const TEST_SECRET = 'S3cr3t-never-leaves-the-server';
/** 2026-11-20T12:00:00Z: a fixed "now" so every run sees the same records. */
export const FIXED_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export type Role = 'admin' | 'finance' | 'support';
export const TEST_PASSWORD = 'correct horse battery staple';

export interface ApiResult<T> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** A signed-in API client: the session cookie and the CSRF token, as a script would hold them. */
export interface ApiClient {
  cookie: string;
  csrfToken: string;
  get<T = unknown>(pathAndQuery: string): Promise<ApiResult<T>>;
  send<T = unknown>(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResult<T>>;
}

export interface Harness {
  server: RunningServer;
  simulator: Simulator;
  clock: { now: number };
  logLines: string[];
  dataDir: string;
  /** GET a BFF path as the admin, parse JSON. */
  get<T = unknown>(pathAndQuery: string): Promise<ApiResult<T>>;
  /** A client signed in with the test user of this role (`admin-user`, `finance-user`, `support-user`). */
  as(role: Role): Promise<ApiClient>;
  request<T = unknown>(pathAndQuery: string, init?: RequestInit): Promise<ApiResult<T>>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  callsPerDay?: number;
  seed?: number;
  faults?: FaultOptions;
  autoSync?: boolean;
  dataDir?: string;
  env?: Record<string, string>;
  /** A built SPA to serve (default none: the API alone). */
  webRoot?: string;
  /** Start the report runner (default true). */
  reports?: boolean;
  /** The report runner's claim lease. */
  reportLeaseMs?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = { now: FIXED_NOW };
  const now = () => clock.now;
  const simulator = await startSimulator({
    port: 0,
    seed: options.seed ?? 7,
    callsPerDay: options.callsPerDay ?? 300,
    key: TEST_KEY,
    secret: TEST_SECRET,
    now,
    faultSeed: 11,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'callboard-test-'));
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    CALLBOARD_DATA_DIR: dataDir,
    ITNIO_BASE_URL: simulator.url,
    ITNIO_API_KEY: TEST_KEY,
    ITNIO_API_SECRET: TEST_SECRET,
    CALLBOARD_SYNC_CONCURRENCY: '4',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logger = createLogger(config.logLevel, sink);
  const boot = () =>
    startServer(config, logger, {
      webRoot: options.webRoot ?? null,
      autoSync: options.autoSync ?? false,
      now,
      client: { retryBaseMs: 5, retryMaxMs: 40, maxRetries: 8, timeoutMs: 2000 },
      ...(options.reports === undefined ? {} : { reports: options.reports }),
      ...(options.reportLeaseMs === undefined ? {} : { reportLeaseMs: options.reportLeaseMs }),
    });
  const seedUsers = async (running: RunningServer) => {
    const hash = await hashPassword(TEST_PASSWORD);
    for (const role of ['admin', 'finance', 'support'] as const)
      await running.state.upsertUser(`${role}-user`, role, hash);
  };
  let server = await boot();
  await seedUsers(server);
  const clients = new Map<Role, ApiClient>();
  const request = async <T>(pathAndQuery: string, init: RequestInit = {}): Promise<ApiResult<T>> => {
    const response = await fetch(`${server.url}${pathAndQuery}`, init);
    const text = await response.text();
    const body = (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
    return { status: response.status, body, headers: response.headers, text };
  };
  const signIn = async (role: Role): Promise<ApiClient> => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `${role}-user`, password: TEST_PASSWORD }),
    });
    if (response.status !== 201)
      throw new Error(`sign-in as ${role} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const client: ApiClient = {
      cookie,
      csrfToken,
      get: (pathAndQuery) => request(pathAndQuery, { headers: { cookie } }),
      send: (method, pathAndQuery, body, headers = {}) =>
        request(pathAndQuery, {
          method,
          headers: { cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
    };
    return client;
  };
  const harness: Harness = {
    get server() {
      return server;
    },
    simulator,
    clock,
    logLines,
    dataDir,
    async get<T>(pathAndQuery: string) {
      return (await harness.as('admin')).get<T>(pathAndQuery);
    },
    async as(role: Role) {
      let client = clients.get(role);
      if (!client) {
        client = await signIn(role);
        clients.set(role, client);
      }
      return client;
    },
    request,
    async restart() {
      await server.close();
      server = await boot();
      clients.clear();
    },
    async close() {
      await server.close();
      await simulator.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Exact sum of decimal strings, for comparing money without floats. */
export function sumDecimals(values: string[]): string {
  return trimDecimal(values.reduce((total, v) => total.plus(v), new Big(0)).toFixed(8));
}
