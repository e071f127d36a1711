import { expect, test } from '@playwright/test';
import { requireChromium, signInAsGuest } from './demo';

test.describe('the demo portal', () => {
  requireChromium();

  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test("a service's Mesh tab shows its workload selector and the backend", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/cart-api/mesh');

    await expect(page.getByText('Kubernetes workloads')).toBeVisible();
    await expect(
      page.getByText('backstage.io/kubernetes-id=cart-api'),
    ).toBeVisible();
    await expect(page.getByText('Meshwise backend')).toBeVisible();
    await expect(page.getByText('sqlite')).toBeVisible();
  });

  test('the Service Mesh page is reachable from the sidebar', async ({
    page,
  }) => {
    await page.getByRole('link', { name: 'Service Mesh' }).click();

    await expect(
      page.getByRole('heading', { name: 'Service Mesh' }),
    ).toBeVisible();
    await expect(page.getByText('Meshwise backend')).toBeVisible();
    await expect(page.getByText('20261122020000')).toBeVisible();
  });
});
