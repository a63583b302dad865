import { expect, test } from '@playwright/test';
import { signIn } from './support/session.js';

// An admin has the most views and tools in the header; every one must be on screen at common laptop and
// tablet widths (at 1440 px the sign-out button used to be pushed past the right edge).
test('the header fits 1920, 1440, 1280, 1024 and 800 px with every view and tool on screen', async ({
  page,
}) => {
  await signIn(page, 'admin');
  const header = page.getByRole('banner');
  for (const width of [1920, 1440, 1280, 1024, 800]) {
    await page.setViewportSize({ width, height: 900 });
    const controls = [
      header.getByLabel('Time zone'),
      header.getByRole('button', { name: 'Sign out' }),
      ...(await header.getByRole('navigation').getByRole('link').all()),
    ];
    expect(controls.length).toBeGreaterThan(5);
    for (const control of controls) {
      await expect(control).toBeVisible();
      const box = (await control.boundingBox())!;
      const name = await control.textContent();
      expect(box.x + box.width, `${name} ends inside ${width} px`).toBeLessThanOrEqual(width);
    }
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  }
});
