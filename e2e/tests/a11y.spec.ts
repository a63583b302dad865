import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { daysAgo, recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  // The scan really ran against the page (axe injected despite the strict CSP).
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target),
    }));
}

const range = `from=${daysAgo(7)}&to=${daysAgo(0)}&tz=UTC`;

test('sign-in has no serious accessibility violations', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Demo accounts' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // With an error shown as well.
  await page.getByLabel('User name').fill('nobody');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong user name or password');
  expect(await seriousViolations(page)).toEqual([]);
});

test('every signed-in view has no serious accessibility violations', async ({ page }) => {
  await signIn(page, 'admin');
  await waitForBackfill(page);

  await page.goto(`/?${range}`);
  await waitForRecords(page);
  expect(await seriousViolations(page), 'records').toEqual([]);

  await recordRows(page).first().click();
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Timeline' })).toBeVisible();
  expect(await seriousViolations(page), 'detail').toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto(`/spend?${range}`);
  await expect(page.getByRole('table', { name: 'Per day' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  expect(await seriousViolations(page), 'spend').toEqual([]);

  await page.goto(`/outcomes?${range}`);
  await expect(page.getByRole('region', { name: 'Termination codes by country/operator' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  expect(await seriousViolations(page), 'outcomes').toEqual([]);

  await page.goto('/callee/447700900123?tz=UTC');
  await waitForRecords(page);
  expect(await seriousViolations(page), 'callee').toEqual([]);
});
