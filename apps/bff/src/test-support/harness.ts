// A real Callboard for tests: the simulator over HTTP, a DuckDB file in a temp dir, the Express app on a
// loopback port, all on one shared, controllable clock so ground truth and the store can be compared exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { trimDecimal } from '@callboard/contracts';
import { type FaultOptions, type Simulator, startSimulator } from '@callboard/itnio-simulator';
import Big from 'big.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';

export const TEST_KEY = 'test-key';
/** A recognisable secret: the leak tests grep every response and log line for it. */
export const TEST_SECRET = 'S3cr3t-never-leaves-the-server';
/** 2026-11-20T12:00:00Z: a fixed "now" so every run sees the same records. */
export const FIXED_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export interface Harness {
  server: RunningServer;
  simulator: Simulator;
  clock: { now: number };
  logLines: string[];
  dataDir: string;
  /** GET a BFF path, parse JSON. */
  get<T = unknown>(pathAndQuery: string): Promise<{ status: number; body: T; headers: Headers }>;
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
      webRoot: null,
      autoSync: options.autoSync ?? false,
      now,
      client: { retryBaseMs: 5, retryMaxMs: 40, maxRetries: 8, timeoutMs: 2000 },
    });
  let server = await boot();
  const harness: Harness = {
    get server() {
      return server;
    },
    simulator,
    clock,
    logLines,
    dataDir,
    async get<T>(pathAndQuery: string) {
      const response = await fetch(`${server.url}${pathAndQuery}`);
      const text = await response.text();
      const body = (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
      return { status: response.status, body, headers: response.headers };
    },
    async restart() {
      await server.close();
      server = await boot();
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
