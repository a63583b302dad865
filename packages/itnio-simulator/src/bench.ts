// Serving speed of a 31-day window at 33,000 calls/day: `pnpm run bench` after `pnpm run build`.
// Measures the page cost inside the server (page + serialisation, no HTTP) and a full sync over HTTP.
import { recordJsonAt, SimDataset } from './dataset.js';
import { DAY_MS } from './iso-time.js';
import { startSimulator } from './server.js';
import { sign } from './sign.js';

const CALLS_PER_DAY = 33_000;
const PAGE_SIZE = 100;
const nowMs = Date.UTC(2024, 4, 31, 16);
const fromMs = nowMs - 31 * DAY_MS;

function inProcess(): void {
  const dataset = new SimDataset({ seed: 1, days: 62, callsPerDay: CALLS_PER_DAY, now: () => nowMs });
  const started = performance.now();
  let records = 0;
  let pages = 0;
  let bytes = 0;
  for (let current = 1; ; current++) {
    const page = dataset.page(fromMs, nowMs, current, PAGE_SIZE, nowMs);
    if (page.items.length === 0) break;
    bytes += page.items.map((item) => recordJsonAt(item, nowMs)).join(',').length;
    records += page.items.length;
    pages++;
  }
  const ms = performance.now() - started;
  console.log(
    `in-process: ${records} records, ${pages} pages in ${(ms / 1000).toFixed(2)} s = ` +
      `${Math.round(records / (ms / 1000))} records/s, ${((ms / pages) * 1000).toFixed(0)} µs/page ` +
      `(generation + serialisation), ${(bytes / pages / 1024).toFixed(1)} KiB/page`,
  );
}

async function overHttp(): Promise<void> {
  const simulator = await startSimulator({ callsPerDay: CALLS_PER_DAY, now: () => nowMs });
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  const params = { strTime: iso(fromMs), endTime: iso(nowMs) };
  const started = performance.now();
  let records = 0;
  let pages = 1;
  for (let current = 1; current <= pages; current++) {
    const timestamp = String(Math.floor(nowMs / 1000));
    const response = await fetch(`${simulator.url}/voice/recordGroupQuery`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json;charset=UTF-8',
        'Api-Key': 'demo-key',
        Timestamp: timestamp,
        Sign: sign('demo-key', 'demo-secret', timestamp),
      },
      body: JSON.stringify({ current, size: PAGE_SIZE, params }),
    });
    const body = (await response.json()) as { status: string; data: { pages: number; records: unknown[] } };
    if (body.status !== '0') throw new Error(`status ${body.status}`);
    pages = body.data.pages;
    records += body.data.records.length;
  }
  const ms = performance.now() - started;
  console.log(
    `over HTTP (one client, sequential, fetch + JSON.parse in the same process): ${records} records, ` +
      `${pages} pages in ${(ms / 1000).toFixed(2)} s = ${Math.round(records / (ms / 1000))} records/s`,
  );
  await simulator.close();
}

inProcess();
await overHttp();
