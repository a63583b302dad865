import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The built SPA served by the built BFF in demo mode (its own simulator, a throwaway data dir), driven
// in Debian's Chromium. Playwright never downloads a browser here.
const port = Number(process.env.E2E_PORT ?? 5191);
const dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-e2e-'));
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    // Charts skip their entry animation, so screenshots and chart assertions see the final picture.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node ../apps/bff/dist/index.js',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      CALLBOARD_DATA_DIR: dataDir,
      CALLBOARD_DEMO_CALLS_PER_DAY: '800',
      LOG_LEVEL: 'warn',
    },
  },
});
