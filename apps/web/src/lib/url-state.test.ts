import { describe, expect, it } from 'vitest';
import { filterApiParams, linkProblems, parseDashboardState, serializeDashboardState } from './url-state';

const NOW = Date.parse('2026-11-28T18:00:00Z');

describe('dashboard URL state', () => {
  it('round-trips every filter, sort and page through the URL', () => {
    const search =
      'range=yesterday&callee=447700900123&code=Spain%28Vodafone%29&code=Nepal%28Ncell%29&terminationCode=487' +
      '&outcome=answered&currency=EUR&minDuration=5&maxDuration=60&q=hello&tz=Europe%2FLondon&sort=cost%3Adesc' +
      '&page=3&pageSize=100&record=v-9';
    const state = parseDashboardState(new URLSearchParams(search), 'UTC');
    expect(state.filters).toMatchObject({
      range: 'yesterday',
      callee: '447700900123',
      code: ['Spain(Vodafone)', 'Nepal(Ncell)'],
      terminationCode: ['487'],
      outcome: 'answered',
      currency: ['EUR'],
      minDuration: 5,
      maxDuration: 60,
      q: 'hello',
    });
    expect(state).toMatchObject({
      tz: 'Europe/London',
      sort: { field: 'cost', direction: 'desc' },
      page: 3,
      pageSize: 100,
    });
    expect(serializeDashboardState(state).toString()).toBe(search);
  });

  it('keeps the short-call threshold when a filter changes, and drops one that is not a bucket edge', () => {
    const state = parseDashboardState(
      new URLSearchParams('shortCallSeconds=20&from=2026-11-01&tz=UTC'),
      'UTC',
    );
    expect(state.shortCallSeconds).toBe(20);
    const changed = { ...state, filters: { ...state.filters, from: '2026-11-05' } };
    expect(serializeDashboardState(changed).get('shortCallSeconds')).toBe('20');
    expect(
      parseDashboardState(new URLSearchParams('shortCallSeconds=7'), 'UTC').shortCallSeconds,
    ).toBeUndefined();
  });

  it('strips defaults but keeps the zone', () => {
    const state = parseDashboardState(new URLSearchParams(), 'Asia/Manila');
    expect(serializeDashboardState(state).toString()).toBe('tz=Asia%2FManila');
  });

  it('drops an invalid value on its own and keeps the rest', () => {
    const state = parseDashboardState(
      new URLSearchParams('outcome=maybe&sort=nope:up&page=0&tz=Mars/Base&q=ok'),
      'UTC',
    );
    expect(state.filters.outcome).toBeUndefined();
    expect(state.filters.q).toBe('ok');
    expect(state).toMatchObject({ tz: 'UTC', sort: { field: 'submitTime', direction: 'desc' }, page: 1 });
  });

  it('treats explicit from/to as a custom range', () => {
    const state = parseDashboardState(new URLSearchParams('from=2026-11-01&to=2026-11-08'), 'UTC');
    expect(state.filters).toMatchObject({ range: 'custom', from: '2026-11-01', to: '2026-11-08' });
  });

  it('resolves presets to dates in the chosen zone for the API', () => {
    const filters = parseDashboardState(new URLSearchParams('range=today'), 'UTC').filters;
    // 18:00 UTC on the 28th is already the 29th in +08:00.
    expect(filterApiParams(filters, 'UTC', NOW).toString()).toBe('from=2026-11-28&to=2026-11-29&tz=UTC');
    expect(filterApiParams(filters, '+08:00', NOW).toString()).toBe(
      'from=2026-11-29&to=2026-11-30&tz=%2B08%3A00',
    );
  });

  it('drops a range that ends before it starts', () => {
    const state = parseDashboardState(new URLSearchParams('from=2026-11-08&to=2026-11-01&tz=UTC'), 'UTC');
    expect(state.filters).toMatchObject({ range: 'last7', from: undefined, to: undefined });
  });
});

describe('linkProblems', () => {
  const problems = (search: string) => linkProblems(new URLSearchParams(search), 'Europe/London');

  it('finds nothing wrong with a good link', () => {
    expect(problems('from=2026-11-01&to=2026-11-08&tz=UTC&outcome=answered&page=2')).toEqual([]);
  });

  it('says what was wrong and what is shown instead, and which parameters to drop', () => {
    expect(problems('from=2022-04-31&tz=UTC')).toEqual([
      { drop: ['from'], message: 'The start date “2022-04-31” does not exist: showing last 7 days instead.' },
    ]);
    expect(problems('tz=Mars/Olympus')).toEqual([
      { drop: [], message: '“Mars/Olympus” is not a time zone: times are shown in Europe/London instead.' },
    ]);
    expect(problems('from=2026-11-08&to=2026-11-01&tz=UTC')).toEqual([
      {
        drop: ['from', 'to'],
        message: 'The end date must be after the start date: showing last 7 days instead.',
      },
    ]);
    expect(problems('tz=UTC&outcome=maybe')[0]).toEqual({
      drop: ['outcome'],
      message: 'The outcome “maybe” was left out (expected answered or unanswered).',
    });
    expect(problems('tz=UTC&page=0')[0]?.message).toBe('“0” is not a page number: showing page 1 instead.');
  });
});
