import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, type Harness, startHarness } from '../test-support/harness.js';
import { metricValue } from '../test-support/processes.js';

const DAY = 86_400_000;
const TOKEN = 'metrics-token-for-tests-0123456789';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 200, env: { CALLBOARD_METRICS_TOKEN: TOKEN } });
  await h.server.sync.request(FIXED_NOW - DAY, FIXED_NOW, 'manual');
  await h.server.sync.idle();
  await h.get(`/api/records?from=${new Date(FIXED_NOW - DAY).toISOString()}&pageSize=5`);
  await h.get('/api/records/0');
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('GET /metrics', () => {
  it('tells an operator traffic, sync lag, upstream status codes and store size, by route pattern', async () => {
    const { status, text } = await h.request('/metrics');
    expect(status).toBe(200);
    expect(text).toMatch(
      /callboard_http_requests_total\{method="GET",route="\/api\/records",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /callboard_http_requests_total\{method="GET",route="\/api\/records\/:voiceId",status="404"\} 1/,
    );
    expect(text).toMatch(/callboard_http_request_duration_seconds_bucket\{[^}]*route="\/api\/records"/);
    expect(metricValue(text, 'callboard_records_stored')).toBe((await h.server.store.stats()).records);
    expect(metricValue(text, 'callboard_sync_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'callboard_sync_missing_windows')).not.toBeNull();
    expect(text).toMatch(/callboard_upstream_requests_total\{vendor_status="0",http_status="200"\} [1-9]/);
    expect(text).toMatch(/nodejs_eventloop_lag_max_seconds/);
  });

  it('counts sign-in failures and throttles', async () => {
    for (let i = 0; i < 6; i++) {
      await h.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'metrics-nobody', password: 'wrong' }),
      });
    }
    const { text } = await h.request('/metrics');
    expect(metricValue(text, 'callboard_sign_in_failures_total')).toBe(5);
    expect(metricValue(text, 'callboard_sign_in_throttled_total')).toBe(1);
  });

  it('wants the bearer token from anywhere but loopback (a proxy in between counts as elsewhere)', async () => {
    const proxied = { 'X-Forwarded-For': '203.0.113.9' };
    expect((await h.request('/metrics', { headers: proxied })).status).toBe(401);
    expect(
      (
        await h.request('/metrics', {
          headers: { ...proxied, Authorization: 'Bearer wrong-token-wrong-token-wrong' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await h.request('/metrics', { headers: { ...proxied, Authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
  });
});
