// Evaluates every enabled rule against the store: after a sync window commits (debounced, so a backfill's
// hundred windows cause a handful of evaluations) and on a timer while syncs are idle. A window the sync has
// not covered is "no data", never zero calls. A state change is recorded once (compare-and-set on the
// rule's seq) together with its deliveries, then the sender is woken.
import { type Coverage, DAY_MS } from '@callboard/contracts';
import type { AppStateTransaction } from '../app-state/app-state-db.js';
import type { Logger } from '../logger.js';
import type { RecordStore, SummaryFigures } from '../store/record-store.js';
import type { WebhookStore } from '../webhooks/webhook-store.js';
import { alertPayload } from './alert-payloads.js';
import type { AlertStore, ObservationRecord, StoredEvent, StoredRule, StoredSample } from './alert-store.js';
import { eventView } from './alert-views.js';
import {
  budgetFigures,
  decimalText,
  measure,
  NO_DATA,
  type Observation,
  observeBudget,
  observeThreshold,
  ruleFilters,
  ruleSpan,
  summaryShortCallSeconds,
  transition,
} from './rule-math.js';

export interface CoverageSource {
  coverage(from: number | null, to: number | null): Promise<Coverage>;
  readonly events: NodeJS.EventEmitter;
}

export interface AlertEvaluatorOptions {
  alerts: AlertStore;
  webhooks: WebhookStore;
  /** Woken when a state change queued deliveries. */
  onQueued: () => void;
  store: RecordStore;
  sync: CoverageSource;
  logger: Logger;
  now: () => number;
  /** The idle timer: every rule is evaluated at least this often. */
  intervalMs: number;
  /** How long after a window commits the evaluation starts (more commits within it join the same one). */
  debounceMs?: number;
}

/** A chart point at most this often per rule (evaluations during a backfill come much faster). */
const SAMPLE_GAP_MS = 30_000;
/** Chart points are kept this long. */
const SAMPLE_KEEP_MS = 35 * DAY_MS;
const HOUR_MS = 3_600_000;
/** Hours of history a new rule's chart starts with. */
const BACKFILL_HOURS = 24;

export class AlertEvaluator {
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private lastRun = 0;
  private lastPrune = 0;
  private readonly onCommit = () => this.soon();
  /** Histories being measured for charts: stop() waits for them, so no query outlives the store. */
  private readonly charting = new Set<Promise<void>>();

  constructor(private readonly options: AlertEvaluatorOptions) {}

  start(): void {
    this.options.sync.events.on('window-committed', this.onCommit);
    this.timer = setInterval(() => {
      // Idle syncs: nothing commits, but windows roll on and the budget's month moves; evaluate anyway.
      if (Date.now() - this.lastRun >= this.options.intervalMs / 2) this.request();
    }, this.options.intervalMs);
    this.timer.unref();
    this.request();
  }

  /** Evaluates after the debounce; more calls within it share one evaluation. */
  soon(): void {
    if (this.stopping || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.request();
    }, this.options.debounceMs ?? 1_000);
    this.debounce.unref();
  }

  /** Evaluates every rule now (or right after the running evaluation); errors are logged, never thrown. */
  request(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.evaluateAll()
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error },
          'alert evaluation failed; it runs again after the next sync or tick',
        ),
      )
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.request();
        }
      });
  }

  /** Resolves when no evaluation or chart history is running or queued (tests). */
  async idle(): Promise<void> {
    while (this.running || this.debounce || this.charting.size > 0) {
      if (this.running) await this.running;
      else if (this.debounce) await new Promise((resolve) => setTimeout(resolve, 20));
      else await Promise.all([...this.charting]);
    }
  }

  async evaluateAll(): Promise<void> {
    this.lastRun = Date.now();
    const rules = await this.options.alerts.enabledRules();
    // Rules asking the same question (span, scope, short-call seconds) share one summary.
    const summaries = new Map<string, Promise<SummaryFigures>>();
    for (const rule of rules) {
      if (this.stopping) return;
      try {
        await this.evaluate(rule, summaries);
      } catch (error) {
        this.options.logger.error({ err: error, rule: rule.id }, 'could not evaluate an alert rule');
      }
    }
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      await this.options.alerts.pruneSamples(this.options.now() - SAMPLE_KEEP_MS);
    }
  }

  /** Evaluates one rule; returns the state change it recorded, if any. */
  async evaluate(
    rule: StoredRule,
    summaries = new Map<string, Promise<SummaryFigures>>(),
  ): Promise<StoredEvent | null> {
    const { alerts } = this.options;
    const now = this.options.now();
    const { observation, record } = await this.observe(rule, now, summaries);
    const next = transition(rule.state, observation);
    let event: StoredEvent | null = null;
    if (next) {
      event = await alerts.recordTransition(
        rule,
        { fromSeq: rule.state.seq, next, at: now, observation: record },
        (trx, change) => this.queueDeliveries(trx, change),
      );
      if (event) {
        this.options.logger.info(
          { rule: rule.id, state: event.state, level: event.level, event: event.id },
          'alert state changed',
        );
        this.options.onQueued();
      }
    }
    if (!event) await alerts.recordEvaluation(rule.id, observation.status, record, now);
    await alerts.addSample(
      rule.id,
      { at: now, status: observation.status, value: record.value, calls: record.calls },
      SAMPLE_GAP_MS,
    );
    return event;
  }

  /** What the rule sees at `at`: its window ending then, "no data" where the ledger does not cover it. */
  private async observe(
    rule: StoredRule,
    at: number,
    summaries: Map<string, Promise<SummaryFigures>>,
  ): Promise<{ observation: Observation; record: ObservationRecord }> {
    const { store, sync } = this.options;
    const d = rule.definition;
    const span = ruleSpan(d, at);
    const record: ObservationRecord = {
      status: 'no_data',
      value: null,
      calls: null,
      window: span,
      missing: [],
      threshold: d.metric === 'spend' || d.metric === 'budget' ? d.amount : String(d.threshold),
      currency: d.metric === 'spend' || d.metric === 'budget' ? d.currency : null,
      budget: null,
      tz: d.tz,
    };
    let observation: Observation = NO_DATA;
    const coverage = await sync.coverage(span.from, span.to);
    if (!coverage.complete) {
      record.missing = coverage.missing;
    } else {
      const filters = ruleFilters(d, span);
      const shortCallSeconds = summaryShortCallSeconds(d);
      const key = JSON.stringify([filters, shortCallSeconds]);
      let summary = summaries.get(key);
      if (!summary) {
        summary = store.summary(filters, shortCallSeconds);
        summaries.set(key, summary);
      }
      const measurement = measure(d, await summary);
      record.value = measurement.value === null ? null : decimalText(measurement.value);
      record.calls = measurement.calls;
      if (d.metric === 'budget') {
        const figures = budgetFigures(d, measurement.value!, at);
        record.budget = {
          spent: decimalText(figures.spent),
          forecast: decimalText(figures.forecast),
          percentUsed: decimalText(figures.percentUsed),
          monthFrom: figures.month.from,
          monthTo: figures.month.to,
        };
        observation = observeBudget(d, figures, rule.state);
      } else {
        observation = observeThreshold(d, measurement);
      }
    }
    record.status = observation.status;
    return { observation, record };
  }

  /**
   * A new or changed rule's chart starts with history: its metric at each of the last 24 whole hours, measured
   * from the archive exactly as an evaluation then would have (its window ending at that hour). Rules charted
   * together share the summaries they have in common. Budgets chart their month from the store instead. Runs in
   * the background; a failure only leaves the chart shorter.
   */
  backfillSamples(ruleIds: number[]): void {
    const run = async () => {
      const rules = (await Promise.all(ruleIds.map((id) => this.options.alerts.getRule(id)))).filter(
        (rule): rule is StoredRule => rule !== null && rule.definition.metric !== 'budget',
      );
      const lastHour = Math.floor(this.options.now() / HOUR_MS) * HOUR_MS;
      const samples = new Map(rules.map((rule) => [rule.id, [] as StoredSample[]]));
      for (let i = BACKFILL_HOURS - 1; i >= 0 && !this.stopping; i--) {
        const at = lastHour - i * HOUR_MS;
        const summaries = new Map<string, Promise<SummaryFigures>>();
        for (const rule of rules) {
          const { record } = await this.observe(rule, at, summaries);
          samples.get(rule.id)!.push({ at, status: record.status, value: record.value, calls: record.calls });
        }
      }
      for (const [id, points] of samples) await this.options.alerts.addSamples(id, points);
    };
    const charting = run()
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error, rules: ruleIds }, 'could not chart the history of rules'),
      )
      .finally(() => this.charting.delete(charting));
    this.charting.add(charting);
  }

  /** One delivery per webhook receiving this kind, queued in the transaction that records the change. */
  private async queueDeliveries(trx: AppStateTransaction, event: StoredEvent): Promise<void> {
    const view = eventView(event);
    for (const webhook of await this.options.webhooks.receiversOf(event.kind, trx)) {
      const payload = alertPayload(view, webhook.format);
      await this.options.webhooks.enqueue(
        {
          webhookId: webhook.id,
          topic: 'alert',
          eventKey: `alert-event-${event.id}`,
          event: payload.event,
          kind: event.kind,
          body: payload.body,
          now: Date.now(),
        },
        trx,
      );
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.options.sync.events.off('window-committed', this.onCommit);
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    await this.running;
    await Promise.all([...this.charting]);
  }
}
