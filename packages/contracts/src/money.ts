// Money is a decimal string tagged with its currency. Amounts are never floats and never summed
// across currencies; the store does exact DECIMAL arithmetic and hands back strings.
import { z } from 'zod';

export const MONEY_SCALE = 8;
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number as a string, like "12.5"');

export const moneySchema = z.object({ currency: z.string(), amount: decimalString });
export type Money = z.infer<typeof moneySchema>;

/** Strips trailing zeros of a fixed-scale decimal string: "2.50000000" → "2.5", "3.00000000" → "3". */
export function trimDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
