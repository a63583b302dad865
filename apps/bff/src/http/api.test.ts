import {
  createZonedFormatter,
  type RecordsResponse,
  type SummaryResponse,
  trimDecimal,
} from '@callboard/contracts';
import { DEMO_CALLEE, type VendorRecord } from '@callboard/itnio-simulator';
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../test-support/csv-parse.js';
import { FIXED_NOW, type Harness, startHarness, sumDecimals, TEST_SECRET } from '../test-support/harness.js';
import { readParquet } from '../test-support/parquet.js';

const DAY = 86_400_000;
const FROM = FIXED_NOW - 10 * DAY;
const range = `from=${new Date(FROM).toISOString()}&to=${new Date(FIXED_NOW).toISOString()}`;

let h: Harness;
let truth: VendorRecord[];

beforeAll(async () => {
  h = await startHarness({ callsPerDay: 600 });
  await h.server.sync.request(FROM, FIXED_NOW, 'manual');
  await h.server.sync.idle();
  truth = h.simulator.dataset.recordsBetween(FROM, FIXED_NOW, FIXED_NOW);
}, 60_000);
afterAll(async () => {
  // Whatever the tests did, the secret appeared in no log line.
  expect(h.logLines.join('\n')).not.toContain(TEST_SECRET);
  await h.close();
});

const records = (query: string) => h.get<RecordsResponse>(`/api/records?${query}`);

describe('GET /api/records', () => {
  it('pages through exactly the upstream records, none twice', async () => {
    const seen = new Set<string>();
    let total = 0;
    for (let page = 1; ; page++) {
      const { body } = await records(`${range}&pageSize=500&page=${page}`);
      total = body.total;
      for (const row of body.rows) seen.add(row.voiceId);
      if (body.rows.length < 500) break;
    }
    expect(total).toBe(truth.length);
    expect(seen).toEqual(new Set(truth.map((r) => r.voiceId)));
  });

  it('sorts cost within each currency, never € and $ as one', async () => {
    const rows: RecordsResponse['rows'] = [];
    for (let page = 1; rows.length < truth.length; page++) {
      rows.push(...(await records(`${range}&sort=cost:desc&pageSize=500&page=${page}`)).body.rows);
    }
    const body = { rows };
    const currencies = body.rows.map((r) => r.currency);
    expect(currencies).toEqual([...currencies].sort());
    expect(new Set(currencies).size).toBe(2);
    for (const currency of new Set(currencies)) {
      const costs = body.rows.filter((r) => r.currency === currency).map((r) => new Big(r.cost!));
      for (let i = 1; i < costs.length; i++) expect(costs[i]!.lte(costs[i - 1]!)).toBe(true);
    }
  });

  it('splits pages at exact boundaries', async () => {
    const [a, b, both] = await Promise.all([
      records(`${range}&pageSize=7&page=3&sort=voiceId:asc`),
      records(`${range}&pageSize=7&page=4&sort=voiceId:asc`),
      records(`${range}&pageSize=14&page=2&sort=voiceId:asc`),
    ]);
    expect([...a.body.rows, ...b.body.rows].map((r) => r.voiceId)).toEqual(
      both.body.rows.map((r) => r.voiceId),
    );
    expect(a.body).toMatchObject({ page: 3, pageSize: 7, total: truth.length });
  });

  it.each([
    ['callDuration', (r: { callDuration: number }) => r.callDuration],
    ['cost', (r: { cost?: string }) => Number(r.cost)],
    ['submitTime', (r: { submitTime: string }) => Date.parse(r.submitTime)],
    ['code', (r: { code: string }) => r.code],
  ] as const)('sorts by %s in both directions', async (field, key) => {
    for (const direction of ['asc', 'desc'] as const) {
      const { body } = await records(`${range}&sort=${field}:${direction}&pageSize=200&currency=USD`);
      const values = body.rows.map((r) => key(r as never)) as Array<number | string>;
      const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      expect(values).toEqual(direction === 'asc' ? sorted : sorted.reverse());
    }
  });

  it('finds a callee from a pasted +-prefixed number or a partial one', async () => {
    const expected = truth.filter((r) => r.callee === DEMO_CALLEE).length;
    expect(expected).toBeGreaterThan(3);
    const pasted = await records(`callee=${encodeURIComponent('+44 7700 900123')}&pageSize=500&${range}`);
    expect(pasted.body.total).toBe(expected);
    expect(pasted.body.rows.every((r) => r.callee === DEMO_CALLEE)).toBe(true);
    const partial = await records(`callee=7700900&pageSize=500&${range}`);
    expect(partial.body.total).toBe(truth.filter((r) => r.callee.includes('7700900')).length);
  });

  it('filters by operator, outcome, duration, currency and text, matching the upstream records', async () => {
    const code = truth[0]!.code;
    const { body } = await records(
      `${range}&code=${encodeURIComponent(code)}&outcome=answered&minDuration=30&maxDuration=120&currency=EUR`,
    );
    const expected = truth.filter(
      (r) =>
        r.code === code &&
        r.answerTime !== '' &&
        r.callDuration >= 30 &&
        r.callDuration <= 120 &&
        r.currency === 'EUR',
    );
    expect(body.total).toBe(expected.length);
    const text = await records(`${range}&q=${encodeURIComponent(truth[5]!.voiceId)}`);
    expect(text.body.rows.map((r) => r.voiceId)).toEqual([truth[5]!.voiceId]);
  });

  it('rejects bad parameters with a 400 that names them', async () => {
    const cases: Array<[string, string]> = [
      ['pageSize=501', 'pageSize'],
      ['sort=secret:asc', 'sort'],
      ['tz=Mars/Olympus', 'tz'],
      ['from=2022-04-31', 'from'],
      ['outcome=maybe', 'outcome'],
      ['page=1&page=2', 'page'],
      ['colour=red', 'colour'],
      ['from=2026-11-10&to=2026-11-01', 'to'],
    ];
    for (const [query, param] of cases) {
      const { status, body } = await h.get<{ error: { param: string; message: string; requestId: string } }>(
        `/api/records?${query}`,
      );
      expect(status, query).toBe(400);
      expect(body.error.param, query).toBe(param);
      expect(body.error.requestId).toMatch(/[0-9a-f-]{36}/);
    }
  });

  it('refuses a range that lies before both the upstream horizon and the archive', async () => {
    const { status, body } = await h.get<{ error: { code: string; message: string } }>(
      '/api/records?from=2025-01-01&to=2025-02-01',
    );
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/two months/);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const { status, body } = await h.get<{ error: { code: string } }>('/api/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('GET /api/records/:voiceId', () => {
  it('returns every upstream field, the original time strings and the derived fields', async () => {
    const source = truth.find((r) => r.answerTime !== '' && r.currency === 'EUR')!;
    const { body } = await h.get<Record<string, unknown>>(`/api/records/${source.voiceId}`);
    expect(body).toMatchObject({
      voiceId: source.voiceId,
      callee: source.callee,
      cost: source.cost,
      settlePay: source.settlePay,
      currency: 'EUR',
      answered: true,
      original: { submitTime: source.submitTime, answerTime: source.answerTime },
      overheadSeconds: source.chargedDuration - source.callDuration,
    });
    expect(body.submitTime).toBe(new Date(source.submitTime).toISOString());
  });

  it('is a 404 for an unknown record', async () => {
    expect((await h.get('/api/records/123')).status).toBe(404);
  });
});

describe('GET /api/summary', () => {
  it('totals each currency to the last decimal, never across currencies', async () => {
    const { body } = await h.get<SummaryResponse>(`/api/summary?${range}`);
    const currencyOf = (r: VendorRecord) => r.currency || 'USD';
    for (const currency of ['USD', 'EUR']) {
      const mine = body.currencies.find((c) => c.currency === currency)!;
      const theirs = truth.filter((r) => currencyOf(r) === currency);
      expect(mine.calls).toBe(theirs.length);
      expect(mine.cost).toBe(sumDecimals(theirs.map((r) => r.cost)));
      expect(mine.baseCostUsd).toBe(sumDecimals(theirs.map((r) => r.baseCost)));
      expect(mine.talkSeconds).toBe(theirs.reduce((s, r) => s + r.callDuration, 0));
    }
    const byCodeCalls = body.byCode.reduce((s, r) => s + r.calls, 0);
    expect(byCodeCalls).toBe(truth.length);
    expect(new Set(body.byCode.map((r) => r.code)).size).toBe(new Set(truth.map((r) => r.code)).size);
    const histogram = body.durationHistogram.reduce((s, b) => s + b.calls, 0);
    expect(histogram).toBe(body.overall.answered);
  });

  it('buckets days in the chosen zone: the same calls fall on different days in UTC and Asia/Shanghai', async () => {
    const countByDay = (offsetHours: number) => {
      const counts = new Map<string, number>();
      for (const r of truth) {
        const day = new Date(Date.parse(r.submitTime) + offsetHours * 3_600_000).toISOString().slice(0, 10);
        counts.set(day, (counts.get(day) ?? 0) + 1);
      }
      return counts;
    };
    for (const [tz, offset] of [
      ['UTC', 0],
      ['Asia/Shanghai', 8],
    ] as const) {
      const { body } = await h.get<SummaryResponse>(`/api/summary?${range}&tz=${tz}`);
      const expected = countByDay(offset);
      for (const day of body.byDay) expect(day.calls, `${tz} ${day.day}`).toBe(expected.get(day.day) ?? 0);
      expect(body.byDay.reduce((s, d) => s + d.calls, 0)).toBe(truth.length);
    }
    const utc = await h.get<SummaryResponse>(`/api/summary?${range}&tz=UTC`);
    const shanghai = await h.get<SummaryResponse>(`/api/summary?${range}&tz=Asia/Shanghai`);
    expect(utc.body.byDay.map((d) => d.calls)).not.toEqual(shanghai.body.byDay.map((d) => d.calls));
  });

  it('narrows to one callee', async () => {
    const { body } = await h.get<SummaryResponse>(`/api/summary?callee=${DEMO_CALLEE}&${range}`);
    expect(body.overall.calls).toBe(truth.filter((r) => r.callee === DEMO_CALLEE).length);
  });
});

describe('GET /api/facets', () => {
  it('lists codes, termination codes with reasons and currencies with counts', async () => {
    const { body } = await h.get<{
      codes: Array<{ value: string; count: number }>;
      terminationCodes: Array<{ value: string; count: number; reasons: unknown[] }>;
      currencies: Array<{ value: string; count: number }>;
    }>(`/api/facets?${range}`);
    expect(body.codes.reduce((s, c) => s + c.count, 0)).toBe(truth.length);
    expect(body.currencies.map((c) => c.value).sort()).toEqual(['EUR', 'USD']);
    expect(body.terminationCodes.length).toBeGreaterThan(5);
    expect(body.terminationCodes.every((t) => t.reasons.length > 0)).toBe(true);
  });
});

describe('GET /api/export.csv', () => {
  it('streams every matching row: BOM, zone-named header, exact money, quoting, formula guard', async () => {
    const finance = await h.as('finance');
    const response = await fetch(
      `${h.server.url}/api/export.csv?${range}&tz=Asia/Shanghai&sort=submitTime:asc&columns=voiceId&columns=submitTime&columns=callee&columns=cost&columns=calledInfo&columns=feedbackValue`,
      { headers: { cookie: finance.cookie } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /callboard-calls_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_Asia-Shanghai\.csv/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM it was just shown to carry.
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual([
      'Voice ID',
      'Submitted (Asia/Shanghai)',
      'Callee',
      'Cost',
      'Cost currency',
      'Called info',
      'Key pressed',
    ]);
    expect(rows.length - 1).toBe(truth.length);

    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const sample = truth.find((r) => r.feedbackValue !== '-1')!;
    const exported = byId.get(sample.voiceId)!;
    expect(exported[2]).toBe(sample.callee);
    expect(exported[3]).toBe(sample.cost);
    expect(exported[4]).toBe(sample.currency || 'USD');
    // Shown in the chosen zone: the vendor's +08:00 wall clock equals Asia/Shanghai's.
    expect(exported[1]).toBe(sample.submitTime.slice(0, 19).replace('T', ' '));
    expect(exported[6]).toBe(sample.feedbackValue);
    // No key pressed is an empty cell, as on screen, never the upstream's -1.
    const silent = truth.find((r) => r.feedbackValue === '-1')!;
    expect(byId.get(silent.voiceId)![6]).toBe('');

    const tricky = truth.filter((r) => /[",\n]/.test(r.calledInfo) || /[^ -~]/.test(r.calledInfo));
    expect(tricky.length).toBeGreaterThan(0);
    for (const r of tricky.slice(0, 50)) {
      const cell = byId.get(r.voiceId)![5];
      expect(cell === r.calledInfo || cell === `'${r.calledInfo}`).toBe(true);
    }
    const formulas = truth.filter(
      (r) => /^[=+\-@]/.test(r.calledInfo) && !/^[+-]?\d+(\.\d+)?$/.test(r.calledInfo),
    );
    expect(formulas.length).toBeGreaterThan(0);
    for (const r of formulas) expect(byId.get(r.voiceId)![5]).toBe(`'${r.calledInfo}`);
  });

  it("is a finance month-end file: every amount beside its currency, plain numbers, totals equal to the summary's", async () => {
    const finance = await h.as('finance');
    const query = `${range}&tz=Europe/Berlin`;
    const response = await fetch(`${h.server.url}/api/export.csv?${query}`, {
      headers: { cookie: finance.cookie },
    });
    const [header, ...rows] = parseCsv(await response.text());
    const column = (name: string) => {
      const index = header!.indexOf(name);
      expect(index, name).toBeGreaterThanOrEqual(0);
      return index;
    };
    // Amounts in the quote currency have their currency beside them; base cost names USD in its header.
    expect(header![column('Cost') + 1]).toBe('Cost currency');
    expect(header![column('Rate') + 1]).toBe('Rate currency');
    expect(header![column('Termination code') + 1]).toBe('Termination reason');
    expect(header).toContain('Base cost (USD)');
    expect(header).toContain('Submitted (Europe/Berlin)');
    expect(header).toContain('Talk time (s)');
    const [cost, costCurrency, base, talk, submitted, key] = [
      column('Cost'),
      column('Cost currency'),
      column('Base cost (USD)'),
      column('Talk time (s)'),
      column('Submitted (Europe/Berlin)'),
      column('Key pressed'),
    ];
    const amounts = new Map<string, string[]>();
    const baseAmounts: string[] = [];
    for (const row of rows) {
      expect(row[cost]).toMatch(/^\d+(\.\d+)?$/);
      expect(['USD', 'EUR']).toContain(row[costCurrency]);
      expect(row[talk]).toMatch(/^\d+$/);
      expect(row[submitted]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(row[key]).not.toBe('-1');
      amounts.set(row[costCurrency]!, [...(amounts.get(row[costCurrency]!) ?? []), row[cost]!]);
      baseAmounts.push(row[base]!);
    }
    const { body } = await finance.get<SummaryResponse>(`/api/summary?${query}`);
    for (const c of body.currencies)
      expect(sumDecimals(amounts.get(c.currency) ?? []), c.currency).toBe(c.cost);
    expect(sumDecimals(baseAmounts)).toBe(sumDecimals(body.currencies.map((c) => c.baseCostUsd!)));
    expect(rows.length).toBe(body.overall.calls);
  });
});

describe('GET /api/export.parquet', () => {
  it('holds the same rows as the CSV, row for row, with typed columns', async () => {
    const finance = await h.as('finance');
    const query = `${range}&tz=Asia/Kathmandu&sort=cost:desc`;
    const [csvResponse, parquetResponse] = await Promise.all([
      fetch(`${h.server.url}/api/export.csv?${query}`, { headers: { cookie: finance.cookie } }),
      fetch(`${h.server.url}/api/export.parquet?${query}`, { headers: { cookie: finance.cookie } }),
    ]);
    expect(parquetResponse.status).toBe(200);
    expect(parquetResponse.headers.get('content-disposition')).toMatch(
      /callboard-calls_.*_Asia-Kathmandu\.parquet/,
    );
    const [header, ...csvRows] = parseCsv(await csvResponse.text());
    const parquet = await readParquet(new Uint8Array(await parquetResponse.arrayBuffer()));
    const types = Object.fromEntries(parquet.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({
      submitTime: 'TIMESTAMP WITH TIME ZONE',
      cost: 'DECIMAL(18,8)',
      baseCost: 'DECIMAL(18,8)',
      callDuration: 'INTEGER',
      answered: 'BOOLEAN',
      currency: 'VARCHAR',
    });
    expect(parquet.rows).toHaveLength(csvRows.length);
    expect(csvRows.length).toBe(truth.length);
    const zoned = createZonedFormatter('Asia/Kathmandu');
    const cell = (row: string[], name: string) => row[header!.indexOf(name)]!;
    parquet.rows.forEach((p, i) => {
      const c = csvRows[i]!;
      expect(p.voiceId).toBe(cell(c, 'Voice ID'));
      expect(zoned.dateTime(Date.parse(String(p.submitTime)))).toBe(cell(c, 'Submitted (Asia/Kathmandu)'));
      expect(trimDecimal(String(p.cost))).toBe(cell(c, 'Cost'));
      expect(p.currency).toBe(cell(c, 'Cost currency'));
      expect(String(p.callDuration)).toBe(cell(c, 'Talk time (s)'));
      expect(p.feedbackValue ?? '').toBe(cell(c, 'Key pressed'));
    });
  });
});

// Last: it stores an extra record, which the exact comparisons above must not see.
describe('cached answers', () => {
  it('are dropped as soon as new records are stored', async () => {
    const query = `/api/records?callee=${DEMO_CALLEE}&${range}&pageSize=1`;
    const before = (await records(query.replace('/api/records?', ''))).body.total;
    const again = (await records(query.replace('/api/records?', ''))).body.total;
    expect(again).toBe(before);
    const { toStoredRecord } = await import('../store/record-mapping.js');
    const source = truth.find((r) => r.callee === DEMO_CALLEE)!;
    await h.server.store.upsertRecords([
      toStoredRecord({ ...source, voiceId: '9999999999999999999' } as never, FIXED_NOW),
    ]);
    await h.server.store.countBetween(FROM, FIXED_NOW); // commits the staged row
    expect((await records(query.replace('/api/records?', ''))).body.total).toBe(before + 1);
  });
});
