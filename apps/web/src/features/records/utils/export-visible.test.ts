import { describe, expect, it } from 'vitest';
import { recordRow } from '@/testing/fixtures';
import { buildVisibleCsv, visibleCsvFileName } from './export-visible';

describe('buildVisibleCsv', () => {
  it('writes the shared CSV format: zone in time headers, plain numbers, currency beside money, seconds', () => {
    const csv = buildVisibleCsv(
      [recordRow({ feedbackValue: '-1' })],
      ['cost', 'submitTime', 'callDuration', 'baseCost', 'feedbackValue', 'terminationCode'],
      '+08:00',
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Cost,Cost currency,Submitted (+08:00),Talk time (s),Base cost (USD),Key pressed,Termination code,Termination reason',
      '0.03750000,EUR,2026-11-29 07:30:00,75,0.02,,200,OK',
      '',
    ]);
  });

  it('guards formula-like text and quotes commas, quotes and newlines', () => {
    const rows = [
      recordRow({ calledInfo: '=HYPERLINK("x")' }),
      recordRow({ calledInfo: 'a, b' }),
      recordRow({ calledInfo: 'line1\nline2' }),
    ];
    const lines = buildVisibleCsv(rows, ['calledInfo'], 'UTC').slice(1).split('\r\n');
    expect(lines.slice(1, 4)).toEqual([`"'=HYPERLINK(""x"")"`, `"a, b"`, `"line1\nline2"`]);
  });
});

describe('visibleCsvFileName', () => {
  it('names the days the user chose in the user’s zone: a Berlin November ends on the 30th', () => {
    const params = new URLSearchParams({ from: '2026-11-01', to: '2026-12-01', tz: 'Europe/Berlin' });
    expect(visibleCsvFileName(params, 2)).toBe(
      'callboard-calls-page-2_2026-11-01_to_2026-11-30_Europe-Berlin.csv',
    );
  });
});
