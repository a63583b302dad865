import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiError, stubApi } from '@/testing/api-stub';
import { ApiRequestError, fetchJson, fetchResponse, onUnauthenticated, setCsrfToken } from './api-client';

const ok = z.object({ ok: z.boolean() });

describe('api client', () => {
  afterEach(() => {
    setCsrfToken(null);
    vi.unstubAllGlobals();
  });

  it('sends the session’s CSRF token on POST and DELETE but not on GET', async () => {
    const api = stubApi({ '/api/sync': { body: { ok: true } }, '/api/session': { status: 204 } });
    setCsrfToken('token-1');

    await fetchJson('/api/sync', ok);
    await fetchJson('/api/sync', ok, { method: 'POST', body: JSON.stringify({ from: 'a' }) });
    await fetchResponse('/api/session', { method: 'DELETE' });

    const [get, post] = api.to('/api/sync');
    expect(get!.headers.get('x-csrf-token')).toBeNull();
    expect(post!.headers.get('x-csrf-token')).toBe('token-1');
    expect(post!.headers.get('content-type')).toBe('application/json');
    expect(api.to('/api/session', 'DELETE')[0]!.headers.get('x-csrf-token')).toBe('token-1');
  });

  it('reports a 401 from a data endpoint as an ended session, but not a failed sign-in', async () => {
    stubApi({
      '/api/records': apiError(401, 'unauthenticated', 'Sign in first'),
      'POST /api/session': apiError(401, 'bad_credentials', 'Wrong user name or password'),
    });
    const listener = vi.fn();
    const stop = onUnauthenticated(listener);

    await expect(fetchJson('/api/records', ok)).rejects.toMatchObject({
      status: 401,
      message: 'Sign in first',
    });
    await expect(fetchJson('/api/session', ok, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(
      ApiRequestError,
    );
    stop();

    expect(listener).toHaveBeenCalledTimes(1);
  });
});
