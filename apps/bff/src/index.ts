// `node dist/index.js`: validate config, start, print where the dashboard is, stop cleanly on SIGTERM.
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { DEMO_ACCOUNTS, startServer } from './server.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  const banner =
    server.mode === 'demo'
      ? 'DEMO MODE: generated demo data from the built-in simulator (set ITNIO_API_KEY and ITNIO_API_SECRET for your account)'
      : `LIVE MODE: syncing from ${config.upstream?.baseUrl}`;
  logger.info({ url: server.url, mode: server.mode, dataDir: config.dataDir }, 'Callboard is running');
  console.log(`\n  Callboard is running at ${server.url}\n  ${banner}\n`);
  if (server.mode === 'demo') {
    console.log('  Demo sign-in (one account per role):');
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.role.padEnd(8)} ${a.username} / ${a.password}`);
    console.log('');
  } else if ((await server.state.listUsers()).length === 0) {
    console.log(
      '  No users yet: add one with `pnpm --filter @callboard/bff user add NAME --role admin` (password on stdin),',
    );
    console.log('  or set CALLBOARD_ADMIN_USER and CALLBOARD_ADMIN_PASSWORD.\n');
  }

  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down: finishing the current sync page and closing the store');
    // Draining must not hang forever: whatever is left after the grace period is cut.
    setTimeout(() => process.exit(code), DRAIN_MS).unref();
    await server.close().catch((error: unknown) => logger.error({ err: error }, 'error while closing'));
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  process.on('SIGINT', () => void stop('SIGINT', 0));
  // A rejected promise nobody awaited is a bug to fix, not a reason to stop serving: every timer and
  // background task catches its own errors, so state is still known. Logged with its stack, kept running.
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled promise rejection (a bug): logged, still serving'),
  );
  // A thrown exception that reached the top may have left state half-changed: drain, then exit for a restart.
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: state unknown, draining and exiting');
    void stop('uncaughtException', 1);
  });
}

/** How long a shutdown waits for requests and the current sync page before exiting anyway. */
const DRAIN_MS = 10_000;

main().catch((error) => {
  console.error('Callboard failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
