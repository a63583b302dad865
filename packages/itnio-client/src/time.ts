/** The vendor's own zone (UTC+08:00, no DST); the seed sends every time in it. */
export const VENDOR_OFFSET_MS = 8 * 3_600_000;
export const VENDOR_OFFSET = '+08:00';

export type Instant = Date | number;

/** Epoch milliseconds of a Date or a number, or NaN when it is not a real instant. */
export function toEpochMs(value: Instant): number {
  const ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Number.NaN;
  return Number.isFinite(ms) ? ms : Number.NaN;
}

export const floorToSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;
export const ceilToSecond = (ms: number): number => Math.ceil(ms / 1000) * 1000;

/**
 * ISO 8601 at second precision in the vendor's zone, e.g. `2022-02-18T00:00:00+08:00`.
 * Built from epoch ms, so an impossible date like the seed's `2022-04-31` cannot be produced.
 */
export function formatVendorTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${ms}`);
  return `${new Date(floorToSecond(ms) + VENDOR_OFFSET_MS).toISOString().slice(0, 19)}${VENDOR_OFFSET}`;
}
