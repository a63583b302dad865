export type ItnioErrorKind =
  | 'auth'
  | 'ip-not-allowed'
  | 'clock-skew'
  | 'upstream-error'
  | 'bad-request'
  | 'out-of-range'
  | 'transport'
  | 'timeout'
  | 'http'
  | 'malformed-response';

export interface ItnioErrorInit {
  kind: ItnioErrorKind;
  message: string;
  retryable: boolean;
  /** The vendor's `status` string, when the vendor answered with one. */
  status?: string;
  /** The vendor's `reason` text, as sent. */
  vendorReason?: string;
  httpStatus?: number;
  /** Requests made for this call, retries included (set when the client gives up). */
  attempts?: number;
  /** Our clock minus the vendor's, in seconds, from the HTTP Date header (clock-skew only). */
  clockSkewSeconds?: number;
  /** Server-requested wait before retrying (HTTP Retry-After), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Every failure of this client. Switch on `kind`; `message` says what an operator should do.
 * Messages never contain the API secret, the signature input or request headers.
 */
export class ItnioError extends Error {
  override readonly name = 'ItnioError';
  readonly kind: ItnioErrorKind;
  readonly retryable: boolean;
  readonly status?: string;
  readonly vendorReason?: string;
  readonly httpStatus?: number;
  readonly attempts?: number;
  readonly clockSkewSeconds?: number;
  readonly retryAfterMs?: number;

  constructor(init: ItnioErrorInit) {
    // `cause` is set as a non-enumerable property, so JSON.stringify never walks into it.
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
    if (init.vendorReason !== undefined) this.vendorReason = init.vendorReason;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.clockSkewSeconds !== undefined) this.clockSkewSeconds = init.clockSkewSeconds;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  /** The same error after the client gave up, with the number of requests it made. */
  withAttempts(attempts: number): ItnioError {
    const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    const copy = new ItnioError({
      ...this.fields(),
      message: this.message + suffix,
      attempts,
      cause: this.cause,
    });
    return copy;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.fields() };
  }

  private fields(): Omit<ItnioErrorInit, 'message' | 'cause'> {
    const { kind, retryable, status, vendorReason, httpStatus, attempts, clockSkewSeconds, retryAfterMs } =
      this;
    return { kind, retryable, status, vendorReason, httpStatus, attempts, clockSkewSeconds, retryAfterMs };
  }
}

export function isItnioError(value: unknown, kind?: ItnioErrorKind): value is ItnioError {
  return value instanceof ItnioError && (kind === undefined || value.kind === kind);
}

/** What the request was about, for messages. Only non-secret facts. */
export interface RequestContext {
  strTime: string;
  endTime: string;
  current: number;
  size: number;
}

export const describeRequest = (ctx: RequestContext): string =>
  `window ${ctx.strTime} to ${ctx.endTime}, page ${ctx.current}, size ${ctx.size}`;

const reasonPart = (reason: string) => (reason ? `, "${reason}"` : '');

export function describeSkew(clockSkewSeconds: number | undefined): string {
  if (clockSkewSeconds === undefined) {
    return "this server's clock may be off from the vendor's (the vendor sent no Date header to measure it)";
  }
  const offBy = Math.abs(clockSkewSeconds);
  if (offBy <= 5) {
    // The Date header has one-second resolution; a few seconds is agreement, so look elsewhere.
    return `this server's clock is off by about ${offBy} s from the vendor's (measured from the HTTP Date header), which is within its resolution: suspect a slow network path or the vendor's own clock`;
  }
  const direction = clockSkewSeconds > 0 ? 'ahead of' : 'behind';
  return `this server's clock is off by about ${offBy} s from the vendor's (${direction} it, measured from the HTTP Date header)`;
}

/** Maps a non-zero vendor status to the error an operator can act on. */
export function errorFromVendorStatus(
  status: string,
  reason: string,
  ctx: RequestContext,
  extra: { httpStatus?: number; clockSkewSeconds?: number } = {},
): ItnioError {
  const common = { status, vendorReason: reason, httpStatus: extra.httpStatus };
  switch (status) {
    case '-1':
      return new ItnioError({
        ...common,
        kind: 'auth',
        retryable: false,
        message: `The itniotech API key or secret is wrong (status -1${reasonPart(reason)}): check ITNIO_API_KEY and ITNIO_API_SECRET`,
      });
    case '-2':
      return new ItnioError({
        ...common,
        kind: 'ip-not-allowed',
        retryable: false,
        message: `The itniotech API refused this server's IP address (status -2${reasonPart(reason)}): allow-list this server's public IP in the itniotech console`,
      });
    case '-16':
      return new ItnioError({
        ...common,
        kind: 'clock-skew',
        retryable: false,
        clockSkewSeconds: extra.clockSkewSeconds,
        message: `The itniotech API refused the signed request twice, re-signed in between (status -16${reasonPart(reason)}): timestamp rejected; ${describeSkew(extra.clockSkewSeconds)}. Synchronise this server's clock (NTP)`,
      });
    case '-18':
      return new ItnioError({
        ...common,
        kind: 'upstream-error',
        retryable: true,
        message: `The itniotech API reported a system error on its side (status -18${reasonPart(reason)}) for ${describeRequest(ctx)}: try again later; if it persists, contact itniotech support`,
      });
    case '-22':
      return new ItnioError({
        ...common,
        kind: 'bad-request',
        retryable: false,
        message: `The itniotech API rejected the request parameters (status -22${reasonPart(reason)}) for ${describeRequest(ctx)}: page must be 1 or more, size 1 to 100, times ISO 8601 with an offset; this is a bug or bad input on our side`,
      });
    case '-25':
      return new ItnioError({
        ...common,
        kind: 'out-of-range',
        retryable: false,
        message: `The itniotech API refused the time range (status -25${reasonPart(reason)}) for ${describeRequest(ctx)}: the window is outside the two-month retention or longer than 31 days; move it inside the last two months and split it into windows of at most 31 days`,
      });
    default:
      return new ItnioError({
        ...common,
        kind: 'upstream-error',
        retryable: false,
        message: `The itniotech API answered with an undocumented status ${JSON.stringify(status)}${reasonPart(reason)} for ${describeRequest(ctx)}: check the vendor's documentation or contact itniotech support`,
      });
  }
}
