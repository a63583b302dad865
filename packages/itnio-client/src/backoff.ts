/** Exponential backoff with full jitter: a random wait in [0, min(maxMs, baseMs * 2^(retry-1))). */
export function backoffDelayMs(retry: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** A Retry-After beyond this is treated as this: a sync should fail visibly rather than hang for hours. */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * HTTP Retry-After as a wait in ms: delta-seconds or an HTTP-date (measured against the response's own
 * Date header when present, so our clock's skew does not matter). Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(
  value: string | null,
  dateHeader: string | null,
  nowMs: number,
): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    const base = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
    ms = at - (Number.isNaN(base) ? nowMs : base);
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
