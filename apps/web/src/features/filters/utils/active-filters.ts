import { RANGE_PRESETS } from '@callboard/contracts';
import { inclusiveEndDate, startDate } from '@/lib/date-presets';
import { formatCallee } from '@/lib/format';
import type { Filters } from '@/lib/url-state';

export interface ActiveFilter {
  key: string;
  label: string;
  /** The patch that removes this filter. */
  clear: Partial<Filters>;
}

/** Every filter in force besides the date range, one entry per value so each can be dropped alone. */
export function activeFilters(filters: Filters): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (filters.callee)
    out.push({
      key: 'callee',
      label: `Callee ${formatCallee(filters.callee)}`,
      clear: { callee: undefined },
    });
  for (const code of filters.code) {
    out.push({
      key: `code:${code}`,
      label: `Country/operator ${code}`,
      clear: { code: filters.code.filter((c) => c !== code) },
    });
  }
  if (filters.outcome) {
    out.push({
      key: 'outcome',
      label: filters.outcome === 'answered' ? 'Answered only' : 'Not answered only',
      clear: { outcome: undefined },
    });
  }
  for (const code of filters.terminationCode) {
    out.push({
      key: `term:${code}`,
      label: `Termination ${code}`,
      clear: { terminationCode: filters.terminationCode.filter((c) => c !== code) },
    });
  }
  for (const currency of filters.currency) {
    out.push({
      key: `cur:${currency}`,
      label: `Currency ${currency || 'USD'}`,
      clear: { currency: filters.currency.filter((c) => c !== currency) },
    });
  }
  if (filters.minDuration !== undefined) {
    out.push({ key: 'min', label: `Talk ≥ ${filters.minDuration} s`, clear: { minDuration: undefined } });
  }
  if (filters.maxDuration !== undefined) {
    out.push({ key: 'max', label: `Talk ≤ ${filters.maxDuration} s`, clear: { maxDuration: undefined } });
  }
  if (filters.q) out.push({ key: 'q', label: `Text “${filters.q}”`, clear: { q: undefined } });
  return out;
}

/** The range as a person reads it: a preset's name, or the first and last day of a custom range. */
export function rangeLabel(filters: Filters, tz: string): string {
  if (filters.range === 'custom') {
    const from = filters.from ? startDate(filters.from, tz) : 'the start';
    const through = filters.to ? inclusiveEndDate(filters.to, tz) : 'now';
    return from === through ? from : `${from} to ${through}`;
  }
  return RANGE_PRESETS.find((p) => p.id === filters.range)?.label ?? '';
}
