import { describe, expect, it } from 'vitest';
import {
  exportQuerySchema,
  FilterRangeError,
  queryFromSearchParams,
  recordsQuerySchema,
  resolveFilters,
} from './filters.js';

const parse = (query: string) =>
  recordsQuerySchema.safeParse(queryFromSearchParams(new URLSearchParams(query)));

describe('filter parameters', () => {
  it('parses repeated values, sort, paging and durations', () => {
    const result = parse('code=A&code=B&sort=cost:desc&page=3&pageSize=100&minDuration=10&outcome=answered');
    expect(result.success && result.data).toEqual({
      code: ['A', 'B'],
      sort: { field: 'cost', direction: 'desc' },
      page: 3,
      pageSize: 100,
      minDuration: 10,
      outcome: 'answered',
    });
  });

  it.each([
    ['colour=red', 'colour'],
    ['sort=password:asc', 'sort'],
    ['sort=cost:sideways', 'sort'],
    ['pageSize=501', 'pageSize'],
    ['page=0', 'page'],
    ['page=1&page=2', 'page'],
    ['tz=Mars/Olympus', 'tz'],
    ['from=2022-04-31', 'from'],
    ['callee=abc', 'callee'],
    ['minDuration=-1', 'minDuration'],
    [`code=${'x'.repeat(121)}`, 'code'],
    [Array.from({ length: 51 }, (_, i) => `code=${i}`).join('&'), 'code'],
  ])('rejects %s, naming %s', (query, param) => {
    const result = parse(query);
    expect(result.success).toBe(false);
    const keys = result.error!.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys : [String(i.path[0])],
    );
    expect(keys).toContain(param);
  });

  it('takes an ordered column list for exports', () => {
    const result = exportQuerySchema.parse(
      queryFromSearchParams(new URLSearchParams('columns=cost&columns=callee')),
    );
    expect(result.columns).toEqual(['cost', 'callee']);
  });

  it('resolves dates in the chosen zone, normalises callee digits and currency', () => {
    const filters = resolveFilters(
      {
        from: '2026-11-01',
        to: '2026-11-02',
        tz: 'Asia/Shanghai',
        callee: '+44 7700 900123',
        currency: ['', 'eur'],
      },
      'UTC',
    );
    expect(filters).toMatchObject({
      from: Date.UTC(2026, 9, 31, 16),
      to: Date.UTC(2026, 10, 1, 16),
      tz: 'Asia/Shanghai',
      callee: '447700900123',
      currencies: ['USD', 'EUR'],
    });
  });

  it('refuses an empty or inverted range', () => {
    expect(() => resolveFilters({ from: '2026-11-02', to: '2026-11-01' }, 'UTC')).toThrow(
      /The end must be after the start/,
    );
    const inverted = (() => {
      try {
        resolveFilters({ minDuration: 60, maxDuration: 30 }, 'UTC');
      } catch (error) {
        return error;
      }
    })();
    expect(inverted).toBeInstanceOf(FilterRangeError);
    expect(inverted).toMatchObject({
      param: 'maxDuration',
      message: expect.stringMatching(/longest talk time must be at least the shortest/),
    });
  });
});
