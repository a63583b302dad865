#!/usr/bin/env node
// `pnpm bench [--records N]` runs every benchmark; `pnpm bench:sync|api|load|web|engines` runs one part.
// Each part prints a human table; the run ends with one JSON line holding every figure. Results are merged into
// bench/results/latest.json and docs/performance.md is rewritten from it.
import { parseArgs } from 'node:util';
import { machine } from './common.js';
import { writeResults } from './report.js';

const USAGE = `usage: node bench/dist/cli.js <all|sync|api|scaling|baseline|load|web|engines> [--records N] [--runs N]
  [--sizes 100000,1000000,5000000] [--with-5m] [--with-10m] [--latency-ms 150] [--duration 20] [--connections 50] [--no-background-sync] [--concurrency 4] [--no-write]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    records: { type: 'string' },
    runs: { type: 'string' },
    sizes: { type: 'string' },
    'with-5m': { type: 'boolean' },
    'with-10m': { type: 'boolean' },
    'latency-ms': { type: 'string' },
    duration: { type: 'string' },
    concurrency: { type: 'string' },
    'no-write': { type: 'boolean' },
    'no-background-sync': { type: 'boolean' },
    connections: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const part = positionals[0] ?? 'all';
const num = (raw: string | undefined, fallback: number) => {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench: bad number ${raw}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const records = num(values.records, 1_000_000);
const runs = num(values.runs, 3);
const latencyMs = num(values['latency-ms'], 150);
const durationSeconds = num(values.duration, 20);
const concurrency = num(values.concurrency, 4);

const results: Record<string, unknown> = {};
const parts = part === 'all' ? ['sync', 'api', 'scaling', 'baseline', 'load', 'web', 'engines'] : [part];
for (const p of parts) {
  switch (p) {
    case 'sync': {
      const { benchSync } = await import('./sync-bench.js');
      const { storeDir } = await import('./store-cache.js');
      results.sync = await benchSync({ records, runs, concurrency, keepStoreAs: storeDir(records) });
      break;
    }
    case 'api': {
      const { benchApi } = await import('./api-bench.js');
      results.api = await benchApi({ records });
      break;
    }
    case 'scaling': {
      const { benchScaling } = await import('./api-bench.js');
      const sizes = values.sizes
        ? values.sizes.split(',').map((s) => num(s, 0))
        : [
            Math.round(records / 10),
            records,
            ...(values['with-5m'] ? [records * 5] : []),
            ...(values['with-10m'] ? [records * 10] : []),
          ];
      results.scaling = await benchScaling({ sizes });
      break;
    }
    case 'baseline': {
      const { benchBaseline } = await import('./baseline-bench.js');
      results.baseline = await benchBaseline({ records, latencyMs });
      break;
    }
    case 'load': {
      const { benchLoad } = await import('./load-bench.js');
      results.load = await benchLoad({
        records,
        durationSeconds,
        connections: num(values.connections, 50),
        backgroundSync: !values['no-background-sync'],
      });
      break;
    }
    case 'web': {
      const { benchWeb } = await import('./web-bench.js');
      results.web = await benchWeb({ records });
      break;
    }
    case 'engines': {
      const { benchEngines } = await import('./engines-bench.js');
      results.engines = await benchEngines({ records, runs, concurrency });
      break;
    }
    default:
      console.error(`bench: unknown part ${p}\n${USAGE}`);
      process.exit(2);
  }
}
const summary = { machine: machine(), records, ...results };
if (!values['no-write']) writeResults(summary);
console.log(JSON.stringify(summary));
process.exit(0);
