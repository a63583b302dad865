import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** A state-changing API call from the signed-in page (its cookie, and the CSRF token the SPA would send). */
async function send(page: Page, method: string, url: string, data: unknown) {
  const { csrfToken } = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
  const response = await page.request.fetch(url, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json();
}

test('screenshots of the Alerts page', async ({ page }) => {
  test.setTimeout(180_000);
  // A receiver on this machine for the webhook, answering 204 (demo mode lets webhooks reach loopback).
  const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callboard`;
  try {
    await signIn(page, 'finance');
    await waitForBackfill(page);
    const webhook = (await send(page, 'POST', '/api/webhooks', {
      name: 'Finance channel',
      url: hook,
      kinds: ['spend', 'quality'],
      format: 'slack',
    })) as {
      webhook: { id: number };
    };
    await send(page, 'POST', `/api/webhooks/${webhook.webhook.id}/test`, undefined);
    // A budget this month has not spent but whose run rate passes it: the bell has something to show.
    let budget: { spent: { amount: string }; forecast: { amount: string } } | null = null;
    await expect
      .poll(
        async () => {
          const { rules } = (await (await page.request.get('/api/alert-rules')).json()) as {
            rules: Array<{ metric: string; current: { budget?: typeof budget } }>;
          };
          budget = rules.find((r) => r.metric === 'budget')?.current.budget ?? null;
          return budget !== null;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    const { spent, forecast } = budget!;
    const amount = ((Number(spent.amount) + Number(forecast.amount)) / 2).toFixed(0);
    const created = (await send(page, 'POST', '/api/alert-rules', {
      name: 'December budget',
      metric: 'budget',
      currency: 'USD',
      amount,
    })) as {
      rule: { id: number };
    };
    await page.goto(`/alerts?tz=UTC&rule=${created.rule.id}`);
    await expect(page.getByRole('banner').getByText(/^Alerts: \d+ firing$/)).toBeVisible({ timeout: 60_000 });
    await expect(
      page.getByRole('region', { name: /December budget/ }).getByRole('cell', { name: /Fired/ }),
    ).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Delivery log' }).click();
    await expect(
      page.getByRole('table', { name: 'Delivery log, newest first' }).getByText('delivered').first(),
    ).toBeVisible();
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    // The budget's month, its firing and the webhook's log (the sticky header keeps the bell in view).
    await page.getByRole('region', { name: /December budget/ }).evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
      element.ownerDocument.defaultView?.scrollBy(0, -72);
    });
    await shot(page, 'alerts-budget');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole('region', { name: /December budget/ })).toBeVisible();
    await shot(page, 'phone-alerts');
    await page.getByRole('banner').getByText('Sign out').click();

    // Support: quality rules only; an answer-rate rule's last day against its threshold.
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'support', '/alerts?tz=UTC');
    await page.getByRole('button', { name: 'Short calls (under 10 s)', exact: true }).first().click();
    await expect(page.locator('.recharts-line-dots').first()).toBeVisible({ timeout: 60_000 });
    await shot(page, 'alerts');
  } finally {
    receiver.close();
  }
});

test('screenshots of saved views, the period comparison and the Reports page', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'finance');
  await waitForBackfill(page);
  const params = { range: 'lastMonth', currency: ['EUR'], tz: 'Europe/London' };
  const { view } = (await send(page, 'POST', '/api/views', {
    name: 'Monthly spend review (EUR)',
    page: 'spend',
    params,
    shared: true,
  })) as { view: { id: number } };
  await send(page, 'POST', '/api/views', {
    name: 'Unanswered calls this month',
    page: 'outcomes',
    params: { range: 'thisMonth', outcome: 'unanswered', tz: 'Europe/London' },
  });
  const { report } = (await send(page, 'POST', '/api/reports', {
    viewId: view.id,
    schedule: { frequency: 'monthly', dayOfMonth: 1, time: '07:00', tz: 'Europe/London' },
  })) as { report: { id: number } };
  await send(page, 'POST', `/api/reports/${report.id}/run`, undefined);

  await page.goto('/spend?range=lastMonth&currency=EUR&tz=Europe%2FLondon');
  const compare = page.getByRole('region', { name: 'Compared with the previous period' });
  await expect(compare.getByText('Cost (EUR)')).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await compare.screenshot({ path: path.join(dir, 'comparison.png') });

  await page.getByText('Saved views', { exact: true }).first().click();
  await expect(page.getByRole('list', { name: 'Saved views' }).getByRole('listitem').first()).toBeVisible();
  await shot(page, 'saved-views');
  await page.keyboard.press('Escape');

  await page.goto('/reports?tz=Europe%2FLondon');
  const runs = page.getByRole('table', { name: 'Report runs, newest first' });
  await expect(runs.getByText('Done').first()).toBeVisible({ timeout: 60_000 });
  await shot(page, 'reports');
});
