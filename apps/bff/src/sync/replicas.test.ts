// Two BFF processes on one PostgreSQL database and one simulator: a sync started on both, one replica
// killed (SIGKILL) mid-way and restarted; window leases keep them from paging the same window at once, and
// the store must still reconcile exactly with the simulator's ground truth, answered by either replica.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';

const BFF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOT = path.resolve(BFF, '../..');
const DAY = 86_400_000;
const ADMIN = { username: 'replica-admin', password: 'replica-admin-password' };

const children: ChildProcess[] = [];
let database: TestDatabase;
let dataDir: string;
let simulatorUrl: string;

/** Starts a process and resolves with the first match of `pattern` in its stdout. */
function startProcess(args: string[], env: Record<string, string>, pattern: RegExp): Promise<{ child: ChildProcess; match: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited with ${code}:\n${out}`));
    });
  });
}

interface Replica {
  child: ChildProcess;
  url: string;
}

function startReplica(): Promise<Replica> {
  return startProcess(
    ['apps/bff/dist/index.js'],
    {
      PORT: '0',
      HOST: '127.0.0.1',
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
      LOG_LEVEL: 'warn',
    },
    /Callboard is running at (http:\/\/\S+)/,
  ).then(({ child, match }) => ({ child, url: match }));
}

async function signIn(url: string) {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(response.status).toBe(201);
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

type Session = Awaited<ReturnType<typeof signIn>>;

const startSync = (replica: Replica, session: Session, from: number, to: number) =>
  fetch(`${replica.url}/api/sync`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'X-CSRF-Token': session.csrfToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }),
  });

const getJson = async <T>(url: string, session: Session): Promise<T> => {
  const response = await fetch(url, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

beforeAll(async () => {
  // The replicas run the built BFF: build it from these sources first (a few seconds).
  execFileSync(path.join(BFF, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: BFF, stdio: 'inherit' });
  database = await createTestDatabase('replicas');
  dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-replicas-'));
  const simulator = await startProcess(
    [
      'packages/itnio-simulator/dist/cli.js',
      '--port', '0', '--seed', '3', '--days', '8', '--calls-per-day', '2500',
      '--key', 'replica-key', '--secret', 'replica-secret', '--latency-ms', '25',
    ],
    {},
    /listening on (http:\/\/\S+)/,
  );
  simulatorUrl = simulator.match;
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('two replicas on one PostgreSQL database', () => {
  it('share sessions, survive a replica killed mid-sync, and reconcile exactly with the upstream', async () => {
    // Whole UTC days, old enough to be settled upstream.
    const to = Math.floor(Date.now() / DAY) * DAY - DAY;
    const from = to - 4 * DAY;
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    const session = await signIn(a.url);
    // Signed in on A, recognised by B: sessions live in the shared database.
    expect((await getJson<{ user: { username: string } }>(`${b.url}/api/session`, session)).user.username).toBe(ADMIN.username);

    expect((await startSync(a, session, from, to)).status).toBe(202);
    expect((await startSync(b, session, from, to)).status).toBe(202);
    // Mid-way: B dies without a word (its leases stay behind until they expire), then comes back.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    b.child.kill('SIGKILL');
    const b2 = await startReplica();
    expect((await startSync(b2, session, from, to)).status).toBe(202);

    const running = async (replica: Replica) =>
      (await getJson<{ running: unknown[] }>(`${replica.url}/api/sync`, session)).running.length;
    const deadline = Date.now() + 40_000;
    while ((await running(a)) + (await running(b2)) > 0) {
      if (Date.now() > deadline) throw new Error('the replicas did not finish syncing');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const truth = (await (await fetch(`${simulatorUrl}/__sim/truth?${range}`)).json()) as {
      count: number;
      costByCurrency: Record<string, string>;
    };
    expect(truth.count).toBeGreaterThan(5_000);
    for (const replica of [a, b2]) {
      const summary = await getJson<{ overall: { calls: number }; currencies: Array<{ currency: string; cost: string }>; coverage: { complete: boolean } }>(
        `${replica.url}/api/summary?${range}&tz=UTC`,
        session,
      );
      expect(summary.overall.calls).toBe(truth.count);
      expect(Object.fromEntries(summary.currencies.map((c) => [c.currency, c.cost]))).toEqual(truth.costByCurrency);
      expect(summary.coverage.complete).toBe(true);
      const records = await getJson<{ total: number }>(`${replica.url}/api/records?${range}&pageSize=1`, session);
      expect(records.total).toBe(truth.count);
    }
  }, 60_000);
});
