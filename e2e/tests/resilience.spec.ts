import { expect, test } from '@playwright/test';
import { daysAgo, signIn, waitForBackfill, waitForRecords } from './support/session.js';

const range = `from=${daysAgo(4)}&to=${daysAgo(2)}&tz=UTC`;

test('a chart view whose code cannot load says so and opens once the server answers again', async ({
  page,
}) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await page.goto(`/?${range}`);
  await waitForRecords(page);

  // The server is gone for every file not loaded yet (the lazy chart chunks).
  await page.route('**/assets/**', (route) => route.abort('connectionrefused'));
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Spend' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'Could not open this view' });
  await expect(alert).toBeVisible();
  // Not a white page: the header and navigation are still there.
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.unroute('**/assets/**');
  await alert.getByRole('button', { name: 'Try again' }).click();

  await expect(page.getByRole('heading', { name: 'Spend', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Per day' })).toBeVisible();
  await expect(alert).toHaveCount(0);
});
