import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { daysAgo, recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

/** Every violation of moderate impact or worse (moderate, serious, critical): only "minor" is tolerated. */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  // The scan really ran against the page (axe injected despite the strict CSP).
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((v) => v.impact === 'moderate' || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target),
    }));
}

const range = `from=${daysAgo(7)}&to=${daysAgo(0)}&tz=UTC`;

test('sign-in has no moderate or worse accessibility violations', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Demo accounts' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  // With an error shown as well.
  await page.getByLabel('User name').fill('nobody');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong user name or password');
  expect(await violations(page)).toEqual([]);
});

test('every signed-in view has no moderate or worse accessibility violations', async ({ page }) => {
  // Seven views and eight full scans, one with every country/operator listed.
  test.setTimeout(180_000);
  await signIn(page, 'admin');
  await waitForBackfill(page);

  await page.goto(`/?${range}`);
  await waitForRecords(page);
  expect(await violations(page), 'records').toEqual([]);

  await recordRows(page).first().getByRole('button').first().click();
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Timeline' })).toBeVisible();
  expect(await violations(page), 'detail').toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto(`/spend?${range}`);
  await expect(page.getByRole('table', { name: 'Per day' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  expect(await violations(page), 'spend').toEqual([]);

  await page.goto(`/outcomes?${range}`);
  await expect(page.getByRole('region', { name: 'Termination codes by country/operator' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  expect(await violations(page), 'outcomes').toEqual([]);

  await page.goto('/callee/447700900123?tz=UTC');
  await waitForRecords(page);
  expect(await violations(page), 'callee').toEqual([]);

  await page.goto('/audit?tz=UTC');
  await expect(
    page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row').nth(1),
  ).toBeVisible();
  expect(await violations(page), 'audit').toEqual([]);

  // The saved-view menu open over the spend page (with its comparison), and the Reports page.
  await page.goto(`/spend?${range}`);
  await expect(page.getByRole('region', { name: 'Compared with the previous period' })).toBeVisible();
  await page.getByText('Saved views', { exact: true }).first().click();
  await expect(page.getByLabel('Save this view as')).toBeVisible();
  expect(await violations(page), 'saved views and comparison').toEqual([]);
  await page.keyboard.press('Escape');
  await page.goto('/reports?tz=UTC');
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  expect(await violations(page), 'reports').toEqual([]);

  // A notice about a bad link, and the phone layout with its filters open.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?from=2022-04-31&tz=UTC`);
  await waitForRecords(page);
  await expect(page.getByText('Part of this link could not be used')).toBeVisible();
  await page
    .getByRole('region', { name: 'Filters' })
    .getByRole('button', { name: /Filters/ })
    .click();
  expect(await violations(page), 'records on a phone').toEqual([]);
});
