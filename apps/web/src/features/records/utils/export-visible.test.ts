import { describe, expect, it } from 'vitest';
import { recordRow } from '@/testing/fixtures';
import { buildVisibleCsv } from './export-visible';

describe('buildVisibleCsv', () => {
  it('writes a BOM, the visible headers in screen order and CRLF rows', () => {
    const csv = buildVisibleCsv([recordRow()], ['cost', 'submitTime', 'callDuration'], '+08:00');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Cost,Submitted,Talk time',
      '€0.0375,2026-11-29 07:30:00,1:15',
      '',
    ]);
  });

  it('exports callees as digits so spreadsheets read a number, not a formula', () => {
    const csv = buildVisibleCsv([recordRow({ callee: '+447700900123' })], ['callee'], 'UTC');
    expect(csv.split('\r\n')[1]).toBe('447700900123');
  });

  it('guards formula-like values and quotes commas, quotes and newlines', () => {
    const rows = [
      recordRow({ calledInfo: '=HYPERLINK("x")' }),
      recordRow({ calledInfo: '@SUM(A1)' }),
      recordRow({ calledInfo: '-2+3' }),
      recordRow({ calledInfo: 'a, b' }),
      recordRow({ calledInfo: 'line1\nline2' }),
      recordRow({ calledInfo: '\tindent' }),
    ];
    const lines = buildVisibleCsv(rows, ['calledInfo'], 'UTC').slice(1).split('\r\n');
    expect(lines.slice(1, 7)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      `'@SUM(A1)`,
      `'-2+3`,
      `"a, b"`,
      `"line1\nline2"`,
      `'\tindent`,
    ]);
  });

  it('keeps non-ASCII text intact and money with grouped thousands quoted', () => {
    const csv = buildVisibleCsv(
      [recordRow({ code: 'Côte d’Ivoire(Orange)', currency: 'USD', cost: '1234.5' })],
      ['code', 'cost'],
      'UTC',
    );
    expect(csv.split('\r\n')[1]).toBe('Côte d’Ivoire(Orange),"$1,234.50"');
  });
});
