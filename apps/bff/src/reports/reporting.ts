// Saved views and scheduled reports assembled from what the server already has (app state, records store,
// sync engine, the alerts' webhooks and sender): the stores and the runner, started and stopped together.
import type { Alerting } from '../alerts/alerting.js';
import type { AppStateStore } from '../app-state/app-state-store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RecordStore } from '../store/record-store.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import { ReportRunner } from './report-runner.js';
import { ReportStore } from './report-store.js';
import { ViewStore } from './view-store.js';

export interface Reporting {
  views: ViewStore;
  reports: ReportStore;
  runner: ReportRunner;
}

export function createReporting(deps: {
  state: AppStateStore;
  store: RecordStore;
  sync: SyncEngine;
  alerting: Alerting;
  config: Config;
  logger: Logger;
  now: () => number;
  leaseMs?: number;
}): Reporting {
  const views = new ViewStore(deps.state.state);
  const reports = new ReportStore(deps.state.state);
  const runner = new ReportRunner({
    reports,
    views,
    webhooks: deps.alerting.webhooks,
    state: deps.state,
    store: deps.store,
    sync: deps.sync,
    config: deps.config,
    logger: deps.logger.child({ component: 'reports' }),
    now: deps.now,
    coverageWaitMs: deps.config.reports.coverageWaitMs,
    ...(deps.leaseMs ? { leaseMs: deps.leaseMs } : {}),
    onQueued: () => deps.alerting.sender.kick(),
  });
  return { views, reports, runner };
}
