// Backups are proven by restoring them: taken while a sync runs, restored into an empty store whose figures
// equal the manifest's and the upstream's ground truth; a flipped byte anywhere is refused; a data directory
// that holds data is refused; an archive moves between the engines; the CLI works beside a running server.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { VendorRecord } from '@callboard/itnio-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { openPostgres } from '../store/postgres/postgres-database.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { FIXED_NOW, type Harness, startHarness, sumDecimals } from '../test-support/harness.js';
import { createTestDatabase } from '../test-support/postgres.js';
import { BFF_DIR, killAll, metricValue, startBff, startSimulatorProcess } from '../test-support/processes.js';
import {
  BackupRefused,
  createBackup,
  MANIFEST,
  type Manifest,
  restoreBackup,
  verifyBackup,
} from './backup.js';

const DAY = 86_400_000;
const run = promisify(execFile);
let h: Harness;
let backupDir: string;
let manifest: Manifest;
const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `callboard-${name}-`));

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 1500, faults: { latencyMs: 4 } });
  // Taken mid-sync: part of the range is stored, the rest still arriving.
  const syncing = h.server.sync.request(FIXED_NOW - 8 * DAY, FIXED_NOW, 'manual');
  await syncing;
  while ((await h.server.store.stats()).records < 3000) await new Promise((r) => setTimeout(r, 20));
  expect(h.server.sync.syncing).toBe(true);
  backupDir = path.join(temp('backups'), 'one');
  manifest = await createBackup({ store: h.server.store, state: h.server.state, dir: backupDir });
  await h.server.sync.idle();
}, 120_000);
afterAll(async () => {
  killAll();
  await h.close();
});

/** The simulator's truth for the windows a ledger marks complete: calls and exact cost per currency. */
function truthOf(windows: Array<{ from: number; coveredTo: number }>) {
  const records: VendorRecord[] = windows.flatMap((w) =>
    h.simulator.dataset.recordsBetween(w.from, w.coveredTo, FIXED_NOW),
  );
  const byCurrency = new Map<string, string[]>();
  for (const r of records)
    byCurrency.set(r.currency || 'USD', [...(byCurrency.get(r.currency || 'USD') ?? []), r.cost]);
  return {
    calls: records.length,
    cost: Object.fromEntries([...byCurrency].sort().map(([c, a]) => [c, sumDecimals(a)])),
  };
}

describe('a backup taken while a sync runs', () => {
  it('verifies, and restores to a store whose figures equal the manifest and the upstream', async () => {
    expect((await verifyBackup(backupDir)).problems).toEqual([]);
    expect(manifest.files.map((f) => f.name).sort()).toEqual([
      'app-state.sqlite',
      'records.parquet',
      'sync_windows.parquet',
    ]);
    expect(manifest.totals.records).toBeGreaterThanOrEqual(3000);

    const dataDir = temp('restored');
    const { restored } = await restoreBackup({
      from: backupDir,
      dataDir,
      storeFiles: ['callboard.duckdb'],
      appStateFile: path.join(dataDir, 'app-state.sqlite'),
      force: false,
      storeHoldsData: async () => false,
      openStore: () => DuckDbStore.open({ dataDir, fileName: 'callboard.duckdb' }),
    });
    expect(restored).toEqual(manifest.totals);

    // Every window the backup's ledger calls complete holds exactly the upstream's calls and cost.
    const store = await DuckDbStore.open({ dataDir, fileName: 'callboard.duckdb' });
    try {
      const complete = (await store.windowsBetween(0, FIXED_NOW + DAY)).filter((w) => w.state === 'complete');
      expect(complete.length).toBeGreaterThan(0);
      const truth = truthOf(complete);
      let calls = 0;
      for (const w of complete) calls += await store.countBetween(w.from, w.coveredTo);
      expect(calls).toBe(truth.calls);
      // The sync reads newest first, so the complete windows are one contiguous stretch up to the present.
      expect(complete.every((w, i) => i === 0 || w.from === complete[i - 1]!.coveredTo)).toBe(true);
      const range = { from: complete[0]!.from, to: complete.at(-1)!.coveredTo };
      const summary = await store.summary(
        {
          ...range,
          tz: 'UTC',
          callee: null,
          codes: [],
          terminationCodes: [],
          outcome: null,
          currencies: [],
          minDuration: null,
          maxDuration: null,
          q: null,
        },
        10,
      );
      expect(summary.overall.calls).toBe(truth.calls);
      expect(Object.fromEntries(summary.currencies.map((c) => [c.currency, c.cost]).sort())).toEqual(
        truth.cost,
      );
    } finally {
      await store.close();
    }
    // The users came back too.
    expect(readdirSync(dataDir)).toContain('app-state.sqlite');
  });

  it('is refused when any byte of any file is changed', async () => {
    for (const file of [...manifest.files.map((f) => f.name), MANIFEST]) {
      const copy = path.join(temp('flipped'), 'b');
      cpSync(backupDir, copy, { recursive: true });
      const bytes = readFileSync(path.join(copy, file));
      const middle = Math.floor(bytes.length / 2);
      bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
      writeFileSync(path.join(copy, file), bytes);
      const { problems } = await verifyBackup(copy);
      expect(problems.length, file).toBeGreaterThan(0);
      await expect(
        restoreBackup({
          from: copy,
          dataDir: temp('never'),
          storeFiles: ['callboard.duckdb'],
          appStateFile: null,
          force: false,
          storeHoldsData: async () => false,
          openStore: () => Promise.reject(new Error('must not be opened')),
        }),
        file,
      ).rejects.toBeInstanceOf(BackupRefused);
    }
  });

  it('is refused over a data directory that holds a store, unless forced', async () => {
    const dataDir = temp('occupied');
    writeFileSync(path.join(dataDir, 'callboard.duckdb'), 'live data');
    const options = {
      from: backupDir,
      dataDir,
      storeFiles: ['callboard.duckdb'],
      appStateFile: null,
      storeHoldsData: async () => false,
      openStore: () => DuckDbStore.open({ dataDir, fileName: 'callboard.duckdb' }),
    };
    await expect(restoreBackup({ ...options, force: false })).rejects.toThrow(/already holds data/);
    expect(readFileSync(path.join(dataDir, 'callboard.duckdb'), 'utf8')).toBe('live data');
    const { restored } = await restoreBackup({ ...options, force: true });
    expect(restored).toEqual(manifest.totals);
    expect(readdirSync(dataDir).some((name) => name.startsWith('callboard.duckdb.replaced-'))).toBe(true);
  });
});

describe('an archive between the engines', () => {
  it('moves from DuckDB to PostgreSQL and back with the same figures', async () => {
    const database = await createTestDatabase('backup');
    const db = await openPostgres({ url: database.url, poolMax: 2, statementTimeoutMs: 60_000 });
    try {
      const postgres = new PostgresStore(db);
      await postgres.restoreFrom(backupDir);
      expect(await postgres.archiveTotals()).toEqual(manifest.totals);
      const fromPostgres = path.join(temp('pg-backup'), 'b');
      const again = await createBackup({ store: postgres, state: null, dir: fromPostgres });
      expect(again.totals).toEqual(manifest.totals);
      expect((await verifyBackup(fromPostgres)).problems).toEqual([]);
      const dataDir = temp('back-to-duck');
      const { restored } = await restoreBackup({
        from: fromPostgres,
        dataDir,
        storeFiles: ['callboard.duckdb'],
        appStateFile: null,
        force: false,
        storeHoldsData: async () => false,
        openStore: () => DuckDbStore.open({ dataDir, fileName: 'callboard.duckdb' }),
      });
      expect(restored).toEqual(manifest.totals);
    } finally {
      await db.close();
      await database.drop();
    }
  }, 60_000);
});

describe('the backup command', () => {
  it('asks the running server for a consistent backup, verifies it, and will not restore under it', async () => {
    await run(path.join(BFF_DIR, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: BFF_DIR });
    const dataDir = temp('cli-data');
    // biome-ignore format: flag and value pairs
    const simulator = await startSimulatorProcess(['--seed', '2', '--days', '3', '--calls-per-day', '400', '--key', 'k', '--secret', 's']);
    const env = {
      ...process.env,
      CALLBOARD_DATA_DIR: dataDir,
      ITNIO_BASE_URL: simulator,
      ITNIO_API_KEY: 'k',
      ITNIO_API_SECRET: 's',
      CALLBOARD_ADMIN_USER: 'cli-admin',
      CALLBOARD_ADMIN_PASSWORD: 'cli-admin-password',
      LOG_LEVEL: 'warn',
    };
    const server = await startBff(env as Record<string, string>);
    const cli = (...args: string[]) =>
      run(process.execPath, ['dist/cli/backup.js', ...args], { cwd: BFF_DIR, env });
    // Let the backfill store something first.
    const deadline = Date.now() + 30_000;
    const stored = async () =>
      metricValue(await (await fetch(`${server.url}/metrics`)).text(), 'callboard_records_stored') ?? 0;
    while ((await stored()) < 100) {
      if (Date.now() > deadline) throw new Error('nothing synced');
      await new Promise((r) => setTimeout(r, 250));
    }
    const to = path.join(temp('cli-backup'), 'b');
    const backup = await cli('backup', '--to', to);
    expect(backup.stdout).toMatch(/backup written to .*: 3 files/);
    const verify = await cli('verify', '--from', to);
    expect(verify.stdout).toMatch(/OK: every file is whole/);
    await expect(cli('restore', '--from', to)).rejects.toMatchObject({
      stderr: expect.stringMatching(/server is running/),
    });
    expect(server.child.exitCode).toBeNull();
  }, 90_000);
});

describe('scheduled backups', () => {
  it('keep the newest KEEP, and tell admins (only) when the last one failed', async () => {
    const root = temp('scheduled');
    const scheduled = await startHarness({
      callsPerDay: 100,
      env: { CALLBOARD_BACKUP_DIR: root, CALLBOARD_BACKUP_KEEP: '2' },
    });
    try {
      await scheduled.server.sync.request(FIXED_NOW - DAY, FIXED_NOW, 'manual');
      await scheduled.server.sync.idle();
      for (let i = 0; i < 3; i++) await scheduled.server.backups!.runNow();
      const kept = readdirSync(root).filter((n) => n.startsWith('callboard-backup-'));
      expect(kept).toHaveLength(2);
      for (const name of kept) expect((await verifyBackup(path.join(root, name))).problems).toEqual([]);
      type Health = {
        backup: { lastSuccessAt: string | null; lastError: string | null; lastBytes: number | null } | null;
      };
      const admin = (await scheduled.get<Health>('/api/health')).body.backup;
      expect(admin?.lastSuccessAt).not.toBeNull();
      expect(admin?.lastBytes).toBeGreaterThan(0);
      expect((await (await scheduled.as('finance')).get<Health>('/api/health')).body.backup).toBeNull();

      // The backup directory turns into a file: the next run fails, and says so.
      rmSync(root, { recursive: true, force: true });
      writeFileSync(root, 'not a directory');
      await expect(scheduled.server.backups!.runNow()).rejects.toThrow();
      expect((await scheduled.get<Health>('/api/health')).body.backup?.lastError).toMatch(
        /ENOTDIR|EEXIST|not a directory/i,
      );
      expect(metricValue((await scheduled.request('/metrics')).text, 'callboard_backup_failures_total')).toBe(
        1,
      );
    } finally {
      await scheduled.close();
    }
  });
});
