export const SECOND_MS = 1000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** The vendor renders every time in +08:00. */
export const VENDOR_OFFSET_MS = 8 * HOUR_MS;

// `YYYY-MM-DDTHH:mm:ss[.fraction](Z|±HH:MM)`: the only shape the vendor documents.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an ISO 8601 instant with an explicit offset to epoch ms, or null when malformed or impossible.
 * Dates are checked by round-trip through Date.UTC, so `2022-04-31` and `T25:00:00` are refused
 * (Date.parse alone would roll them over or accept them).
 */
export function parseIsoInstant(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC maps years 0..99 to 1900..1999; the round-trip check refuses those too.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  let offsetMs = 0;
  if (m[8] !== 'Z') {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    // Same limit as java.time.ZoneOffset, which the vendor's Java stack uses.
    if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 18 * 60) return null;
    offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (m[9] === '-' ? -1 : 1);
  }
  const fractionMs = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  return utc + fractionMs - offsetMs;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
// Record generation formats five times per record; the date-and-hour prefix is shared by thousands,
// so the last hour is kept at hand and older ones in a small map.
const prefixCache = new Map<number, string>();
let lastHourIndex = Number.NaN;
let lastPrefix = '';

function plus8HourPrefix(hourIndex: number): string {
  if (hourIndex === lastHourIndex) return lastPrefix;
  let prefix = prefixCache.get(hourIndex);
  if (prefix === undefined) {
    if (prefixCache.size > 8192) prefixCache.clear();
    prefix = new Date(hourIndex * HOUR_MS).toISOString().slice(0, 14);
    prefixCache.set(hourIndex, prefix);
  }
  lastHourIndex = hourIndex;
  lastPrefix = prefix;
  return prefix;
}

/** Epoch ms -> `YYYY-MM-DDTHH:mm:ss+08:00` (second precision, as the vendor sends). */
export function formatPlus8(ms: number): string {
  const shifted = ms + VENDOR_OFFSET_MS;
  const hourIndex = Math.floor(shifted / HOUR_MS);
  const secondInHour = Math.floor((shifted - hourIndex * HOUR_MS) / SECOND_MS);
  return `${plus8HourPrefix(hourIndex)}${TWO_DIGITS[Math.floor(secondInHour / 60)]}:${TWO_DIGITS[secondInHour % 60]}+08:00`;
}

/** `YYYY-MM-DDTHH:mm:ss+08:00` -> `yyMMddHHmmss`, the prefix of the vendor's voiceId. */
export function compactOfPlus8(iso: string): string {
  return (
    iso.slice(2, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19)
  );
}

/** Epoch ms -> `yyyyMMdd` in +08:00. */
export function dayStampPlus8(ms: number): string {
  const iso = formatPlus8(ms);
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

/**
 * `ms` minus whole calendar months in UTC, keeping the time of day; the day is clamped to the target
 * month's length (31 Mar minus 1 month = 28/29 Feb), as java.time's minusMonths does.
 */
export function subtractCalendarMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const totalMonths = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const timeOfDay = ms - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(year, month, day) + timeOfDay;
}
