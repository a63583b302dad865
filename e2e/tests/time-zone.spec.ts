import { expect, type Page, test } from '@playwright/test';
import { daysAgo, signIn, waitForBackfill } from './support/session.js';

/** The "Per day" figures table under the spend charts: [day, calls, answered, cost…] per row. */
async function perDay(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: 'Per day' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const rows = await table.getByRole('row').all();
  return Promise.all(rows.slice(1).map(async (row) => row.getByRole('cell').allTextContents()));
}

test('switching the time zone moves the per-day buckets on Spend', async ({ page }) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/spend?from=${daysAgo(5)}&to=${daysAgo(2)}&tz=UTC`);
  const chart = page.getByRole('region', { name: /Cost and calls per day/ });
  await expect(chart).toContainText('Days in UTC');
  const utc = await perDay(page);
  expect(utc.map((row) => row[0])).toEqual([daysAgo(5), daysAgo(4), daysAgo(3)]);

  await page.getByLabel('Time zone').selectOption({ label: 'Other zone…' });
  await page.getByLabel('IANA zone').fill('Asia/Shanghai');
  await page.getByRole('button', { name: 'Apply' }).click();

  await expect(page).toHaveURL(/tz=Asia%2FShanghai/);
  await expect(chart).toContainText('Days in Asia/Shanghai');
  // Same calendar days, now midnight to midnight in Shanghai: eight hours earlier, so each day's counts change.
  await expect.poll(async () => JSON.stringify(await perDay(page))).not.toBe(JSON.stringify(utc));
  const shanghai = await perDay(page);
  expect(shanghai.map((row) => row[0])).toEqual([daysAgo(5), daysAgo(4), daysAgo(3)]);
  const calls = (rows: string[][]) => rows.map((row) => Number(row[1]!.replaceAll(',', '')));
  expect(calls(shanghai)).not.toEqual(calls(utc));
  expect(calls(shanghai).every((n) => n > 0)).toBe(true);

  // The chart's x-axis shows the same buckets as the table (MM-DD).
  await expect(chart.getByText(daysAgo(4).slice(5), { exact: true })).toBeVisible();
});
