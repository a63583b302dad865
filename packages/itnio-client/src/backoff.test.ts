import { describe, expect, it } from 'vitest';
import { backoffDelayMs, MAX_RETRY_AFTER_MS, parseRetryAfterMs, sleep } from './backoff.js';

describe('backoffDelayMs', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect(backoffDelayMs(1, 250, 8000, () => 0.999)).toBe(249);
    expect(backoffDelayMs(3, 250, 8000, () => 0.5)).toBe(500);
    expect(backoffDelayMs(10, 250, 8000, () => 0.999)).toBe(7992);
    expect(backoffDelayMs(4, 250, 8000, () => 0)).toBe(0);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('2', null, 0)).toBe(2000);
  });

  it('reads an HTTP-date against the response Date header', () => {
    const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:03 GMT', date, 0)).toBe(3000);
  });

  it('caps absurd waits and ignores garbage', () => {
    expect(parseRetryAfterMs('86400', null, 0)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfterMs('soon', null, 0)).toBeUndefined();
    expect(parseRetryAfterMs(null, null, 0)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the abort reason when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));

    await expect(pending).rejects.toThrow('stop');
  });
});
