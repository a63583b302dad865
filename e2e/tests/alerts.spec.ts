import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signIn, waitForBackfill } from './support/session.js';

interface BudgetFigures {
  spent: { amount: string };
  forecast: { amount: string };
}

/** This month's USD spend and forecast as the demo's own budget last measured them (once it has). */
async function usdFigures(page: Page): Promise<BudgetFigures> {
  let figures: BudgetFigures | null = null;
  await expect
    .poll(
      async () => {
        const { rules } = (await (await page.request.get('/api/alert-rules')).json()) as {
          rules: Array<{
            metric: string;
            currency: string | null;
            current: { budget?: BudgetFigures | null };
          }>;
        };
        figures = rules.find((r) => r.metric === 'budget' && r.currency === 'USD')?.current.budget ?? null;
        return figures !== null && Number(figures.spent.amount) > 0;
      },
      { timeout: 90_000, intervals: [500, 1000, 2000] },
    )
    .toBe(true);
  return figures!;
}

test('finance creates a budget, the traffic forecasts past it, and the bell shows the alert', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'finance');
  await waitForBackfill(page);
  // A budget the month has not spent yet but whose run rate carries it past by month end: halfway between
  // what this month has spent so far and the forecast of the simulator's traffic.
  const { spent, forecast } = await usdFigures(page);
  const amount = ((Number(spent.amount) + Number(forecast.amount)) / 2).toFixed(2);
  expect(Number(amount)).toBeGreaterThan(Number(spent.amount));
  expect(Number(amount)).toBeLessThan(Number(forecast.amount));

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('button', { name: 'New rule or budget' }).click();
  const form = page.getByRole('form', { name: 'New alert rule' });
  await expect(form.getByLabel('What to watch')).toHaveValue('budget');
  await expect(
    form.getByText(/Month-end forecast: this month's spend so far divided by the days elapsed/),
  ).toBeVisible();
  await form.getByLabel('Name', { exact: true }).fill('Journey budget');
  await form.getByLabel('Currency', { exact: true }).fill('USD');
  await form.getByLabel('Monthly budget', { exact: true }).fill(amount);
  await form.getByRole('button', { name: 'Create budget' }).click();
  await expect(form).toHaveCount(0);

  // The rule opens; it is evaluated at once, and the bell (polling every 15 s) shows it firing.
  const detail = page.getByRole('region', { name: /Journey budget/ });
  // On a busy machine the first evaluation can wait behind the demo's own queries: allow it a minute.
  await expect(detail.getByText(/Forecast \$/).first()).toBeVisible({ timeout: 60_000 });
  const bell = page.getByRole('banner').getByText(/^Alerts: \d+ firing$/);
  await expect(bell).toBeVisible({ timeout: 60_000 });
  await page.getByRole('banner').locator('summary.alert-bell').click();
  const firing = page.getByRole('region', { name: 'Firing alerts' });
  const item = firing.getByRole('link', { name: /Journey budget/ });
  await expect(item).toBeVisible();
  await expect(item).toContainText('forecast over budget');
  await expect(item).toContainText(/forecast \$[\d,]+\.\d\d/);
  await item.click();
  await expect(page).toHaveURL(/\/alerts\?.*rule=\d+/);
  await expect(detail.getByRole('cell', { name: /Fired/ })).toBeVisible({ timeout: 30_000 });

  // Support never sees it: not in its bell, its rules or the API.
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'support', '/alerts');
  await expect(page.getByRole('table', { name: 'Alert rules and budgets' })).toBeVisible();
  await expect(page.getByText('Journey budget')).toHaveCount(0);
  const alerts = await (await page.request.get('/api/alerts?limit=200')).text();
  expect(alerts).not.toContain('Journey budget');
  expect(alerts).not.toMatch(/"kind":"spend"|USD|"amount"/);
});

test('the Alerts page has no moderate or worse accessibility violations, on a desktop and a phone', async ({
  page,
}) => {
  await signIn(page, 'admin', '/alerts?tz=UTC');
  await expect(page.getByRole('table', { name: 'Alert rules and budgets' })).toBeVisible();
  await page.getByRole('button', { name: /^USD monthly budget$/ }).click();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.passes.length).toBeGreaterThan(10);
    const serious = results.violations
      .filter((v) => v.impact !== 'minor')
      .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target) }));
    expect(serious, `${width} px`).toEqual([]);
  }
  // The bell opens from the keyboard too.
  await page.getByRole('banner').locator('summary.alert-bell').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Firing alerts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Firing alerts' })).toBeHidden();
});
