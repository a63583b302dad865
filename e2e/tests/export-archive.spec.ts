import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DAY_MS } from '@callboard/contracts';
import { type Browser, expect, type Page, test } from '@playwright/test';
import Papa from 'papaparse';
import { archiveEnd, seedArchive } from './support/archive-store.js';
import { signIn, waitForRecords } from './support/session.js';

// "Export all" of a million-row archive: the browser streams the server's CSV to disk with progress (rows,
// bytes) and a cancel, and the file holds every row. The archive lies long before the upstream's horizon,
// so the BFF (demo mode, its own tiny simulator) serves it as stored and never re-syncs it.
// Two real days of the simulator's records at 16,000 calls a day, repeated over 60 days: ~1.07M records.
const ARCHIVE = { from: Date.UTC(2025, 3, 1), sourceDays: 2, copies: 30, callsPerDay: 16_000 };
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const range = `from=${day(ARCHIVE.from)}&to=${day(archiveEnd(ARCHIVE))}&tz=UTC`;

let server: ChildProcess | null = null;
let baseURL = '';
let dataDir = '';
let seeded = 0;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = await mkdtemp(path.join(tmpdir(), 'callboard-e2e-archive-'));
  const started = performance.now();
  seeded = await seedArchive(dataDir, ARCHIVE);
  console.log(
    `archive: ${seeded.toLocaleString('en')} records seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  server = spawn('node', ['../apps/bff/dist/index.js'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CALLBOARD_DATA_DIR: dataDir,
      CALLBOARD_DEMO_CALLS_PER_DAY: '10',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  baseURL = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Callboard is running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    server!.once('exit', (code) => reject(new Error(`the BFF exited with ${code}: ${out}`)));
  });
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function archivePage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL, acceptDownloads: true, viewport });
  const page = await context.newPage();
  await signIn(page, 'finance');
  await page.goto(`/?${range}`);
  return page;
}

/** Records in a CSV file as a spreadsheet reads them: parsed by a real CSV parser, streamed from disk. */
function countCsvRecords(file: string): Promise<{ header: string[]; records: number; errors: number }> {
  return new Promise((resolve, reject) => {
    let header: string[] = [];
    let records = -1;
    let errors = 0;
    Papa.parse<string[]>(createReadStream(file, 'utf8'), {
      skipEmptyLines: true,
      step: (row) => {
        if (records === -1) header = row.data;
        records++;
        errors += row.errors.length;
      },
      complete: () => resolve({ header, records, errors }),
      error: reject,
    });
  });
}

test('cancel stops a running export of the whole archive, on a 390 px phone', async ({ browser }) => {
  const page = await archivePage(browser, { width: 390, height: 844 });
  const total = await waitForRecords(page);
  expect(total).toBe(seeded);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export all matching/ }).click();
  const status = page.getByRole('status').filter({ hasText: /Exporting: [\d,]+ of/ });
  await expect(status).toHaveText(/Exporting: [1-9][\d,]* of [\d,]+ rows/);
  // The progress and its cancel fit the phone's width.
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Cancel export' })).toBeInViewport();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: 'Cancel export' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Export cancelled after' })).toBeVisible();
  expect(await (await downloading).failure()).not.toBeNull();
  await expect(page.getByRole('button', { name: /Export all matching/ })).toBeEnabled();
  await page.context().close();
});

test('export all streams a million rows to disk with progress, and the file holds every row', async ({
  browser,
}) => {
  const page = await archivePage(browser);
  const total = await waitForRecords(page);
  expect(total).toBeGreaterThanOrEqual(1_000_000);
  const started = performance.now();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: `Export all matching (${total.toLocaleString('en-US')})` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(
    `callboard-calls_${day(ARCHIVE.from)}_to_${day(archiveEnd(ARCHIVE) - DAY_MS)}_UTC.csv`,
  );

  // Progress as the rows arrive: the bar has an accessible name and counts, and a cancel is offered.
  const bar = page.getByRole('progressbar', { name: 'Export progress' });
  await expect(bar).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel export' })).toBeEnabled();
  const midway = page.getByRole('status').filter({ hasText: /^Exporting: / });
  await expect(midway).toHaveText(
    new RegExp(`Exporting: [1-9][\\d,]* of ${total.toLocaleString('en-US')} rows, [\\d.]+ [KM]B`),
  );
  const seen = Number(
    /Exporting: ([\d,]+)/.exec((await midway.textContent()) ?? '')?.[1]?.replaceAll(',', ''),
  );
  expect(seen).toBeGreaterThan(0);
  expect(seen).toBeLessThan(total);

  const file = await download.path();
  const done = page.getByRole('status').filter({ hasText: /^Exported / });
  await expect(done).toHaveText(new RegExp(`Exported ${total.toLocaleString('en-US')} rows, `));
  const seconds = (performance.now() - started) / 1000;

  // The page never held the file: its JS heap stays far below the file's size.
  const heap = await page.evaluate(
    () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
  );
  const { size } = await stat(file);
  expect(heap).toBeLessThan(size / 2);

  const csv = await countCsvRecords(file);
  expect(csv.errors).toBe(0);
  expect(csv.header).toContain('Cost currency');
  expect(csv.records).toBe(total);
  console.log(
    `export: ${total.toLocaleString('en')} rows, ${(size / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s (page heap ${(heap / 1024 / 1024).toFixed(1)} MB)`,
  );
  await page.context().close();
});
