import { describe, expect, it } from 'vitest';
import { sign } from './sign.js';

describe('sign', () => {
  it('matches the vendor test vector', () => {
    expect(sign('bDqJFiq9', '7bz1lzh9', '1630468800')).toBe('05d7a50893e22a5c4bb3216ae3396c7c');
  });
});
