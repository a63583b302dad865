import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn, waitForBackfill } from './support/session.js';

// Finance's monthly review: save "Last month, EUR, by operator", open it from its link after a reload,
// schedule it, run it now, and download the file from the Reports page.
test('finance saves a view, opens it from its link, schedules it and downloads the run', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto('/spend?range=lastMonth&currency=EUR&tz=Europe%2FLondon');
  const compare = page.getByRole('region', { name: 'Compared with the previous period' });
  await expect(compare.getByText('Cost (EUR)')).toBeVisible();
  await expect(compare.getByText('the month before', { exact: false })).toBeVisible();

  const name = 'Last month, EUR, by operator';
  await page.getByText('Saved views', { exact: true }).first().click();
  await page.getByLabel('Save this view as').fill(name);
  await page.getByRole('button', { name: 'Save view' }).click();
  const saved = page.getByRole('status').filter({ hasText: `Saved “${name}”` });
  const link = await saved.getByRole('link').getAttribute('href');
  expect(link).toMatch(/^\/views\/\d+$/);

  // Its stable link opens the same page after a reload, with the range and currency it was saved with.
  await page.goto('/');
  await page.reload();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/spend\?.*range=lastMonth/);
  const url = new URL(page.url());
  expect(url.searchParams.getAll('currency')).toEqual(['EUR']);
  expect(url.searchParams.get('tz')).toBe('Europe/London');
  await expect(page.getByRole('heading', { name: 'Spend', level: 1 })).toBeVisible();

  // Schedule it monthly, then run it now and download the file.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('combobox', { name: 'Saved view' }).selectOption({ label: name });
  await page.getByRole('combobox', { name: 'Repeat' }).selectOption('monthly');
  await page.getByRole('spinbutton', { name: 'Day of month' }).fill('1');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Scheduled: Monthly on day 1 at 07:00' }),
  ).toBeVisible();
  await page.getByRole('button', { name: `Run ${name} now` }).click();
  const runs = page.getByRole('table', { name: 'Report runs, newest first' });
  const row = runs.getByRole('row').filter({ hasText: name }).first();
  await expect(row.getByText('Done')).toBeVisible({ timeout: 60_000 });
  const rowCount = Number(((await row.getByRole('cell').nth(3).textContent()) ?? '').replace(/,/g, ''));
  expect(rowCount).toBeGreaterThan(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('link', { name: /Download/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^last-month-eur-by-operator_\d{4}-\d{2}-01_to_\d{4}-\d{2}-\d{2}_Europe-London\.csv$/,
  );
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const header = text.slice(1, text.indexOf('\r\n')).split(',');
  expect(header).toContain('Currency');
  expect(header.some((h) => h.startsWith('Cost'))).toBe(true);
  expect(csvRecords(text)).toBe(rowCount + 1);
  // The same bytes as "Export all" gives for the run's query, and only EUR in its totals.
  const { runs: listed } = (await (await page.request.get('/api/report-runs')).json()) as {
    runs: Array<{ viewName: string; exportQuery: string; totals: Array<{ currency: string }> }>;
  };
  const run = listed.find((r) => r.viewName === name)!;
  expect(run.totals.map((t) => t.currency)).toEqual(['EUR']);
  expect(await (await page.request.get(`/api/export.csv?${run.exportQuery}`)).text()).toBe(text);
});

/** Records in a CSV text: line ends outside quoted cells (cells may hold line breaks). */
function csvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) records++;
  }
  return records;
}
