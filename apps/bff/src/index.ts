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
    console.log('  No users yet: add one with `pnpm --filter @callboard/bff user add NAME --role admin` (password on stdin),');
    console.log('  or set CALLBOARD_ADMIN_USER and CALLBOARD_ADMIN_PASSWORD.\n');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the current sync page and closing the store');
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error('Callboard failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
