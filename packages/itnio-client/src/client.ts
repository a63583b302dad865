import PQueue from 'p-queue';
import type { z } from 'zod';
import { backoffDelayMs, parseRetryAfterMs, sleep } from './backoff.js';
import { describeRequest, errorFromVendorStatus, ItnioError, type RequestContext } from './errors.js';
import { envelopeSchema, type RecordPage, recordPageSchema } from './schemas.js';
import { sign } from './sign.js';
import { ceilToSecond, floorToSecond, formatVendorTime, type Instant, toEpochMs } from './time.js';
import type { TimeWindow } from './windows.js';

export const RECORD_GROUP_QUERY_PATH = '/voice/recordGroupQuery';

/** The subset of a pino logger this client uses. */
export interface ItnioLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ItnioClientOptions {
  /** The API origin, e.g. `https://api.itniotech.com`; the path `/voice/recordGroupQuery` is appended. */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Per attempt, from sending the request to reading the whole body. Default 20 s. */
  timeoutMs?: number;
  /** Requests in flight at once across all calls of this client (one account). Default 4. */
  concurrency?: number;
  /** Optional cap on requests started in any rolling second, across all calls of this client. */
  requestsPerSecond?: number;
  /** Retries after the first attempt for retryable failures. Default 5. */
  maxRetries?: number;
  /** Backoff: full jitter over min(retryMaxMs, retryBaseMs * 2^(retry-1)). Defaults 250 ms and 8 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Clock for the signed Timestamp header. Default Date.now. */
  now?: () => number;
  logger?: ItnioLogger;
  fetch?: typeof fetch;
  /** Told of every attempt's outcome (metrics): the vendor's status (`0` on success) or the failure kind. */
  onAttempt?: (outcome: AttemptOutcome) => void;
}

export interface AttemptOutcome {
  /** The vendor's `status` string (`0`, `-1`, `-16`, `-18`, …), or the failure kind when none came back. */
  status: string;
  /** The HTTP status, or null when the exchange failed before one arrived. */
  httpStatus: number | null;
  durationMs: number;
}

export interface QueryPageInput {
  /** Window start, inclusive; widened down to a whole second. */
  from: Instant;
  /** Window end, exclusive; widened up to a whole second. */
  to: Instant;
  /** 1-based page number. */
  current: number;
  /** Records per page; the vendor allows 1 to 100. Default 100. */
  size?: number;
  signal?: AbortSignal;
}

export interface PagesOfOptions {
  size?: number;
  /** Pages fetched at once after page 1 (the client's `concurrency` still caps the total). Default 4. */
  parallelism?: number;
  signal?: AbortSignal;
}

/** A page as yielded by `pagesOf`: the vendor's page plus what we asked for. */
export interface WindowPage extends RecordPage {
  /** The page number requested (the vendor's own `current` is kept as sent). */
  requestedPage: number;
  window: TimeWindow;
}

const noop = () => {};
const silentLogger: ItnioLogger = { debug: noop, info: noop, warn: noop, error: noop };

function positiveOption(name: string, value: number | undefined, fallback: number, min = 1): number {
  const resolved = value ?? fallback;
  if (!Number.isFinite(resolved) || resolved < min) {
    throw new TypeError(`itnio client: ${name} must be a number >= ${min}, got ${String(value)}`);
  }
  return resolved;
}

/** Where a zod issue sits, as `data.records[3].cost`. */
function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  }
  return out || '(root)';
}

function describeTransportFailure(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${code}: ${current.message}` : current.message);
    current = current.cause;
  }
  return parts.join(' <- ').slice(0, 300) || 'unknown error';
}

/**
 * Signed client for POST /voice/recordGroupQuery. One instance per account: its concurrency and
 * rate limits apply across every call made through it.
 */
export class ItnioClient {
  readonly #apiKey: string;
  readonly #apiSecret: string;
  readonly #endpoint: string;
  /** For messages: scheme, host and port only (never credentials a URL might carry). */
  readonly #origin: string;
  readonly #queue: PQueue;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #now: () => number;
  readonly #logger: ItnioLogger;
  readonly #fetch: typeof fetch;
  readonly #onAttempt: (outcome: AttemptOutcome) => void;

  constructor(options: ItnioClientOptions) {
    if (!options.apiKey) throw new TypeError('itnio client: apiKey is empty; set ITNIO_API_KEY');
    if (!options.apiSecret) throw new TypeError('itnio client: apiSecret is empty; set ITNIO_API_SECRET');
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(
        'itnio client: baseUrl is not a valid URL (expected e.g. https://api.itniotech.com)',
      );
    }
    this.#apiKey = options.apiKey;
    this.#apiSecret = options.apiSecret;
    this.#origin = url.origin;
    this.#endpoint = `${options.baseUrl.replace(/\/+$/, '')}${RECORD_GROUP_QUERY_PATH}`;
    this.#timeoutMs = positiveOption('timeoutMs', options.timeoutMs, 20_000);
    this.#maxRetries = positiveOption('maxRetries', options.maxRetries, 5, 0);
    this.#retryBaseMs = positiveOption('retryBaseMs', options.retryBaseMs, 250, 0);
    this.#retryMaxMs = positiveOption('retryMaxMs', options.retryMaxMs, 8_000, 0);
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#onAttempt = options.onAttempt ?? noop;

    const concurrency = positiveOption('concurrency', options.concurrency, 4);
    const rps = options.requestsPerSecond;
    if (rps !== undefined) positiveOption('requestsPerSecond', rps, 1, Number.MIN_VALUE);
    // Strict (sliding-window) limiting: no burst of 2x at the edge of a fixed window. A fractional rate
    // becomes one request per 1/rps seconds.
    const rate =
      rps === undefined
        ? {}
        : Number.isInteger(rps)
          ? { intervalCap: rps, interval: 1000, strict: true }
          : { intervalCap: 1, interval: Math.ceil(1000 / rps), strict: true };
    this.#queue = new PQueue({ concurrency, ...rate });
  }

  /** Fetches one page of one window, retrying what is worth retrying. Throws ItnioError. */
  async queryPage(input: QueryPageInput): Promise<RecordPage> {
    const request = this.#prepare(input);
    const { signal } = input;
    const logContext = {
      window: { from: request.ctx.strTime, to: request.ctx.endTime },
      page: request.ctx.current,
      size: request.ctx.size,
    };
    let attempt = 0;
    let retries = 0;
    let resigned = false;
    for (;;) {
      attempt++;
      // Timed from when the request leaves the queue, so logged durations are the vendor's, not our wait.
      let started = performance.now();
      try {
        const page = await this.#queue.add(
          () => {
            started = performance.now();
            return this.#attempt(request.body, request.ctx, signal);
          },
          { signal },
        );
        this.#logger.debug(
          { ...logContext, status: '0', attempt, records: page.records.length, durationMs: elapsed(started) },
          'itnio page fetched',
        );
        this.#onAttempt({ status: '0', httpStatus: 200, durationMs: elapsed(started) });
        return page;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!(error instanceof ItnioError)) throw error;
        this.#onAttempt({
          status: error.status ?? error.kind,
          httpStatus: error.httpStatus ?? null,
          durationMs: elapsed(started),
        });
        const failure = {
          ...logContext,
          kind: error.kind,
          status: error.status,
          httpStatus: error.httpStatus,
          attempt,
          durationMs: elapsed(started),
        };
        // A stale timestamp is usually a slow hop, not a wrong clock: re-sign once, at once.
        if (error.kind === 'clock-skew' && !resigned) {
          resigned = true;
          this.#logger.warn(failure, 'itnio timestamp rejected; re-signing once');
          continue;
        }
        if (!error.retryable || retries >= this.#maxRetries) {
          this.#logger.debug(failure, 'itnio request failed; not retrying');
          throw error.withAttempts(attempt);
        }
        retries++;
        const delayMs = error.retryAfterMs ?? backoffDelayMs(retries, this.#retryBaseMs, this.#retryMaxMs);
        this.#logger.warn({ ...failure, delayMs }, 'itnio request failed; retrying');
        await sleep(delayMs, signal);
      }
    }
  }

  /**
   * Every page of one window: page 1 first (it tells total and pages), then the rest `parallelism` at a
   * time, each yielded as it arrives. No dedupe and no completeness check: records can shift between pages
   * while a window is still filling, and the caller decides what to do about that.
   */
  async *pagesOf(
    window: { from: Instant; to: Instant },
    options: PagesOfOptions = {},
  ): AsyncGenerator<WindowPage> {
    const size = options.size ?? 100;
    const parallelism = Math.max(1, Math.floor(options.parallelism ?? 4));
    const tagged: TimeWindow = { from: toEpochMs(window.from), to: toEpochMs(window.to) };
    // Our own controller, so pages still in flight stop when the caller stops iterating or one page fails.
    const controller = new AbortController();
    const outer = options.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    const inFlight = new Map<number, Promise<{ current: number; page: RecordPage }>>();
    const fetchPage = (current: number) =>
      this.queryPage({ from: window.from, to: window.to, current, size, signal: controller.signal }).then(
        (page) => ({ current, page }),
      );
    try {
      const first = await fetchPage(1);
      yield { ...first.page, requestedPage: 1, window: tagged };

      const pageSize = first.page.size > 0 ? first.page.size : size;
      const pages = Math.max(first.page.pages, Math.ceil(first.page.total / pageSize));
      let next = 2;
      const launch = () => {
        const current = next++;
        inFlight.set(current, fetchPage(current));
      };
      while (next <= pages && inFlight.size < parallelism) launch();
      while (inFlight.size > 0) {
        const { current, page } = await Promise.race(inFlight.values());
        inFlight.delete(current);
        if (next <= pages) launch();
        yield { ...page, requestedPage: current, window: tagged };
      }
    } finally {
      outer?.removeEventListener('abort', onAbort);
      if (inFlight.size > 0) {
        controller.abort(new DOMException('pagesOf stopped before every page arrived', 'AbortError'));
        for (const pending of inFlight.values()) pending.catch(noop);
      }
    }
  }

  #prepare(input: QueryPageInput): { body: string; ctx: RequestContext } {
    const from = toEpochMs(input.from);
    const to = toEpochMs(input.to);
    const size = input.size ?? 100;
    const bad = (message: string) => new ItnioError({ kind: 'bad-request', retryable: false, message });
    if (Number.isNaN(from)) throw bad('queryPage: `from` is not a valid date');
    if (Number.isNaN(to)) throw bad('queryPage: `to` is not a valid date');
    // Widen to whole seconds, never narrow: contiguous windows may overlap by a second but never leave a gap.
    const fromSecond = floorToSecond(from);
    const toSecond = ceilToSecond(to);
    if (toSecond <= fromSecond) throw bad('queryPage: `to` must be after `from`');
    if (!Number.isSafeInteger(input.current) || input.current < 1) {
      throw bad(`queryPage: current must be a whole number >= 1, got ${input.current}`);
    }
    // The upper bound (100) is the vendor's to enforce: it answers -22, which is reported clearly.
    if (!Number.isSafeInteger(size) || size < 1)
      throw bad(`queryPage: size must be a whole number >= 1, got ${size}`);
    const ctx: RequestContext = {
      strTime: formatVendorTime(fromSecond),
      endTime: formatVendorTime(toSecond),
      current: input.current,
      size,
    };
    const body = JSON.stringify({
      current: ctx.current,
      size: ctx.size,
      params: { strTime: ctx.strTime, endTime: ctx.endTime },
    });
    return { body, ctx };
  }

  /** One HTTP exchange, signed with a fresh timestamp. */
  async #attempt(body: string, ctx: RequestContext, signal: AbortSignal | undefined): Promise<RecordPage> {
    const timestamp = String(Math.floor(this.#now() / 1000));
    const headers = {
      'Content-Type': 'application/json;charset=UTF-8',
      Accept: 'application/json',
      'Api-Key': this.#apiKey,
      Timestamp: timestamp,
      Sign: sign(this.#apiKey, this.#apiSecret, timestamp),
    };
    // One controller per attempt (rather than AbortSignal.any) so nothing stays attached to a long-lived
    // caller signal once the attempt is over.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(this.#endpoint, {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        throw new ItnioError({
          kind: 'timeout',
          retryable: true,
          message: `The itniotech API at ${this.#origin} did not answer within ${this.#timeoutMs} ms for ${describeRequest(ctx)}: the vendor or the network is slow; try again later, or raise the client's timeoutMs`,
        });
      }
      throw new ItnioError({
        kind: 'transport',
        retryable: true,
        cause: error,
        message: `Could not reach the itniotech API at ${this.#origin} (${describeTransportFailure(error)}) for ${describeRequest(ctx)}: check this server's network, DNS, proxy and firewall, and the configured base URL`,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    return this.#interpret(response, text, ctx, Number(timestamp));
  }

  #interpret(response: Response, text: string, ctx: RequestContext, timestampSeconds: number): RecordPage {
    const httpStatus = response.status;
    let json: unknown;
    let isJson = true;
    try {
      json = JSON.parse(text);
    } catch {
      isJson = false;
    }
    const envelope = isJson ? envelopeSchema.safeParse(json) : undefined;
    const vendorFailure = (status: string, reason: string) =>
      errorFromVendorStatus(status, reason, ctx, {
        httpStatus: response.ok ? undefined : httpStatus,
        clockSkewSeconds: status === '-16' ? measureSkew(response, timestampSeconds) : undefined,
      });

    if (!response.ok) {
      // Some gateways put the vendor envelope on an HTTP error; its status says more than the HTTP code.
      if (envelope?.success && envelope.data.status !== '0') {
        throw vendorFailure(envelope.data.status, envelope.data.reason);
      }
      const retryable = httpStatus >= 500 || httpStatus === 429 || httpStatus === 408;
      const retryAfterMs = parseRetryAfterMs(
        response.headers.get('retry-after'),
        response.headers.get('date'),
        this.#now(),
      );
      throw new ItnioError({
        kind: 'http',
        retryable,
        httpStatus,
        retryAfterMs,
        message: retryable
          ? `The itniotech API at ${this.#origin} answered HTTP ${httpStatus} for ${describeRequest(ctx)}: it is busy or down; try again later`
          : `The itniotech API at ${this.#origin} answered HTTP ${httpStatus} for ${describeRequest(ctx)}: check the configured base URL (expected the API origin, e.g. https://api.itniotech.com)`,
      });
    }
    if (!isJson) {
      throw new ItnioError({
        kind: 'malformed-response',
        retryable: true,
        httpStatus,
        message: `The itniotech API sent a body that is not valid JSON (${text.length} characters, likely cut off) for ${describeRequest(ctx)}: usually transient; retrying`,
      });
    }
    if (!envelope?.success) throw this.#shapeError(envelope?.error, '', ctx);
    if (envelope.data.status !== '0') throw vendorFailure(envelope.data.status, envelope.data.reason);
    const page = recordPageSchema.safeParse(envelope.data.data);
    if (!page.success) throw this.#shapeError(page.error, 'data', ctx);
    return page.data;
  }

  #shapeError(error: z.ZodError | undefined, prefix: string, ctx: RequestContext): ItnioError {
    const issues = error?.issues ?? [];
    const listed = issues
      .slice(0, 3)
      .map((issue) => `${issuePath(prefix, issue.path)}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    return new ItnioError({
      kind: 'malformed-response',
      retryable: false,
      message: `The itniotech API answered with an unexpected shape at ${listed}${more} for ${describeRequest(ctx)}: the vendor's format may have changed; report it with this message`,
    });
  }
}

export function createItnioClient(options: ItnioClientOptions): ItnioClient {
  return new ItnioClient(options);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** Our signed timestamp minus the vendor's clock (HTTP Date header), whole seconds; undefined without one. */
function measureSkew(response: Response, timestampSeconds: number): number | undefined {
  const date = response.headers.get('date');
  const vendorMs = date === null ? Number.NaN : Date.parse(date);
  return Number.isNaN(vendorMs) ? undefined : Math.round(timestampSeconds - vendorMs / 1000);
}
