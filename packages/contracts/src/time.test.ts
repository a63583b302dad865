import { describe, expect, it } from 'vitest';
import {
  createZonedFormatter,
  isCalendarDate,
  isIsoInstant,
  isValidTimeZone,
  offsetSegments,
  parseInstantOrDate,
  zonedDays,
} from './time.js';

describe('time zone math', () => {
  it('accepts IANA zones and fixed offsets, refuses the rest', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('+08:00')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('refuses offsets no clock uses and spellings other than ±HH:MM', () => {
    for (const tz of [
      '+99:99',
      '+14:01',
      '-12:30',
      '+05:60',
      '+0800',
      '+8',
      'Z',
      '+08:00:00',
      'Not/AZone',
      '../etc',
    ]) {
      expect(isValidTimeZone(tz), tz).toBe(false);
    }
    for (const tz of ['+14:00', '-12:00', '+05:45', '+00:00', 'Asia/Kathmandu', 'Etc/GMT+5'])
      expect(isValidTimeZone(tz), tz).toBe(true);
  });

  it('finds every DST transition of a decade without stepping through it', () => {
    const segments = offsetSegments(Date.UTC(2020, 0, 1), Date.UTC(2030, 0, 1), 'Europe/London');
    // Two transitions a year, each to the minute (01:00 UTC), alternating GMT and BST.
    expect(segments).toHaveLength(21);
    expect(
      segments
        .slice(1)
        .every((s) => new Date(s.from).getUTCHours() === 1 && new Date(s.from).getUTCMinutes() === 0),
    ).toBe(true);
    expect(segments.map((s) => s.offsetMs / 3_600_000).slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(offsetSegments(Date.UTC(2020, 0, 1), Date.UTC(2030, 0, 1), '+05:45')).toHaveLength(1);
  });

  it('refuses dates and times that do not exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2022-04-31')).toBe(false);
    expect(isIsoInstant('2026-11-01T00:00:00+08:00')).toBe(true);
    expect(isIsoInstant('2026-11-01T00:00:00Z')).toBe(true);
    expect(isIsoInstant('2026-11-01T25:00:00Z')).toBe(false);
    expect(isIsoInstant('2026-11-01T00:00:00')).toBe(false);
  });

  it('reads a date as midnight in the chosen zone', () => {
    expect(new Date(parseInstantOrDate('2026-11-01', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-10-31T16:00:00.000Z',
    );
    expect(new Date(parseInstantOrDate('2026-07-01', 'Europe/London')).toISOString()).toBe(
      '2026-06-30T23:00:00.000Z',
    );
    expect(new Date(parseInstantOrDate('2026-07-01T10:00:00+02:00', 'UTC')).toISOString()).toBe(
      '2026-07-01T08:00:00.000Z',
    );
  });

  it('cuts local days that follow DST: 23 hours in spring, 25 in autumn', () => {
    // Until local midnight of the 31st (23:00 UTC, in summer time).
    const days = zonedDays(Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30, 23), 'Europe/London');
    expect(days.map((d) => d.day)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(days.map((d) => (d.end - d.start) / 3_600_000)).toEqual([24, 23, 24]);
    const autumn = zonedDays(Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 9, 26), 'Europe/London');
    expect((autumn[0]!.end - autumn[0]!.start) / 3_600_000).toBe(25);
  });

  it('finds the DST transition to the minute', () => {
    const segments = offsetSegments(Date.UTC(2026, 2, 27), Date.UTC(2026, 2, 31), 'Europe/London');
    expect(segments).toEqual([
      { from: Date.UTC(2026, 2, 27), offsetMs: 0 },
      { from: Date.UTC(2026, 2, 29, 1), offsetMs: 3_600_000 },
    ]);
    expect(offsetSegments(0, 10 * 86_400_000, 'Asia/Shanghai')).toHaveLength(1);
  });

  it('formats instants as local wall-clock time quickly and correctly across DST', () => {
    const london = createZonedFormatter('Europe/London');
    expect(london.dateTime(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe('2026-03-29 00:59:59');
    expect(london.dateTime(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe('2026-03-29 02:00:00');
    expect(createZonedFormatter('+08:00').isoWithOffset(Date.UTC(2026, 0, 1, 23, 30))).toBe(
      '2026-01-02T07:30:00+08:00',
    );
    expect(createZonedFormatter('Asia/Kathmandu').dateTime(Date.UTC(2026, 0, 1))).toBe('2026-01-01 05:45:00');
  });
});
