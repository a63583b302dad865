import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import {
  columnHeaders,
  daysAgo,
  recordRows,
  signIn,
  waitForBackfill,
  waitForRecords,
} from './support/session.js';

/** Minimal RFC 4180 reader: enough for quoted cells with commas, quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function download(page: Page, button: RegExp | string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return readFile((await file.path())!, 'utf8');
}

// A closed range in the past: synced once, it no longer grows, so totals can be compared with files.
const range = `from=${daysAgo(4)}&to=${daysAgo(2)}&tz=UTC`;

test('export visible: the rows and columns on screen, with BOM and formula guard', async ({ page }) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  // Rows whose "called info" starts with a spreadsheet formula, and that column shown.
  await page.goto(`/?${range}&q=%3DCMD&pageSize=25`);
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Called info' }).check();
  await page.getByText('Columns', { exact: true }).click();
  await waitForRecords(page);
  const headers = await columnHeaders(page);
  expect(headers).toContain('Called info');
  const onScreen = await recordRows(page).count();
  expect(onScreen).toBeGreaterThan(0);

  const csv = await download(page, 'Export visible');

  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual(headers);
  expect(rows).toHaveLength(onScreen);
  const calledInfo = rows.map((row) => row[headers.indexOf('Called info')]!);
  expect(calledInfo.every((value) => value.startsWith("'=CMD"))).toBe(true);
  // Callees as digits; money as shown on screen.
  expect(rows[0]![headers.indexOf('Callee')]).toMatch(/^\d+$/);
  expect(rows[0]![headers.indexOf('Cost')]).toMatch(/^[$€£]|\d/);
  const firstRowOnScreen = await recordRows(page).first().getByRole('cell').allTextContents();
  expect(rows[0]![headers.indexOf('Submitted')]).toBe(firstRowOnScreen[headers.indexOf('Submitted')]);
});

test('export all matching: every call the filters match', async ({ page }) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/?${range}&outcome=answered&code=Germany%28Telekom%29`);
  const total = await waitForRecords(page);
  expect(total).toBeGreaterThan(0);
  const headers = await columnHeaders(page);

  const csv = await download(page, `Export all matching (${total.toLocaleString('en-US')})`);

  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(csv.slice(1));
  // The on-screen columns in their order, units named ("Submitted (UTC)", "Talk time (s)"), each termination
  // code followed by its reason and each quote-currency amount by its currency, as on screen.
  const expected = headers.flatMap((h) =>
    h === 'Termination code' ? [h, 'Termination reason'] : h === 'Cost' ? [h, 'Cost currency'] : [h],
  );
  expect(header!.map((name) => name.replace(/ \([^)]*\)$/, ''))).toEqual(expected);
  expect(rows).toHaveLength(total);
  expect(new Set(rows.map((row) => row[headers.indexOf('Country/operator')]))).toEqual(
    new Set(['Germany(Telekom)']),
  );
});
