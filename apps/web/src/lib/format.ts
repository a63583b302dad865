// Display formatting shared by the table, charts and figures. Money stays a decimal string end to end: it
// is re-punctuated or rounded as a decimal (big.js), never turned into a float.
import { trimDecimal } from '@callboard/contracts';
import Big from 'big.js';

/** What an absent value looks like everywhere: table, detail panel and the visible export. */
export const NO_VALUE = '–';

const CURRENCY_SYMBOLS: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  CNY: 'CN¥',
  INR: '₹',
  HKD: 'HK$',
  SGD: 'S$',
  AUD: 'A$',
  CAD: 'CA$',
  KRW: '₩',
  BRL: 'R$',
  PHP: '₱',
  IDR: 'Rp ',
  VND: '₫',
  THB: '฿',
};

/** Upstream sends an empty currency for its default (USD). */
export function currencyCode(currency: string | undefined): string {
  return currency ? currency.toUpperCase() : 'USD';
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const minorUnitsCache = new Map<string, number>();

/** Decimals the currency is usually written with: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export function minorUnits(currency: string | undefined): number {
  const code = currencyCode(currency);
  let units = minorUnitsCache.get(code);
  if (units === undefined) {
    try {
      units = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits as number;
    } catch {
      units = 2;
    }
    minorUnitsCache.set(code, units);
  }
  return units;
}

function withSymbol(digits: string, code: string): string {
  const negative = digits.startsWith('-');
  const [whole = '0', fraction] = (negative ? digits.slice(1) : digits).split('.');
  const number = fraction ? `${groupThousands(whole)}.${fraction}` : groupThousands(whole);
  const symbol = CURRENCY_SYMBOLS[code];
  const body = symbol ? `${symbol}${number}` : `${number} ${code}`;
  return negative && /[1-9]/.test(digits) ? `-${body}` : body;
}

/**
 * One record's amount as the vendor sent it: every significant decimal (`"0.03750000"` EUR → `€0.0375`),
 * trailing zeros trimmed but never below the currency's usual decimals (`$0.00`, `$12.50`), so a column
 * of amounts reads alike while no digit the vendor charged is hidden.
 */
export function formatMoney(amount: string, currency: string | undefined): string {
  const code = currencyCode(currency);
  const exact = trimDecimal(amount);
  const decimals = exact.split('.')[1]?.length ?? 0;
  const digits = decimals >= minorUnits(code) ? exact : new Big(exact).toFixed(minorUnits(code));
  return withSymbol(digits, code);
}

/** A total, rounded half-up to the currency's usual decimals (`$4,499.86`); exact in `formatMoney`. */
export function formatMoneyTotal(amount: string | number, currency: string | undefined): string {
  const code = currencyCode(currency);
  return withSymbol(new Big(amount).toFixed(minorUnits(code), Big.roundHalfUp), code);
}

/** Whether rounding a total to the currency's decimals hides digits (then the exact figure is shown too). */
export function isRoundedTotal(amount: string, currency: string | undefined): boolean {
  return !new Big(amount).eq(new Big(amount).round(minorUnits(currency), Big.roundHalfUp));
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour: for one call's times. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A total of seconds a person reads at a glance: `45 s`, `12 min 5 s`, `294 h 26 min`. */
export function formatLongDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const s = seconds % 60;
    return s ? `${Math.floor(seconds / 60)} min ${s} s` : `${seconds / 60} min`;
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return m ? `${formatCount(h)} h ${m} min` : `${formatCount(h)} h`;
}

const countFormat = new Intl.NumberFormat('en-US');
export function formatCount(n: number): string {
  return countFormat.format(n);
}

const BYTE_UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;
/** A file size in binary units with one decimal, e.g. "236.4 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${formatCount(bytes)} bytes` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '–' : `${(ratio * 100).toFixed(1)}%`;
}

/** Callees are stored as digits; shown with a `+` so they read as international numbers. */
export function formatCallee(callee: string): string {
  return callee.startsWith('+') || callee === '' ? callee : `+${callee}`;
}

export function calleeDigits(input: string): string {
  return input.replace(/\D/g, '');
}

/** "3 min ago" style freshness label. */
export function formatAge(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return 'estimating…';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
