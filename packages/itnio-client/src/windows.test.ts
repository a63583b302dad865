import { describe, expect, it } from 'vitest';
import { ItnioError } from './errors.js';
import { formatVendorTime } from './time.js';
import { DAY_MS, MAX_WINDOW_MS, planWindows, retentionHorizon, windowsNewestFirst } from './windows.js';

const t = (iso: string) => Date.parse(iso);
const NOW = t('2024-05-20T12:00:00Z');
const HORIZON = t('2024-03-20T12:05:00Z'); // two calendar months back, plus the 5-minute margin

describe('retentionHorizon', () => {
  it('goes back whole calendar months in UTC', () => {
    expect(retentionHorizon(NOW)).toBe(t('2024-03-20T12:00:00Z'));
  });

  it('rolls a missing day forward (the later, safer reading)', () => {
    expect(retentionHorizon(t('2024-04-30T00:00:00Z'))).toBe(t('2024-03-01T00:00:00Z'));
  });
});

describe('planWindows', () => {
  it('cuts a range inside retention into contiguous windows of at most 31 days', () => {
    const plan = planWindows({ from: t('2024-03-25T00:00:00Z'), to: NOW, now: NOW });

    expect(plan.outside).toBeNull();
    expect(plan.windows).toEqual([
      { from: t('2024-03-25T00:00:00Z'), to: t('2024-03-25T00:00:00Z') + MAX_WINDOW_MS },
      { from: t('2024-03-25T00:00:00Z') + MAX_WINDOW_MS, to: NOW },
    ]);
  });

  it('cuts by stepMs when given (a sync passes one day)', () => {
    const plan = planWindows({ from: t('2024-05-17T06:00:00Z'), to: NOW, now: NOW, stepMs: DAY_MS });

    expect(plan.windows).toHaveLength(4);
    expect(plan.windows.every((w) => w.to - w.from <= DAY_MS)).toBe(true);
    expect(plan.windows.at(-1)?.to).toBe(NOW);
  });

  it('aligns windows to step boundaries when asked', () => {
    const plan = planWindows({
      from: t('2024-05-17T06:00:00Z'),
      to: NOW,
      now: NOW,
      stepMs: DAY_MS,
      alignToStep: true,
    });

    expect(plan.windows.map((w) => new Date(w.from).toISOString())).toEqual([
      '2024-05-17T06:00:00.000Z',
      '2024-05-18T00:00:00.000Z',
      '2024-05-19T00:00:00.000Z',
      '2024-05-20T00:00:00.000Z',
    ]);
  });

  it('clamps the start to the retention horizon and reports the part outside', () => {
    const from = t('2024-01-01T00:00:00Z');
    const plan = planWindows({ from, to: NOW, now: new Date(NOW) });

    expect(plan.horizon).toBe(HORIZON);
    expect(plan.windows[0]?.from).toBe(HORIZON);
    expect(plan.outside).toEqual({ from, to: HORIZON });
    for (const [i, w] of plan.windows.entries()) {
      expect(w.to - w.from).toBeLessThanOrEqual(MAX_WINDOW_MS);
      if (i > 0) expect(w.from).toBe(plan.windows[i - 1]?.to);
    }
  });

  it('widens to whole seconds and keeps the horizon inside retention', () => {
    const plan = planWindows({ from: NOW - 1500, to: NOW + 1, now: NOW + 250 });

    expect(plan.windows).toEqual([{ from: NOW - 2000, to: NOW + 1000 }]);
    expect(plan.horizon % 1000).toBe(0);
  });

  it('is free of DST effects: every window is exactly the step in UTC ms', () => {
    // Spans the EU and US spring-forward dates; UTC arithmetic must not notice.
    const now = t('2024-04-15T00:00:00Z');
    const plan = planWindows({ from: t('2024-03-01T00:00:00Z'), to: now, now, stepMs: DAY_MS });

    expect(plan.windows.every((w) => w.to - w.from === DAY_MS)).toBe(true);
  });

  it.each([
    ['to equals from', { from: NOW - DAY_MS, to: NOW - DAY_MS }],
    ['to before from', { from: NOW, to: NOW - DAY_MS }],
    [
      'the whole range older than retention',
      { from: t('2023-01-01T00:00:00Z'), to: t('2024-03-20T12:00:00Z') },
    ],
  ])('refuses %s with an out-of-range ItnioError', (_name, range) => {
    const act = () => planWindows({ ...range, now: NOW });

    expect(act).toThrow(ItnioError);
    expect(act).toThrow(expect.objectContaining({ kind: 'out-of-range', retryable: false }));
  });

  it('refuses an invalid date as a bad request', () => {
    expect(() => planWindows({ from: new Date('2022-04-31x'), to: NOW, now: NOW })).toThrow(
      expect.objectContaining({ kind: 'bad-request' }),
    );
  });
});

describe('windowsNewestFirst', () => {
  it('orders the newest window first without touching the input', () => {
    const windows = [
      { from: 0, to: 1000 },
      { from: 1000, to: 2000 },
    ];

    expect(windowsNewestFirst(windows)).toEqual([windows[1], windows[0]]);
    expect(windows[0]?.from).toBe(0);
  });
});

describe('formatVendorTime', () => {
  it('writes ISO 8601 in +08:00 at second precision, like the seed', () => {
    expect(formatVendorTime(t('2022-02-17T16:00:00.999Z'))).toBe('2022-02-18T00:00:00+08:00');
  });
});
