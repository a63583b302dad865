import { resolvePreset } from '@callboard/contracts';
import { describe, expect, it } from 'vitest';
import { inclusiveEndDate } from './date-presets';

const NOW = Date.parse('2026-03-01T02:00:00Z');

describe('resolvePreset', () => {
  it('computes each preset as [from, to) dates in the zone', () => {
    expect(resolvePreset('today', 'UTC', NOW)).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(resolvePreset('yesterday', 'UTC', NOW)).toEqual({ from: '2026-02-28', to: '2026-03-01' });
    expect(resolvePreset('last7', 'UTC', NOW)).toEqual({ from: '2026-02-23', to: '2026-03-02' });
    expect(resolvePreset('thisMonth', 'UTC', NOW)).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(resolvePreset('lastMonth', 'UTC', NOW)).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(resolvePreset('last31', 'UTC', NOW)).toEqual({ from: '2026-01-30', to: '2026-03-02' });
    expect(resolvePreset('all', 'UTC', NOW)).toEqual({});
  });

  it('uses the chosen zone’s calendar: at 02:00 UTC it is still February in New York', () => {
    expect(resolvePreset('thisMonth', 'America/New_York', NOW)).toEqual({
      from: '2026-02-01',
      to: '2026-03-01',
    });
  });
});

describe('inclusiveEndDate', () => {
  it('shows the last day covered by an exclusive end', () => {
    expect(inclusiveEndDate('2026-03-01', 'UTC')).toBe('2026-02-28');
  });
});
