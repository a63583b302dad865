import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoney } from './format';

describe('formatMoney', () => {
  it('keeps exact digits with the currency symbol and trims trailing zeros', () => {
    expect(formatMoney('0.03750000', 'EUR')).toBe('€0.0375');
    expect(formatMoney('12.50000000', 'USD')).toBe('$12.5');
    expect(formatMoney('3.00000000', 'GBP')).toBe('£3');
  });

  it('groups thousands without rounding long fractions', () => {
    expect(formatMoney('1234567.12345678', 'USD')).toBe('$1,234,567.12345678');
  });

  it('treats an empty currency as USD and labels unknown currencies by code', () => {
    expect(formatMoney('1.5', '')).toBe('$1.5');
    expect(formatMoney('1.5', 'CHF')).toBe('1.5 CHF');
  });

  it('puts the sign before the symbol', () => {
    expect(formatMoney('-0.5', 'USD')).toBe('-$0.5');
    expect(formatMoney('-0.00000000', 'USD')).toBe('$0');
  });
});

describe('formatDuration', () => {
  it('shows m:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
