// Date-range presets ("last month", "this month to date") resolve to calendar dates in the chosen zone. The
// SPA's range picker and the BFF's saved views and scheduled reports resolve them with this one function, so
// "last month" is the same instant range on screen, in the export and in a report file.
import { TZDate } from '@date-fns/tz';
import { addMonths, addWeeks, differenceInCalendarMonths, startOfISOWeek, startOfMonth } from 'date-fns';
import { createZonedFormatter } from './time.js';

export const RANGE_PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'last7', label: 'Last 7 days' },
  { id: 'thisMonth', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'last31', label: 'Last 31 days' },
  { id: 'all', label: 'All stored' },
  { id: 'custom', label: 'Custom' },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];
/** The presets that name a range relative to now (everything but a custom, fixed range). */
export type RelativeRangePreset = Exclude<RangePreset, 'custom'>;
export const RELATIVE_RANGE_PRESETS = RANGE_PRESETS.map((p) => p.id).filter(
  (id): id is RelativeRangePreset => id !== 'custom',
) as [RelativeRangePreset, ...RelativeRangePreset[]];
export const DEFAULT_RANGE: RangePreset = 'last7';

export function isRangePreset(value: string): value is RangePreset {
  return RANGE_PRESETS.some((p) => p.id === value);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function firstOfMonth(date: string, monthOffset = 0): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + monthOffset, 1)).toISOString().slice(0, 10);
}

/** Today's date in `tz`. */
export function zonedToday(tz: string, now: number): string {
  return createZonedFormatter(tz).day(now);
}

export interface DateRange {
  /** Inclusive start date or instant. */
  from?: string;
  /** Exclusive end date or instant. */
  to?: string;
}

export function resolvePreset(preset: RelativeRangePreset, tz: string, now: number): DateRange {
  const today = zonedToday(tz, now);
  const tomorrow = addDays(today, 1);
  switch (preset) {
    case 'today':
      return { from: today, to: tomorrow };
    case 'yesterday':
      return { from: addDays(today, -1), to: today };
    case 'last7':
      return { from: addDays(today, -6), to: tomorrow };
    case 'thisMonth':
      return { from: firstOfMonth(today), to: tomorrow };
    case 'lastMonth':
      return { from: firstOfMonth(today, -1), to: firstOfMonth(today) };
    case 'last31':
      return { from: addDays(today, -30), to: tomorrow };
    case 'all':
      return {};
  }
}

/**
 * The period a range is compared with: the calendar month(s) before when it starts on a month's first day
 * (month to date: the same days of the month before, clamped to its length), the week before when it starts
 * on a Monday and spans at most a week, otherwise the same length just before. Calendar steps are in `tz`,
 * so a month is a month across DST changes.
 */
export function previousPeriod(
  from: number,
  to: number,
  tz: string,
): { from: number; to: number; basis: 'month' | 'week' | 'length' } {
  const start = new TZDate(from, tz);
  if (startOfMonth(start).getTime() === from) {
    const end = new TZDate(to, tz);
    if (startOfMonth(end).getTime() === to) {
      const months = differenceInCalendarMonths(end, start);
      return { from: addMonths(start, -months).getTime(), to: from, basis: 'month' };
    }
    return {
      from: addMonths(start, -1).getTime(),
      to: Math.min(addMonths(end, -1).getTime(), from),
      basis: 'month',
    };
  }
  if (startOfISOWeek(start).getTime() === from && to - from <= 7 * 86_400_000 + 3_600_000) {
    return {
      from: addWeeks(start, -1).getTime(),
      to: addWeeks(new TZDate(to, tz), -1).getTime(),
      basis: 'week',
    };
  }
  return { from: from - (to - from), to: from, basis: 'length' };
}
