// Display formatting shared by the table, charts and CSV exports. Money stays a decimal string end to end:
// it is only ever re-punctuated, never turned into a float.
import { trimDecimal } from '@callboard/contracts';

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

/** `"0.03750000"`, `EUR` → `€0.0375`; exact digits, trailing zeros trimmed, thousands grouped. */
export function formatMoney(amount: string, currency: string | undefined): string {
  const code = currencyCode(currency);
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = trimDecimal(negative ? amount.slice(1) : amount).split('.');
  const number = fraction ? `${groupThousands(whole)}.${fraction}` : groupThousands(whole);
  const symbol = CURRENCY_SYMBOLS[code];
  const body = symbol ? `${symbol}${number}` : `${number} ${code}`;
  return negative && trimDecimal(amount) !== '0' ? `-${body}` : body;
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const countFormat = new Intl.NumberFormat('en-US');
export function formatCount(n: number): string {
  return countFormat.format(n);
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
