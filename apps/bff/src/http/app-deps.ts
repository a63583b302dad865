// What the HTTP layer is built from: app.ts assembles the routers with it, each router takes what it needs.
import type { Simulator } from '@callboard/itnio-simulator';
import type { Alerting } from '../alerts/alerting.js';
import type { AppStateStore } from '../app-state/app-state-store.js';
import type { BackupScheduler } from '../backup/backup-scheduler.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Reporting } from '../reports/reporting.js';
import type { RecordStore } from '../store/record-store.js';
import type { SyncEngine } from '../sync/sync-engine.js';

export interface AppDeps {
  config: Config;
  store: RecordStore;
  state: AppStateStore;
  sync: SyncEngine;
  /** Demo mode: the seeded accounts, shown on the sign-in page; null in live mode. */
  demoAccounts: Array<{ username: string; password: string; role: 'admin' | 'finance' | 'support' }> | null;
  logger: Logger;
  mode: 'demo' | 'live';
  version: string;
  /** The built SPA (apps/web/dist); null serves the API alone. */
  webRoot: string | null;
  /** The clock every request reads "now" from (tests share a fixed one with the simulator). */
  now: () => number;
  metrics: Metrics;
  /** Alert rules, their evaluation, webhooks and their sender. */
  alerting: Alerting;
  /** Saved views, scheduled reports and their runner. */
  reporting: Reporting;
  /** Demo mode's in-process simulator (the degrade toggle drives it); null in live mode. */
  simulator: Simulator | null;
  /** Scheduled snapshots, when CALLBOARD_BACKUP_DIR is set (their state shows in /api/health for admins). */
  backups: BackupScheduler | null;
}
