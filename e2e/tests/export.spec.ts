import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import Papa from 'papaparse';
import { daysAgo, recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

/** A CSV file as a spreadsheet reads it: BOM checked and removed, parsed by a real CSV parser. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function download(page: Page, button: RegExp | string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

/** Exact decimal strings as integer hundred-millionths (the store's 8 decimals), so sums are exact. */
function micros(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole.replace('-', '')) * 100_000_000n + BigInt(fraction.padEnd(8, '0').slice(0, 8)));
}

// A closed range in the past: synced once, it no longer grows, so totals can be compared with files.
const from = daysAgo(4);
const to = daysAgo(2);
const range = `from=${from}&to=${to}&tz=UTC`;
const lastDay = daysAgo(3);

test('export visible writes what export all writes for the same rows: headers, formats, formula guard', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await waitForBackfill(page);
  // Rows whose "called info" starts with a spreadsheet formula, and that column shown.
  await page.goto(`/?${range}&q=%3DCMD&pageSize=25`);
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Called info' }).check();
  await page.keyboard.press('Escape');
  const total = await waitForRecords(page);
  const onScreen = await recordRows(page).count();
  expect(onScreen).toBeGreaterThan(0);

  const visible = await download(page, 'Export visible');
  const all = await download(page, /Export all matching/);

  expect(visible.name).toBe(`callboard-calls-page-1_${from}_to_${lastDay}_UTC.csv`);
  expect(all.name).toBe(`callboard-calls_${from}_to_${lastDay}_UTC.csv`);
  const [header, ...rows] = parseCsv(visible.text);
  const [allHeader, ...allRows] = parseCsv(all.text);
  // Same columns, headers and value formats: the visible page is the first page of the full file.
  expect(header).toEqual(allHeader);
  expect(rows).toEqual(allRows.slice(0, onScreen));
  expect(allRows).toHaveLength(total);
  expect(header).toContain('Submitted (UTC)');
  expect(header).toContain('Talk time (s)');
  expect(header!.indexOf('Cost currency')).toBe(header!.indexOf('Cost') + 1);
  const cell = (row: string[], name: string) => row[header!.indexOf(name)]!;
  for (const row of rows) {
    expect(cell(row, 'Called info').startsWith("'=CMD")).toBe(true);
    expect(cell(row, 'Callee')).toMatch(/^\d+$/);
    expect(cell(row, 'Cost')).toMatch(/^\d+(\.\d+)?$/);
    expect(cell(row, 'Cost currency')).toMatch(/^[A-Z]{3}$/);
    expect(cell(row, 'Talk time (s)')).toMatch(/^\d+$/);
    expect(cell(row, 'Key pressed')).not.toBe('-1');
  }

  // The visible export is in the audit log, like the server's.
  const log = (await (await page.request.get('/api/audit?action=visible-export&limit=5')).json()) as {
    entries: { username: string; detail: { rows: number } }[];
  };
  expect(log.entries[0]).toMatchObject({ username: 'admin', detail: { rows: onScreen } });
});

test('a finance month-end file: every amount has its currency and the totals match the Spend page', async ({
  page,
}) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  const summary = (await (await page.request.get(`/api/summary?${range}`)).json()) as {
    overall: { calls: number };
    currencies: { currency: string; calls: number; cost: string }[];
  };

  await page.goto(`/?${range}`);
  const total = await waitForRecords(page);
  expect(total).toBe(summary.overall.calls);
  const all = await download(page, `Export all matching (${total.toLocaleString('en-US')})`);
  const [header, ...rows] = parseCsv(all.text);
  expect(rows).toHaveLength(total);
  const cost = header!.indexOf('Cost');
  const currency = header!.indexOf('Cost currency');
  const sums = new Map<string, bigint>();
  for (const row of rows) sums.set(row[currency]!, (sums.get(row[currency]!) ?? 0n) + micros(row[cost]!));
  for (const totals of summary.currencies) {
    expect(sums.get(totals.currency), totals.currency).toBe(micros(totals.cost));
  }

  // The per-day figures: plain numbers, named after the chosen days, adding up to the same totals.
  await page.goto(`/spend?${range}`);
  const perDay = page.getByRole('table', { name: 'Per day' }).locator('xpath=ancestor::section[1]');
  const figures = await Promise.all([
    page.waitForEvent('download'),
    perDay.getByRole('button', { name: 'Export CSV' }).click(),
  ]).then(async ([file]) => ({
    name: file.suggestedFilename(),
    text: await readFile((await file.path())!, 'utf8'),
  }));
  expect(figures.name).toBe(`callboard-spend-per-day_${from}_to_${lastDay}_UTC.csv`);
  const [dayHeader, ...days] = parseCsv(figures.text);
  expect(days.map((row) => row[0])).toEqual([from, lastDay]);
  const calls = dayHeader!.indexOf('Calls');
  expect(days.every((row) => /^\d+$/.test(row[calls]!))).toBe(true);
  expect(days.reduce((sum, row) => sum + Number(row[calls]), 0)).toBe(summary.overall.calls);
  for (const totals of summary.currencies) {
    const column = dayHeader!.indexOf(`Cost ${totals.currency}`);
    expect(
      days.reduce((sum, row) => sum + micros(row[column] || '0'), 0n),
      totals.currency,
    ).toBe(micros(totals.cost));
  }
});

test('export Parquet downloads the matching rows as a Parquet file named after the range', async ({
  page,
}) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/?${range}&outcome=answered`);
  await waitForRecords(page);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export Parquet' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(
    /^callboard-calls_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_UTC\.parquet$/,
  );
  const bytes = await readFile((await file.path())!);
  // Parquet files begin and end with the magic "PAR1"; the content itself is checked row for row in the API tests.
  expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
  expect(bytes.subarray(-4).toString()).toBe('PAR1');
  expect(bytes.length).toBeGreaterThan(1000);
});
