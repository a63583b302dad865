// Money is held as BigInt scaled by 10^8 (the vendor's money fields never need more than 8 decimals).

export const MONEY_DECIMALS = 8;
export const MONEY_SCALE = 100_000_000n;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string into a scaled BigInt; throws when it has more than 8 decimals or is not a decimal. */
export function parseMoney(text: string): bigint {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  const fraction = match[3] ?? '';
  if (fraction.length > MONEY_DECIMALS) throw new Error(`more than ${MONEY_DECIMALS} decimals: ${text}`);
  const scaled = BigInt(match[2]!) * MONEY_SCALE + BigInt(fraction.padEnd(MONEY_DECIMALS, '0') || '0');
  return match[1] ? -scaled : scaled;
}

// Generated amounts repeat a lot (rate x a few block counts), so rendering is memoised.
const formatted = new Map<bigint, string>();

/** Renders a scaled BigInt without trailing zeros: 375n * 10^4 -> "0.0375", 2 * 10^8 -> "2", 0 -> "0". */
export function formatMoney(scaled: bigint): string {
  let text = formatted.get(scaled);
  if (text === undefined) {
    if (formatted.size > 200_000) formatted.clear();
    text = renderMoney(scaled);
    formatted.set(scaled, text);
  }
  return text;
}

function renderMoney(scaled: bigint): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = (abs / MONEY_SCALE).toString();
  const fraction = (abs % MONEY_SCALE).toString().padStart(MONEY_DECIMALS, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + (fraction ? `${whole}.${fraction}` : whole);
}

/** Exact product of two scaled amounts; throws if the exact result needs more than 8 decimals. */
export function multiplyMoney(a: bigint, b: bigint): bigint {
  const product = a * b;
  if (product % MONEY_SCALE !== 0n) throw new Error('product needs more than 8 decimals');
  return product / MONEY_SCALE;
}

/** Scaled value of an integer count of 1/10000 units (catalog rates are kept at 4 decimals). */
export function fromTenThousandths(units: number): bigint {
  return BigInt(units) * 10_000n;
}
