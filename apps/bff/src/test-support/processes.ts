// Built BFF and simulator processes for tests that need real processes: replicas on one database, a server
// whose own event loop is measured, a database that goes away under a running server.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncJob } from '@callboard/contracts';

export const BFF_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOT = path.resolve(BFF_DIR, '../..');

const children: ChildProcess[] = [];

/** Starts a process and resolves with the first match of `pattern` in its stdout. */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; match: string; output: () => string }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > 2_000_000) out = out.slice(-1_000_000);
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match: match[1]!, output: () => out });
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

export interface BffProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The built BFF (`apps/bff/dist/index.js`) with this environment, listening on a free loopback port. */
export async function startBff(env: Record<string, string>): Promise<BffProcess> {
  const { child, match, output } = await startProcess(
    ['apps/bff/dist/index.js'],
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    /Callboard is running at (http:\/\/\S+)/,
  );
  return { child, url: match, output };
}

/** The simulator CLI on a free port; resolves with its URL. */
export async function startSimulatorProcess(args: string[]): Promise<string> {
  return (
    await startProcess(
      ['packages/itnio-simulator/dist/cli.js', '--port', '0', ...args],
      {},
      /listening on (http:\/\/\S+)/,
    )
  ).match;
}

export function killAll(): void {
  for (const child of children.splice(0)) child.kill('SIGKILL');
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function signIn(
  url: string,
  credentials: { username: string; password: string },
): Promise<Session> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 201)
    throw new Error(`sign-in at ${url} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

export async function getJson<T>(url: string, session: Session): Promise<T> {
  const response = await fetch(url, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export function startSync(url: string, session: Session, from: number, to: number): Promise<Response> {
  return fetch(`${url}/api/sync`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'X-CSRF-Token': session.csrfToken,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }),
  });
}

/** Waits until this server's sync jobs (running or finished) have committed at least `windows` windows. */
export async function syncedWindows(url: string, session: Session, windows: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await getJson<{ running: SyncJob[]; recent: SyncJob[] }>(`${url}/api/sync`, session);
    const done = [...status.running, ...status.recent].reduce((sum, job) => sum + job.windowsDone, 0);
    if (done >= windows) return;
    if (Date.now() > deadline)
      throw new Error(`${url}: fewer than ${windows} windows synced in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until no sync job runs on any of these servers. */
export async function syncsIdle(urls: string[], session: Session, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let running = 0;
    for (const url of urls)
      running += (await getJson<{ running: unknown[] }>(`${url}/api/sync`, session)).running.length;
    if (running === 0) return;
    if (Date.now() > deadline) throw new Error('the syncs did not finish');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One value of a Prometheus text exposition (the first series of that name). */
export function metricValue(text: string, name: string): number | null {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

/** What the simulator says [from, to) holds: its ground truth, for exact comparisons. */
export async function upstreamTruth(simulatorUrl: string, from: number, to: number) {
  const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
  return (await (await fetch(`${simulatorUrl}/__sim/truth?${range}`)).json()) as {
    count: number;
    costByCurrency: Record<string, string>;
  };
}

/** A server's answers for [from, to): calls and cost per currency of its summary, coverage, and the records total. */
export async function storedFigures(url: string, session: Session, from: number, to: number) {
  const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
  const summary = await getJson<{
    overall: { calls: number };
    currencies: Array<{ currency: string; cost: string }>;
    coverage: { complete: boolean };
  }>(`${url}/api/summary?${range}&tz=UTC`, session);
  const records = await getJson<{ total: number }>(`${url}/api/records?${range}&pageSize=1`, session);
  return {
    calls: summary.overall.calls,
    costByCurrency: Object.fromEntries(summary.currencies.map((c) => [c.currency, c.cost])),
    complete: summary.coverage.complete,
    total: records.total,
  };
}
