import { describe, expect, it } from 'vitest';
import { compareTerminationCodes, outcomeClass } from './termination';

describe('termination codes', () => {
  it('classes codes by outcome: 1001 is no answer and 1002 busy, not "other"', () => {
    expect(outcomeClass('200', true)).toBe('success');
    expect(outcomeClass('1000')).toBe('success');
    expect(outcomeClass('1001')).toBe('no-answer');
    expect(outcomeClass('487')).toBe('no-answer');
    expect(outcomeClass('1002')).toBe('busy');
    expect(outcomeClass('486')).toBe('busy');
    expect(outcomeClass('503')).toBe('failed');
    expect(outcomeClass('9999')).toBe('failed');
  });

  it('sorts numerically, not as text', () => {
    expect(['1001', '486', '200', '1000', '60', 'x'].sort(compareTerminationCodes)).toEqual([
      '60',
      '200',
      '486',
      '1000',
      '1001',
      'x',
    ]);
  });
});
