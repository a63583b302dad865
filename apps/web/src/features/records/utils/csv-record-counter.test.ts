import { CSV_BOM, csvDocument } from '@callboard/contracts';
import { describe, expect, it } from 'vitest';
import { csvRecordCounter } from './csv-record-counter';

const encode = (text: string) => new TextEncoder().encode(text);

describe('csvRecordCounter', () => {
  it('counts record ends, not the line breaks inside quoted cells, across any chunk boundary', () => {
    // The export's own format: a BOM, a header, cells with a line break, quotes and a comma.
    const text = csvDocument(
      ['Id', 'Called info'],
      [
        [1, 'two\r\nlines, and "quotes"'],
        [2, 'plain'],
        [3, 'x"y'],
      ],
    );
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const bytes = encode(text);
    for (let size = 1; size <= bytes.length; size++) {
      const counter = csvRecordCounter();
      for (let at = 0; at < bytes.length; at += size) counter.push(bytes.subarray(at, at + size));
      expect(counter.lines, `chunks of ${size}`).toBe(4);
      expect(counter.bytes).toBe(bytes.length);
    }
  });

  it('counts no record whose line is still being received', () => {
    const counter = csvRecordCounter();
    counter.push(encode('a,b\r\n1,"open'));
    expect(counter.lines).toBe(1);
    counter.push(encode('\r\nstill open"\r\n'));
    expect(counter.lines).toBe(2);
  });
});
