// A database that goes away under running replicas: two BFF processes on one PostgreSQL database (through a
// TCP proxy the test controls) are syncing when the database refuses every connection for longer than a sync
// interval and then comes back as after a restart, every old connection gone. No replica may exit; while the
// database is away each stays live and says it is not ready; afterwards each is ready again and the store
// reconciles with the upstream's ground truth exactly: no record lost, none twice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';
import {
  BFF_DIR,
  type BffProcess,
  killAll,
  signIn,
  startBff,
  startSimulatorProcess,
  startSync,
  storedFigures,
  syncedWindows,
  syncsIdle,
  upstreamTruth,
} from '../test-support/processes.js';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.js';

const DAY = 86_400_000;
const ADMIN = { username: 'chaos-admin', password: 'chaos-admin-password' };
const SYNC_INTERVAL_SECONDS = 10;

let database: TestDatabase;
let proxy: TcpProxy;
let dataDir: string;
let simulatorUrl: string;

beforeAll(async () => {
  execFileSync(path.join(BFF_DIR, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: BFF_DIR,
    stdio: 'inherit',
  });
  database = await createTestDatabase('chaos');
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-chaos-'));
  // biome-ignore format: flag and value pairs
  simulatorUrl = await startSimulatorProcess([
    '--seed', '4', '--days', '8', '--calls-per-day', '2500',
    '--key', 'chaos-key', '--secret', 'chaos-secret', '--latency-ms', '25',
  ]);
}, 60_000);

afterAll(async () => {
  killAll();
  await proxy?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function startReplica(): Promise<BffProcess> {
  const viaProxy = new URL(database.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return startBff({
    CALLBOARD_DATA_DIR: dataDir,
    CALLBOARD_DATABASE_URL: viaProxy.toString(),
    CALLBOARD_DATABASE_POOL_MAX: '4',
    CALLBOARD_SYNC_LEASE_SECONDS: '2',
    CALLBOARD_SYNC_INTERVAL_SECONDS: String(SYNC_INTERVAL_SECONDS),
    CALLBOARD_BACKFILL: 'false',
    CALLBOARD_FRESHNESS_HOURS: '1',
    CALLBOARD_SYNC_CONCURRENCY: '2',
    CALLBOARD_QUERY_TIMEOUT_MS: '5000',
    ITNIO_BASE_URL: simulatorUrl,
    ITNIO_API_KEY: 'chaos-key',
    ITNIO_API_SECRET: 'chaos-secret',
    CALLBOARD_ADMIN_USER: ADMIN.username,
    CALLBOARD_ADMIN_PASSWORD: ADMIN.password,
  });
}

/** The HTTP status, or the network error's code (a replica that died shows up as ECONNREFUSED/ECONNRESET). */
const status = async (url: string) =>
  fetch(url).then(
    (response) => response.status,
    (error: { cause?: { code?: string } }) => error.cause?.code ?? 'network error',
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL going away under two syncing replicas', () => {
  it('keeps every replica running and serving, and loses or duplicates no record', async () => {
    const to = Math.floor(Date.now() / DAY) * DAY - DAY;
    const from = to - 4 * DAY;
    const replicas = await Promise.all([startReplica(), startReplica()]);
    const session = await signIn(replicas[0]!.url, ADMIN);
    for (const replica of replicas)
      expect((await startSync(replica.url, session, from, to)).status).toBe(202);

    // Mid-sync, the database refuses every connection for longer than a sync interval (a timer tick runs
    // against it on each replica), then comes back with every old connection gone, as after a restart.
    for (const replica of replicas) await syncedWindows(replica.url, session, 1);
    await proxy.refuse();
    const outageEnds = Date.now() + (SYNC_INTERVAL_SECONDS + 2) * 1000;
    while (Date.now() < outageEnds) {
      for (const replica of replicas) {
        const why = `a replica stopped serving while the database was away:\n${replica.output().slice(-3000)}`;
        expect(replica.child.exitCode, why).toBeNull();
        expect(await status(`${replica.url}/api/health/live`), why).toBe(200);
        expect(await status(`${replica.url}/api/health/ready`), why).toBe(503);
      }
      await sleep(1_000);
    }
    await proxy.restore();

    // Ready again without a restart: the pool reconnects by itself.
    for (const replica of replicas) {
      const deadline = Date.now() + 20_000;
      while ((await status(`${replica.url}/api/health/ready`)) !== 200) {
        if (Date.now() > deadline)
          throw new Error(`${replica.url} did not become ready again:\n${replica.output().slice(-2000)}`);
        await sleep(250);
      }
    }
    // Jobs cut by the outage are asked again (as the schedule or a user would); then both finish.
    for (const replica of replicas)
      expect((await startSync(replica.url, session, from, to)).status).toBe(202);
    await syncsIdle(
      replicas.map((r) => r.url),
      session,
      60_000,
    );

    const truth = await upstreamTruth(simulatorUrl, from, to);
    expect(truth.count).toBeGreaterThan(5_000);
    for (const replica of replicas) {
      expect(replica.child.exitCode).toBeNull();
      expect(await storedFigures(replica.url, session, from, to)).toEqual({
        calls: truth.count,
        costByCurrency: truth.costByCurrency,
        complete: true,
        total: truth.count,
      });
      expect(replica.output()).not.toMatch(/uncaught exception|unhandled promise rejection/i);
    }
  }, 120_000);
});
