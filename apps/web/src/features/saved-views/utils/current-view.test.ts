import { savedViewInputSchema } from '@callboard/contracts';
import { describe, expect, it } from 'vitest';
import { parseDashboardState } from '@/lib/url-state';
import { currentViewParams, pageOfPath, viewLocation } from './current-view';

describe('current view', () => {
  it('saves the URL state of a page as view params the API accepts, and opens them as the same URL', () => {
    const search = new URLSearchParams(
      'range=lastMonth&currency=EUR&code=44-1&code=33-2&tz=Europe%2FLondon&minDuration=5&page=3&shortCallSeconds=30',
    );
    const state = parseDashboardState(search, 'UTC');
    const params = currentViewParams(state, 'spend', '/spend');
    expect(params).toEqual({
      range: 'lastMonth',
      currency: ['EUR'],
      code: ['44-1', '33-2'],
      tz: 'Europe/London',
      minDuration: 5,
      shortCallSeconds: 30,
    });
    expect(savedViewInputSchema.safeParse({ name: 'x', page: 'spend', params }).success).toBe(true);
    const url = new URL(
      viewLocation({ page: 'spend', params: params as Record<string, string> }),
      'http://x',
    );
    expect(url.pathname).toBe('/spend');
    expect(parseDashboardState(url.searchParams, 'UTC').filters).toEqual(state.filters);
  });

  it('names the default range, keeps the records sort, and puts a callee back in the path', () => {
    const state = parseDashboardState(new URLSearchParams('tz=UTC&sort=callee:asc'), 'UTC');
    expect(currentViewParams(state, 'records', '/')).toEqual({
      range: 'last7',
      tz: 'UTC',
      sort: 'callee:asc',
    });
    const callee = currentViewParams(
      parseDashboardState(new URLSearchParams('tz=UTC'), 'UTC'),
      'callee',
      '/callee/447700900123',
    );
    expect(viewLocation({ page: 'callee', params: callee as Record<string, string> })).toBe(
      '/callee/447700900123?tz=UTC&range=last7',
    );
    expect(pageOfPath('/alerts')).toBeNull();
    expect(pageOfPath('/outcomes')).toBe('outcomes');
  });
});
