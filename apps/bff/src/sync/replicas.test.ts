// Two BFF processes on one PostgreSQL database and one simulator: a sync started on both, one replica
// killed (SIGKILL) mid-way and restarted; window leases keep them from paging the same window at once, and
// the store must still reconcile exactly with the simulator's ground truth, answered by either replica.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';
import {
  BFF_DIR,
  type BffProcess,
  getJson,
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

const DAY = 86_400_000;
const ADMIN = { username: 'replica-admin', password: 'replica-admin-password' };

let database: TestDatabase;
let dataDir: string;
let simulatorUrl: string;

function startReplica(): Promise<BffProcess> {
  return startBff({
    CALLBOARD_DATA_DIR: dataDir,
    CALLBOARD_DATABASE_URL: database.url,
    CALLBOARD_DATABASE_POOL_MAX: '4',
    CALLBOARD_SYNC_LEASE_SECONDS: '2',
    CALLBOARD_BACKFILL: 'false',
    CALLBOARD_FRESHNESS_HOURS: '1',
    CALLBOARD_SYNC_CONCURRENCY: '2',
    ITNIO_BASE_URL: simulatorUrl,
    ITNIO_API_KEY: 'replica-key',
    ITNIO_API_SECRET: 'replica-secret',
    CALLBOARD_ADMIN_USER: ADMIN.username,
    CALLBOARD_ADMIN_PASSWORD: ADMIN.password,
  });
}

beforeAll(async () => {
  // The replicas run the built BFF: build it from these sources first (a few seconds).
  execFileSync(path.join(BFF_DIR, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: BFF_DIR,
    stdio: 'inherit',
  });
  database = await createTestDatabase('replicas');
  dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-replicas-'));
  // biome-ignore format: flag and value pairs
  simulatorUrl = await startSimulatorProcess([
    '--seed', '3', '--days', '8', '--calls-per-day', '2500',
    '--key', 'replica-key', '--secret', 'replica-secret', '--latency-ms', '25',
  ]);
}, 60_000);

afterAll(async () => {
  killAll();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('two replicas on one PostgreSQL database', () => {
  it('share sessions, survive a replica killed mid-sync, and reconcile exactly with the upstream', async () => {
    // Whole UTC days, old enough to be settled upstream.
    const to = Math.floor(Date.now() / DAY) * DAY - DAY;
    const from = to - 4 * DAY;
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    const session = await signIn(a.url, ADMIN);
    // Signed in on A, recognised by B: sessions live in the shared database.
    expect(
      (await getJson<{ user: { username: string } }>(`${b.url}/api/session`, session)).user.username,
    ).toBe(ADMIN.username);

    expect((await startSync(a.url, session, from, to)).status).toBe(202);
    expect((await startSync(b.url, session, from, to)).status).toBe(202);
    // Mid-way: B dies without a word (its leases stay behind until they expire), then comes back.
    await syncedWindows(b.url, session, 1);
    b.child.kill('SIGKILL');
    const b2 = await startReplica();
    expect((await startSync(b2.url, session, from, to)).status).toBe(202);
    await syncsIdle([a.url, b2.url], session, 40_000);

    const truth = await upstreamTruth(simulatorUrl, from, to);
    expect(truth.count).toBeGreaterThan(5_000);
    for (const replica of [a, b2]) {
      expect(await storedFigures(replica.url, session, from, to)).toEqual({
        calls: truth.count,
        costByCurrency: truth.costByCurrency,
        complete: true,
        total: truth.count,
      });
    }
  }, 60_000);

  it('count failed sign-ins together: failures on one replica pause that account and address on the other', async () => {
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    const attempt = (url: string, password: string) =>
      fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: ADMIN.username, password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(a.url, 'not the password')).status).toBe(401);
    const paused = await attempt(b.url, ADMIN.password);
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);
});
