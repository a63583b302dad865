import { expect, test } from '@playwright/test';
import { columnHeaders, recordRows, signIn, waitForBackfill, waitForRecords } from './support/session.js';

test('admin filters, sorts by cost, pages and opens a record’s details', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.getByRole('banner').getByText('Demo data')).toBeVisible();
  await waitForBackfill(page);
  await waitForRecords(page);

  // Country/operator: the busiest one from the facet list.
  // The multi-select's toggle (a <summary>) and its option list are both labelled "Country/operator";
  // the toggle comes first.
  const operatorPicker = page
    .getByRole('region', { name: 'Filters' })
    .getByLabel('Country/operator', { exact: true })
    .first();
  await operatorPicker.click();
  const uk = page.getByRole('checkbox', { name: /United Kingdom\(Vodafone\)/ });
  // The option list re-sorts when facet counts refresh during a sync; retry a click that hit a moving row.
  await expect(async () => {
    await uk.check({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(page).toHaveURL(/code=United\+Kingdom%28Vodafone%29|code=United%20Kingdom/);
  await expect(operatorPicker).toHaveAccessibleName('Country/operator United Kingdom(Vodafone)');
  await operatorPicker.click();
  await page.getByLabel('Outcome').selectOption('answered');
  await expect(page).toHaveURL(/outcome=answered/);
  const filteredTotal = await waitForRecords(page);
  expect(filteredTotal).toBeGreaterThan(50);
  const codes = await recordRows(page).locator('td:nth-child(3)').allTextContents();
  expect(new Set(codes)).toEqual(new Set(['United Kingdom(Vodafone)']));
  expect(await columnHeaders(page)).toContain('Cost');

  // Sort by cost, highest first.
  const costHeader = page.getByRole('columnheader', { name: /^Cost/ });
  await costHeader.getByRole('button').click();
  await expect(costHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=cost%3Adesc/);
  const costIndex = (await columnHeaders(page)).indexOf('Cost');
  // Costs as [currency symbol, amount]: the server sorts by currency first, then amount within it.
  const costs = async () =>
    (
      await recordRows(page)
        .locator(`td:nth-child(${costIndex + 1})`)
        .allTextContents()
    ).map((text) => ({
      currency: text.replace(/[\d.,-]/g, ''),
      amount: Number(text.replace(/[^\d.]/g, '')),
    }));
  /** Each currency in one block, amounts falling within it. */
  const sortedWithinCurrency = (list: { currency: string; amount: number }[]) =>
    list.every((cost, i) => {
      const previous = list[i - 1];
      if (!previous || previous.currency !== cost.currency) {
        return !list.slice(0, i).some((earlier) => earlier.currency === cost.currency);
      }
      return cost.amount <= previous.amount;
    });
  await expect.poll(async () => sortedWithinCurrency(await costs())).toBe(true);
  const page1 = await costs();
  const lastOnPage1 = page1.at(-1)!;

  // Page 2 continues where page 1 stopped.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/^Page 2 of /)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText(/51–\d+ of/);
  await expect
    .poll(async () => {
      const first = (await costs())[0]!;
      return first.currency === lastOnPage1.currency
        ? first.amount <= lastOnPage1.amount
        : !page1.some((cost) => cost.currency === first.currency);
    })
    .toBe(true);

  // Details, from the row's own button, then Escape back to it.
  const row = recordRows(page)
    .first()
    .getByRole('button', { name: /^Details of the call to \+\d+ submitted / });
  await row.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog');
  const timeline = panel.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
  await expect(timeline).toHaveCount(5);
  await expect(timeline.first()).toContainText('Submitted');
  await expect(timeline.last()).toContainText('Hung up');
  // Answered calls (the filter) show the talk time between answer and hang-up.
  await expect(timeline.last()).toContainText(/\+\d+ s talking/);
  await expect(page).toHaveURL(/record=/);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/record=/);
  await expect(row).toBeFocused();
});
