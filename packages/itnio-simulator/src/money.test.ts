import { describe, expect, it } from 'vitest';
import { formatMoney, multiplyMoney, parseMoney } from './money.js';

describe('money', () => {
  it('renders without trailing zeros', () => {
    expect(formatMoney(parseMoney('0.0375'))).toBe('0.0375');
    expect(formatMoney(parseMoney('2.000'))).toBe('2');
    expect(formatMoney(0n)).toBe('0');
    expect(formatMoney(parseMoney('-1.5'))).toBe('-1.5');
  });

  it('multiplies exactly and refuses more than 8 decimals', () => {
    expect(formatMoney(multiplyMoney(parseMoney('1.2793'), parseMoney('0.938')))).toBe('1.1999834');
    expect(formatMoney(multiplyMoney(parseMoney('0.1'), parseMoney('0.2')))).toBe('0.02');
    expect(() => multiplyMoney(parseMoney('0.00001'), parseMoney('0.00001'))).toThrow();
    expect(() => parseMoney('0.123456789')).toThrow();
  });
});
