import { type Simulator, startSimulator } from '@callboard/itnio-simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createItnioClient, type ItnioClientOptions, type WindowPage } from './client.js';
import { ItnioError } from './errors.js';
import { recordingLogger } from './test-support/fake-fetch.js';
import { DAY_MS, planWindows } from './windows.js';

// Integration through real HTTP against the simulator: statuses, retries, limits and paging.
const KEY = 'it-key';
const SECRET = 'it-secret-never-shown';
const { logger, entries } = recordingLogger();

let sim: Simulator;
const now = Date.now();
// A settled past day: its records no longer change with the clock.
const DAY = { from: now - 3 * DAY_MS, to: now - 2 * DAY_MS };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 7, key: KEY, secret: SECRET, callsPerDay: 500, faultSeed: 11 });
});
afterEach(() => sim.setFaults({}));
afterAll(async () => {
  await sim?.close();
});

function client(options: Partial<ItnioClientOptions> = {}) {
  return createItnioClient({
    baseUrl: sim.url,
    apiKey: KEY,
    apiSecret: SECRET,
    retryBaseMs: 1,
    retryMaxMs: 10,
    logger,
    ...options,
  });
}

/** Runs `act` and returns how many requests the simulator saw meanwhile, and the outcome. */
async function counted<T>(
  act: () => Promise<T>,
): Promise<{ requests: number; result?: T; error?: ItnioError }> {
  const before = sim.stats().requests;
  try {
    const result = await act();
    return { requests: sim.stats().requests - before, result };
  } catch (error) {
    if (!(error instanceof ItnioError)) throw error;
    return { requests: sim.stats().requests - before, error };
  }
}

const page1 = { ...DAY, current: 1 };

describe('against the simulator: vendor statuses', () => {
  it('fetches a page whose total matches the dataset', async () => {
    const { result, requests } = await counted(() => client().queryPage(page1));

    expect(requests).toBe(1);
    expect(result?.total).toBe(sim.dataset.countBetween(DAY.from, DAY.to));
    expect(result?.records).toHaveLength(100);
  });

  it('-1 (wrong secret) is an auth error, not retried', async () => {
    const { error, requests } = await counted(() => client({ apiSecret: 'wrong' }).queryPage(page1));

    expect(error).toMatchObject({ kind: 'auth', status: '-1', retryable: false });
    expect(requests).toBe(1);
  });

  it('-2 (IP not allow-listed) is an ip-not-allowed error, not retried', async () => {
    const guarded = await startSimulator({
      port: 0,
      seed: 7,
      key: KEY,
      secret: SECRET,
      callsPerDay: 10,
      allowIps: ['203.0.113.9'],
    });
    try {
      const c = client({ baseUrl: guarded.url });
      const error = await c.queryPage(page1).catch((e: unknown) => e);

      expect(error).toMatchObject({ kind: 'ip-not-allowed', status: '-2' });
      expect(guarded.stats().requests).toBe(1);
    } finally {
      await guarded.close();
    }
  });

  it('-16 with a clock 10 minutes slow: re-signed once, then clock-skew with the measured skew', async () => {
    const { error, requests } = await counted(() =>
      client({ now: () => Date.now() - 600_000 }).queryPage(page1),
    );

    expect(requests).toBe(2);
    expect(error).toMatchObject({ kind: 'clock-skew', status: '-16' });
    expect(error?.clockSkewSeconds).toBeGreaterThanOrEqual(-602);
    expect(error?.clockSkewSeconds).toBeLessThanOrEqual(-598);
    expect(error?.message).toMatch(/clock is off by about (599|600|601) s/);
  });

  it('-22 (size 101) is a bad-request error naming the window, not retried', async () => {
    const { error, requests } = await counted(() => client().queryPage({ ...page1, size: 101 }));

    expect(error).toMatchObject({ kind: 'bad-request', status: '-22' });
    expect(error?.message).toContain('size 101');
    expect(requests).toBe(1);
  });

  it.each([
    ['older than retention', { from: now - 80 * DAY_MS, to: now - 79 * DAY_MS }],
    ['longer than 31 days', { from: now - 40 * DAY_MS, to: now - 8 * DAY_MS }],
  ])('-25 (%s) is an out-of-range error, not retried', async (_name, window) => {
    const { error, requests } = await counted(() => client().queryPage({ ...window, current: 1 }));

    expect(error).toMatchObject({ kind: 'out-of-range', status: '-25', retryable: false });
    expect(requests).toBe(1);
  });

  it('accepts every window planWindows makes, right up to the retention horizon', async () => {
    const plan = planWindows({ from: now - 90 * DAY_MS, to: now, now: Date.now() });
    const c = client();

    const totals = await Promise.all(plan.windows.map((w) => c.queryPage({ ...w, current: 1, size: 1 })));

    expect(plan.outside).not.toBeNull();
    expect(plan.windows).toHaveLength(2);
    expect(totals.every((p) => p.total > 0)).toBe(true);
  });
});

describe('against the simulator: faults are retried', () => {
  const tenPages = (c: ReturnType<typeof client>) =>
    Promise.all(Array.from({ length: 5 }, (_, i) => c.queryPage({ ...DAY, current: i + 1 })));

  it('-18 at a 40% rate: retried with backoff until every page succeeds', async () => {
    sim.setFaults({ errorRate: 0.4 });
    const before = sim.stats().byStatus['-18'] ?? 0;
    const { result, requests } = await counted(() => tenPages(client({ maxRetries: 10 })));

    expect(result).toHaveLength(5);
    expect((sim.stats().byStatus['-18'] ?? 0) - before).toBe(requests - 5);
    expect(requests).toBeGreaterThan(5);
  });

  it('-18 every time: gives up after maxRetries + 1 requests', async () => {
    sim.setFaults({ errorRate: 1 });
    const { error, requests } = await counted(() => client({ maxRetries: 3 }).queryPage(page1));

    expect(error).toMatchObject({ kind: 'upstream-error', status: '-18', attempts: 4 });
    expect(requests).toBe(4);
  });

  it('503 and 429 (with Retry-After) are retried until they pass', async () => {
    sim.setFaults({ httpErrorRate: 1 });
    const c = client({ maxRetries: 2 });
    const started = performance.now();
    // 503 first, then 429 with Retry-After: 1, which must be waited out before the third attempt.
    const failed = await counted(() => c.queryPage(page1));
    const elapsed = performance.now() - started;

    expect(failed.error).toMatchObject({ kind: 'http', httpStatus: 503, attempts: 3 });
    expect(failed.requests).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(950);

    sim.setFaults({ httpErrorRate: 0.2 });
    const passed = await counted(() => tenPages(client({ maxRetries: 10 })));
    expect(passed.result).toHaveLength(5);
  });

  it('dropped connections are transport errors, retried until they pass', async () => {
    sim.setFaults({ dropRate: 1 });
    const failed = await counted(() => client({ maxRetries: 1 }).queryPage(page1));
    expect(failed.error).toMatchObject({ kind: 'transport', retryable: true, attempts: 2 });
    expect(failed.requests).toBe(2);

    sim.setFaults({ dropRate: 0.4 });
    const passed = await counted(() => tenPages(client({ maxRetries: 10 })));
    expect(passed.result).toHaveLength(5);
    expect(passed.requests).toBeGreaterThan(5);
  });

  it('truncated JSON is a malformed response, retried until it passes', async () => {
    sim.setFaults({ truncateRate: 1 });
    const failed = await counted(() => client({ maxRetries: 1 }).queryPage(page1));
    expect(failed.error).toMatchObject({ kind: 'malformed-response', retryable: true, attempts: 2 });

    sim.setFaults({ truncateRate: 0.4 });
    const passed = await counted(() => tenPages(client({ maxRetries: 10 })));
    expect(passed.result).toHaveLength(5);
    expect(passed.requests).toBeGreaterThan(5);
  });

  it('answers slower than timeoutMs time out, and are retried until one is fast enough', async () => {
    sim.setFaults({ latencyMs: 400 });
    const failed = await counted(() => client({ timeoutMs: 100, maxRetries: 1 }).queryPage(page1));
    expect(failed.error).toMatchObject({ kind: 'timeout', retryable: true, attempts: 2 });
    expect(failed.requests).toBe(2);

    sim.setFaults({ latencyJitterMs: 300 });
    const passed = await counted(() => tenPages(client({ timeoutMs: 150, maxRetries: 15 })));
    expect(passed.result).toHaveLength(5);
    expect(passed.requests).toBeGreaterThan(5);
  });
});

describe('against the simulator: limits', () => {
  function measuringFetch() {
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const wrapped: typeof fetch = async (input, init) => {
      starts.push(performance.now());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        const response = await fetch(input, init);
        await response.clone().arrayBuffer();
        return response;
      } finally {
        inFlight--;
      }
    };
    return { fetch: wrapped, starts, max: () => maxInFlight };
  }

  it('never has more than `concurrency` requests in flight', async () => {
    sim.setFaults({ latencyMs: 30 });
    const meter = measuringFetch();
    const c = client({ concurrency: 3, fetch: meter.fetch });

    await Promise.all(
      Array.from({ length: 12 }, (_, i) => c.queryPage({ ...DAY, current: i + 1, size: 10 })),
    );

    expect(meter.max()).toBe(3);
  });

  it('starts no more than `requestsPerSecond` requests in any rolling second', async () => {
    const meter = measuringFetch();
    const c = client({ concurrency: 10, requestsPerSecond: 6, fetch: meter.fetch });

    await Promise.all(
      Array.from({ length: 10 }, (_, i) => c.queryPage({ ...DAY, current: i + 1, size: 10 })),
    );

    for (const start of meter.starts) {
      expect(meter.starts.filter((s) => s >= start && s < start + 990).length).toBeLessThanOrEqual(6);
    }
    expect((meter.starts.at(-1) ?? 0) - (meter.starts[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });
});

describe('against the simulator: pagesOf', () => {
  it('returns exactly the dataset records of the window, in API order once sorted by page', async () => {
    const pages: WindowPage[] = [];
    for await (const page of client().pagesOf(DAY, { size: 100, parallelism: 3 })) pages.push(page);

    const expected = sim.dataset.recordsBetween(DAY.from, DAY.to).map((r) => ({
      ...r,
      settleRate: r.settleRate ?? '',
      quoteExchange: r.quoteExchange ?? '',
      settlePay: r.settlePay ?? '',
      currency: r.currency ?? '',
    }));
    const got = pages.sort((a, b) => a.requestedPage - b.requestedPage).flatMap((p) => p.records);
    expect(pages.length).toBeGreaterThan(3);
    expect(got).toEqual(expected);
  });

  it('keeps money exact: per-currency sums of the strings match the dataset aggregate', async () => {
    const sums = new Map<string, bigint>();
    for await (const page of client().pagesOf(DAY)) {
      for (const r of page.records) {
        const currency = r.currency || 'USD';
        sums.set(currency, (sums.get(currency) ?? 0n) + toMicros(r.cost));
      }
    }

    const aggregate = sim.dataset.aggregate(DAY.from, DAY.to);
    for (const [currency, amount] of Object.entries(aggregate.costByCurrency)) {
      expect(sums.get(currency)).toBe(toMicros(amount));
    }
  });
});

afterAll(() => {
  // Nothing this suite logged (retries, failures) may carry the secret or a signature header.
  expect(JSON.stringify(entries)).not.toContain(SECRET);
  const logged = JSON.stringify(entries).toLowerCase();
  expect(logged).not.toContain('"sign"');
  expect(logged).not.toContain('api-key');
  expect(logged).not.toContain('timestamp":');
});

/** Decimal string to an exact integer of 10^-8 units. */
function toMicros(value: string): bigint {
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const units = BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0'));
  return value.startsWith('-') ? -units : units;
}
