import { describe, expect, it } from 'vitest';
import { recordJsonAt, SimDataset } from './dataset.js';
import { DAY_MS } from './iso-time.js';
import { NOW } from './test-support/client.js';

// The full 31-day measurement over HTTP is `pnpm run bench`; this keeps an eye on page cost in CI.
describe('serving speed', () => {
  it('builds and serialises pages of a 33,000 calls/day dataset quickly', () => {
    const dataset = new SimDataset({ seed: 1, days: 62, callsPerDay: 33_000, now: () => NOW });
    const fromMs = NOW - 31 * DAY_MS;
    const pages = 1500;
    const started = performance.now();
    let records = 0;
    for (let current = 1; current <= pages; current++) {
      const page = dataset.page(fromMs, NOW, current, 100, NOW);
      records +=
        page.items.map((item) => recordJsonAt(item, NOW)).join(',').length > 0 ? page.items.length : 0;
    }
    const ms = performance.now() - started;
    console.log(
      `serving speed: ${records} records in ${pages} pages, ${((ms / pages) * 1000).toFixed(0)} µs/page, ` +
        `${Math.round(records / (ms / 1000))} records/s (generation + serialisation, no HTTP)`,
    );
    expect(records).toBe(pages * 100);
    // Generous bound for a shared CI machine; typical is well under 1 ms/page.
    expect(ms / pages).toBeLessThan(5);
  });
});
