import { DAY_MS, parseIsoInstant, subtractCalendarMonthsUtc } from './iso-time.js';

/** Vendor statuses, as strings, exactly as the API sends them. */
export const STATUS = {
  ok: '0',
  authFailed: '-1',
  ipNotAllowed: '-2',
  timestampExpired: '-16',
  systemError: '-18',
  paramError: '-22',
  outOfRange: '-25',
} as const;

export type VendorStatus = (typeof STATUS)[keyof typeof STATUS];

export const REASONS: Record<VendorStatus, string> = {
  '0': 'success',
  '-1': 'account authentication failed',
  '-2': 'ip restricted',
  '-16': 'timestamp expired',
  '-18': 'system error',
  '-22': 'parameter error',
  '-25': 'exceeds the time range limit',
};

export const MAX_WINDOW_MS = 31 * DAY_MS;
export const DEFAULT_CURRENT = 1;
export const DEFAULT_SIZE = 25;
export const MAX_SIZE = 100;

export interface PageQuery {
  current: number;
  size: number;
  fromMs: number;
  toMs: number;
}

export type BodyCheck = { ok: true; query: PageQuery } | { ok: false; status: VendorStatus; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent means the default; present must be a JSON integer in range (null, "" and "2" are refused). */
function intField(body: Record<string, unknown>, name: string, fallback: number, min: number, max: number) {
  if (!(name in body)) return fallback;
  const value = body[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return null;
  return value;
}

const fail = (status: VendorStatus, reason: string): BodyCheck => ({ ok: false, status, reason });

/**
 * Validates a request body the way the vendor documents it. Window semantics: submitTime in
 * [strTime, endTime); endTime may lie in the future; strTime must not be older than now minus
 * `retentionMonths` calendar months (UTC).
 */
export function checkBody(raw: string, nowMs: number, retentionMonths: number): BodyCheck {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return fail(STATUS.paramError, 'parameter error: body is not JSON');
  }
  if (!isObject(body)) return fail(STATUS.paramError, 'parameter error: body must be a JSON object');
  const current = intField(body, 'current', DEFAULT_CURRENT, 1, Number.MAX_SAFE_INTEGER);
  if (current === null) return fail(STATUS.paramError, 'parameter error: current must be an integer >= 1');
  const size = intField(body, 'size', DEFAULT_SIZE, 1, MAX_SIZE);
  if (size === null) return fail(STATUS.paramError, 'parameter error: size must be an integer 1..100');
  const params = body.params;
  if (!isObject(params)) return fail(STATUS.paramError, 'parameter error: params is required');
  const { strTime, endTime } = params;
  const fromMs = typeof strTime === 'string' ? parseIsoInstant(strTime) : null;
  if (fromMs === null)
    return fail(STATUS.paramError, 'parameter error: strTime must be ISO 8601 with offset');
  const toMs = typeof endTime === 'string' ? parseIsoInstant(endTime) : null;
  if (toMs === null) return fail(STATUS.paramError, 'parameter error: endTime must be ISO 8601 with offset');
  if (toMs < fromMs) return fail(STATUS.paramError, 'parameter error: endTime is before strTime');
  if (toMs - fromMs > MAX_WINDOW_MS) return fail(STATUS.outOfRange, 'time range exceeds 31 days');
  if (fromMs < subtractCalendarMonthsUtc(nowMs, retentionMonths)) {
    return fail(STATUS.outOfRange, `strTime is older than ${retentionMonths} months`);
  }
  return { ok: true, query: { current, size, fromMs, toMs } };
}
