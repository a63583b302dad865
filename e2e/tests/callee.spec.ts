import { expect, test } from '@playwright/test';
import { recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

test('a pasted +44 number shows that callee’s calls newest first, and its URL opens directly', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await waitForBackfill(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Callee lookup' }).click();
  await page.getByLabel('Phone number').fill('+44 7700 900123');
  await page.getByRole('button', { name: 'Look up' }).click();

  await expect(page).toHaveURL(/\/callee\/447700900123/);
  await expect(page.getByRole('heading', { name: 'Calls to +447700900123' })).toBeVisible();
  const total = await waitForRecords(page);
  expect(total).toBeGreaterThan(10);
  const callees = await recordRows(page).locator('td:nth-child(2)').allTextContents();
  expect(new Set(callees)).toEqual(new Set(['+447700900123']));
  const submitted = await recordRows(page).locator('td:nth-child(1)').allTextContents();
  expect(submitted.length).toBeGreaterThan(1);
  expect([...submitted].sort().reverse()).toEqual(submitted);

  // A link a colleague pasted opens the same list.
  await page.goto('/callee/447700900123');
  await expect(page.getByLabel('Phone number')).toHaveValue('+447700900123');
  expect(await waitForRecords(page)).toBe(total);
  expect(await recordRows(page).locator('td:nth-child(1)').allTextContents()).toEqual(submitted);
});
