// Scheduled reports and their runs in the app state. Exactly once, also with several replicas on PostgreSQL:
// a due occurrence is queued by the one replica whose conditional UPDATE moves `next_run_at` on (the run's
// unique `run_key` is a second lock), and a queued run is claimed atomically (UPDATE … RETURNING over rows
// locked FOR UPDATE SKIP LOCKED) with a lease the runner renews; a runner that dies leaves a claim that runs
// out, and the next runner (after a restart, or another replica) takes the run over. Only the claim holder
// can finish a run, so its outcome, audit entry and webhook delivery are recorded once.
import { randomUUID } from 'node:crypto';
import { type Comparison, nextRunAfter, type RunState, type Schedule } from '@callboard/contracts';
import type { ExpressionBuilder } from 'kysely';
import {
  type AppStateDb,
  type AppStateTables,
  type AppStateTransaction,
  countRows,
} from '../app-state/app-state-db.js';

export interface StoredReport {
  id: number;
  viewId: number;
  schedule: Schedule;
  webhookId: number | null;
  keepRuns: number;
  nextRunAt: number | null;
  enabled: boolean;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CurrencyTotal {
  currency: string;
  calls: number;
  cost: string;
}

export interface StoredRun {
  id: number;
  reportId: number;
  runKey: string;
  viewName: string;
  owner: string | null;
  shared: boolean;
  usesMoney: boolean;
  trigger: 'schedule' | 'manual';
  triggeredBy: string | null;
  dueAt: number;
  state: RunState;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
  exportQuery: string | null;
  rows: number | null;
  bytes: number | null;
  file: string | null;
  fileName: string | null;
  missing: Array<{ from: string; to: string }>;
  totals: CurrencyTotal[];
  comparison: Comparison | null;
  error: string | null;
}

/** How a run ended: its final state and time, and the figures the run record keeps. */
export type RunOutcome = { state: 'done' | 'incomplete' | 'failed'; at: number } & Pick<
  StoredRun,
  'exportQuery' | 'rows' | 'bytes' | 'file' | 'fileName' | 'missing' | 'totals' | 'comparison' | 'error'
>;

export const MAX_REPORTS = 200;

const num = (v: number | string | null) => (v === null ? null : Number(v));
const json = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T));

export class ReportStore {
  constructor(private readonly state: AppStateDb) {}

  private get db() {
    return this.state.db;
  }

  async list(): Promise<StoredReport[]> {
    return (await this.db.selectFrom('reports').selectAll().orderBy('id').execute()).map(toReport);
  }

  async get(id: number): Promise<StoredReport | null> {
    const row = await this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toReport(row) : null;
  }

  async count(): Promise<number> {
    return countRows(this.db, 'reports');
  }

  async create(input: Omit<StoredReport, 'id' | 'createdAt' | 'updatedAt' | 'nextRunAt'> & { now: number }) {
    const row = await this.db
      .insertInto('reports')
      .values({
        view_id: input.viewId,
        schedule: JSON.stringify(input.schedule),
        webhook_id: input.webhookId,
        keep_runs: input.keepRuns,
        next_run_at: input.enabled ? nextRunAfter(input.schedule, input.now) : null,
        enabled: this.state.bool(input.enabled),
        created_by: input.createdBy,
        created_at: input.now,
        updated_at: input.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async update(
    id: number,
    change: Partial<Pick<StoredReport, 'schedule' | 'webhookId' | 'keepRuns' | 'enabled'>>,
    now: number,
  ): Promise<void> {
    const current = await this.get(id);
    if (!current) return;
    const schedule = change.schedule ?? current.schedule;
    const enabled = change.enabled ?? current.enabled;
    await this.db
      .updateTable('reports')
      .set({
        schedule: JSON.stringify(schedule),
        ...(change.webhookId === undefined ? {} : { webhook_id: change.webhookId }),
        ...(change.keepRuns === undefined ? {} : { keep_runs: change.keepRuns }),
        enabled: this.state.bool(enabled),
        // A new schedule (or switching back on) plans from now: missed runs of the old one are not made up.
        next_run_at: enabled ? nextRunAfter(schedule, now) : null,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('reports').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Enabled reports whose next run has come. */
  async due(now: number): Promise<StoredReport[]> {
    return (
      await this.db
        .selectFrom('reports')
        .selectAll()
        .where('enabled', '=', this.state.bool(true))
        .where('next_run_at', '<=', now)
        .execute()
    ).map(toReport);
  }

  /**
   * Queues the occurrence of `report` due at `dueAt` and moves its next run on, if `next_run_at` still says
   * `dueAt` (another replica may have done it a moment ago); the run's id, or null when someone else did.
   * Occurrences missed while every instance was down are queued once, as this one (the latest due).
   */
  async queueScheduled(
    report: StoredReport,
    dueAt: number,
    now: number,
    snapshot: Pick<StoredRun, 'viewName' | 'owner' | 'shared' | 'usesMoney'>,
  ): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('reports')
        .set({ next_run_at: nextRunAfter(report.schedule, Math.max(now, dueAt)) })
        .where('id', '=', report.id)
        .where('next_run_at', '=', dueAt)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return null;
      return insertRun(trx, this.state, {
        reportId: report.id,
        runKey: `schedule:${report.id}:${dueAt}`,
        trigger: 'schedule',
        triggeredBy: null,
        dueAt,
        ...snapshot,
      });
    });
  }

  /** Queues a run asked for now (the API, the CLI). */
  async queueManual(
    reportId: number,
    now: number,
    triggeredBy: string | null,
    snapshot: Pick<StoredRun, 'viewName' | 'owner' | 'shared' | 'usesMoney'>,
  ): Promise<number> {
    const id = await this.db.transaction().execute((trx) =>
      insertRun(trx, this.state, {
        reportId,
        runKey: `manual:${randomUUID()}`,
        trigger: 'manual',
        triggeredBy,
        dueAt: now,
        ...snapshot,
      }),
    );
    return id!;
  }

  /**
   * Claims the oldest queued run (or one whose runner's lease ran out) for `owner` until `now + leaseMs`,
   * atomically; empty when there is none. A list: PostgreSQL may evaluate the locking sub-select more than
   * once within the UPDATE and so claim more than one row, and every claimed row must be run.
   */
  async claimNext(owner: string, now: number, leaseMs: number): Promise<StoredRun[]> {
    const claimable = (eb: ExpressionBuilder<AppStateTables, 'report_runs'>) =>
      eb.or([
        eb('state', '=', 'pending'),
        eb.and([eb('state', '=', 'running'), eb('claimed_until', '<', now)]),
      ]);
    let next = this.db
      .selectFrom('report_runs')
      .select('id')
      .where(claimable)
      .orderBy('due_at')
      .orderBy('id')
      .limit(1);
    if (this.state.dialect === 'postgres') next = next.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('report_runs')
      .set((eb) => ({
        state: 'running',
        claimed_by: owner,
        claimed_until: now + leaseMs,
        started_at: now,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', next)
      // Checked again on the row: under read committed a row claimed meanwhile no longer matches.
      .where(claimable)
      .returningAll()
      .execute();
    return rows.map(toRun);
  }

  /** Extends `owner`'s claim (a long wait for coverage, a long export); false when it lost the run. */
  async renewClaim(runId: number, owner: string, until: number): Promise<boolean> {
    const result = await this.db
      .updateTable('report_runs')
      .set({ claimed_until: until })
      .where('id', '=', runId)
      .where('claimed_by', '=', owner)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records the outcome if `owner` still holds the claim (in `trx`, with what must happen with it); false when lost. */
  async finish(
    runId: number,
    owner: string,
    outcome: RunOutcome,
    trx: AppStateTransaction,
  ): Promise<boolean> {
    const result = await trx
      .updateTable('report_runs')
      .set({
        state: outcome.state,
        finished_at: outcome.at,
        claimed_by: null,
        claimed_until: null,
        export_query: outcome.exportQuery,
        rows: outcome.rows,
        bytes: outcome.bytes,
        file: outcome.file,
        file_name: outcome.fileName,
        missing: JSON.stringify(outcome.missing),
        totals: JSON.stringify(outcome.totals),
        comparison: outcome.comparison === null ? null : JSON.stringify(outcome.comparison),
        error: outcome.error,
      })
      .where('id', '=', runId)
      .where('claimed_by', '=', owner)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async run(id: number): Promise<StoredRun | null> {
    const row = await this.db.selectFrom('report_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRun(row) : null;
  }

  async runs(filter: { reportId?: number; before?: number; limit: number }): Promise<StoredRun[]> {
    let query = this.db.selectFrom('report_runs').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.reportId !== undefined) query = query.where('report_id', '=', filter.reportId);
    if (filter.before !== undefined) query = query.where('due_at', '<', filter.before);
    return (await query.execute()).map(toRun);
  }

  /** The newest run of each report. */
  async lastRuns(): Promise<Map<number, StoredRun>> {
    const newest = this.db
      .selectFrom('report_runs')
      .select((eb) => eb.fn.max('id').as('id'))
      .groupBy('report_id');
    const rows = await this.db.selectFrom('report_runs').selectAll().where('id', 'in', newest).execute();
    return new Map(rows.map((r) => [Number(r.report_id), toRun(r)]));
  }

  /** Finished runs of a report beyond the newest `keep` that still have a file: retention removes those files. */
  async beyondRetention(reportId: number, keep: number): Promise<StoredRun[]> {
    const rows = await this.db
      .selectFrom('report_runs')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('state', 'in', ['done', 'incomplete'])
      .orderBy('id', 'desc')
      .offset(keep)
      .limit(1000)
      .execute();
    return rows.map(toRun).filter((r) => r.file !== null);
  }

  async forgetFile(runId: number): Promise<void> {
    await this.db.updateTable('report_runs').set({ file: null }).where('id', '=', runId).execute();
  }
}

async function insertRun(
  trx: AppStateTransaction,
  state: AppStateDb,
  run: Pick<
    StoredRun,
    | 'reportId'
    | 'runKey'
    | 'trigger'
    | 'triggeredBy'
    | 'dueAt'
    | 'viewName'
    | 'owner'
    | 'shared'
    | 'usesMoney'
  >,
): Promise<number | null> {
  const row = await trx
    .insertInto('report_runs')
    .values({
      report_id: run.reportId,
      run_key: run.runKey,
      view_name: run.viewName,
      owner: run.owner,
      shared: state.bool(run.shared),
      uses_money: state.bool(run.usesMoney),
      trigger: run.trigger,
      triggered_by: run.triggeredBy,
      due_at: run.dueAt,
      state: 'pending',
      claimed_by: null,
      claimed_until: null,
      started_at: null,
      finished_at: null,
      export_query: null,
      rows: null,
      bytes: null,
      file: null,
      file_name: null,
      missing: null,
      totals: null,
      comparison: null,
      error: null,
    })
    .onConflict((oc) => oc.column('run_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

function toReport(row: {
  id: number | string;
  view_id: number | string;
  schedule: string;
  webhook_id: number | string | null;
  keep_runs: number;
  next_run_at: number | string | null;
  enabled: number | boolean;
  created_by: string | null;
  created_at: number | string;
  updated_at: number | string;
}): StoredReport {
  return {
    id: Number(row.id),
    viewId: Number(row.view_id),
    schedule: JSON.parse(row.schedule) as Schedule,
    webhookId: num(row.webhook_id),
    keepRuns: Number(row.keep_runs),
    nextRunAt: num(row.next_run_at),
    enabled: row.enabled === true || row.enabled === 1,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toRun(row: {
  id: number | string;
  report_id: number | string;
  run_key: string;
  view_name: string;
  owner: string | null;
  shared: number | boolean;
  uses_money: number | boolean;
  trigger: string;
  triggered_by: string | null;
  due_at: number | string;
  state: string;
  attempts: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
  export_query: string | null;
  rows: number | string | null;
  bytes: number | string | null;
  file: string | null;
  file_name: string | null;
  missing: string | null;
  totals: string | null;
  comparison: string | null;
  error: string | null;
}): StoredRun {
  return {
    id: Number(row.id),
    reportId: Number(row.report_id),
    runKey: row.run_key,
    viewName: row.view_name,
    owner: row.owner,
    shared: row.shared === true || row.shared === 1,
    usesMoney: row.uses_money === true || row.uses_money === 1,
    trigger: row.trigger as 'schedule' | 'manual',
    triggeredBy: row.triggered_by,
    dueAt: Number(row.due_at),
    state: row.state as RunState,
    attempts: Number(row.attempts),
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
    exportQuery: row.export_query,
    rows: num(row.rows),
    bytes: num(row.bytes),
    file: row.file,
    fileName: row.file_name,
    missing: json(row.missing, []),
    totals: json(row.totals, []),
    comparison: json(row.comparison, null),
    error: row.error,
  };
}
