// The only reader of process.env in the BFF: every setting validated at start, with a message per bad key.
import path from 'node:path';
import { DAY_MS, timeZoneSchema } from '@callboard/contracts';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce
    .number({ message: `a whole number from ${min} to ${max}` })
    .int(`a whole number from ${min} to ${max}`)
    .min(min, `a whole number from ${min} to ${max}`)
    .max(max, `a whole number from ${min} to ${max}`);

const envSchema = z.object({
  PORT: int(0, 65535).default(5080),
  HOST: z.string().min(1).default('127.0.0.1'),
  CALLBOARD_DATA_DIR: z.string().min(1).default(path.resolve('.data')),
  CALLBOARD_TZ: timeZoneSchema.default('UTC'),
  ITNIO_BASE_URL: z
    .url({ message: 'an http(s) URL like https://api.itniotech.com' })
    .default('https://api.itniotech.com'),
  ITNIO_API_KEY: z.string().min(1, 'the API key from the itniotech console').optional(),
  ITNIO_API_SECRET: z.string().min(1, 'the API secret from the itniotech console').optional(),
  CALLBOARD_SYNC_INTERVAL_SECONDS: int(10, 86_400).default(120),
  CALLBOARD_FRESHNESS_HOURS: int(1, 24 * 31).default(48),
  CALLBOARD_SYNC_CONCURRENCY: int(1, 32).default(4),
  CALLBOARD_UPSTREAM_RPS: int(0, 10_000).default(0),
  CALLBOARD_UPSTREAM_TIMEOUT_MS: int(1000, 300_000).default(20_000),
  CALLBOARD_BACKFILL: flag.default(true),
  CALLBOARD_ARCHIVE_DAYS: int(0, 36_500).default(0),
  CALLBOARD_DEMO_CALLS_PER_DAY: int(10, 200_000).default(3000),
  CALLBOARD_DEMO_SEED: int(0, 2 ** 31).default(1),
  CALLBOARD_ADMIN_USER: z.string().min(1).max(64).optional(),
  CALLBOARD_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').max(256).optional(),
  CALLBOARD_TRUST_PROXY: z.string().max(200).optional(),
  CALLBOARD_SESSION_IDLE_MINUTES: int(1, 7 * 24 * 60).default(120),
  CALLBOARD_SESSION_MAX_HOURS: int(1, 24 * 31).default(12),
  CALLBOARD_SIGNIN_MAX_FAILURES: int(1, 1000).default(5),
  CALLBOARD_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'a PostgreSQL URL like postgres://user:password@host:5432/callboard')
    .optional(),
  CALLBOARD_DATABASE_POOL_MAX: int(1, 200).default(10),
  CALLBOARD_SYNC_LEASE_SECONDS: int(1, 3600).default(60),
  CALLBOARD_MAX_RANGE_DAYS: int(1, 36_600).default(400),
  CALLBOARD_QUERY_TIMEOUT_MS: int(100, 600_000).default(15_000),
  CALLBOARD_MAX_QUERIES_PER_USER: int(1, 100).default(4),
  CALLBOARD_BACKUP_DIR: z.string().min(1).optional(),
  CALLBOARD_BACKUP_INTERVAL_HOURS: int(1, 24 * 31).default(24),
  CALLBOARD_BACKUP_KEEP: int(1, 1000).default(7),
  CALLBOARD_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').max(256).optional(),
  CALLBOARD_ALERTS_INTERVAL_SECONDS: int(1, 3600).default(60),
  CALLBOARD_REPORT_COVERAGE_WAIT_SECONDS: int(0, 86_400).default(900),
  CALLBOARD_WEBHOOK_TIMEOUT_MS: int(500, 60_000).default(10_000),
  CALLBOARD_WEBHOOK_MAX_ATTEMPTS: int(1, 20).default(8),
  CALLBOARD_WEBHOOK_RETRY_BASE_MS: int(100, 3_600_000).default(10_000),
  CALLBOARD_WEBHOOK_ALLOW_PRIVATE: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  defaultTimeZone: string;
  /** Live mode talks to the vendor with these credentials; without them Callboard runs on demo data. */
  upstream: { baseUrl: string; apiKey: string; apiSecret: string } | null;
  sync: {
    intervalSeconds: number;
    freshnessHours: number;
    concurrency: number;
    requestsPerSecond: number | undefined;
    timeoutMs: number;
    backfill: boolean;
    /** Keep records this many days; 0 keeps them forever (Callboard is the account's archive). */
    archiveDays: number;
  };
  demo: { callsPerDay: number; seed: number };
  /** PostgreSQL shared by several replicas (records, app state, leases); null: embedded DuckDB + SQLite. */
  database: { url: string; poolMax: number; statementTimeoutMs: number; leaseMs: number } | null;
  auth: {
    /** Created or updated at start, like Grafana's admin env vars, for containers. */
    admin: { username: string; password: string } | null;
    /** Express `trust proxy`: set behind a TLS-terminating proxy so cookies get `Secure`. */
    trustProxy: false | number | string;
    sessionIdleMs: number;
    sessionMaxMs: number;
    /** Failed sign-ins per account per 15 minutes before a pause (four times as many per IP). */
    signInMaxFailures: number;
  };
  /** Bounds on every query a request can start. */
  limits: {
    /** The longest range a query may span. */
    maxRangeMs: number;
    /** A query running longer is cancelled (DuckDB interrupt, PostgreSQL statement_timeout). */
    queryTimeoutMs: number;
    /** Queries one user may have running at once; more are refused with 429 and Retry-After. */
    maxQueriesPerUser: number;
  };
  /** Scheduled snapshots into `dir` every `intervalHours`, keeping the newest `keep`; null: none. */
  backup: { dir: string; intervalHours: number; keep: number } | null;
  /** Bearer token for /metrics from beyond loopback; null: loopback only. */
  metricsToken: string | null;
  alerts: {
    /** Every rule is evaluated at least this often, also while no sync commits. */
    intervalMs: number;
    webhooks: {
      timeoutMs: number;
      maxAttempts: number;
      /** The first retry's wait; each next one waits three times longer (at most an hour). */
      retryBaseMs: number;
      /** May a webhook URL reach loopback or private addresses? Default: only in demo mode. */
      allowPrivate: boolean;
    };
  };
  reports: {
    /** A run waits at most this long for the sync to cover its range, then writes what is stored, marked incomplete. */
    coverageWaitMs: number;
  };
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.ITNIO_API_KEY) !== Boolean(e.ITNIO_API_SECRET)) {
    const missing = e.ITNIO_API_KEY ? 'ITNIO_API_SECRET' : 'ITNIO_API_KEY';
    throw new ConfigError(
      `Invalid configuration:\n  ${missing}: set both ITNIO_API_KEY and ITNIO_API_SECRET for live mode, or neither for demo mode`,
    );
  }
  if (Boolean(e.CALLBOARD_ADMIN_USER) !== Boolean(e.CALLBOARD_ADMIN_PASSWORD)) {
    const missing = e.CALLBOARD_ADMIN_USER ? 'CALLBOARD_ADMIN_PASSWORD' : 'CALLBOARD_ADMIN_USER';
    throw new ConfigError(
      `Invalid configuration:\n  ${missing}: set both CALLBOARD_ADMIN_USER and CALLBOARD_ADMIN_PASSWORD, or neither`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CALLBOARD_DATA_DIR),
    defaultTimeZone: e.CALLBOARD_TZ,
    upstream:
      e.ITNIO_API_KEY && e.ITNIO_API_SECRET
        ? {
            baseUrl: e.ITNIO_BASE_URL.replace(/\/+$/, ''),
            apiKey: e.ITNIO_API_KEY,
            apiSecret: e.ITNIO_API_SECRET,
          }
        : null,
    sync: {
      intervalSeconds: e.CALLBOARD_SYNC_INTERVAL_SECONDS,
      freshnessHours: e.CALLBOARD_FRESHNESS_HOURS,
      concurrency: e.CALLBOARD_SYNC_CONCURRENCY,
      requestsPerSecond: e.CALLBOARD_UPSTREAM_RPS || undefined,
      timeoutMs: e.CALLBOARD_UPSTREAM_TIMEOUT_MS,
      backfill: e.CALLBOARD_BACKFILL,
      archiveDays: e.CALLBOARD_ARCHIVE_DAYS,
    },
    demo: { callsPerDay: e.CALLBOARD_DEMO_CALLS_PER_DAY, seed: e.CALLBOARD_DEMO_SEED },
    database: e.CALLBOARD_DATABASE_URL
      ? {
          url: e.CALLBOARD_DATABASE_URL,
          poolMax: e.CALLBOARD_DATABASE_POOL_MAX,
          statementTimeoutMs: e.CALLBOARD_QUERY_TIMEOUT_MS,
          leaseMs: e.CALLBOARD_SYNC_LEASE_SECONDS * 1000,
        }
      : null,
    auth: {
      admin:
        e.CALLBOARD_ADMIN_USER && e.CALLBOARD_ADMIN_PASSWORD
          ? { username: e.CALLBOARD_ADMIN_USER, password: e.CALLBOARD_ADMIN_PASSWORD }
          : null,
      trustProxy: parseTrustProxy(e.CALLBOARD_TRUST_PROXY),
      sessionIdleMs: e.CALLBOARD_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.CALLBOARD_SESSION_MAX_HOURS * 3_600_000,
      signInMaxFailures: e.CALLBOARD_SIGNIN_MAX_FAILURES,
    },
    limits: {
      maxRangeMs: e.CALLBOARD_MAX_RANGE_DAYS * DAY_MS,
      queryTimeoutMs: e.CALLBOARD_QUERY_TIMEOUT_MS,
      maxQueriesPerUser: e.CALLBOARD_MAX_QUERIES_PER_USER,
    },
    backup: e.CALLBOARD_BACKUP_DIR
      ? {
          dir: path.resolve(e.CALLBOARD_BACKUP_DIR),
          intervalHours: e.CALLBOARD_BACKUP_INTERVAL_HOURS,
          keep: e.CALLBOARD_BACKUP_KEEP,
        }
      : null,
    metricsToken: e.CALLBOARD_METRICS_TOKEN ?? null,
    alerts: {
      intervalMs: e.CALLBOARD_ALERTS_INTERVAL_SECONDS * 1000,
      webhooks: {
        timeoutMs: e.CALLBOARD_WEBHOOK_TIMEOUT_MS,
        maxAttempts: e.CALLBOARD_WEBHOOK_MAX_ATTEMPTS,
        retryBaseMs: e.CALLBOARD_WEBHOOK_RETRY_BASE_MS,
        allowPrivate: e.CALLBOARD_WEBHOOK_ALLOW_PRIVATE ?? !(e.ITNIO_API_KEY && e.ITNIO_API_SECRET),
      },
    },
    reports: { coverageWaitMs: e.CALLBOARD_REPORT_COVERAGE_WAIT_SECONDS * 1000 },
    logLevel: e.LOG_LEVEL,
  };
}

/**
 * `false`, a hop count, or Express's list of trusted proxy addresses. `true` means one hop (the proxy in
 * front): the client address is the one that proxy appended to X-Forwarded-For. Trusting every hop would let
 * a client pick its own address by sending the header itself, and so dodge the per-address sign-in limits.
 */
function parseTrustProxy(value: string | undefined): false | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return 1;
  return /^\d+$/.test(value) ? Number(value) : value;
}
