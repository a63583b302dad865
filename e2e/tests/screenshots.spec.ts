import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { daysAgo, recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

// The README's pictures of each view, at 1440×900 and on a 390 px phone, from the demo data. A test run
// writes them under test-results/ (ignored); `pnpm screenshots` points this at docs/screenshots/.
const dir =
  process.env.CALLBOARD_SCREENSHOTS_DIR ?? path.resolve(import.meta.dirname, '../test-results/screenshots');
mkdirSync(dir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(dir, `${name}.png`) });
const range = `from=${daysAgo(7)}&to=${daysAgo(0)}&tz=UTC`;

test('screenshots of each view', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Demo accounts' })).toBeVisible();
  await shot(page, 'sign-in');

  await signIn(page, 'admin');
  await waitForBackfill(page);
  await page.goto(`/?${range}`);
  await waitForRecords(page);
  await expect(page.getByText(/Still syncing/)).toHaveCount(0);
  await shot(page, 'records');

  await recordRows(page).nth(2).getByRole('button').first().click();
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await shot(page, 'detail');
  await page.keyboard.press('Escape');

  await page.goto(`/spend?${range}`);
  await expect(page.getByRole('table', { name: 'Billing increments' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await shot(page, 'spend');

  await page.goto(`/outcomes?${range}`);
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await shot(page, 'outcomes');

  await page.goto('/callee/447700900123?tz=UTC');
  await waitForRecords(page);
  await shot(page, 'callee');

  await page.goto('/audit?tz=UTC');
  await expect(
    page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row').nth(1),
  ).toBeVisible();
  await shot(page, 'audit');
});

test('screenshots on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/?${range}`);
  await waitForRecords(page);
  await shot(page, 'phone-records');

  await recordRows(page).nth(2).getByRole('button').first().click();
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await shot(page, 'phone-detail');
  await page.keyboard.press('Escape');

  await page.goto(`/spend?${range}`);
  await expect(page.getByRole('table', { name: 'Per day' }).getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'phone-spend');
});

test('screenshot of records as support', async ({ page }) => {
  await signIn(page, 'support');
  await waitForBackfill(page);
  await page.goto(`/?${range}`);
  await waitForRecords(page);
  await shot(page, 'support-records');
});
