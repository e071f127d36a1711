import { expect, test } from '@playwright/test';
import { readmeScreenshot, requireChromium, signInAsGuest } from './demo';

test.describe('the Mesh tab of a service', () => {
  requireChromium();

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signInAsGuest(page);
  });

  test('a service not on a mesh shows what blocks it and how to fix it', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/events-ingest/mesh');

    await expect(page.getByText('Mesh status')).toBeVisible();
    await expect(page.getByText('Blocked').first()).toBeVisible();
    await expect(page.getByText('MR-UID-1337').first()).toBeVisible();
    await expect(page.getByText(/runAsUser/).first()).toBeVisible();
    await readmeScreenshot(page, 'mesh-tab', { fullPage: true });
  });

  test('a service on AWS App Mesh shows the discontinued banner', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/shipping/mesh');

    await expect(
      page.getByText(/runs on AWS App Mesh, discontinued since 2026-09-30/),
    ).toBeVisible();
    await expect(page.getByText('Must migrate').first()).toBeVisible();
    await expect(page.getByText(/Amazon VPC Lattice/).first()).toBeVisible();
  });

  test('a service without annotations says which one to add', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/notification-service/mesh');

    await expect(
      page
        .getByText(/backstage\.io\/kubernetes-id: notification-service/)
        .first(),
    ).toBeVisible();
  });

  test('Refresh re-assesses the service', async ({ page }) => {
    await page.goto('/catalog/default/component/cart-api/mesh');
    await expect(page.getByText('Mesh status')).toBeVisible();

    const refreshed = page.waitForResponse(
      r => r.url().includes('/refresh') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Refresh' }).click();

    expect((await refreshed).status()).toBe(200);
    await expect(page.getByText('Assessed just now')).toBeVisible();
  });
});
