// Starts a real Callboard BFF in this process (the product's own startServer), pointed at a simulator URL.
import { hashPassword } from '@callboard/bff/dist/auth/passwords.js';
import { loadConfig } from '@callboard/bff/dist/config.js';
import { createLogger } from '@callboard/bff/dist/logger.js';
import { type RunningServer, startServer } from '@callboard/bff/dist/server.js';
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

/** Headers of the signed-in benchmark user for a BFF started by startBff (the API needs a session). */
export function authHeaders(base: string): Record<string, string> {
  const cookie = cookies.get(base);
  return cookie ? { cookie } : {};
}

export async function startBff(options: BffOptions): Promise<RunningServer> {
  const server = await bootBff(options);
  await server.state.upsertUser(BENCH_USER, 'admin', await hashPassword(BENCH_PASSWORD));
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }),
  });
  if (response.status !== 201)
    throw new Error(`bench: sign-in failed: ${response.status} ${await response.text()}`);
  cookies.set(server.url, response.headers.getSetCookie()[0]!.split(';')[0]!);
  return server;
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
