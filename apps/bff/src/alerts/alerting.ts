// Alerts and webhooks assembled from what the server already has (app state, records store, sync engine):
// the stores, the evaluator and the sender, started and stopped together.
import type { AppStateStore } from '../app-state/app-state-store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RecordStore } from '../store/record-store.js';
import { WebhookSender } from '../webhooks/webhook-sender.js';
import { WebhookStore } from '../webhooks/webhook-store.js';
import { AlertEvaluator, type CoverageSource } from './alert-evaluator.js';
import { AlertStore } from './alert-store.js';

export interface Alerting {
  alerts: AlertStore;
  webhooks: WebhookStore;
  evaluator: AlertEvaluator;
  sender: WebhookSender;
  start(): void;
  stop(): Promise<void>;
}

export function createAlerting(deps: {
  state: AppStateStore;
  store: RecordStore;
  sync: CoverageSource;
  logger: Logger;
  now: () => number;
  config: Config['alerts'];
}): Alerting {
  const alerts = new AlertStore(deps.state.state);
  const webhooks = new WebhookStore(deps.state.state);
  const sender = new WebhookSender({
    store: webhooks,
    state: deps.state,
    logger: deps.logger.child({ component: 'webhooks' }),
    ...deps.config.webhooks,
  });
  const evaluator = new AlertEvaluator({
    alerts,
    webhooks,
    onQueued: () => sender.kick(),
    store: deps.store,
    sync: deps.sync,
    logger: deps.logger.child({ component: 'alerts' }),
    now: deps.now,
    intervalMs: deps.config.intervalMs,
  });
  return {
    alerts,
    webhooks,
    evaluator,
    sender,
    start() {
      evaluator.start();
      sender.start();
    },
    async stop() {
      await evaluator.stop();
      await sender.stop();
    },
  };
}
