import { expect, type Locator, type Page, test } from '@playwright/test';
import { daysAgo, signIn, waitForBackfill, waitForRecords } from './support/session.js';

const range = `from=${daysAgo(4)}&to=${daysAgo(2)}&tz=UTC`;

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function openOperators(page: Page): Promise<{ toggle: Locator; panel: Locator }> {
  const filters = page.getByRole('region', { name: 'Filters' });
  const toggle = filters.getByLabel('Country/operator', { exact: true }).first();
  await toggle.click();
  const panel = filters.getByRole('searchbox', { name: 'Search country/operator' });
  await expect(panel).toBeVisible();
  return { toggle, panel };
}

for (const width of [1440, 390]) {
  test(`filter dropdowns close on Escape and outside clicks and never cover the search box (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await signIn(page, 'admin');
    await waitForBackfill(page);
    await page.goto(`/?${range}`);
    await waitForRecords(page);
    const filters = page.getByRole('region', { name: 'Filters' });
    if (width < 600) await filters.getByRole('button', { name: /Filters/ }).click();

    const { toggle, panel } = await openOperators(page);
    const options = filters.locator('.popover[open] .popover__panel');
    const search = filters.getByRole('searchbox', { name: 'Search', exact: true });
    expect(overlaps((await options.boundingBox())!, (await search.boundingBox())!)).toBe(false);

    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(toggle).toBeFocused();

    await openOperators(page);
    await page.getByRole('heading', { name: 'Call records' }).click();
    await expect(panel).toBeHidden();
  });
}
