import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './server.js';
import { sign } from './sign.js';
import {
  type Envelope,
  fixedClock,
  NOW,
  query,
  rawQuery,
  signedHeaders,
  window,
} from './test-support/client.js';
import type { Simulator } from './types.js';

const DAY = window('2024-05-30T00:00:00+08:00', '2024-05-31T00:00:00+08:00');
const nowSeconds = Math.floor(NOW / 1000);

describe('protocol', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ now: fixedClock, callsPerDay: 200 });
  });
  afterAll(() => simulator.close());

  it('answers 0 with a page for a valid signed request', async () => {
    const envelope = await query(simulator, DAY);
    expect(envelope.status).toBe('0');
    expect(envelope.reason).toBe('success');
    expect(envelope.data).toMatchObject({ size: 100, current: 1, searchCount: true });
    expect(envelope.data!.total).toBeGreaterThan(0);
  });

  it('accepts an uppercase Sign', async () => {
    const headers = signedHeaders();
    headers.Sign = headers.Sign!.toUpperCase();
    expect((await query(simulator, DAY, { headers })).status).toBe('0');
  });

  it('applies the documented defaults when current and size are absent', async () => {
    const envelope = await query(simulator, { params: DAY.params });
    expect(envelope.data).toMatchObject({ current: 1, size: 25 });
  });

  describe('-1 authentication', () => {
    it('refuses a bad sign', async () => {
      const headers = { ...signedHeaders(), Sign: sign('demo-key', 'wrong', String(nowSeconds)) };
      expect(await query(simulator, DAY, { headers })).toEqual({
        status: '-1',
        reason: 'account authentication failed',
        data: null,
      });
    });

    it('refuses an unknown key', async () => {
      expect((await query(simulator, DAY, { key: 'other-key' })).status).toBe('-1');
    });

    it.each(['Api-Key', 'Timestamp', 'Sign'])('refuses a request without %s', async (name) => {
      const headers = signedHeaders();
      delete headers[name];
      expect((await query(simulator, DAY, { headers })).status).toBe('-1');
    });
  });

  describe('-16 timestamp', () => {
    it.each([
      ['stale', nowSeconds - 61],
      ['in the future', nowSeconds + 61],
    ])('refuses a timestamp %s beyond the skew', async (_, ts) => {
      expect((await query(simulator, DAY, { timestamp: String(ts) })).status).toBe('-16');
    });

    it('accepts a timestamp within the skew', async () => {
      expect((await query(simulator, DAY, { timestamp: String(nowSeconds - 60) })).status).toBe('0');
    });

    it('refuses a signed timestamp that is not an integer', async () => {
      expect((await query(simulator, DAY, { timestamp: `${nowSeconds}.5` })).status).toBe('-16');
    });
  });

  describe('-22 parameters', () => {
    const params = DAY.params;
    it.each([
      ['body is not JSON', { rawBody: '{"current":1,' }],
      ['body is an array', { rawBody: '[]' }],
    ])('%s', async (_, options) => {
      expect((await query(simulator, null, options)).status).toBe('-22');
    });

    it.each([
      ['params missing', { current: 1, size: 10 }],
      ['params null', { params: null }],
      ['params a string', { params: 'x' }],
      ['current 0', { current: 0, params }],
      ['current 1.5', { current: 1.5, params }],
      ['current a string', { current: '1', params }],
      ['current null', { current: null, params }],
      ['current empty', { current: '', params }],
      ['size 0', { size: 0, params }],
      ['size 101', { size: 101, params }],
      ['size null', { size: null, params }],
      ['size empty', { size: '', params }],
      ['strTime missing', { params: { endTime: params.endTime } }],
      ['endTime missing', { params: { strTime: params.strTime } }],
      ['strTime without offset', { params: { ...params, strTime: '2024-05-30T00:00:00' } }],
      ['date only', { params: { ...params, strTime: '2024-05-30' } }],
      ['strTime a number', { params: { ...params, strTime: 1717000000 } }],
      ['impossible date', { params: { strTime: '2024-04-31T00:00:00+08:00', endTime: params.endTime } }],
      ['not a leap year', { params: { strTime: '2023-02-29T00:00:00+08:00', endTime: params.endTime } }],
      ['hour 25', { params: { ...params, endTime: '2024-05-30T25:00:00+08:00' } }],
      ['endTime before strTime', { params: { strTime: params.endTime, endTime: params.strTime } }],
    ])('%s', async (_, body) => {
      const envelope = await query(simulator, body);
      expect(envelope.status).toBe('-22');
      expect(envelope.data).toBeNull();
    });
  });

  describe('-25 time range', () => {
    it('refuses a window longer than 31 days', async () => {
      const body = window('2024-04-20T00:00:00+08:00', '2024-05-21T00:00:01+08:00');
      expect((await query(simulator, body)).status).toBe('-25');
    });

    it('accepts exactly 31 days', async () => {
      const body = window('2024-04-20T00:00:00+08:00', '2024-05-21T00:00:00+08:00', { size: 1 });
      expect((await query(simulator, body)).status).toBe('0');
    });

    it('refuses a strTime older than two calendar months', async () => {
      // Now is 2024-05-31T16:00Z, so the limit is 2024-03-31T16:00Z.
      const body = window('2024-03-31T23:59:59+08:00', '2024-04-02T00:00:00+08:00');
      expect((await query(simulator, body)).status).toBe('-25');
      const inside = window('2024-04-01T00:00:00+08:00', '2024-04-02T00:00:00+08:00', { size: 1 });
      expect((await query(simulator, inside)).status).toBe('0');
    });

    it('accepts an endTime in the future', async () => {
      const body = window('2024-05-31T00:00:00+08:00', '2024-06-05T00:00:00+08:00', { size: 1 });
      expect((await query(simulator, body)).status).toBe('0');
    });
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await fetch(`${simulator.url}/voice/other`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${simulator.url}/voice/recordGroupQuery`)).status).toBe(405);
  });

  it('counts statuses', () => {
    const stats = simulator.stats();
    expect(stats.byStatus['0']).toBeGreaterThan(0);
    expect(stats.byStatus['-22']).toBeGreaterThan(0);
    expect(stats.requests).toBeGreaterThan(30);
  });
});

describe('-2 IP allow-list', () => {
  it('refuses callers outside the list before checking the signature', async () => {
    const simulator = await startSimulator({ now: fixedClock, allowIps: ['10.1.2.3'] });
    try {
      expect((await query(simulator, DAY, { key: 'unknown' })).status).toBe('-2');
    } finally {
      await simulator.close();
    }
  });

  it('serves listed callers', async () => {
    const simulator = await startSimulator({ now: fixedClock, allowIps: ['127.0.0.1'], callsPerDay: 50 });
    try {
      expect((await query(simulator, DAY)).status).toBe('0');
    } finally {
      await simulator.close();
    }
  });
});

describe('vendor test vector', () => {
  it('accepts the published key, secret and timestamp', async () => {
    const simulator = await startSimulator({
      key: 'bDqJFiq9',
      secret: '7bz1lzh9',
      now: () => 1630468800_000,
      callsPerDay: 100,
    });
    try {
      const headers = {
        'Content-Type': 'application/json;charset=UTF-8',
        'Api-Key': 'bDqJFiq9',
        Timestamp: '1630468800',
        Sign: '05d7a50893e22a5c4bb3216ae3396c7c',
      };
      const response = await rawQuery(
        simulator,
        {
          current: 1,
          size: 20,
          params: { strTime: '2021-08-30T00:00:00+08:00', endTime: '2021-08-31T00:00:00+08:00' },
        },
        { headers },
      );
      const envelope = (await response.json()) as Envelope;
      expect(envelope.status).toBe('0');
      expect(envelope.data!.total).toBeGreaterThan(0);
    } finally {
      await simulator.close();
    }
  });
});
