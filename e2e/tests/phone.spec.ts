import { expect, type Locator, type Page, test } from '@playwright/test';
import { daysAgo, recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

const range = `from=${daysAgo(4)}&to=${daysAgo(2)}&tz=UTC`;

test.use({ viewport: { width: 390, height: 844 } });

/** The page itself never scrolls sideways on a phone: wide tables scroll inside their card. */
async function expectNoSidewaysScroll(page: Page, view: string) {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width, `${view} is ${width}px wide`).toBeLessThanOrEqual(390);
}

async function expectInViewport(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
}

test('every view fits a 390 px phone, with the header tools on screen', async ({ page }) => {
  await signIn(page, 'admin');
  await waitForBackfill(page);

  await page.goto(`/?${range}`);
  await waitForRecords(page);
  await expectNoSidewaysScroll(page, 'records');
  const header = page.getByRole('banner');
  for (const control of [
    header.getByLabel('Time zone'),
    header.getByText(/^Synced /),
    header.getByRole('button', { name: 'Sign out' }),
  ]) {
    await expectInViewport(control);
  }

  // Filters fold behind one button; opened, every filter is there and the page still fits.
  const filters = page.getByRole('region', { name: 'Filters' });
  await expect(filters.getByLabel('Outcome')).toBeHidden();
  await filters.getByRole('button', { name: /Filters/ }).click();
  await expect(filters.getByLabel('Outcome')).toBeVisible();
  await filters.getByLabel('Country/operator', { exact: true }).first().click();
  await expect(filters.getByRole('checkbox').first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'records with a filter open');
  await page.keyboard.press('Escape');

  await page.goto(`/spend?${range}`);
  await expect(page.getByRole('table', { name: 'Per day' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'spend');

  await page.goto(`/outcomes?${range}`);
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expectNoSidewaysScroll(page, 'outcomes');

  await page.goto('/callee/447700900123?tz=UTC');
  await waitForRecords(page);
  await expectNoSidewaysScroll(page, 'callee');

  await page.goto('/audit?tz=UTC');
  await expect(
    page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row').nth(1),
  ).toBeVisible();
  await expectNoSidewaysScroll(page, 'audit');
});

test('the record drawer fills the phone screen and its close button is in reach', async ({ page }) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/?${range}`);
  await waitForRecords(page);

  const open = recordRows(page)
    .first()
    .getByRole('button', { name: /^Details of the call to/ });
  await open.click();
  const panel = page.getByRole('dialog');
  await expect(panel.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'detail');
  const close = panel.getByRole('button', { name: /Close details/ });
  await expectInViewport(close);
  const box = (await panel.boundingBox())!;
  expect(box.x).toBe(0);
  expect(box.width).toBe(390);

  // Still in reach after scrolling to the end of the details.
  await panel.getByRole('heading', { name: 'Every field' }).scrollIntoViewIfNeeded();
  await expectInViewport(close);
  await close.click();
  await expect(panel).toBeHidden();
  await expect(open).toBeFocused();
});
