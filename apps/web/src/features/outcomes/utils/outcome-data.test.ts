import type { OperatorRow } from '@callboard/contracts';
import { describe, expect, it } from 'vitest';
import { answerRateByCode, terminationStacks } from './outcome-data';

function operator(code: string, terminations: Record<string, number>, isOther = false): OperatorRow {
  const calls = Object.values(terminations).reduce((a, b) => a + b, 0);
  return {
    code,
    isOther,
    calls,
    answered: terminations['200'] ?? 0,
    asr: calls ? (terminations['200'] ?? 0) / calls : null,
    acdSeconds: null,
    talkSeconds: 0,
    shortCalls: 0,
    keyPresses: 0,
    terminations,
  };
}

describe('terminationStacks', () => {
  const rows = [
    operator('A', { '200': 50, '487': 20, '480': 5, '603': 1 }),
    operator('B', { '200': 10, '486': 30, '603': 2 }),
    operator('', { '200': 100, '999': 4 }, true),
  ];

  it('keeps the K most frequent codes overall and stacks the rest as "other"', () => {
    const { keys, rows: stacks } = terminationStacks(rows, 3);
    expect(keys).toEqual(['200', '486', '487', 'other']);
    expect(stacks[0]).toMatchObject({ label: 'A', 't:200': 50, 't:487': 20, 't:486': 0, 't:other': 6 });
    expect(stacks[1]).toMatchObject({ label: 'B', 't:486': 30, 't:other': 2 });
  });

  it('labels the operators beyond the top N as Other', () => {
    const { rows: stacks } = terminationStacks(rows, 3);
    expect(stacks[2]).toMatchObject({ label: 'Other', isOther: true, 't:200': 100, 't:other': 4 });
  });

  it('adds no "other" key when every code fits', () => {
    expect(terminationStacks([operator('A', { '200': 1, '487': 1 })], 5).keys).toEqual(['200', '487']);
  });

  it('reads with 100+ operators: one row per operator, a bounded legend', () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      operator(`Op${i}`, { [`${400 + (i % 40)}`]: i + 1, '200': 3 }),
    );
    const { keys, rows: stacks } = terminationStacks(many, 8);
    expect(stacks).toHaveLength(120);
    expect(keys).toHaveLength(9);
  });
});

describe('answerRateByCode', () => {
  it('gives percent with one decimal and skips operators without calls', () => {
    const metrics = answerRateByCode([operator('A', { '200': 1, '487': 2 }), operator('B', {})]);
    expect(metrics).toEqual([{ code: 'A', label: 'A', isOther: false, value: 33.3, calls: 3 }]);
  });
});
