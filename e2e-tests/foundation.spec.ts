import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { requireChromium, signInAsGuest } from './demo';

/** The newest migration the backend ships: the schema version it reports. */
const SCHEMA_VERSION = readdirSync('plugins/service-mesh-backend/migrations')
  .map(file => file.split('_')[0])
  .sort()
  .at(-1)!;

test.describe('the demo portal', () => {
  requireChromium();

  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test("a service's Mesh tab shows its assessment", async ({ page }) => {
    await page.goto('/catalog/default/component/cart-api/mesh');

    await expect(page.getByText('Mesh status')).toBeVisible();
    await expect(page.getByText('Freshness')).toBeVisible();
  });

  test('the Service Mesh page is reachable from the sidebar', async ({
    page,
  }) => {
    await page.getByRole('link', { name: 'Service Mesh' }).click();

    await expect(
      page.getByRole('heading', { name: 'Service Mesh' }),
    ).toBeVisible();
    await page.getByRole('tab', { name: 'Operations' }).click();
    await expect(page.getByText('Meshwise backend')).toBeVisible();
    await expect(page.getByText(SCHEMA_VERSION)).toBeVisible();
    // The demo backend scans the example manifests at start.
    await expect(page.getByRole('cell', { name: 'manifests' })).toBeVisible();
  });
});
