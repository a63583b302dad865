// The one place where time-zone math lives: the BFF buckets and formats with it, the SPA presets and
// displays with it, so a day or an hour means the same instant everywhere.
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, startOfDay, startOfISOWeek, startOfMonth } from 'date-fns';

/** One UTC day in milliseconds (local days vary with DST: see zonedDays). */
export const DAY_MS = 86_400_000;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * IANA zone names the runtime knows (`Europe/London`) and fixed offsets `±HH:MM` between -12:00 and +14:00
 * (the offsets real clocks use). Anything else, `+99:99` or `Not/AZone` included, is refused.
 */
export function isValidTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  const offset = OFFSET.exec(tz);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    return Number(offset[3]) < 60 && minutes >= -12 * 60 && minutes <= 14 * 60;
  }
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return false;
  }
  return Number.isFinite(tzOffset(tz, new Date(0)));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (rejects 2022-04-31). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** ISO 8601 instant with an explicit zone (`Z` or `±HH:MM`), a real date and time. */
export function isIsoInstant(value: string): boolean {
  if (!INSTANT.test(value)) return false;
  if (!isCalendarDate(value.slice(0, 10))) return false;
  const hours = Number(value.slice(11, 13));
  const minutes = Number(value.slice(14, 16));
  const seconds = value.length > 16 && value[16] === ':' ? Number(value.slice(17, 19)) : 0;
  return hours < 24 && minutes < 60 && seconds < 60 && !Number.isNaN(Date.parse(value));
}

/** `YYYY-MM-DD` means local midnight in `tz`; an instant is taken as written. Returns epoch ms. */
export function parseInstantOrDate(value: string, tz: string): number {
  if (isCalendarDate(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, tz).getTime();
  }
  return Date.parse(value);
}

/** Local midnight in `tz` of the day containing `ms`. */
export function startOfZonedDay(ms: number, tz: string): number {
  return startOfDay(new TZDate(ms, tz)).getTime();
}

export interface DayBucket {
  /** `YYYY-MM-DD` in the zone. */
  day: string;
  start: number;
  end: number;
}

/**
 * The local days of `tz` that overlap [fromMs, toMs), as UTC instants. Days move with DST (23 or 25 hours),
 * which is why buckets are computed here once instead of as `floor(t / 86400)` in SQL.
 */
export function zonedDays(fromMs: number, toMs: number, tz: string, limit = 3700): DayBucket[] {
  const days: DayBucket[] = [];
  let cursor = startOfDay(new TZDate(fromMs, tz));
  while (cursor.getTime() < toMs && days.length < limit) {
    const next: TZDate = startOfDay(addDays(cursor, 1));
    days.push({ day: formatDay(cursor), start: cursor.getTime(), end: next.getTime() });
    cursor = next;
  }
  return days;
}

function formatDay(date: TZDate): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `+08:00` style label of the zone's offset at `ms`. */
export function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * A fast formatter of UTC instants as local wall-clock text in `tz` (`2026-11-28 14:03:05`), for tables and
 * million-row CSV exports. The zone offset is looked up once per quarter hour (transitions fall on whole
 * minutes, in practice on quarter hours) and cached, so formatting costs a few string operations per value.
 */
export function createZonedFormatter(tz: string) {
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const slot = Math.floor(ms / 900_000);
    let offset = offsets.get(slot);
    if (offset === undefined) {
      offset = tzOffset(tz, new Date(slot * 900_000));
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(slot, offset);
    }
    return offset;
  };
  return {
    offsetAt,
    /** `YYYY-MM-DD HH:mm:ss` local time. */
    dateTime(ms: number): string {
      const local = new Date(ms + offsetAt(ms) * 60_000);
      return local.toISOString().slice(0, 19).replace('T', ' ');
    },
    /** `YYYY-MM-DDTHH:mm:ss+08:00`, the instant with its local offset. */
    isoWithOffset(ms: number): string {
      const offset = offsetAt(ms);
      const local = new Date(ms + offset * 60_000);
      return `${local.toISOString().slice(0, 19)}${offsetLabel(offset)}`;
    },
    day(ms: number): string {
      return new Date(ms + offsetAt(ms) * 60_000).toISOString().slice(0, 10);
    },
  };
}

export interface OffsetSegment {
  /** First instant (UTC ms) at which `offsetMs` applies. */
  from: number;
  offsetMs: number;
}

/** DST transitions (UTC ms) found per zone and UTC year; a zone's rules for a year never change at run time. */
const transitionsByYear = new Map<string, readonly number[]>();

/** The instants in UTC year `year` (and possibly the first instant of the next) at which `tz`'s offset changes. */
function transitionsInYear(tz: string, year: number): readonly number[] {
  const key = `${tz}\u0000${year}`;
  let found = transitionsByYear.get(key);
  if (found) return found;
  const offset = (ms: number) => tzOffset(tz, new Date(ms));
  const list: number[] = [];
  if (!OFFSET.exec(tz)) {
    // A day between probes: real zones never change offset twice within one day.
    const end = Date.UTC(year + 1, 0, 1);
    for (let t = Date.UTC(year, 0, 1); t < end; t += DAY_MS) {
      const before = offset(t);
      if (offset(t + DAY_MS) === before) continue;
      // Transitions fall on whole minutes: search minute indices.
      let low = t / 60_000;
      let high = (t + DAY_MS) / 60_000;
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (offset(mid * 60_000) === before) low = mid;
        else high = mid;
      }
      list.push(high * 60_000);
    }
  }
  found = list;
  if (transitionsByYear.size > 20_000) transitionsByYear.clear();
  transitionsByYear.set(key, found);
  return found;
}

/**
 * The zone's UTC offset over [fromMs, toMs) as constant segments, split at each DST transition (found to
 * the minute, once per zone and year, then cached: the cost of a call does not grow with the range).
 * Stores turn this into `floor((t + offset(t)) / day)` to bucket rows by local day in SQL, so the zone rules
 * stay here and never need to exist in a database.
 */
export function offsetSegments(fromMs: number, toMs: number, tz: string): OffsetSegment[] {
  const offset = (ms: number) => tzOffset(tz, new Date(ms)) * 60_000;
  const segments: OffsetSegment[] = [{ from: fromMs, offsetMs: offset(fromMs) }];
  const lastYear = new Date(Math.max(fromMs, toMs - 1)).getUTCFullYear();
  for (let year = new Date(fromMs).getUTCFullYear(); year <= lastYear; year++) {
    for (const t of transitionsInYear(tz, year)) {
      if (t > fromMs && t < toMs) segments.push({ from: t, offsetMs: offset(t) });
    }
  }
  return segments;
}

/**
 * The calendar period of `tz` that ends at `nowMs` and spans `size` days, weeks (Monday first) or months,
 * the current one included so far: `2 days` at 09:00 is yesterday 00:00 until now, local time. Days move
 * with DST, so `2 days` across a spring-forward change spans 47 hours (alert windows and budgets use this).
 */
export function calendarPeriod(
  nowMs: number,
  tz: string,
  unit: 'days' | 'weeks' | 'months',
  size: number,
): { from: number; to: number } {
  const now = new TZDate(nowMs, tz);
  const back = Math.max(0, size - 1);
  const start =
    unit === 'days'
      ? startOfDay(addDays(startOfDay(now), -back))
      : unit === 'weeks'
        ? startOfISOWeek(addWeeks(startOfISOWeek(now), -back))
        : startOfMonth(addMonths(startOfMonth(now), -back));
  return { from: start.getTime(), to: nowMs };
}

/** The calendar month of `tz` containing `nowMs`: its first instant and the first instant of the next. */
export function zonedMonth(nowMs: number, tz: string): { from: number; to: number } {
  const start = startOfMonth(new TZDate(nowMs, tz));
  return { from: start.getTime(), to: startOfMonth(addMonths(start, 1)).getTime() };
}
