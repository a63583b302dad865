// Stores of N generated records, built once (by a real sync from the simulator process) and reused by the
// API, scaling, load and web benchmarks. Keyed by size; a store without its marker is rebuilt.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_ROOT, log } from './common.js';
import { syncOnce } from './sync-bench.js';

export const storeDir = (records: number) => path.join(DATA_ROOT, `store-${records}`);

/** The directory of a complete store of about `records` records, syncing one if it is not cached yet. */
export async function ensureStore(records: number): Promise<{ dir: string; records: number }> {
  const dir = storeDir(records);
  const marker = path.join(dir, 'complete.json');
  if (existsSync(marker)) {
    return { dir, records: (JSON.parse(readFileSync(marker, 'utf8')) as { records: number }).records };
  }
  log(`building a cached store of ${records.toLocaleString('en')} records (a sync from the simulator, once)`);
  const scratch = `${dir}.building`;
  const run = await syncOnce(records, 4, scratch);
  rmSync(dir, { recursive: true, force: true });
  renameSync(scratch, dir);
  writeFileSync(marker, JSON.stringify({ records: run.records }));
  return { dir, records: run.records };
}
