// Date-range presets resolve to calendar dates in the chosen zone; the BFF reads `YYYY-MM-DD` as local
// midnight in `tz`, so a "day" is the same instant range in the table, the charts and the export.
import { createZonedFormatter, isCalendarDate } from '@callboard/contracts';

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

export function resolvePreset(preset: Exclude<RangePreset, 'custom'>, tz: string, now: number): DateRange {
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

/** The inclusive last day a user reads for an exclusive `to` (a date or an instant). */
export function inclusiveEndDate(to: string, tz: string): string {
  return isCalendarDate(to) ? addDays(to, -1) : createZonedFormatter(tz).day(Date.parse(to) - 1);
}

export function startDate(from: string, tz: string): string {
  return isCalendarDate(from) ? from : createZonedFormatter(tz).day(Date.parse(from));
}
