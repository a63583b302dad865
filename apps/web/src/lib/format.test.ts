import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatLongDuration,
  formatMoney,
  formatMoneyTotal,
  isRoundedTotal,
  minorUnits,
} from './format';

describe('formatMoney (one record’s amount)', () => {
  it('keeps every digit the vendor sent, trims trailing zeros, and never shows fewer than the usual decimals', () => {
    expect(formatMoney('0.03750000', 'EUR')).toBe('€0.0375');
    expect(formatMoney('0.70400000', 'EUR')).toBe('€0.704');
    expect(formatMoney('0.04640000', 'USD')).toBe('$0.0464');
    expect(formatMoney('12.50000000', 'USD')).toBe('$12.50');
    expect(formatMoney('0.00000000', 'USD')).toBe('$0.00');
    expect(formatMoney('3.00000000', 'GBP')).toBe('£3.00');
    expect(formatMoney('5', 'JPY')).toBe('¥5');
  });

  it('groups thousands without rounding long fractions', () => {
    expect(formatMoney('1234567.12345678', 'USD')).toBe('$1,234,567.12345678');
  });

  it('treats an empty currency as USD and labels unknown currencies by code', () => {
    expect(formatMoney('1.5', '')).toBe('$1.50');
    expect(formatMoney('1.5', 'CHF')).toBe('1.50 CHF');
  });

  it('puts the sign before the symbol', () => {
    expect(formatMoney('-0.5', 'USD')).toBe('-$0.50');
    expect(formatMoney('-0.00000000', 'USD')).toBe('$0.00');
  });
});

describe('formatMoneyTotal (sums)', () => {
  it('rounds the decimal string half-up to the currency’s usual decimals, never through a float', () => {
    expect(formatMoneyTotal('4499.85529681', 'USD')).toBe('$4,499.86');
    expect(formatMoneyTotal('813.5914', 'USD')).toBe('$813.59');
    expect(formatMoneyTotal('0', 'EUR')).toBe('€0.00');
    // 1.005 is 1.00499999… as a float; as a decimal it rounds up.
    expect(formatMoneyTotal('1.005', 'USD')).toBe('$1.01');
    expect(formatMoneyTotal('1234.5', 'JPY')).toBe('¥1,235');
    expect(formatMoneyTotal('-2.345', 'EUR')).toBe('-€2.35');
  });

  it('says when the rounded figure hides digits', () => {
    expect(isRoundedTotal('813.5914', 'USD')).toBe(true);
    expect(isRoundedTotal('813.50000000', 'USD')).toBe(false);
    expect(minorUnits('EUR')).toBe(2);
    expect(minorUnits('')).toBe(2);
  });
});

describe('durations', () => {
  it('shows one call as m:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('shows totals as hours and minutes a person reads', () => {
    expect(formatLongDuration(1_059_974)).toBe('294 h 26 min');
    expect(formatLongDuration(45)).toBe('45 s');
    expect(formatLongDuration(725)).toBe('12 min 5 s');
    expect(formatLongDuration(600)).toBe('10 min');
    expect(formatLongDuration(7200)).toBe('2 h');
    expect(formatLongDuration(36_000_000)).toBe('10,000 h');
  });
});

describe('formatBytes', () => {
  it('shows bytes below a kilobyte and binary units with one decimal above', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(247_890_123)).toBe('236.4 MB');
  });
});
