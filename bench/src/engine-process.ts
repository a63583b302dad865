// One engine's half of bench:engines, in a process of its own so its peak RSS owes nothing to the other
// engine's run: the sync measurements (bench:sync's benchSync) into an empty store, then the API
// measurements (bench:api's benchApi) on the store the last sync run filled. Writes its figures to --out.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchApi } from './api-bench.js';
import { DATA_ROOT } from './common.js';
import { duckdbEngine, postgresEngine, type StoreEngine } from './engines.js';
import { benchSync } from './sync-bench.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    records: { type: 'string' },
    runs: { type: 'string' },
    concurrency: { type: 'string' },
    iterations: { type: 'string' },
    'export-runs': { type: 'string' },
    'no-warmup': { type: 'boolean' },
    out: { type: 'string' },
  },
});

let engine: StoreEngine = duckdbEngine;
if (values.engine === 'postgres') {
  const url = process.env.CALLBOARD_BENCH_POSTGRES_URL;
  const prefix = process.env.CALLBOARD_BENCH_POSTGRES_PREFIX;
  if (!url || !prefix)
    throw new Error(
      'engine-process: postgres needs CALLBOARD_BENCH_POSTGRES_URL and CALLBOARD_BENCH_POSTGRES_PREFIX',
    );
  engine = postgresEngine(url, prefix);
} else if (values.engine !== 'duckdb') {
  throw new Error(`engine-process: unknown engine ${values.engine}`);
}

const root = path.join(DATA_ROOT, `engines-${engine.id}`);
const kept = path.join(root, 'store');
try {
  const sync = await benchSync({
    records: Number(values.records),
    runs: Number(values.runs ?? 3),
    concurrency: Number(values.concurrency ?? 4),
    warmup: !values['no-warmup'],
    engine,
    scratchRoot: root,
    keepStoreAs: kept,
  });
  const api = await benchApi({
    records: Number(values.records),
    engine,
    store: { dir: kept, records: sync.records },
    ...(values.iterations ? { iterations: Number(values.iterations) } : {}),
    ...(values['export-runs'] ? { exportRuns: Number(values['export-runs']) } : {}),
  });
  writeFileSync(values.out!, JSON.stringify({ sync, api }));
} finally {
  await engine.dispose();
  rmSync(root, { recursive: true, force: true });
}
process.exit(0);
