import { describe, expect, it } from 'vitest';
import { answerRateByCode, type ChartOperatorRow, foldByCalls, terminationStacks } from './outcome-data';

function operator(code: string, terminations: Record<string, number>, talkSeconds = 0): ChartOperatorRow {
  const calls = Object.values(terminations).reduce((a, b) => a + b, 0);
  const answered = terminations['200'] ?? 0;
  return {
    code,
    isOther: false,
    calls,
    answered,
    asr: calls ? answered / calls : null,
    acdSeconds: answered ? talkSeconds / answered : null,
    talkSeconds,
    shortCalls: 0,
    keyPresses: answered,
    terminations,
  };
}

const reasons = new Map([
  ['200', 'OK'],
  ['1001', 'no answer'],
]);

describe('foldByCalls', () => {
  it('keeps the busiest operators and sums the rest into one row with recomputed rates', () => {
    const rows = [
      operator('Small(A)', { '200': 1, '487': 1 }, 30),
      operator('Big(B)', { '200': 50, '487': 50 }),
      operator('Small(C)', { '200': 3, '503': 1 }, 90),
    ];
    const folded = foldByCalls(rows, 1);
    expect(folded.map((r) => r.code)).toEqual(['Big(B)', 'Other (2)']);
    expect(folded[1]).toMatchObject({ isOther: true, calls: 6, answered: 4, asr: 4 / 6, acdSeconds: 30 });
    expect(folded[1]!.terminations).toEqual({ '200': 4, '487': 1, '503': 1 });
  });

  it('folds nothing when one row would be left over', () => {
    expect(foldByCalls([operator('A', { '200': 1 }), operator('B', { '200': 2 })], 1)).toHaveLength(2);
  });
});

describe('terminationStacks', () => {
  const rows = [
    operator('A', { '200': 50, '487': 20, '1001': 5, '603': 1 }),
    operator('B', { '200': 10, '1002': 30, '603': 2, '404': 1 }),
  ];

  it('orders keys by outcome class, then number, and folds rarer codes per class (not into grey "Other")', () => {
    const { keys, rows: stacks } = terminationStacks(rows, 4, reasons);
    expect(keys.map((k) => [k.key, k.outcome])).toEqual([
      ['200', 'success'],
      ['487', 'no-answer'],
      ['1001', 'no-answer'],
      ['1002', 'busy'],
      ['other:busy', 'busy'],
      ['other:failed', 'failed'],
    ]);
    expect(keys[2]!.label).toBe('1001 no answer');
    expect(keys[4]!.label).toBe('Other busy codes');
    expect(stacks[1]).toMatchObject({ label: 'B', 't:1002': 30, 't:other:busy': 2, 't:other:failed': 1 });
  });
});

describe('answerRateByCode', () => {
  it('gives percent with one decimal and skips operators without calls', () => {
    const metrics = answerRateByCode([operator('A', { '200': 1, '487': 2 }), operator('B', {})]);
    expect(metrics).toEqual([{ code: 'A', label: 'A', isOther: false, value: 33.3, calls: 3 }]);
  });
});
