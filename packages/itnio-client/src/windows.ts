import { ItnioError } from './errors.js';
import { ceilToSecond, floorToSecond, type Instant, toEpochMs } from './time.js';

export const DAY_MS = 86_400_000;
/** The vendor's longest allowed window (strTime to endTime). */
export const MAX_WINDOW_MS = 31 * DAY_MS;
export const RETENTION_MONTHS = 2;
/** Kept between the retention horizon and our first window so a slow request does not cross it. */
export const RETENTION_SAFETY_MARGIN_MS = 5 * 60_000;

/** Half-open [from, to) in epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface PlanWindowsOptions {
  from: Instant;
  to: Instant;
  now: Instant;
  maxWindowMs?: number;
  retentionMonths?: number;
  /** Length of each window; defaults to (and is capped at) maxWindowMs. A sync passes one day. */
  stepMs?: number;
  /** Cut at multiples of stepMs since the epoch (UTC), so windows are the same from run to run. */
  alignToStep?: boolean;
  safetyMarginMs?: number;
}

export interface WindowPlan {
  /** Oldest first, contiguous, each at most stepMs long, boundaries on whole seconds. */
  windows: TimeWindow[];
  /** The earliest instant that can still be queried (retention horizon plus the safety margin). */
  horizon: number;
  /** The part of [from, to) older than `horizon`, which the vendor no longer serves; null if none. */
  outside: TimeWindow | null;
}

/** `now` minus whole calendar months, in UTC. A day past the end of the shorter month rolls forward,
 * which is the later (safer) of the two usual readings of "two months ago". */
export function retentionHorizon(now: number, retentionMonths = RETENTION_MONTHS): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - retentionMonths);
  return date.getTime();
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Cuts [from, to) into contiguous half-open windows the vendor will accept, dropping what is older than the
 * retention horizon. Boundaries are widened to whole seconds (the vendor's precision): `from` down, `to` up,
 * except that the horizon is rounded up so no window starts before it.
 */
export function planWindows(options: PlanWindowsOptions): WindowPlan {
  const from = toEpochMs(options.from);
  const to = toEpochMs(options.to);
  const now = toEpochMs(options.now);
  const maxWindowMs = options.maxWindowMs ?? MAX_WINDOW_MS;
  // Whole seconds, so every boundary stays on the vendor's precision.
  const stepMs = floorToSecond(Math.min(options.stepMs ?? maxWindowMs, maxWindowMs));
  const margin = options.safetyMarginMs ?? RETENTION_SAFETY_MARGIN_MS;

  for (const [name, value] of [
    ['from', from],
    ['to', to],
    ['now', now],
  ] as const) {
    if (Number.isNaN(value)) {
      throw new ItnioError({
        kind: 'bad-request',
        retryable: false,
        message: `planWindows: ${name} is not a valid date`,
      });
    }
  }
  if (!(stepMs >= 1000) || !Number.isFinite(stepMs)) {
    throw new ItnioError({
      kind: 'bad-request',
      retryable: false,
      message: `planWindows: stepMs/maxWindowMs must be at least 1000 ms, got ${stepMs}`,
    });
  }
  if (to <= from) {
    throw new ItnioError({
      kind: 'out-of-range',
      retryable: false,
      message: `planWindows: empty or reversed range: to (${iso(to)}) must be after from (${iso(from)})`,
    });
  }

  const horizon = ceilToSecond(retentionHorizon(now, options.retentionMonths) + margin);
  const end = ceilToSecond(to);
  if (end <= horizon) {
    throw new ItnioError({
      kind: 'out-of-range',
      retryable: false,
      message: `planWindows: the whole range ${iso(from)} to ${iso(to)} is older than the vendor's retention horizon ${iso(horizon)} (records are kept ${options.retentionMonths ?? RETENTION_MONTHS} months); nothing can be queried`,
    });
  }
  const start = Math.max(floorToSecond(from), horizon);
  const outside = from < horizon ? { from, to: Math.min(horizon, to) } : null;

  const windows: TimeWindow[] = [];
  for (let cursor = start; cursor < end; ) {
    let next = cursor + stepMs;
    if (options.alignToStep) next = (Math.floor(cursor / stepMs) + 1) * stepMs;
    next = Math.min(next, end);
    windows.push({ from: cursor, to: next });
    cursor = next;
  }
  return { windows, horizon, outside };
}

/** Newest window first: the order a dashboard wants fresh data in. */
export function windowsNewestFirst(windows: readonly TimeWindow[]): TimeWindow[] {
  return [...windows].sort((a, b) => b.from - a.from);
}
