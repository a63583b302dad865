import { describe, expect, it } from 'vitest';
import { describeSchedule, nextRunAfter, type Schedule, scheduleSchema } from './schedule.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
/** Every run after `from`, `n` of them. */
const runs = (schedule: Schedule, from: string, n: number) => {
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < n; i++) {
    t = nextRunAfter(schedule, t);
    out.push(iso(t));
  }
  return out;
};

describe('nextRunAfter', () => {
  it('runs daily at the same wall-clock time across a spring-forward change (23-hour day)', () => {
    const daily: Schedule = { frequency: 'daily', time: '07:00', tz: 'Europe/London' };
    // Clocks go forward on 2026-03-29 at 01:00 GMT: 07:00 is 07:00Z before, 06:00Z after.
    expect(runs(daily, '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
  });

  it('runs a time skipped by the spring-forward gap just after the change, once', () => {
    const inGap: Schedule = { frequency: 'daily', time: '01:30', tz: 'Europe/London' };
    expect(runs(inGap, '2026-03-28T12:00:00Z', 2)).toEqual([
      // 01:30 does not exist on the 29th: it runs at 02:30 BST, the same instant as 01:30 GMT would have been.
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('runs a time that happens twice when clocks go back the first time only', () => {
    const twice: Schedule = { frequency: 'daily', time: '01:30', tz: 'Europe/London' };
    // 2026-10-25: 01:30 BST (00:30Z) and then 01:30 GMT (01:30Z).
    expect(runs(twice, '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('runs weekly on the weekday in the zone, also across the autumn change in New York', () => {
    const mondays: Schedule = { frequency: 'weekly', weekday: 1, time: '09:15', tz: 'America/New_York' };
    // 2026-11-01 clocks go back: 09:15 EDT is 13:15Z, 09:15 EST is 14:15Z.
    expect(runs(mondays, '2026-10-22T00:00:00Z', 3)).toEqual([
      '2026-10-26T13:15:00.000Z',
      '2026-11-02T14:15:00.000Z',
      '2026-11-09T14:15:00.000Z',
    ]);
  });

  it('runs day 31 of the month on a shorter month’s last day', () => {
    const monthEnd: Schedule = { frequency: 'monthly', dayOfMonth: 31, time: '23:30', tz: 'UTC' };
    expect(runs(monthEnd, '2027-01-15T00:00:00Z', 4)).toEqual([
      '2027-01-31T23:30:00.000Z',
      '2027-02-28T23:30:00.000Z',
      '2027-03-31T23:30:00.000Z',
      '2027-04-30T23:30:00.000Z',
    ]);
  });

  it('runs day 29 on the leap day, and on 28 February in other years', () => {
    const day29: Schedule = { frequency: 'monthly', dayOfMonth: 29, time: '06:00', tz: 'Asia/Tokyo' };
    expect(runs(day29, '2028-02-01T00:00:00Z', 2)).toEqual([
      // 06:00 in Tokyo (+09:00) on 2028-02-29 is 21:00Z on the 28th.
      '2028-02-28T21:00:00.000Z',
      '2028-03-28T21:00:00.000Z',
    ]);
    expect(runs(day29, '2027-02-01T00:00:00Z', 1)).toEqual(['2027-02-27T21:00:00.000Z']);
  });

  it('is strictly after: a run at exactly the given instant is not next again', () => {
    const daily: Schedule = { frequency: 'daily', time: '00:00', tz: '+05:30' };
    const first = nextRunAfter(daily, at('2026-06-01T00:00:00Z'));
    expect(iso(first)).toBe('2026-06-01T18:30:00.000Z');
    expect(iso(nextRunAfter(daily, first))).toBe('2026-06-02T18:30:00.000Z');
  });
});

describe('scheduleSchema', () => {
  it('says what to fix', () => {
    const bad = scheduleSchema.safeParse({ frequency: 'weekly', weekday: 8, time: '25:00', tz: 'Mars/Base' });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'time: a time of day from 00:00 to 23:59, like 07:30',
      'tz: an IANA time zone like Europe/London, or an offset from -12:00 to +14:00 like +08:00',
      'weekday: a weekday from 1 (Monday) to 7 (Sunday)',
    ]);
    expect(
      scheduleSchema.safeParse({ frequency: 'hourly', time: '07:00', tz: 'UTC' }).error?.issues[0]?.message,
    ).toBe('daily, weekly or monthly');
    const monthly = scheduleSchema.safeParse({ frequency: 'monthly', time: '07:00', tz: 'UTC', weekday: 1 });
    expect(monthly.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'weekday: only for a weekly report',
      'dayOfMonth: a day of the month from 1 to 31, for a monthly report',
    ]);
  });

  it('describes a schedule in words', () => {
    expect(describeSchedule({ frequency: 'monthly', dayOfMonth: 31, time: '07:00', tz: 'UTC' })).toBe(
      "Monthly on day 31 (or the month's last day) at 07:00 (UTC)",
    );
    expect(describeSchedule({ frequency: 'weekly', weekday: 1, time: '09:00', tz: 'UTC' })).toBe(
      'Mondays at 09:00 (UTC)',
    );
  });
});
