// How a range reads to a person: its first and last calendar day in the zone. The presets themselves live in
// contracts (range-presets.ts): saved views and scheduled reports on the BFF resolve them the same way.
import { addDays, createZonedFormatter, isCalendarDate } from '@callboard/contracts';

/** The inclusive last day a user reads for an exclusive `to` (a date or an instant). */
export function inclusiveEndDate(to: string, tz: string): string {
  return isCalendarDate(to) ? addDays(to, -1) : createZonedFormatter(tz).day(Date.parse(to) - 1);
}

export function startDate(from: string, tz: string): string {
  return isCalendarDate(from) ? from : createZonedFormatter(tz).day(Date.parse(from));
}
