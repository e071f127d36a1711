import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { readmeScreenshot, requireChromium, signInAsGuest } from './demo';

test.describe('the adoption Scorecard', () => {
  requireChromium();

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signInAsGuest(page);
  });

  test('filters by a team and exports the view as CSV', async ({ page }) => {
    await page.goto('/service-mesh/scorecard');
    await expect(page.getByText('17 matching')).toBeVisible();
    await readmeScreenshot(page, 'scorecard');

    const owner = page.getByLabel('Owner');
    await owner.fill('group:default/data-team');
    await owner.press('Enter');

    await expect(page.getByText('4 matching')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Forecast API' }),
    ).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');

    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('Entity');
    expect(lines).toHaveLength(5);
    expect(csv).toContain('component:default/forecast-api');
    expect(csv).not.toContain('component:default/cart-api');
  });
});
