import { expect, Page, test } from '@playwright/test';
import { findChromium } from './chromium';

const BACKEND_HEALTH = 'http://localhost:7007/api/service-mesh/health';

/** Skips (outside CI) when no Chromium is installed, saying why. */
export function requireChromium() {
  test.skip(
    !findChromium(),
    'No Chromium found at CHROMIUM_PATH or /usr/bin/chromium: install it with apt-get install -y chromium',
  );
}

/** Waits until the demo backend answers, then signs in as the guest user. */
export async function signInAsGuest(page: Page) {
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(BACKEND_HEALTH)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe(200);

  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(page.getByRole('link', { name: 'Service Mesh' })).toBeVisible();
}
