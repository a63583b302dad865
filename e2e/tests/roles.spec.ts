import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { columnHeaders, recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

test('support looks up a callee without seeing money or spend', async ({ page }) => {
  await signIn(page, 'support');
  await waitForBackfill(page);
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('link', { name: 'Outcomes' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Spend' })).toHaveCount(0);
  // Sync status is readable; starting one is for admins.
  await expect(page.getByRole('banner').getByText(/^Synced /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Callee lookup' }).click();
  await page.getByLabel('Phone number').fill('+44 7700 900123');
  await page.getByRole('button', { name: 'Look up' }).click();
  expect(await waitForRecords(page)).toBeGreaterThan(0);
  const headers = await columnHeaders(page);
  expect(headers).toContain('Talk time');
  expect(headers).not.toContain('Cost');
  await page.getByText('Columns', { exact: true }).click();
  const picker = page.getByRole('list', { name: 'Columns, in display order' });
  await expect(picker.getByRole('checkbox', { name: 'Talk time' })).toBeVisible();
  await expect(picker.getByRole('checkbox', { name: /^(Cost|Rate|Base cost)/ })).toHaveCount(0);
  await page.getByText('Columns', { exact: true }).click();

  await recordRows(page).first().getByRole('button').first().click();
  const panel = page.getByRole('dialog');
  await expect(panel.getByRole('heading', { name: 'Billing' })).toBeVisible();
  await expect(panel.getByText('Charged vs talked')).toBeVisible();
  await expect(panel.getByRole('term').filter({ hasText: /^(Cost|Rate|Base cost)/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Export all matching leaves the money columns out instead of being refused.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Export all matching/ }).click(),
  ]);
  const header = (await readFile((await file.path())!, 'utf8')).slice(1).split('\r\n')[0]!;
  expect(header).toContain('Callee');
  expect(header).not.toMatch(/Cost|Rate/);

  await page.goto('/spend');
  await expect(page.getByText('Your role has no access to spend.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Spend' })).toHaveCount(0);
});

test('finance signs in and exports with money', async ({ page }) => {
  await signIn(page, 'finance');
  await waitForBackfill(page);
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Spend' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveCount(0);
  await waitForRecords(page);
  const headers = await columnHeaders(page);
  expect(headers).toContain('Cost');

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export visible' }).click(),
  ]);
  const lines = (await readFile((await file.path())!, 'utf8')).slice(1).trimEnd().split('\r\n');
  // The screen's columns, with units in the headers and the currency beside the cost.
  expect(
    lines[0]!.split(',').filter((name) => name !== 'Cost currency' && name !== 'Termination reason'),
  ).toEqual(
    headers
      .map((name) => (name === 'Submitted' ? 'Submitted (Europe/London)' : name))
      .map((name) => (['Talk time', 'Charged time'].includes(name) ? `${name} (s)` : name)),
  );
  expect(lines.length - 1).toBe(await recordRows(page).count());
  expect(lines[1]).toMatch(/,\d+(\.\d+)?,(USD|EUR),/);
});
