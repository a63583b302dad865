import { expect, test } from '@playwright/test';
import { daysAgo, signIn, waitForBackfill, waitForRecords } from './support/session.js';

test('a link with a date that does not exist says so, shows the default range and fixes the URL', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await waitForBackfill(page);
  await page.goto('/?from=2022-04-31&tz=UTC');

  await expect(
    page.getByRole('status').filter({ hasText: 'Part of this link could not be used' }),
  ).toContainText('The start date “2022-04-31” does not exist: showing last 7 days instead.');
  await expect(page.getByRole('region', { name: 'Filters' }).getByLabel('Date range')).toHaveValue('last7');
  await expect(page).not.toHaveURL(/from=/);
  await expect(page).toHaveURL(/tz=UTC/);
});

test('an unknown zone is named and replaced by the browser’s', async ({ page }) => {
  await signIn(page, 'admin');
  await waitForBackfill(page);
  await page.goto('/?tz=Mars%2FOlympus');

  await expect(page.getByRole('status').filter({ hasText: 'Part of this link' })).toContainText(
    '“Mars/Olympus” is not a time zone: times are shown in Europe/London instead.',
  );
  await expect(page).toHaveURL(/tz=Europe%2FLondon/);
});

test('a page past the end moves to the last page and says so', async ({ page }) => {
  await signIn(page, 'admin');
  await waitForBackfill(page);
  await page.goto(`/?from=${daysAgo(4)}&to=${daysAgo(2)}&tz=UTC&page=99999`);

  const total = await waitForRecords(page);
  const last = Math.ceil(total / 50);
  await expect(page.getByRole('status').filter({ hasText: 'There is no page 99,999' })).toContainText(
    `Showing the last page.`,
  );
  await expect(page).toHaveURL(new RegExp(`page=${last}(&|$)`));
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText(
    `${((last - 1) * 50 + 1).toLocaleString('en-US')}–${total.toLocaleString('en-US')} of`,
  );
});
