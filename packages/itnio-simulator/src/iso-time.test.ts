import { describe, expect, it } from 'vitest';
import { formatPlus8, parseIsoInstant, subtractCalendarMonthsUtc } from './iso-time.js';

describe('parseIsoInstant', () => {
  it('reads offsets, Z and fractional seconds', () => {
    expect(parseIsoInstant('2022-02-18T00:00:00+08:00')).toBe(Date.UTC(2022, 1, 17, 16));
    expect(parseIsoInstant('2022-02-18T00:00:00Z')).toBe(Date.UTC(2022, 1, 18));
    expect(parseIsoInstant('2022-02-18T00:00:00.250-05:30')).toBe(Date.UTC(2022, 1, 18, 5, 30, 0, 250));
    expect(parseIsoInstant('2024-02-29T12:00:00+00:00')).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it.each([
    '2022-04-31T00:00:00+08:00',
    '2022-02-29T00:00:00+08:00',
    '2022-02-28T25:00:00+08:00',
    '2022-02-28T23:60:00+08:00',
    '2022-13-01T00:00:00+08:00',
    '2022-02-18T00:00:00',
    '2022-02-18 00:00:00+08:00',
    '2022-02-18',
    '2022-02-18T00:00:00+0800',
    '2022-02-18T00:00:00+19:00',
    '1645113600',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });
});

describe('formatPlus8', () => {
  it('renders vendor time at second precision', () => {
    expect(formatPlus8(Date.UTC(2022, 1, 18, 6, 42, 40, 999))).toBe('2022-02-18T14:42:40+08:00');
    expect(formatPlus8(Date.UTC(2022, 1, 18, 16))).toBe('2022-02-19T00:00:00+08:00');
  });
});

describe('subtractCalendarMonthsUtc', () => {
  it('keeps the time of day and clamps to the shorter month', () => {
    expect(subtractCalendarMonthsUtc(Date.UTC(2024, 4, 31, 16), 2)).toBe(Date.UTC(2024, 2, 31, 16));
    expect(subtractCalendarMonthsUtc(Date.UTC(2024, 3, 30, 1), 2)).toBe(Date.UTC(2024, 1, 29, 1));
    expect(subtractCalendarMonthsUtc(Date.UTC(2024, 0, 15), 2)).toBe(Date.UTC(2023, 10, 15));
  });
});
