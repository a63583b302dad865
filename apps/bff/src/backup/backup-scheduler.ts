// Scheduled snapshots (CALLBOARD_BACKUP_DIR, _INTERVAL_HOURS, _KEEP): a backup every interval into a new
// `callboard-backup-<time>` directory, the oldest beyond KEEP removed. The outcome is kept for /api/health
// (admins see a banner when one failed or is overdue) and the metrics. With several replicas only the one
// holding the lock takes it. Every run catches its own errors.
import path from 'node:path';
import type { AppStateStore } from '../app-state/app-state-store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { RecordStore } from '../store/record-store.js';
import { createBackup, type Manifest, pruneBackups } from './backup.js';

export interface BackupStatus {
  dir: string;
  intervalHours: number;
  lastSuccessAt: string | null;
  lastBytes: number | null;
  lastFailureAt: string | null;
  lastError: string | null;
  /** A backup is due and none succeeded within 1.5 intervals. */
  overdue: boolean;
}

export interface BackupSchedulerOptions {
  store: RecordStore;
  state: AppStateStore;
  dir: string;
  intervalMs: number;
  keep: number;
  logger: Logger;
  metrics: Metrics;
  /** Runs `task` if this replica gets the backup lock (several replicas); resolves false when another has it. */
  exclusive?: (task: () => Promise<void>) => Promise<boolean>;
  now?: () => number;
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly started: number;
  private lastSuccess: { at: number; bytes: number } | null = null;
  private lastFailure: { at: number; error: string } | null = null;
  private taken = 0;

  constructor(private readonly options: BackupSchedulerOptions) {
    this.started = (options.now ?? Date.now)();
  }

  start(): void {
    this.timer = setInterval(() => void this.runNow().catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Takes a backup now (the timer calls this); null when another replica took it. Failures are recorded and rethrown. */
  async runNow(): Promise<Manifest | null> {
    if (this.running) return null;
    const run = this.takeBackup();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }

  private async takeBackup(): Promise<Manifest | null> {
    const now = this.options.now ?? Date.now;
    // Named by time (they sort oldest first) and a counter (two in one millisecond stay apart).
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    const dir = path.join(
      this.options.dir,
      `callboard-backup-${stamp}-${String(++this.taken).padStart(4, '0')}`,
    );
    const results: Manifest[] = [];
    const task = async () => {
      results.push(await createBackup({ store: this.options.store, state: this.options.state, dir }));
      await pruneBackups(this.options.dir, this.options.keep);
    };
    try {
      if (this.options.exclusive) await this.options.exclusive(task);
      else await task();
    } catch (error) {
      this.lastFailure = { at: now(), error: error instanceof Error ? error.message : String(error) };
      this.options.metrics.backupFailures.inc();
      this.options.logger.error({ err: error }, 'scheduled backup failed');
      throw error;
    }
    const manifest = results[0] ?? null;
    if (manifest) {
      const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
      this.lastSuccess = { at: now(), bytes };
      this.options.metrics.lastBackup.set(now() / 1000);
      this.options.logger.info({ dir, records: manifest.totals.records, bytes }, 'scheduled backup written');
    }
    return manifest;
  }

  status(): BackupStatus {
    const now = (this.options.now ?? Date.now)();
    const since = this.lastSuccess?.at ?? this.started;
    return {
      dir: this.options.dir,
      intervalHours: this.options.intervalMs / 3_600_000,
      lastSuccessAt: this.lastSuccess ? new Date(this.lastSuccess.at).toISOString() : null,
      lastBytes: this.lastSuccess?.bytes ?? null,
      lastFailureAt: this.lastFailure ? new Date(this.lastFailure.at).toISOString() : null,
      lastError:
        this.lastFailure && (!this.lastSuccess || this.lastFailure.at > this.lastSuccess.at)
          ? this.lastFailure.error
          : null,
      overdue: now - since > this.options.intervalMs * 1.5,
    };
  }
}
