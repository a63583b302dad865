// Backups of the archive, proven to restore. A backup is a directory: the records and the sync ledger as
// Parquet (one consistent snapshot, written by the store), the app state (SQLite's online backup: users,
// sessions, audit log, …; on PostgreSQL that is pg_dump's job), and manifest.json with the figures read back
// from the files themselves (calls, oldest and newest call, exact cost per currency) and a SHA-256 of every
// file. `verify` checks all of that; `restore` verifies first, refuses a data directory that holds data (unless
// forced), loads the files, and compares the restored store's own figures with the manifest's.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { trimDecimal } from '@callboard/contracts';
import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import type { AppStateStore } from '../app-state/app-state-store.js';
import { ARCHIVE_FILES } from '../store/parquet-export.js';
import type { ArchiveTotals, RecordStore } from '../store/record-store.js';

export const MANIFEST = 'manifest.json';
export const APP_STATE_FILE = 'app-state.sqlite';
const FORMAT = 'callboard-backup';

const totalsSchema = z.object({
  records: z.number().int(),
  oldest: z.string().nullable(),
  newest: z.string().nullable(),
  costByCurrency: z.record(z.string(), z.string()),
  windows: z.number().int(),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  /** The engine it was taken from; either engine restores it. */
  engine: z.string(),
  totals: totalsSchema,
  files: z.array(
    z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The figures of a snapshot's files, read back with DuckDB: what a restore must reproduce. */
export async function filesTotals(dir: string): Promise<ArchiveTotals> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const file = (name: string) => `'${path.join(dir, name).replaceAll("'", "''")}'`;
    const byCurrency = (
      await connection.runAndReadAll(
        `SELECT currency, count(*) AS n, CAST(sum(cost) AS VARCHAR) AS cost, min(submit_at) AS oldest, max(submit_at) AS newest
         FROM read_parquet(${file(ARCHIVE_FILES.records)}) GROUP BY currency ORDER BY currency`,
      )
    ).getRowObjectsJson();
    const windows = (
      await connection.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${file(ARCHIVE_FILES.windows)})`)
    ).getRowObjectsJson();
    const ms = (rows: typeof byCurrency, pick: 'oldest' | 'newest') => {
      const values = rows.map((r) => Number(r[pick]));
      if (values.length === 0) return null;
      return new Date(pick === 'oldest' ? Math.min(...values) : Math.max(...values)).toISOString();
    };
    return {
      records: byCurrency.reduce((n, r) => n + Number(r.n), 0),
      oldest: ms(byCurrency, 'oldest'),
      newest: ms(byCurrency, 'newest'),
      costByCurrency: Object.fromEntries(
        byCurrency.map((r) => [String(r.currency), trimDecimal(String(r.cost))]),
      ),
      windows: Number(windows[0]?.n ?? 0),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Takes a backup into `dir` (created; must not exist or be empty) while the server may be running and syncing. */
export async function createBackup({
  store,
  state,
  dir,
}: {
  store: RecordStore;
  state: AppStateStore | null;
  dir: string;
}): Promise<Manifest> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if ((await readdir(dir)).length > 0) throw new Error(`backup: ${dir} is not empty; give a new directory`);
  await store.snapshotTo(dir);
  if (state?.state.backupTo) await state.state.backupTo(path.join(dir, APP_STATE_FILE));
  const names = (await readdir(dir)).filter((name) => name !== MANIFEST).sort();
  const files = [];
  for (const name of names) {
    const file = path.join(dir, name);
    files.push({ name, bytes: (await stat(file)).size, sha256: await sha256(file) });
  }
  const manifest: Manifest = {
    format: FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    engine: store.engine,
    totals: await filesTotals(dir),
    files,
  };
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export interface Verification {
  manifest: Manifest | null;
  problems: string[];
}

/** Checks a backup without restoring it: the manifest parses, every file is there with its size and checksum, the figures match. */
export async function verifyBackup(dir: string): Promise<Verification> {
  const problems: string[] = [];
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')));
  } catch (error) {
    return {
      manifest: null,
      problems: [
        `${MANIFEST} is missing or not a Callboard manifest (${error instanceof Error ? error.message.slice(0, 200) : error})`,
      ],
    };
  }
  const present = new Set(await readdir(dir));
  for (const required of [ARCHIVE_FILES.records, ARCHIVE_FILES.windows]) {
    if (!manifest.files.some((f) => f.name === required))
      problems.push(`the manifest does not list ${required}`);
  }
  for (const file of manifest.files) {
    if (!present.has(file.name)) {
      problems.push(`${file.name} is missing`);
      continue;
    }
    const full = path.join(dir, file.name);
    const bytes = (await stat(full)).size;
    if (bytes !== file.bytes)
      problems.push(`${file.name} has ${bytes} bytes, the manifest says ${file.bytes}`);
    else if ((await sha256(full)) !== file.sha256)
      problems.push(`${file.name} does not match its checksum (changed or damaged)`);
  }
  const extra = [...present].filter(
    (name) => name !== MANIFEST && !manifest.files.some((f) => f.name === name),
  );
  if (extra.length > 0) problems.push(`files not in the manifest: ${extra.join(', ')}`);
  if (problems.length === 0) {
    try {
      const totals = await filesTotals(dir);
      if (JSON.stringify(totals) !== JSON.stringify(manifest.totals)) {
        problems.push(
          `the files' figures ${JSON.stringify(totals)} differ from the manifest's ${JSON.stringify(manifest.totals)}`,
        );
      }
    } catch (error) {
      problems.push(
        `the Parquet files cannot be read (${error instanceof Error ? error.message.slice(0, 200) : error})`,
      );
    }
  }
  return { manifest, problems };
}

export class BackupRefused extends Error {}

/**
 * Restores a verified backup into a store opened by `openStore` over `dataDir`. Refuses a data directory that
 * already holds a store unless `force` (then the old files are kept beside, renamed `*.replaced-<time>`).
 * `appStateFile` is where the app state's SQLite file goes (embedded mode); null leaves the app state alone.
 */
export async function restoreBackup(options: {
  from: string;
  dataDir: string;
  storeFiles: string[];
  appStateFile: string | null;
  force: boolean;
  openStore: () => Promise<RecordStore>;
  storeHoldsData: () => Promise<boolean>;
}): Promise<{ manifest: Manifest; restored: ArchiveTotals }> {
  const { manifest, problems } = await verifyBackup(options.from);
  if (!manifest || problems.length > 0)
    throw new BackupRefused(`the backup does not verify:\n  ${problems.join('\n  ')}`);
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const existing = (await readdir(options.dataDir)).filter(
    (name) =>
      options.storeFiles.some((f) => name === f || name.startsWith(`${f}.`)) ||
      name === path.basename(options.appStateFile ?? '\0'),
  );
  const holdsData = existing.length > 0 || (await options.storeHoldsData());
  if (holdsData && !options.force) {
    throw new BackupRefused(
      `the target already holds data (${existing.join(', ') || 'records in the database'}); restore into an empty data directory, or pass --force`,
    );
  }
  if (options.force) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const name of existing)
      await rename(path.join(options.dataDir, name), path.join(options.dataDir, `${name}.replaced-${stamp}`));
  }
  if (options.appStateFile) {
    const source = path.join(options.from, APP_STATE_FILE);
    if (manifest.files.some((f) => f.name === APP_STATE_FILE))
      await writeFile(options.appStateFile, await readFile(source), { mode: 0o600 });
  }
  const store = await options.openStore();
  try {
    await store.restoreFrom(options.from);
    const restored = await store.archiveTotals();
    if (JSON.stringify(restored) !== JSON.stringify(manifest.totals)) {
      throw new BackupRefused(
        `the restored store's figures ${JSON.stringify(restored)} differ from the manifest's ${JSON.stringify(manifest.totals)}`,
      );
    }
    return { manifest, restored };
  } finally {
    await store.close();
  }
}

/** Removes all but the newest `keep` backups named `callboard-backup-*` in `root`. */
export async function pruneBackups(root: string, keep: number): Promise<string[]> {
  const names = (await readdir(root).catch(() => [] as string[]))
    .filter((n) => n.startsWith('callboard-backup-'))
    .sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(path.join(root, name), { recursive: true, force: true });
  return old;
}
