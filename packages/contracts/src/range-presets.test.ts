import { describe, expect, it } from 'vitest';
import { previousPeriod, resolvePreset } from './range-presets.js';
import { parseInstantOrDate } from './time.js';

const local = (date: string, tz: string) => parseInstantOrDate(date, tz);
const iso = (ms: number) => new Date(ms).toISOString();
const previous = (from: string, to: string, tz: string) => {
  const p = previousPeriod(local(from, tz), local(to, tz), tz);
  return { from: iso(p.from), to: iso(p.to), basis: p.basis };
};

describe('previousPeriod', () => {
  it('compares a calendar month with the month before, in the zone, across a DST change', () => {
    expect(previous('2026-04-01', '2026-05-01', 'Europe/London')).toEqual({
      // March starts in GMT, April in BST: the month before spans 31 days less an hour.
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T23:00:00.000Z',
      basis: 'month',
    });
  });

  it('compares month to date with the same days of the month before, clamped to its length', () => {
    const now = Date.parse('2026-03-31T10:00:00Z');
    const range = resolvePreset('thisMonth', 'UTC', now);
    expect(previous(range.from!, range.to!, 'UTC')).toEqual({
      from: '2026-02-01T00:00:00.000Z',
      // 1–31 March against 1–28 February: never beyond the month before's end.
      to: '2026-03-01T00:00:00.000Z',
      basis: 'month',
    });
    expect(previous('2026-03-01', '2026-03-11', 'UTC')).toEqual({
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-02-11T00:00:00.000Z',
      basis: 'month',
    });
  });

  it('compares a Monday-to-Monday week with the week before, and anything else with the same length before', () => {
    expect(previous('2026-11-02', '2026-11-09', 'UTC')).toMatchObject({
      from: '2026-10-26T00:00:00.000Z',
      basis: 'week',
    });
    expect(previous('2026-11-04', '2026-11-07', 'UTC')).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-04T00:00:00.000Z',
      basis: 'length',
    });
  });
});
