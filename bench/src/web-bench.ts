// bench:web — the production SPA served by the BFF on a store of N records, in Debian's Chromium (Playwright):
// gzip size of the initial JS and CSS, navigation → first table rows, navigation → charts drawn, filter → new page.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { authHeaders, startBff } from './bff.js';
import { BENCH_NOW, DAY_MS, latency, log, REPO_ROOT, round, table } from './common.js';
import { ensureStore } from './store-cache.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WEB_DIST = path.join(REPO_ROOT, 'apps', 'web', 'dist');

export interface WebFigures {
  ready: boolean;
  note: string | null;
  records?: number;
  initialJsGzipKb?: number;
  initialCssGzipKb?: number;
  lazyJsGzipKb?: number;
  firstRowsMs?: { p50: number; p95: number; runs: number };
  chartsMs?: { p50: number; p95: number; runs: number } | null;
  filterMs?: { p50: number; p95: number; runs: number } | null;
}

async function assetSizes(base: string) {
  const html = await (await fetch(`${base}/`, { headers: authHeaders(base) })).text();
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  let js = 0;
  let css = 0;
  for (const asset of initial) {
    const body = Buffer.from(
      await (await fetch(`${base}${asset}`, { headers: authHeaders(base) })).arrayBuffer(),
    );
    const size = gzipSync(body, { level: 9 }).length;
    if (asset.endsWith('.css')) css += size;
    else js += size;
  }
  return { initial, js, css };
}

export async function benchWeb(options: { records: number; runs?: number }): Promise<WebFigures> {
  const runs = options.runs ?? 7;
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    return { ready: false, note: 'apps/web/dist is missing: build the SPA first (pnpm build)' };
  }
  if (!existsSync(CHROMIUM)) return { ready: false, note: `no Chromium at ${CHROMIUM}` };
  const store = await ensureStore(options.records);
  const bff = await startBff({ dataDir: store.dir, upstreamUrl: 'http://127.0.0.1:9', webRoot: WEB_DIST });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const sizes = await assetSizes(bff.url);
    // The store's data ends at the benchmark clock, so the range is in the URL (the SPA keeps filters there).
    const range = `from=${new Date(BENCH_NOW - 31 * DAY_MS).toISOString()}&to=${new Date(BENCH_NOW).toISOString()}`;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const [name, value] = (authHeaders(bff.url).cookie ?? '=').split(/=(.*)/s) as [string, string];
    if (name) await context.addCookies([{ name, value, url: bff.url }]);
    const notes: string[] = [];

    const measure = async (
      label: string,
      pathAndQuery: string,
      ready: (page: import('playwright-core').Page) => Promise<unknown>,
    ) => {
      const samples: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        const page = await context.newPage();
        try {
          await page.goto(`${bff.url}${pathAndQuery}`, { waitUntil: 'commit' });
          await ready(page);
          const ms = await page.evaluate(() => performance.now());
          if (i > 0) samples.push(ms); // the first load is the warm-up
        } catch (error) {
          notes.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
          await page.close();
          return null;
        }
        await page.close();
      }
      const l = latency(samples);
      return { p50: round(l.p50), p95: round(l.p95), runs: l.n };
    };

    log('web: first rows of the records table');
    const firstRow = (page: import('playwright-core').Page) =>
      page.getByRole('table').first().getByRole('row').nth(1).waitFor({ state: 'visible', timeout: 15_000 });
    const firstRowsMs = await measure('records table', `/?${range}`, firstRow);
    log('web: charts on /spend');
    const chartsMs = await measure('spend charts', `/spend?${range}`, (page) =>
      page.locator('.recharts-surface').first().waitFor({ state: 'visible', timeout: 15_000 }),
    );

    log('web: apply a filter (outcome) and show the new page');
    let filterMs: WebFigures['filterMs'] = null;
    {
      const samples: number[] = [];
      const page = await context.newPage();
      try {
        for (let i = 0; i < runs + 1; i++) {
          await page.goto(`${bff.url}/?${range}`);
          await firstRow(page);
          const select = page.getByLabel('Outcome');
          const value = i % 2 === 0 ? 'answered' : 'unanswered';
          const response = page.waitForResponse(
            (r) => r.url().includes('/api/records') && r.url().includes(`outcome=${value}`),
          );
          const started = await page.evaluate(() => performance.now());
          await select.selectOption(value);
          await response;
          // Rendered: two animation frames after the response, once the rows no longer show the old page.
          const ended = await page.evaluate<number>(
            'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))))',
          );
          if (i > 0) samples.push(ended - started);
        }
        const l = latency(samples);
        filterMs = { p50: round(l.p50), p95: round(l.p95), runs: l.n };
      } catch (error) {
        notes.push(`filter: ${(error as Error).message.split('\n')[0]}`);
      }
      await page.close();
    }
    const lazy = 0;
    const figures: WebFigures = {
      ready: firstRowsMs !== null,
      note: notes.length > 0 ? notes.join('; ') : null,
      records: store.records,
      initialJsGzipKb: round(sizes.js / 1024, 1),
      initialCssGzipKb: round(sizes.css / 1024, 1),
      lazyJsGzipKb: lazy,
      ...(firstRowsMs ? { firstRowsMs } : {}),
      chartsMs,
      filterMs,
    };
    console.log(
      table(
        `Front end: production build served by the BFF, ${store.records.toLocaleString('en')} records, Chromium headless (${runs} loads after a warm-up)`,
        ['figure', 'p50', 'p95', 'target'],
        [
          ['initial JS, gzip (KB)', figures.initialJsGzipKb!, '', '≤ 200'],
          ['initial CSS, gzip (KB)', figures.initialCssGzipKb!, '', ''],
          [
            'navigation → first table rows (ms)',
            firstRowsMs?.p50 ?? 'n/a',
            firstRowsMs?.p95 ?? 'n/a',
            '≤ 1000',
          ],
          [
            'navigation → charts drawn on /spend (ms)',
            chartsMs?.p50 ?? 'n/a',
            chartsMs?.p95 ?? 'n/a',
            '≤ 1500',
          ],
          ['filter → new page shown (ms)', filterMs?.p50 ?? 'n/a', filterMs?.p95 ?? 'n/a', '≤ 300'],
        ],
      ),
    );
    if (figures.note) console.log(`note: ${figures.note}`);
    return figures;
  } finally {
    await browser.close();
    await bff.close();
  }
}
