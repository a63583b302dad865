import { type SummaryResponse, summaryResponseSchema } from '@callboard/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

/** How many countries/operators get their own bar; the rest arrive as one "other" row. */
export const SUMMARY_TOP = 15;

export async function getSummary(params: URLSearchParams): Promise<SummaryResponse> {
  const summary = await fetchJson(`/api/summary?${params}`, summaryResponseSchema);
  return { ...summary, byCode: foldOperators(summary.byCode, Number(params.get('top') ?? SUMMARY_TOP)) };
}

/**
 * The server lists every country/operator; the charts show the top N by calls and one "Other" row summing
 * the rest (calls, answers, talk time, cost per currency, terminations).
 */
function foldOperators(rows: SummaryResponse['byCode'], top: number): SummaryResponse['byCode'] {
  if (rows.length <= top) return rows;
  const ranked = [...rows].sort((a, b) => b.calls - a.calls);
  const rest = ranked.slice(top);
  const sum = (pick: (row: (typeof rows)[number]) => number) => rest.reduce((n, row) => n + pick(row), 0);
  const terminations: Record<string, number> = {};
  const cost = new Map<string, string[]>();
  for (const row of rest) {
    for (const [code, n] of Object.entries(row.terminations)) terminations[code] = (terminations[code] ?? 0) + n;
    for (const money of row.cost ?? []) cost.set(money.currency, [...(cost.get(money.currency) ?? []), money.amount]);
  }
  const calls = sum((r) => r.calls);
  const answered = sum((r) => r.answered);
  const talkSeconds = sum((r) => r.talkSeconds);
  return [
    ...ranked.slice(0, top),
    {
      code: `Other (${rest.length} more)`,
      isOther: true,
      calls,
      answered,
      asr: calls === 0 ? null : answered / calls,
      acdSeconds: answered === 0 ? null : talkSeconds / answered,
      talkSeconds,
      shortCalls: sum((r) => r.shortCalls),
      keyPresses: sum((r) => r.keyPresses),
      ...(rows[0]?.cost ? { cost: [...cost].map(([currency, amounts]) => ({ currency, amount: addDecimals(amounts) })) } : {}),
      terminations,
    },
  ];
}

/** Exact sum of decimal strings (fixed-point on BigInt, 8 decimals as the API sends). */
function addDecimals(amounts: string[]): string {
  const scaled = amounts.reduce((total, amount) => {
    const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
    const value = BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0').slice(0, 8));
    return total + (amount.startsWith('-') ? -value : value);
  }, 0n);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const fraction = (abs % 100_000_000n).toString().padStart(8, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / 100_000_000n}${fraction ? `.${fraction}` : ''}`;
}

export const summaryQueryOptions = (filterParams: URLSearchParams, top = SUMMARY_TOP) => {
  const params = new URLSearchParams(filterParams);
  params.set('top', String(top));
  return queryOptions({
    queryKey: ['summary', params.toString()],
    queryFn: () => getSummary(params),
    placeholderData: keepPreviousData,
    // While the range is still syncing the figures grow; poll until the store has all of it.
    refetchInterval: (query) => (query.state.data && !query.state.data.coverage.complete ? 4000 : false),
  });
};

export function useSummary(filterParams: URLSearchParams, top?: number) {
  return useQuery(summaryQueryOptions(filterParams, top));
}
