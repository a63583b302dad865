import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createItnioClient, type ItnioClientOptions } from './client.js';
import { ItnioError, type ItnioErrorKind } from './errors.js';
import { sign } from './sign.js';
import { fakeFetch, type Reply, recordingLogger, vendorStatus } from './test-support/fake-fetch.js';
import { seedRecord, successBody, usdRecord } from './test-support/fixtures.js';

const SECRET = 'S3cr3t-do-not-leak';
const KEY = 'key123';
const FROM = Date.parse('2024-05-01T16:00:00Z');
const TO = Date.parse('2024-05-02T16:00:00Z');
const ok: Reply = { json: successBody([seedRecord]) };

function client(fetchImpl: typeof fetch, options: Partial<ItnioClientOptions> = {}) {
  return createItnioClient({
    baseUrl: 'https://api.example.test/',
    apiKey: KEY,
    apiSecret: SECRET,
    fetch: fetchImpl,
    retryBaseMs: 1,
    retryMaxMs: 5,
    ...options,
  });
}

const query = { from: FROM, to: TO, current: 1 };

async function failure(promise: Promise<unknown>): Promise<ItnioError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ItnioError)) throw new Error(`expected an ItnioError, got ${String(error)}`);
  return error;
}

describe('queryPage: the request', () => {
  it('posts a signed JSON body with the window in +08:00 and returns the parsed page', async () => {
    const fake = fakeFetch([ok]);
    let clock = 1_700_000_000_500;
    const page = await client(fake.fetch, { now: () => clock++ }).queryPage({ ...query, size: 20 });

    const [request] = fake.seen;
    expect(request?.url).toBe('https://api.example.test/voice/recordGroupQuery');
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json;charset=UTF-8',
      'api-key': KEY,
      timestamp: '1700000000',
      sign: sign(KEY, SECRET, '1700000000'),
    });
    expect(request?.body).toEqual({
      current: 1,
      size: 20,
      params: { strTime: '2024-05-02T00:00:00+08:00', endTime: '2024-05-03T00:00:00+08:00' },
    });
    expect(page.records[0]?.cost).toBe('2');
  });

  it('signs every attempt with a fresh timestamp', async () => {
    const fake = fakeFetch([vendorStatus('-18'), ok]);
    let clock = 1_700_000_000_000;
    await client(fake.fetch, { now: () => (clock += 5000) }).queryPage(query);

    const [first, second] = fake.seen;
    expect(first?.headers.timestamp).not.toBe(second?.headers.timestamp);
    expect(second?.headers.sign).toBe(sign(KEY, SECRET, second?.headers.timestamp ?? ''));
  });

  it('refuses an invalid date without calling the vendor', async () => {
    const fake = fakeFetch([ok]);
    const error = await failure(client(fake.fetch).queryPage({ ...query, from: new Date('nope') }));

    expect(error.kind).toBe('bad-request');
    expect(fake.seen).toHaveLength(0);
  });
});

describe('queryPage: vendor statuses', () => {
  it.each([
    ['-1', 'auth', /API key or secret is wrong \(status -1.*check ITNIO_API_KEY and ITNIO_API_SECRET/],
    ['-2', 'ip-not-allowed', /allow-list this server's public IP in the itniotech console/],
    [
      '-22',
      'bad-request',
      /parameter.*status -22.*window 2024-05-02T00:00:00\+08:00 to 2024-05-03T00:00:00\+08:00/,
    ],
    ['-25', 'out-of-range', /status -25.*two-month retention or longer than 31 days/],
    ['-99', 'upstream-error', /undocumented status "-99"/],
  ] as const)('status %s is a %s error, never retried', async (status, kind, message) => {
    const fake = fakeFetch([vendorStatus(status, 'vendor says no')]);
    const error = await failure(client(fake.fetch).queryPage(query));

    expect(error).toMatchObject({ kind, status, vendorReason: 'vendor says no', retryable: false });
    expect(error.message).toMatch(message);
    expect(fake.seen).toHaveLength(1);
  });

  it('re-signs once on -16, then reports clock skew measured from the Date header', async () => {
    const vendorNow = Date.parse('2024-05-20T12:00:00Z');
    const stale: Reply = {
      json: { status: '-16', reason: 'timestamp expired' },
      headers: { date: new Date(vendorNow).toUTCString() },
    };
    const fake = fakeFetch([stale]);
    const error = await failure(client(fake.fetch, { now: () => vendorNow - 600_000 }).queryPage(query));

    expect(fake.seen).toHaveLength(2);
    expect(error).toMatchObject({ kind: 'clock-skew', status: '-16', clockSkewSeconds: -600 });
    expect(error.message).toContain("timestamp rejected; this server's clock is off by about 600 s");
  });

  it('succeeds when the re-signed attempt after -16 is accepted', async () => {
    const fake = fakeFetch([vendorStatus('-16'), ok]);
    const page = await client(fake.fetch).queryPage(query);

    expect(page.total).toBe(1);
  });

  it('retries -18 with backoff and succeeds', async () => {
    const fake = fakeFetch([vendorStatus('-18'), vendorStatus('-18'), ok]);
    const page = await client(fake.fetch).queryPage(query);

    expect(page.records).toHaveLength(1);
    expect(fake.seen).toHaveLength(3);
  });

  it('gives up on -18 after maxRetries and says how often it tried', async () => {
    const fake = fakeFetch([vendorStatus('-18')]);
    const error = await failure(client(fake.fetch, { maxRetries: 2 }).queryPage(query));

    expect(error).toMatchObject({ kind: 'upstream-error', status: '-18', attempts: 3 });
    expect(error.message).toMatch(/system error.*gave up after 3 attempts/);
    expect(fake.seen).toHaveLength(3);
  });

  it('maps a vendor envelope carried on an HTTP error status by its vendor status', async () => {
    const fake = fakeFetch([{ json: { status: '-1', reason: 'bad sign' }, status: 401 }]);
    const error = await failure(client(fake.fetch).queryPage(query));

    expect(error).toMatchObject({ kind: 'auth', httpStatus: 401 });
  });
});

describe('queryPage: HTTP and transport failures', () => {
  it('retries 503 and succeeds', async () => {
    const fake = fakeFetch([{ text: 'busy', status: 503 }, ok]);

    await expect(client(fake.fetch).queryPage(query)).resolves.toMatchObject({ total: 1 });
    expect(fake.seen).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    const fake = fakeFetch([{ text: 'slow down', status: 429, headers: { 'retry-after': '1' } }, ok]);
    await client(fake.fetch).queryPage(query);

    const [first, second] = fake.seen;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a 404 and points at the base URL', async () => {
    const fake = fakeFetch([{ text: 'not found', status: 404 }]);
    const error = await failure(client(fake.fetch).queryPage(query));

    expect(error).toMatchObject({ kind: 'http', httpStatus: 404, retryable: false });
    expect(error.message).toContain('base URL');
    expect(fake.seen).toHaveLength(1);
  });

  it('retries connection failures as transport errors', async () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }),
    });
    const fake = fakeFetch([{ throws: reset }]);
    const error = await failure(client(fake.fetch, { maxRetries: 1 }).queryPage(query));

    expect(error).toMatchObject({ kind: 'transport', retryable: true, attempts: 2 });
    expect(error.message).toContain('ECONNRESET: other side closed');
  });

  it('times out a hung request and retries it', async () => {
    const fake = fakeFetch([{ hang: true }, ok]);
    const page = await client(fake.fetch, { timeoutMs: 50 }).queryPage(query);

    expect(page.total).toBe(1);
    expect(fake.seen).toHaveLength(2);
  });

  it('reports a timeout once retries are spent', async () => {
    const fake = fakeFetch([{ hang: true }]);
    const error = await failure(client(fake.fetch, { timeoutMs: 30, maxRetries: 1 }).queryPage(query));

    expect(error).toMatchObject({ kind: 'timeout', retryable: true, attempts: 2 });
    expect(error.message).toContain('did not answer within 30 ms');
  });

  it('retries a truncated JSON body as a malformed response', async () => {
    const truncated = JSON.stringify(successBody([seedRecord])).slice(0, 80);
    const fake = fakeFetch([{ text: truncated }, ok]);

    await expect(client(fake.fetch).queryPage(query)).resolves.toMatchObject({ total: 1 });
    expect(fake.seen).toHaveLength(2);
  });

  it('does not retry a schema mismatch and names the field path', async () => {
    const fake = fakeFetch([{ json: successBody([seedRecord, { ...seedRecord, cost: 2 }]) }]);
    const error = await failure(client(fake.fetch).queryPage(query));

    expect(error).toMatchObject({ kind: 'malformed-response', retryable: false });
    expect(error.message).toContain('data.records[1].cost');
    expect(fake.seen).toHaveLength(1);
  });

  it('stops at once when the caller aborts, with the caller reason', async () => {
    const fake = fakeFetch([{ hang: true }]);
    const controller = new AbortController();
    const pending = client(fake.fetch).queryPage({ ...query, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 20);

    await expect(pending).rejects.toThrow('shutting down');
    expect(fake.seen).toHaveLength(1);
  });
});

describe('secrecy', () => {
  const cases: Array<[ItnioErrorKind, Reply[], Partial<ItnioClientOptions>?]> = [
    ['auth', [vendorStatus('-1')]],
    ['ip-not-allowed', [vendorStatus('-2')]],
    ['clock-skew', [{ json: { status: '-16' }, headers: { date: new Date().toUTCString() } }]],
    ['upstream-error', [vendorStatus('-18')]],
    ['bad-request', [vendorStatus('-22')]],
    ['out-of-range', [vendorStatus('-25')]],
    ['transport', [{ throws: new TypeError('fetch failed') }]],
    ['timeout', [{ hang: true }], { timeoutMs: 20 }],
    ['http', [{ text: 'down', status: 503 }]],
    ['malformed-response', [{ text: '{"status":"0","da' }]],
  ];

  it.each(cases)(
    'a %s error leaks neither the secret, the sign input nor headers',
    async (kind, replies, options) => {
      const fake = fakeFetch(replies);
      const { logger, entries } = recordingLogger();
      const error = await failure(client(fake.fetch, { maxRetries: 1, logger, ...options }).queryPage(query));
      const signs = fake.seen.map((r) => r.headers.sign ?? '');

      expect(error).toBeInstanceOf(ItnioError);
      expect(error.kind).toBe(kind);
      const exposed = [String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify(entries)].join(
        '\n',
      );
      expect(exposed).not.toContain(SECRET);
      for (const value of signs) expect(exposed).not.toContain(value);
      expect(exposed.toLowerCase()).not.toContain('api-key');
      expect(entries.length).toBeGreaterThan(0);
    },
  );

  it('keeps the secret out of the client object itself', () => {
    const c = client(fakeFetch([ok]).fetch);

    expect(JSON.stringify(c)).not.toContain(SECRET);
    expect(inspect(c, { depth: 5, showHidden: true })).not.toContain(SECRET);
  });
});

describe('limits', () => {
  it('keeps at most `concurrency` requests in flight across calls', async () => {
    const fake = fakeFetch(async () => {
      await new Promise((r) => setTimeout(r, 15));
      return ok;
    });
    const c = client(fake.fetch, { concurrency: 3 });

    await Promise.all(Array.from({ length: 12 }, (_, i) => c.queryPage({ ...query, current: i + 1 })));

    expect(fake.maxInFlight).toBe(3);
  });

  it('starts at most `requestsPerSecond` requests in any rolling second', async () => {
    const fake = fakeFetch([ok]);
    const c = client(fake.fetch, { concurrency: 10, requestsPerSecond: 4 });

    await Promise.all(Array.from({ length: 9 }, (_, i) => c.queryPage({ ...query, current: i + 1 })));

    const starts = fake.seen.map((r) => r.at);
    for (const start of starts) {
      expect(starts.filter((s) => s >= start && s < start + 990).length).toBeLessThanOrEqual(4);
    }
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(1900);
  });
});

describe('pagesOf', () => {
  const all = Array.from({ length: 250 }, (_, i) => usdRecord(String(1000 + i)));
  const pagedFetch = () =>
    fakeFetch(async (request) => {
      const { current, size } = request.body;
      // Later pages answer faster, so completion order differs from page order.
      await new Promise((r) => setTimeout(r, current === 1 ? 5 : 40 / current));
      return {
        json: successBody(all.slice((current - 1) * size, current * size), {
          total: all.length,
          current,
          size,
        }),
      };
    });

  it('yields page 1 first, then every other page once, tagged with its number', async () => {
    const fake = pagedFetch();
    const pages = [];
    for await (const page of client(fake.fetch).pagesOf({ from: FROM, to: TO }, { size: 100 }))
      pages.push(page);

    expect(pages[0]?.requestedPage).toBe(1);
    expect(pages.map((p) => p.requestedPage).sort()).toEqual([1, 2, 3]);
    expect(pages.flatMap((p) => p.records.map((r) => r.voiceId)).sort()).toEqual(
      all.map((r) => r.voiceId).sort(),
    );
    expect(pages[0]?.window).toEqual({ from: FROM, to: TO });
  });

  it('fetches the remaining pages in parallel, bounded by parallelism', async () => {
    const fake = fakeFetch(async (request) => {
      await new Promise((r) => setTimeout(r, 10));
      return { json: successBody([], { total: 1000, current: request.body.current, size: 100 }) };
    });
    let count = 0;
    for await (const _ of client(fake.fetch, { concurrency: 8 }).pagesOf(
      { from: FROM, to: TO },
      { parallelism: 3 },
    ))
      count++;

    expect(count).toBe(10);
    expect(fake.maxInFlight).toBe(3);
  });

  it('yields only page 1 for an empty window', async () => {
    const fake = fakeFetch([{ json: successBody([], { total: 0 }) }]);
    const pages = [];
    for await (const page of client(fake.fetch).pagesOf({ from: FROM, to: TO })) pages.push(page);

    expect(pages).toHaveLength(1);
    expect(fake.seen).toHaveLength(1);
  });

  it('fails with the page error and stops asking for more pages', async () => {
    const fake = fakeFetch(async (request) =>
      request.body.current === 2
        ? vendorStatus('-22')
        : { json: successBody([], { total: 1000, current: request.body.current }) },
    );
    const iterate = async () => {
      for await (const _ of client(fake.fetch).pagesOf({ from: FROM, to: TO }, { parallelism: 2 })) {
        // consume
      }
    };

    await expect(iterate()).rejects.toMatchObject({ kind: 'bad-request' });
    expect(fake.seen.length).toBeLessThan(10);
  });
});
