import { expect, type Page } from '@playwright/test';

export type Role = 'admin' | 'finance' | 'support';

/** The accounts demo mode seeds (printed at start and listed on the sign-in page). */
export const DEMO_PASSWORDS: Record<Role, string> = {
  admin: 'demo-admin-pass',
  finance: 'demo-finance-pass',
  support: 'demo-support-pass',
};

/**
 * Waits, through the same API the header reads, until the first full backfill has finished: from then on
 * past days no longer change, so totals and per-day figures can be compared.
 */
export async function waitForBackfill(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const status = (await (await page.request.get('/api/sync')).json()) as {
          running: unknown[];
          recent: { trigger: string; state: string }[];
        };
        return status.recent.some((job) => job.trigger === 'backfill' && job.state === 'done');
      },
      { timeout: 90_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
}

/** Signs in through the form, as a person would, and waits for the dashboard to open. */
export async function signIn(page: Page, role: Role, path = '/'): Promise<void> {
  await page.goto(path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`);
  await page.getByLabel('User name').fill(role);
  await page.getByLabel('Password').fill(DEMO_PASSWORDS[role]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const header = page.getByRole('banner');
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(header.getByText(role, { exact: true }).first()).toBeVisible();
}

/** A calendar day `daysAgo` before today in UTC, as YYYY-MM-DD. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Data rows of the records table (skeleton rows excluded). */
export function recordRows(page: Page) {
  return page
    .getByRole('table', { name: /click a row or press Enter/ })
    .locator('tbody tr:not(.skeleton-row)');
}

/** Waits until the table shows data rows and an exact total, and returns that total. */
export async function waitForRecords(page: Page): Promise<number> {
  await expect(recordRows(page).first()).toBeVisible({ timeout: 60_000 });
  const range = page.getByRole('navigation', { name: 'Pages' }).locator('.pagination__range');
  await expect(range).toHaveText(/of [\d,]+ calls/);
  const text = (await range.textContent()) ?? '';
  return Number(/of ([\d,]+) calls/.exec(text)![1]!.replaceAll(',', ''));
}

/** Visible column headers of the records table, sort arrows stripped. */
export async function columnHeaders(page: Page): Promise<string[]> {
  const headers = await page
    .getByRole('table', { name: /click a row or press Enter/ })
    .getByRole('columnheader')
    .allTextContents();
  return headers.map((h) => h.replace(/[▲▼↕]/g, '').trim());
}
