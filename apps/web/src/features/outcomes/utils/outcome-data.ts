// Shapes the summary for the outcome charts, readable with 100+ operators and dozens of termination codes:
// the server sends the top N operators plus one "other" row; here the termination codes are cut to the
// K most frequent plus "other" so a stacked bar has a legend a person can read.
import type { OperatorRow, SummaryResponse } from '@callboard/contracts';

export const OTHER_KEY = 'other';
export const OTHER_LABEL = 'Other';

export function topTerminationCodes(rows: readonly OperatorRow[], k: number): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    for (const [code, calls] of Object.entries(row.terminations))
      totals.set(code, (totals.get(code) ?? 0) + calls);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map(([code]) => code);
}

export type StackRow = { code: string; label: string; isOther: boolean; total: number } & Record<
  string,
  number | string | boolean
>;

/** One row per operator, one numeric key per kept termination code (prefixed `t:`), the rest summed into `t:other`. */
export function terminationStacks(
  rows: readonly OperatorRow[],
  k: number,
): { keys: string[]; rows: StackRow[] } {
  const kept = topTerminationCodes(rows, k);
  const keptSet = new Set(kept);
  let hasOther = false;
  const stacks = rows.map((row) => {
    const stack: StackRow = {
      code: row.code,
      label: row.isOther ? OTHER_LABEL : row.code,
      isOther: row.isOther,
      total: row.calls,
    };
    for (const code of kept) stack[`t:${code}`] = row.terminations[code] ?? 0;
    let other = 0;
    for (const [code, calls] of Object.entries(row.terminations)) if (!keptSet.has(code)) other += calls;
    if (other > 0) hasOther = true;
    stack[`t:${OTHER_KEY}`] = other;
    return stack;
  });
  return { keys: hasOther ? [...kept, OTHER_KEY] : kept, rows: stacks };
}

export interface OperatorMetric {
  code: string;
  label: string;
  isOther: boolean;
  value: number;
  calls: number;
}

/** Answer rate (percent) per operator; operators without calls are left out. */
export function answerRateByCode(rows: readonly OperatorRow[]): OperatorMetric[] {
  return rows
    .filter((row) => row.asr !== null)
    .map((row) => ({
      code: row.code,
      label: row.isOther ? OTHER_LABEL : row.code,
      isOther: row.isOther,
      value: Math.round(row.asr! * 1000) / 10,
      calls: row.calls,
    }));
}

/** Average talk seconds per answered call, per operator. */
export function averageDurationByCode(rows: readonly OperatorRow[]): OperatorMetric[] {
  return rows
    .filter((row) => row.acdSeconds !== null)
    .map((row) => ({
      code: row.code,
      label: row.isOther ? OTHER_LABEL : row.code,
      isOther: row.isOther,
      value: Math.round(row.acdSeconds!),
      calls: row.calls,
    }));
}

export interface HistogramBar {
  label: string;
  fromSeconds: number;
  toSeconds: number | null;
  calls: number;
}

export function durationHistogram(summary: SummaryResponse): HistogramBar[] {
  return summary.durationHistogram.map((b) => ({
    label: b.toSeconds === null ? `${b.fromSeconds}s+` : `${b.fromSeconds}–${b.toSeconds - 1}s`,
    fromSeconds: b.fromSeconds,
    toSeconds: b.toSeconds,
    calls: b.calls,
  }));
}
