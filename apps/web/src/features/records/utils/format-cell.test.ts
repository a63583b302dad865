import { createZonedFormatter } from '@callboard/contracts';
import { describe, expect, it } from 'vitest';
import { recordRow } from '@/testing/fixtures';
import { formatCell } from './format-cell';

const utc = createZonedFormatter('UTC');

describe('formatCell', () => {
  it('formats money in each row’s own currency', () => {
    expect(formatCell(recordRow({ currency: 'EUR', cost: '0.03750000' }), 'cost', utc)).toBe('€0.0375');
    expect(formatCell(recordRow({ currency: 'USD', cost: '12.50000000' }), 'cost', utc)).toBe('$12.50');
    expect(formatCell(recordRow({ currency: 'USD', baseCost: '0.02' }), 'baseCost', utc)).toBe('$0.02');
  });

  it('shows base cost in USD on a EUR row, and settle amounts as the unnamed local currency', () => {
    expect(formatCell(recordRow({ currency: 'EUR', baseCost: '0.1776' }), 'baseCost', utc)).toBe('$0.1776');
    expect(formatCell(recordRow({ currency: 'EUR', settlePay: '0.27143272' }), 'settlePay', utc)).toBe(
      '0.27143272 local',
    );
  });

  it('leaves absent money blank instead of failing', () => {
    const row = recordRow();
    delete row.cost;
    expect(formatCell(row, 'cost', utc)).toBe('');
  });

  it('shows durations as m:ss', () => {
    expect(formatCell(recordRow({ callDuration: 75 }), 'callDuration', utc)).toBe('1:15');
    expect(formatCell(recordRow({ chargedDuration: 120 }), 'chargedDuration', utc)).toBe('2:00');
  });

  it('shows times in the chosen zone', () => {
    const row = recordRow({ submitTime: '2026-11-28T23:30:00.000Z' });
    expect(formatCell(row, 'submitTime', utc)).toBe('2026-11-28 23:30:00');
    expect(formatCell(row, 'submitTime', createZonedFormatter('+08:00'))).toBe('2026-11-29 07:30:00');
    expect(formatCell(row, 'submitTime', createZonedFormatter('America/New_York'))).toBe(
      '2026-11-28 18:30:00',
    );
  });

  it('shows the callee as an international number and "no key pressed" as a dash', () => {
    expect(formatCell(recordRow({ callee: '447700900123' }), 'callee', utc)).toBe('+447700900123');
    expect(formatCell(recordRow({ feedbackValue: '-1' }), 'feedbackValue', utc)).toBe('–');
    expect(formatCell(recordRow({ feedbackValue: '' }), 'feedbackValue', utc)).toBe('–');
    expect(formatCell(recordRow({ feedbackValue: '3' }), 'feedbackValue', utc)).toBe('3');
  });
});
