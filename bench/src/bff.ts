// Starts a real Callboard BFF in this process (the product's own startServer), pointed at a simulator URL.
import { createLogger, hashPassword, loadConfig, type RunningServer, startServer } from '@callboard/bff';
import { BENCH_KEY, BENCH_NOW, BENCH_SECRET } from './common.js';

export interface BffOptions {
  dataDir: string;
  upstreamUrl: string;
  concurrency?: number;
  webRoot?: string | null;
  now?: () => number;
  env?: Record<string, string>;
}

const BENCH_USER = 'bench-admin';
const BENCH_PASSWORD = 'bench-password-not-a-secret-0123';
const cookies = new Map<string, string>();
/** Users created for the load run (one per connection). */
const LOAD_USERS = 50;

/** Headers of the signed-in benchmark user for a BFF started by startBff (the API needs a session). */
export function authHeaders(base: string): Record<string, string> {
  const cookie = cookies.get(base);
  return cookie ? { cookie } : {};
}

export async function startBff(options: BffOptions): Promise<RunningServer> {
  const server = await bootBff(options);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await server.state.upsertUser(BENCH_USER, 'admin', passwordHash);
  cookies.set(server.url, await signIn(server.url, BENCH_USER));
  for (let i = 1; i <= LOAD_USERS; i++)
    await server.state.upsertUser(`${BENCH_USER}-${i}`, 'admin', passwordHash);
  return server;
}

/** Session cookies of `count` distinct users of a BFF started by startBff (the load run's users). */
export async function signInUsers(base: string, count: number): Promise<string[]> {
  if (count > LOAD_USERS) throw new Error(`bench: at most ${LOAD_USERS} users, asked for ${count}`);
  const cookies: string[] = [];
  for (let i = 1; i <= count; i++) cookies.push(await signIn(base, `${BENCH_USER}-${i}`));
  return cookies;
}

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (response.status !== 201)
    throw new Error(`bench: sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

function bootBff(options: BffOptions): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CALLBOARD_DATA_DIR: options.dataDir,
    ITNIO_BASE_URL: options.upstreamUrl,
    ITNIO_API_KEY: BENCH_KEY,
    ITNIO_API_SECRET: BENCH_SECRET,
    CALLBOARD_SYNC_CONCURRENCY: String(options.concurrency ?? 4),
    CALLBOARD_BACKFILL: 'false',
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const logger = createLogger(config.logLevel, process.stderr as never);
  return startServer(config, logger, {
    webRoot: options.webRoot ?? null,
    autoSync: false,
    now: options.now ?? (() => BENCH_NOW),
  });
}
