import { describe, expect, it } from 'vitest';
import { csvCell } from './csv';

describe('csvCell', () => {
  it('leaves plain negative numbers alone but guards other leading minus signs', () => {
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('-0.5')).toBe('-0.5');
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('+44 7700')).toBe("'+44 7700");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });
});
