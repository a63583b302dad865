// Runs scheduled reports. Each tick queues the occurrences that have come (once across replicas: see
// report-store.ts), then claims queued runs one by one and runs them: resolve the saved view at the run's due
// time, wait (bounded) until the sync has covered the range, stream the CSV into a file under the data
// directory with the exact bytes `/api/export.csv` serves for the same query, compare with the previous period,
// and record the outcome, an audit entry and an optional signed webhook delivery, once. Everything it does in
// the background catches its own errors.

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import {
  type Coverage,
  CSV_BOM,
  can,
  createZonedFormatter,
  DEFAULT_SORT,
  exportQuerySchema,
  MONEY_COLUMN_IDS,
  queryFromSearchParams,
  RECORD_COLUMN_IDS,
  type RecordColumnId,
  recordCsvColumns,
  recordCsvHeader,
  toSearchParams,
  viewExportQuery,
  viewMoneyParts,
} from '@callboard/contracts';
import type { AppStateStore } from '../app-state/app-state-store.js';
import type { Config } from '../config.js';
import { AppError } from '../http/app-error.js';
import { type BoundedFilters, resolve } from '../http/filters.js';
import type { Logger } from '../logger.js';
import type { RecordStore } from '../store/record-store.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { WebhookStore } from '../webhooks/webhook-store.js';
import { comparePeriods } from './comparison.js';
import { reportWebhookBody } from './report-payload.js';
import type { ReportStore, RunOutcome, StoredRun } from './report-store.js';
import type { StoredView, ViewStore } from './view-store.js';

export interface ReportRunnerOptions {
  reports: ReportStore;
  views: ViewStore;
  webhooks: WebhookStore;
  state: AppStateStore;
  store: RecordStore;
  sync: Pick<SyncEngine, 'coverage' | 'request' | 'horizon' | 'events'>;
  config: Pick<Config, 'dataDir' | 'defaultTimeZone' | 'limits'>;
  logger: Logger;
  /** The clock schedules are planned on (tests share a fixed one with the simulator). */
  now: () => number;
  /** How long a run waits for the sync to cover its range before it writes what is stored, marked incomplete. */
  coverageWaitMs: number;
  /** A claim lasts this long without renewal: the takeover delay after a runner dies mid-run. */
  leaseMs?: number;
  /** How often due reports are looked for when nothing kicks the runner. */
  pollMs?: number;
  /** A webhook delivery was queued (the sender looks at once). */
  onQueued: () => void;
}

/** Report files live here, under the data directory: `reports/<report id>/run-<run id>.csv`. */
export const REPORTS_DIR = 'reports';

export class ReportRunner {
  /** Who holds a claim: unique per process, so a restarted instance never mistakes an old claim for its own. */
  readonly owner = `reports-${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private started = false;
  private readonly leaseMs: number;

  constructor(private readonly options: ReportRunnerOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  start(): void {
    this.started = true;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 5_000);
    this.timer.unref();
    this.kick();
  }

  /** Looks for due and queued runs now (once started); never throws, never leaves a promise floating. */
  kick(): void {
    if (this.stopping || !this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.tick()
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error },
          'reports: could not read the schedule; trying again shortly',
        ),
      )
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no tick is running (tests wait for the runner to settle). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Queues the occurrences that have come, then runs every queued run this instance can claim. */
  async tick(): Promise<void> {
    const { reports, views, now } = this.options;
    for (const report of await reports.due(now())) {
      const view = await views.get(report.viewId);
      if (!view || report.nextRunAt === null) continue;
      const id = await reports.queueScheduled(report, report.nextRunAt, now(), snapshotOf(view));
      if (id !== null) this.options.logger.info({ report: report.id, run: id }, 'report run queued');
    }
    for (;;) {
      if (this.stopping) return;
      const claimed = await reports.claimNext(this.owner, now(), this.leaseMs);
      if (claimed.length === 0) return;
      for (const run of claimed) await this.execute(run);
    }
  }

  private async execute(run: StoredRun): Promise<void> {
    const { reports, logger } = this.options;
    // The claim is renewed while the run waits and writes, so only a dead runner loses it.
    const heartbeat = setInterval(
      () => {
        reports
          .renewClaim(run.id, this.owner, this.options.now() + this.leaseMs)
          .catch((error: unknown) =>
            logger.warn({ err: error, run: run.id }, 'could not renew a report claim'),
          );
      },
      Math.max(1_000, Math.floor(this.leaseMs / 3)),
    );
    heartbeat.unref();
    let outcome: RunOutcome;
    let temporary: string | null = null;
    try {
      const produced = await this.produce(run, (file) => {
        temporary = file;
      });
      outcome = produced;
    } catch (error) {
      const message =
        error instanceof AppError || error instanceof RunRefused
          ? error.message
          : 'the run failed on the server; the log has the details';
      if (!(error instanceof AppError || error instanceof RunRefused))
        logger.error({ err: error, run: run.id }, 'report run failed');
      outcome = emptyOutcome('failed', this.options.now(), message);
    } finally {
      clearInterval(heartbeat);
    }
    await this.record(run, outcome, temporary);
  }

  /** Writes the run's file and figures; the file goes to its final name only when the claim still holds. */
  private async produce(run: StoredRun, wroteTemporary: (file: string) => void): Promise<RunOutcome> {
    const { reports, views, state, store, config } = this.options;
    const report = await reports.get(run.reportId);
    const view = report ? await views.get(report.viewId) : null;
    if (!report || !view) throw new RunRefused('the report or its saved view was deleted before it ran');
    // The view runs with its owner's role: a view showing money never runs for an owner who may not see it.
    const owner = view.owner ? await state.findUser(view.owner) : null;
    const ownerSeesMoney = owner !== null && !owner.disabled && can(owner.role, 'money:read');
    const moneyParts = viewMoneyParts(view.page, view.params);
    if (moneyParts.length > 0 && !ownerSeesMoney) {
      throw new RunRefused(`the view shows ${moneyParts.join(' and ')}, which its owner's role may not see`);
    }
    const raw = viewExportQuery(view.params, config.defaultTimeZone, run.dueAt);
    const query = exportQuerySchema.parse(queryFromSearchParams(toSearchParams(raw)));
    const filters = await resolve(query, { config: config as Config, store, now: () => run.dueAt });
    const coverage = await this.waitForCoverage(filters);
    // Without chosen columns the file has every column, money ones only when the view itself shows money, so
    // a view any role may open never yields a file with amounts.
    const columns: RecordColumnId[] =
      query.columns ??
      RECORD_COLUMN_IDS.filter((id) => moneyParts.length > 0 || !MONEY_COLUMN_IDS.includes(id));
    const sort = query.sort ?? DEFAULT_SORT;
    // The query `/api/export.csv` answers with the same bytes: the range pinned to the instants resolved here.
    const exportQuery = toSearchParams({
      ...raw,
      from: new Date(filters.from).toISOString(),
      to: new Date(filters.to).toISOString(),
      columns,
      sort: `${sort.field}:${sort.direction}`,
    }).toString();

    const dir = path.join(config.dataDir, REPORTS_DIR, String(report.id));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const relative = path.join(REPORTS_DIR, String(report.id), `run-${run.id}.csv`);
    const temporary = path.join(dir, `.run-${run.id}-${this.owner}.tmp`);
    wroteTemporary(temporary);
    const csvColumns = recordCsvColumns(columns, filters.tz);
    const out = createWriteStream(temporary, { mode: 0o600 });
    let rows = 0;
    try {
      out.write(CSV_BOM + recordCsvHeader(csvColumns));
      for await (const chunk of store.exportCsv(filters, sort, csvColumns)) {
        rows += chunk.rows;
        if (!out.write(chunk.text)) await once(out, 'drain');
      }
      out.end();
      await finished(out);
    } catch (error) {
      out.destroy();
      throw error;
    }
    const { comparison } = await comparePeriods(store, filters);
    return {
      state: coverage.complete ? 'done' : 'incomplete',
      at: this.options.now(),
      exportQuery,
      rows,
      bytes: (await stat(temporary)).size,
      file: relative,
      fileName: downloadName(view, filters),
      missing: coverage.missing,
      totals: comparison.currencies.map((c) => ({
        currency: c.currency,
        calls: Number(c.calls.current),
        cost: c.cost?.current ?? '0',
      })),
      comparison,
      error: coverage.complete
        ? null
        : 'the sync had not covered the whole range when the wait ran out: the file holds what was stored',
    };
  }

  /** Waits until the sync covers the range, at most `coverageWaitMs`; the last coverage seen. */
  private async waitForCoverage(filters: BoundedFilters): Promise<Coverage> {
    const { sync, coverageWaitMs } = this.options;
    const deadline = Date.now() + coverageWaitMs;
    let requested = false;
    for (;;) {
      const coverage = await sync.coverage(filters.from, filters.to);
      const remaining = deadline - Date.now();
      if (coverage.complete || remaining <= 0 || this.stopping) return coverage;
      if (!requested && filters.to > sync.horizon()) {
        await sync.request(filters.from, filters.to, 'on-demand');
        requested = true;
      }
      await once(sync.events, 'window-committed', {
        signal: AbortSignal.timeout(Math.min(remaining, 5_000)),
      }).catch(() => undefined);
    }
  }

  /** Records the outcome once (the claim holder only), with its webhook delivery, then audit and retention. */
  private async record(run: StoredRun, outcome: RunOutcome, temporary: string | null): Promise<void> {
    const { reports, webhooks, state, config, logger } = this.options;
    const report = await reports.get(run.reportId);
    const webhook = report?.webhookId ? await webhooks.get(report.webhookId) : null;
    if (temporary && outcome.file) await rename(temporary, path.join(config.dataDir, outcome.file));
    else if (temporary) await rm(temporary, { force: true });
    const recorded = await state.state.db.transaction().execute(async (trx) => {
      if (!(await reports.finish(run.id, this.owner, outcome, trx))) return false;
      if (webhook?.enabled) {
        const kind = webhook.kinds.includes('spend') ? 'spend' : 'quality';
        // A run showing money only goes to a webhook that receives spend alerts.
        if (!run.usesMoney || kind === 'spend') {
          const payload = reportWebhookBody(run, outcome, webhook.format, kind === 'spend');
          await webhooks.enqueue(
            {
              webhookId: webhook.id,
              topic: 'report',
              eventKey: `report-run:${run.id}`,
              event: payload.event,
              kind,
              body: payload.body,
              now: outcome.at,
            },
            trx,
          );
        }
      }
      return true;
    });
    const context = { run: run.id, report: run.reportId, state: outcome.state, rows: outcome.rows };
    if (!recorded) {
      logger.warn(
        context,
        'report run: the claim expired before the run was recorded (another runner took it)',
      );
      return;
    }
    logger.info(context, 'report run finished');
    if (webhook?.enabled) this.options.onQueued();
    await state
      .audit({
        username: null,
        action: 'report-run',
        detail: {
          run: run.id,
          report: run.reportId,
          view: run.viewName,
          trigger: run.trigger,
          state: outcome.state,
          rows: outcome.rows,
          error: outcome.error,
        },
        ip: null,
      })
      .catch((error: unknown) =>
        logger.error({ err: error }, 'could not write the report run to the audit log'),
      );
    if (report) await this.applyRetention(report.id, report.keepRuns);
  }

  /** Removes the files of a report's runs beyond its newest `keep`; the runs stay listed, without a file. */
  private async applyRetention(reportId: number, keep: number): Promise<void> {
    const { reports, config, logger } = this.options;
    try {
      for (const old of await reports.beyondRetention(reportId, keep)) {
        await rm(path.join(config.dataDir, old.file!), { force: true });
        await reports.forgetFile(old.id);
      }
    } catch (error) {
      logger.warn({ err: error, report: reportId }, 'could not remove old report files');
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}

/** A run that cannot be made, with a message for the Reports page. */
class RunRefused extends Error {}

function emptyOutcome(state: 'failed', at: number, error: string): RunOutcome {
  return {
    state,
    at,
    exportQuery: null,
    rows: null,
    bytes: null,
    file: null,
    fileName: null,
    missing: [],
    totals: [],
    comparison: null,
    error,
  };
}

export function snapshotOf(view: StoredView) {
  return {
    viewName: view.name,
    owner: view.owner,
    shared: view.shared,
    usesMoney: viewMoneyParts(view.page, view.params).length > 0,
  };
}

/** `last-month-eur-by-operator_2026-10-01_to_2026-10-31_Europe-London.csv` */
function downloadName(view: StoredView, filters: BoundedFilters): string {
  const slug =
    view.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'report';
  const day = createZonedFormatter(filters.tz).day;
  const zone = filters.tz.replace(/[^\w+-]+/g, '-');
  return `${slug}_${day(filters.from)}_to_${day(filters.to - 1)}_${zone}.csv`;
}
