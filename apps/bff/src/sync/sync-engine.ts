// Keeps the store an exact copy of the upstream. Time is cut into UTC-day windows (the ledger's unit);
// each window is paged in full, stored, and only then marked complete, in the same transaction as its last
// records. Recent windows are re-read on a schedule because recent calls still change; older complete
// windows are final. Jobs are queues of windows; the loop always takes the next window of the most urgent
// job, so a user's on-demand range overtakes a long backfill within one window.
import { EventEmitter } from 'node:events';
import type { Coverage, SyncJob, SyncStatus } from '@callboard/contracts';
import {
  DAY_MS,
  type ItnioClient,
  isItnioError,
  planWindows,
  RETENTION_SAFETY_MARGIN_MS,
  retentionHorizon,
} from '@callboard/itnio-client';
import type { Logger } from '../logger.js';
import { toStoredRecord } from '../store/record-mapping.js';
import type { LedgerWindow, RecordStore } from '../store/record-store.js';
import type { WindowLease } from './window-lease.js';

export type Trigger = SyncJob['trigger'];
type Window = { from: number; to: number };

export interface SyncEngineOptions {
  store: RecordStore;
  client: Pick<ItnioClient, 'pagesOf'>;
  logger: Logger;
  now?: () => number;
  /** Windows whose end is younger than this are re-read by the freshness schedule. */
  freshnessMs: number;
  intervalMs: number;
  /** Pages of one window fetched at once. */
  parallelism: number;
  backfill: boolean;
  /** Passes over a window whose pages disagreed (records arriving while paging) before reporting it. */
  maxPasses?: number;
  windowMs?: number;
  /** Records older than this are removed from the archive; undefined keeps everything (the default). */
  archiveMs?: number;
  /** Replicas sharing one database take a window's lease before syncing it; none for an embedded store. */
  lease?: WindowLease;
}

const PRIORITY: Record<Trigger, number> = { manual: 0, 'on-demand': 1, freshness: 2, backfill: 3 };
/** Within this much of the newest synced instant, "now" counts as covered: the schedule closes the gap. */
const PRESENT_SLACK_MS = 5 * 60_000;

interface JobState {
  job: SyncJob;
  windows: Window[];
  next: number;
  force: boolean;
  startedMs: number;
  pagesKnown: number;
  windowsWithKnownPages: number;
  abort: AbortController;
}

export interface UpstreamProblem {
  kind: string;
  message: string;
  at: string;
}

export class SyncEngine {
  readonly events = new EventEmitter();
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly maxPasses: number;
  private active: JobState[] = [];
  private recent: SyncJob[] = [];
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private jobCounter = 0;
  private lastEmit = 0;
  lastSuccessAt: number | null = null;
  upstreamError: UpstreamProblem | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? DAY_MS;
    this.maxPasses = options.maxPasses ?? 4;
    this.events.setMaxListeners(1000);
  }

  /** Reads when the last sync completed from the ledger, so a restarted server never says "Synced never". */
  async restoreLastSuccess(): Promise<void> {
    const ledger = await this.options.store.windowsBetween(this.horizon(), this.now());
    const newest = ledger
      .filter((w) => w.state === 'complete')
      .reduce((max, w) => Math.max(max, w.syncedAt), 0);
    if (newest > 0 && (this.lastSuccessAt === null || newest > this.lastSuccessAt))
      this.lastSuccessAt = newest;
  }

  /** Starts the schedule: a backfill of the retention horizon (newest first) and freshness re-reads. */
  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  private tick(): void {
    const now = this.now();
    if (this.options.archiveMs) {
      this.options.store
        .deleteBefore(now - this.options.archiveMs)
        .then(
          (n) => n > 0 && this.options.logger.info({ records: n }, 'archive retention: removed old records'),
        )
        .catch((error) => this.options.logger.error({ err: error }, 'archive retention failed'));
    }
    // A database blip makes these fail (the ledger read): logged and tried again at the next tick, never an
    // unhandled rejection that would stop the process (and, on every replica, stop them all).
    this.requestInBackground(now - this.options.freshnessMs, now, 'freshness');
    if (this.options.backfill) this.requestInBackground(this.horizon(), now, 'backfill');
  }

  /** A request from a timer or a route that does not wait for it: its failure is logged, never left floating. */
  requestInBackground(from: number, to: number, trigger: Trigger): void {
    this.request(from, to, trigger).catch((error: unknown) => {
      this.options.logger.error(
        { err: error, trigger },
        'could not plan a sync (the store is unreachable?); trying again later',
      );
    });
  }

  /** The oldest instant worth syncing: the upstream's retention (with a margin), or the archive's, if shorter. */
  horizon(): number {
    const now = this.now();
    const upstream = retentionHorizon(now) + RETENTION_SAFETY_MARGIN_MS;
    return this.options.archiveMs ? Math.max(upstream, now - this.options.archiveMs) : upstream;
  }

  /**
   * Queues the windows of [from, to) that need reading. Returns the job that will read them: an existing
   * job already covering the same windows is shared (single flight); null when nothing needs reading.
   */
  async request(from: number, to: number, trigger: Trigger): Promise<SyncJob | null> {
    const now = this.now();
    const start = Math.max(from, this.horizon());
    const end = Math.min(to, now);
    if (end <= start) return null;
    const force = trigger === 'manual';
    const ledger = await this.options.store.windowsBetween(start, end);
    const windows = this.grid(start, end).filter(
      (w) => force || this.needsSync(w, ledgerEntryFor(w, ledger), trigger, now),
    );
    if (windows.length === 0) return null;
    // Single flight: a job at least as urgent that still has every one of these windows pending is
    // shared. A user's request never joins a backfill (it would wait at backfill priority); windows the
    // other job finishes first are skipped by the ledger check in syncWindow.
    const keys = windows.map((w) => w.from);
    const shared = this.active.find((s) => {
      if (PRIORITY[s.job.trigger] > PRIORITY[trigger]) return false;
      const pending = new Set(s.windows.slice(s.next).map((w) => w.from));
      return keys.every((k) => pending.has(k));
    });
    if (shared) {
      this.kick();
      return shared.job;
    }
    const state: JobState = {
      job: {
        id: `sync-${++this.jobCounter}-${now.toString(36)}`,
        trigger,
        from: new Date(start).toISOString(),
        to: new Date(end).toISOString(),
        state: 'queued',
        windowsTotal: windows.length,
        windowsDone: 0,
        pagesTotal: 0,
        pagesDone: 0,
        recordsStored: 0,
        recordsPerSecond: 0,
        etaSeconds: null,
        startedAt: new Date(now).toISOString(),
        finishedAt: null,
        error: null,
        mismatches: [],
      },
      windows: windows.sort((a, b) => b.from - a.from),
      next: 0,
      force,
      startedMs: now,
      pagesKnown: 0,
      windowsWithKnownPages: 0,
      abort: new AbortController(),
    };
    this.active.push(state);
    this.emit(true);
    this.kick();
    return state.job;
  }

  /** Runs the loop unless it runs already; restarts it if a job arrived while it was winding down. */
  private kick(): void {
    this.loop ??= this.run()
      .catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'sync loop failed; it restarts with the next request'),
      )
      .finally(() => {
        this.loop = null;
        if (!this.stopping && this.active.some((s) => s.next < s.windows.length)) this.kick();
      });
  }

  /**
   * Whole UTC-day windows overlapping [from, to), clipped only to the horizon and the present, so a day keeps
   * one ledger row whatever range a user asks for. The cutting is the upstream client's planWindows (the
   * package that owns the vendor's limits); the day alignment and the archive horizon are the engine's.
   */
  private grid(from: number, to: number): Window[] {
    const now = this.now();
    const start = Math.max(Math.floor(from / this.windowMs) * this.windowMs, this.horizon());
    const end = Math.min(Math.ceil(to / this.windowMs) * this.windowMs, now);
    if (end <= start) return [];
    return planWindows({ from: start, to: end, now, stepMs: this.windowMs, alignToStep: true }).windows;
  }

  private needsSync(w: Window, entry: LedgerWindow | undefined, trigger: Trigger, now: number): boolean {
    if (!entry || entry.from > w.from) return true;
    const age = now - entry.syncedAt;
    // A window that never reconciled is read again (at most once per interval) until it does.
    if (entry.state === 'mismatch') return age >= this.options.intervalMs;
    const recent = w.to > now - this.options.freshnessMs;
    if (entry.coveredTo >= w.to && !recent) return false; // complete and final
    if (trigger === 'freshness') return recent && age >= this.options.intervalMs / 2;
    // On demand and backfill: only what is missing, not what the schedule keeps fresh anyway.
    return entry.coveredTo < w.to && age >= this.options.intervalMs;
  }

  private async run(): Promise<void> {
    // A window's save (merge + ledger row, one transaction) commits on the store's own threads while the next
    // window is already being paged: waiting for it stalled the upstream for ~100 ms per window. At most one
    // save is outstanding; the store's write lock keeps the next window's rows out of that transaction.
    let pending: { state: JobState; commit: Promise<void> } | null = null;
    const settle = async () => {
      if (!pending) return;
      const { state, commit } = pending;
      pending = null;
      try {
        await commit;
        if (state.job.finishedAt !== null) return;
        state.job.windowsDone++;
        if (state.job.windowsDone === state.windows.length) this.finish(state, null);
      } catch (error) {
        if (!this.stopping && state.job.finishedAt === null) this.finish(state, error);
      }
    };
    while (!this.stopping) {
      const state = this.active
        .filter((s) => s.next < s.windows.length)
        .sort((a, b) => PRIORITY[a.job.trigger] - PRIORITY[b.job.trigger])[0];
      if (!state) {
        if (!pending) break;
        await settle();
        this.emit(false);
        continue;
      }
      state.job.state = 'running';
      const window = state.windows[state.next]!;
      try {
        const { commit } = await this.syncLeasedWindow(state, window);
        state.next++;
        await settle();
        // Handled now (settle awaits it later), so a failed save is never an unhandled rejection.
        commit.catch(() => undefined);
        if (state.job.finishedAt === null) pending = { state, commit };
      } catch (error) {
        await settle();
        if (this.stopping) break;
        if (state.job.finishedAt === null) this.finish(state, error);
      }
      this.emit(false);
    }
    await settle();
  }

  /** syncWindow under the window's lease: waits while another replica holds it, keeps it until the save commits. */
  private async syncLeasedWindow(state: JobState, window: Window): Promise<{ commit: Promise<void> }> {
    const lease = this.options.lease;
    if (!lease) return this.syncWindow(state, window);
    const key = Math.floor(window.from / this.windowMs) * this.windowMs;
    while (!(await lease.tryAcquire(key))) {
      if (state.abort.signal.aborted || this.stopping)
        throw new Error('sync stopped while waiting for a window lease');
      await new Promise((resolve) => setTimeout(resolve, lease.retryMs));
    }
    const release = () => lease.release(key).catch(() => undefined);
    try {
      // syncWindow reads the ledger again: if the other replica completed the window meanwhile, it is skipped.
      const { commit } = await this.syncWindow(state, window);
      return { commit: commit.finally(release) };
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Pages one window into the store; resolves to its save (the window's commit), still in progress. */
  private async syncWindow(state: JobState, requested: Window): Promise<{ commit: Promise<void> }> {
    const { store, client, logger } = this.options;
    // The present is read up to the last whole second: calls still arriving fall outside the window,
    // so they cannot shift its pages.
    const to = Math.min(requested.to, Math.floor(this.now() / 1000) * 1000);
    const from = requested.from;
    if (to <= from) return { commit: Promise.resolve() };
    if (!state.force) {
      const [entry] = await store.windowsBetween(from, from + 1);
      if (
        entry &&
        entry.from <= from &&
        !this.needsSync({ from, to }, entry, state.job.trigger, this.now())
      ) {
        return { commit: Promise.resolve() };
      }
    }
    const seen = new Set<string>();
    let pages = 0;
    let total = 0;
    for (let pass = 1; pass <= this.maxPasses; pass++) {
      const totals = new Set<number>();
      let firstPage = true;
      for await (const page of client.pagesOf(
        { from, to },
        { parallelism: this.options.parallelism, signal: state.abort.signal },
      )) {
        if (firstPage && pass === 1) {
          state.pagesKnown += page.pages;
          state.windowsWithKnownPages++;
        }
        firstPage = false;
        totals.add(page.total);
        const syncedAt = this.now();
        const records = page.records.map((r) => toStoredRecord(r, syncedAt));
        for (const r of records) seen.add(r.voiceId);
        await store.upsertRecords(records);
        pages++;
        state.job.pagesDone++;
        state.job.recordsStored += records.length;
        this.emit(false);
      }
      total = Math.max(...totals, 0);
      if (totals.size <= 1 && seen.size === total) {
        const commit = store.saveWindow({
          from,
          to: requested.to,
          coveredTo: to,
          state: 'complete',
          upstreamTotal: total,
          stored: seen.size,
          pages,
          passes: pass,
          syncedAt: this.now(),
          error: null,
        });
        // Wrapped: an async function would otherwise wait for the promise it returns.
        return { commit: commit.then(() => this.committed({ from, to }, true)) };
      }
      logger.warn(
        { window: { from: iso(from), to: iso(to) }, pass, totals: [...totals], distinct: seen.size },
        'records moved while paging (page drift); reading the window again',
      );
    }
    const mismatch = { from: iso(from), to: iso(to), expected: total, stored: seen.size };
    state.job.mismatches.push(mismatch);
    logger.error(
      mismatch,
      'sync window still inconsistent after every pass: stored records differ from the upstream total',
    );
    const commit = store.saveWindow({
      from,
      to: requested.to,
      coveredTo: to,
      state: 'mismatch',
      upstreamTotal: total,
      stored: seen.size,
      pages,
      passes: this.maxPasses,
      syncedAt: this.now(),
      error: `upstream total ${total}, distinct records read ${seen.size}`,
    });
    return { commit: commit.then(() => this.committed({ from, to }, false)) };
  }

  /** A window's records and ledger row are committed: listeners (alert evaluation) may read them now. */
  private committed(window: Window, complete: boolean): void {
    if (complete) {
      this.lastSuccessAt = this.now();
      this.upstreamError = null;
    }
    try {
      this.events.emit('window-committed', window);
    } catch (error) {
      // A listener's failure is its own, never the window's: the save has committed.
      this.options.logger.error({ err: error }, 'a window-committed listener failed');
    }
  }

  private finish(state: JobState, error: unknown): void {
    const job = state.job;
    job.finishedAt = new Date(this.now()).toISOString();
    job.etaSeconds = 0;
    if (error) {
      job.state = 'failed';
      const problem = {
        kind: isItnioError(error) ? error.kind : 'internal',
        message: error instanceof Error ? error.message : String(error),
        at: job.finishedAt,
      };
      job.error = problem;
      this.upstreamError = problem;
      this.options.logger.error({ job: job.id, kind: problem.kind, err: problem.message }, 'sync failed');
    } else {
      job.state = 'done';
      this.options.logger.info(
        {
          job: job.id,
          trigger: job.trigger,
          windows: job.windowsDone,
          pages: job.pagesDone,
          records: job.recordsStored,
        },
        'sync finished',
      );
    }
    this.active = this.active.filter((s) => s !== state);
    this.recent = [job, ...this.recent].slice(0, 20);
    this.emit(true);
  }

  private updateRates(state: JobState): void {
    const job = state.job;
    const elapsed = Math.max(0.001, (this.now() - state.startedMs) / 1000);
    job.recordsPerSecond = Math.round(job.recordsStored / elapsed);
    const perWindow = state.windowsWithKnownPages === 0 ? 0 : state.pagesKnown / state.windowsWithKnownPages;
    job.pagesTotal = Math.max(
      job.pagesDone,
      Math.round(state.pagesKnown + perWindow * (job.windowsTotal - state.windowsWithKnownPages)),
    );
    const pagesPerSecond = job.pagesDone / elapsed;
    job.etaSeconds =
      pagesPerSecond > 0 ? Math.round((job.pagesTotal - job.pagesDone) / pagesPerSecond) : null;
  }

  /** Progress events, at most every 250 ms unless a job starts or ends. */
  private emit(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < 250) return;
    this.lastEmit = now;
    for (const state of this.active) this.updateRates(state);
    this.events.emit('status', this.status());
  }

  status(): SyncStatus {
    for (const state of this.active) this.updateRates(state);
    return {
      running: this.active.map((s) => ({ ...s.job, mismatches: [...s.job.mismatches] })),
      recent: this.recent,
      lastSuccessAt: this.lastSuccessAt === null ? null : iso(this.lastSuccessAt),
      upstreamError: this.upstreamError,
    };
  }

  get syncing(): boolean {
    return this.active.length > 0;
  }

  /** Resolves when no job is queued or running (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** How much of [from, to) the store holds; `from`/`to` null mean the whole retention horizon. */
  async coverage(from: number | null, to: number | null): Promise<Coverage> {
    const now = this.now();
    const horizon = this.horizon();
    const start = Math.max(from ?? horizon, horizon);
    const end = Math.min(to ?? now, now);
    const syncing = this.active.some((s) =>
      s.windows.slice(s.next).some((w) => w.to > start && w.from < end),
    );
    if (end <= start) {
      return {
        complete: true,
        missing: [],
        lastSyncedAt: null,
        syncing,
        beforeRetention: from !== null && from < horizon,
        horizon: iso(horizon),
      };
    }
    const ledger = await this.options.store.windowsBetween(start, end);
    // A mismatched window is not covered: its figures may be short, and the views must say so.
    const covered = ledger
      .filter((w) => w.state === 'complete')
      .map((w) => ({ from: w.from, to: w.coveredTo }));
    const missing: Window[] = [];
    let cursor = start;
    for (const c of covered.sort((a, b) => a.from - b.from)) {
      if (c.from > cursor + 1000) missing.push({ from: cursor, to: Math.min(c.from, end) });
      cursor = Math.max(cursor, c.to);
      if (cursor >= end) break;
    }
    // The newest minutes are never "missing" while the schedule keeps them fresh.
    const presentIsFresh =
      end >= now - PRESENT_SLACK_MS && cursor >= now - this.options.intervalMs - PRESENT_SLACK_MS;
    if (cursor < end - 1000 && !presentIsFresh) missing.push({ from: cursor, to: end });
    const lastSyncedAt = ledger.reduce<number | null>(
      (max, w) => (max === null || w.syncedAt > max ? w.syncedAt : max),
      null,
    );
    return {
      complete: missing.length === 0,
      missing: missing.filter((m) => m.to > m.from).map((m) => ({ from: iso(m.from), to: iso(m.to) })),
      lastSyncedAt: lastSyncedAt === null ? null : iso(lastSyncedAt),
      syncing,
      beforeRetention: from !== null && from < horizon,
      horizon: iso(horizon),
    };
  }

  /** Stops the schedule and the running window; what was stored stays, the window stays incomplete. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    for (const state of this.active) state.abort.abort();
    await this.loop?.catch(() => undefined);
  }
}

/** The ledger row of the window's day that starts at or before it (the widest, if the horizon moved). */
function ledgerEntryFor(w: Window, ledger: LedgerWindow[]): LedgerWindow | undefined {
  return ledger
    .filter((entry) => entry.from <= w.from && entry.to > w.from)
    .sort((a, b) => a.from - b.from)[0];
}

const iso = (ms: number) => new Date(ms).toISOString();
