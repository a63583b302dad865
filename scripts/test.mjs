// `npm test`: set everything up (Debian's Chromium included) and run every test: unit, API and browser.
// Ends with one plain line `N passed, N failed` summed over all runners.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { installAndBuild, log, root, run } from './bootstrap.mjs';
import { runStaticChecks } from './static-checks.mjs';
import { printSummary } from './test-summary.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${chromium} is missing: install Debian's chromium (apt-get install chromium fonts-liberation) as root`,
    );
  }
  log("installing Debian's Chromium for the browser tests");
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-liberation'], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}

const pnpm = installAndBuild();
ensureChromium();

for (const dir of [
  '.',
  'apps/bff',
  'apps/web',
  'packages/contracts',
  'packages/itnio-client',
  'packages/itnio-simulator',
  'e2e',
  'bench',
]) {
  rmSync(path.join(root, dir, 'test-results'), { recursive: true, force: true });
}

let failure;
if (!runStaticChecks(pnpm)) failure = new Error('a static check failed (see above)');
try {
  log('unit and API tests');
  run(pnpm, [
    'exec',
    'turbo',
    'run',
    'test',
    '--filter=!@callboard/e2e',
    '--concurrency=1',
    '--continue',
    '--output-logs=full',
  ]);
} catch (error) {
  failure = error;
}
try {
  log('browser tests (Playwright, Debian Chromium)');
  run(pnpm, ['--filter', '@callboard/e2e', 'test']);
} catch (error) {
  failure ??= error;
}
const { failed } = printSummary();
if (failure || failed > 0) {
  console.error(failure?.message ?? 'some tests failed');
  process.exit(1);
}
