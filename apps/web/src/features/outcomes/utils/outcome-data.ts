// Shapes the summary for the outcome charts, readable with 100+ operators and dozens of termination codes.
// The server lists every country/operator; here the busiest (by calls) get their own bar and the rest are
// folded into one "Other" row whose rates are recomputed from the summed counts, not averaged.
import type { OperatorRow, SummaryResponse } from '@callboard/contracts';
import { compareTerminationCodes, type OutcomeClass, outcomeClass } from '@/lib/termination';

export const OTHER_LABEL = 'Other';
/** Operators with their own bar in the outcome charts. */
export const TOP_OPERATORS = 15;

/** An operator's row as the charts draw it: one of the busiest, or the "Other" row summing the rest. */
export type ChartOperatorRow = OperatorRow & { isOther: boolean };

/** The top `top` operators by calls, and the rest summed into one "Other" row (last). */
export function foldByCalls(rows: readonly OperatorRow[], top = TOP_OPERATORS): ChartOperatorRow[] {
  const sorted = [...rows]
    .sort((a, b) => b.calls - a.calls || a.code.localeCompare(b.code))
    .map((row) => ({ ...row, isOther: false }));
  if (sorted.length <= top + 1) return sorted;
  const rest = sorted.slice(top);
  const sum = (pick: (row: OperatorRow) => number) => rest.reduce((total, row) => total + pick(row), 0);
  const calls = sum((r) => r.calls);
  const answered = sum((r) => r.answered);
  const talkSeconds = sum((r) => r.talkSeconds);
  const terminations: Record<string, number> = {};
  for (const row of rest) {
    for (const [code, n] of Object.entries(row.terminations))
      terminations[code] = (terminations[code] ?? 0) + n;
  }
  return [
    ...sorted.slice(0, top),
    {
      code: `${OTHER_LABEL} (${rest.length})`,
      isOther: true,
      calls,
      answered,
      asr: calls ? answered / calls : null,
      acdSeconds: answered ? talkSeconds / answered : null,
      talkSeconds,
      shortCalls: sum((r) => r.shortCalls),
      keyPresses: sum((r) => r.keyPresses),
      terminations,
    },
  ];
}

export interface TerminationKey {
  /** The data key suffix: a termination code, or `other:<class>` for that class's rarer codes. */
  key: string;
  label: string;
  outcome: OutcomeClass;
  /** The code to filter records by; null for a folded group. */
  code: string | null;
}

export type StackRow = { code: string; label: string; isOther: boolean; total: number } & Record<
  string,
  number | string | boolean
>;

/**
 * One row per operator, one numeric key (`t:<key>`) per termination code. The `k` most frequent codes keep
 * their own segment; rarer ones are folded per outcome class, so a folded 1001 still reads as "no answer".
 * Keys come grouped by class (answered, no answer, busy, failed) and in number order within a class.
 */
export function terminationStacks(
  rows: readonly ChartOperatorRow[],
  k: number,
  reasons: ReadonlyMap<string, string>,
): { keys: TerminationKey[]; rows: StackRow[] } {
  const totals = new Map<string, number>();
  for (const row of rows) {
    for (const [code, calls] of Object.entries(row.terminations))
      totals.set(code, (totals.get(code) ?? 0) + calls);
  }
  const kept = new Set(
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1] || compareTerminationCodes(a[0], b[0]))
      .slice(0, k)
      .map(([code]) => code),
  );
  const keyOf = (code: string) => (kept.has(code) ? code : `other:${outcomeClass(code)}`);
  const keys = new Map<string, TerminationKey>();
  for (const code of [...totals.keys()].sort(compareTerminationCodes)) {
    const key = keyOf(code);
    if (keys.has(key)) continue;
    const outcome = outcomeClass(code);
    keys.set(
      key,
      kept.has(code)
        ? { key, outcome, code, label: reasons.get(code) ? `${code} ${reasons.get(code)}` : code }
        : { key, outcome, code: null, label: `Other ${CLASS_WORDS[outcome]} codes` },
    );
  }
  const ordered = [...keys.values()].sort(
    (a, b) =>
      CLASS_ORDER.indexOf(a.outcome) - CLASS_ORDER.indexOf(b.outcome) ||
      Number(a.code === null) - Number(b.code === null) ||
      compareTerminationCodes(a.code ?? '', b.code ?? ''),
  );
  const stacks = rows.map((row) => {
    const stack: StackRow = { code: row.code, label: row.code, isOther: row.isOther, total: row.calls };
    for (const key of ordered) stack[`t:${key.key}`] = 0;
    for (const [code, calls] of Object.entries(row.terminations)) {
      stack[`t:${keyOf(code)}`] = Number(stack[`t:${keyOf(code)}`]) + calls;
    }
    return stack;
  });
  return { keys: ordered, rows: stacks };
}

const CLASS_ORDER: OutcomeClass[] = ['success', 'no-answer', 'busy', 'failed'];
const CLASS_WORDS: Record<OutcomeClass, string> = {
  success: 'answered',
  'no-answer': 'no-answer',
  busy: 'busy',
  failed: 'failed',
};

export interface OperatorMetric {
  code: string;
  label: string;
  isOther: boolean;
  value: number;
  calls: number;
}

/** Answer rate (percent) per operator; operators without calls are left out. */
export function answerRateByCode(rows: readonly ChartOperatorRow[]): OperatorMetric[] {
  return rows
    .filter((row) => row.asr !== null)
    .map((row) => ({
      code: row.code,
      label: row.code,
      isOther: row.isOther,
      value: Math.round(row.asr! * 1000) / 10,
      calls: row.calls,
    }));
}

/** Average talk seconds per answered call, per operator. */
export function averageDurationByCode(rows: readonly ChartOperatorRow[]): OperatorMetric[] {
  return rows
    .filter((row) => row.acdSeconds !== null)
    .map((row) => ({
      code: row.code,
      label: row.code,
      isOther: row.isOther,
      value: Math.round(row.acdSeconds!),
      calls: row.calls,
    }));
}

/** Share of answered calls, from 0 to 1; null when none were answered. */
export function shareOfAnswered(count: number, answered: number): number | null {
  return answered > 0 ? count / answered : null;
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
