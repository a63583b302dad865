import { expect, type Page, test } from '@playwright/test';
import { daysAgo, signIn, waitForBackfill } from './support/session.js';

const range = `from=${daysAgo(5)}&to=${daysAgo(2)}&tz=UTC`;

/** The per-day chart's bars, each a named control. */
const dayBar = (page: Page, day: string) =>
  page
    .getByRole('region', { name: /Cost and calls per day/ })
    .getByRole('button', { name: new RegExp(`^${day}: .*Show that day's calls`) });

async function expectRecordsOf(page: Page, day: string) {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await expect(page).toHaveURL(new RegExp(`/\\?from=${day}&to=${next}`));
  await expect(page.getByRole('heading', { name: 'Call records' })).toBeVisible();
}

test('the per-day chart opens the day clicked, or the focused day on Enter', async ({ page }) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/spend?${range}`);

  await dayBar(page, daysAgo(4)).click();
  await expectRecordsOf(page, daysAgo(4));

  await page.goBack();
  await dayBar(page, daysAgo(3)).focus();
  await page.keyboard.press('Enter');
  await expectRecordsOf(page, daysAgo(3));
});

test('a tap on a phone opens the day tapped, not the first of the range', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/spend?${range}`);

  const bar = dayBar(page, daysAgo(3));
  await bar.scrollIntoViewIfNeeded();
  await bar.tap();
  await expectRecordsOf(page, daysAgo(3));
  await context.close();
});

test('the billing-increment overhead is split per increment with exact totals', async ({ page }) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/spend?${range}`);

  const split = page.getByRole('table', { name: 'Billing increments' });
  await expect(split.getByRole('row', { name: /^60\+60 / })).toBeVisible();
  await expect(split.getByRole('row', { name: /^20\+20 / })).toBeVisible();
  await expect(split.getByRole('columnheader', { name: /Overhead cost USD/ })).toBeVisible();
  const total = split.getByRole('row', { name: /^All increments / });
  // Hours and minutes, money in the currency's two decimals.
  await expect(total).toContainText(/\d+ h \d+ min/);
  await expect(total).toContainText(/\$[\d,]+\.\d\d(?!\d)/);
  // The KPI's rounded overhead keeps the exact figure beside it.
  const usd = page.getByRole('region', { name: 'USD totals' });
  await expect(usd.getByText(/^exactly \$[\d,]+\.\d{3,}$/).first()).toBeVisible();
});
