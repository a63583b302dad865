// When a scheduled report runs: daily, weekly on a weekday or monthly on a day of the month, at a wall-clock
// time in a named zone. The BFF plans runs with it and the SPA shows the next run with it.
import { TZDate, tzOffset } from '@date-fns/tz';
import { z } from 'zod';
import { timeZoneSchema } from './filters.js';
import { addDays } from './range-presets.js';
import { createZonedFormatter } from './time.js';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const timeOfDay = z
  .string({ message: 'a time of day like 07:30' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day from 00:00 to 23:59, like 07:30');

const WEEKDAY_TEXT = 'a weekday from 1 (Monday) to 7 (Sunday)';
const DAY_TEXT = 'a day of the month from 1 to 31';

/** Flat (one table of fields for forms, storage and the role classification); the frequency says which apply. */
export const scheduleSchema = z
  .strictObject({
    frequency: z.enum(['daily', 'weekly', 'monthly'], { message: 'daily, weekly or monthly' }),
    time: timeOfDay,
    tz: timeZoneSchema,
    /** Weekly: ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: z
      .number({ message: WEEKDAY_TEXT })
      .int(WEEKDAY_TEXT)
      .min(1, WEEKDAY_TEXT)
      .max(7, WEEKDAY_TEXT)
      .optional(),
    /** Monthly: 29, 30 and 31 run on a shorter month's last day. */
    dayOfMonth: z.number({ message: DAY_TEXT }).int(DAY_TEXT).min(1, DAY_TEXT).max(31, DAY_TEXT).optional(),
  })
  .superRefine((s, ctx) => {
    const need = (field: 'weekday' | 'dayOfMonth', wanted: boolean, text: string) => {
      if (wanted && s[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${text}, for a ${s.frequency} report` });
      if (!wanted && s[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `only for a ${field === 'weekday' ? 'weekly' : 'monthly'} report`,
        });
    };
    need('weekday', s.frequency === 'weekly', WEEKDAY_TEXT);
    need('dayOfMonth', s.frequency === 'monthly', DAY_TEXT);
  });
export type Schedule = z.infer<typeof scheduleSchema>;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function scheduledOn(schedule: Schedule, date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (schedule.frequency === 'daily') return true;
  if (schedule.frequency === 'weekly') {
    const isoWeekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
    return isoWeekday === schedule.weekday;
  }
  return d === Math.min(schedule.dayOfMonth ?? 1, daysInMonth(y, m));
}

/**
 * The instant the wall-clock time `hh:mm` of `date` happens in `tz`. A time skipped by a spring-forward
 * change runs as many minutes after the change (01:30 in a 01:00→02:00 gap runs at 02:30); a time that
 * happens twice when clocks go back runs the first time.
 */
export function zonedWallTime(date: string, time: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const candidate = new TZDate(y, m - 1, d, hh, mm, tz).getTime();
  const wall = (ms: number) => ms + tzOffset(tz, new Date(ms)) * 60_000;
  // Clocks go back by at most an hour (30 minutes on Lord Howe): the earlier of two equal wall times wins.
  for (const back of [3_600_000, 1_800_000]) {
    if (wall(candidate - back) === wall(candidate)) return candidate - back;
  }
  return candidate;
}

/** The first run strictly after `afterMs` (UTC ms). Looks at most 62 local days ahead: every schedule runs in that. */
export function nextRunAfter(schedule: Schedule, afterMs: number): number {
  let date = createZonedFormatter(schedule.tz).day(afterMs);
  for (let i = 0; i < 62; i++, date = addDays(date, 1)) {
    if (!scheduledOn(schedule, date)) continue;
    const at = zonedWallTime(date, schedule.time, schedule.tz);
    if (at > afterMs) return at;
  }
  throw new Error('no run within 62 days: the schedule is invalid');
}

/** "Daily at 07:00 (Europe/London)", "Mondays at …", "Monthly on day 31 (or the month's last day) at …". */
export function describeSchedule(schedule: Schedule): string {
  const at = `at ${schedule.time} (${schedule.tz})`;
  if (schedule.frequency === 'daily') return `Daily ${at}`;
  if (schedule.frequency === 'weekly') return `${WEEKDAYS[(schedule.weekday ?? 1) - 1]}s ${at}`;
  const day = schedule.dayOfMonth ?? 1;
  const last = day > 28 ? " (or the month's last day)" : '';
  return `Monthly on day ${day}${last} ${at}`;
}
