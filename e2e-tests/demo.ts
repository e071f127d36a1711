import { expect, Page, test } from '@playwright/test';
import { findChromium } from './chromium';

const BACKEND = 'http://localhost:7007';
const BACKEND_HEALTH = `${BACKEND}/api/service-mesh/health`;

/** Skips (outside CI) when no Chromium is installed, saying why. */
export function requireChromium() {
  test.skip(
    !findChromium(),
    'No Chromium found at CHROMIUM_PATH or /usr/bin/chromium: install it with apt-get install -y chromium',
  );
}

/**
 * Resolves once a scan has assessed every service of the demo catalog: the
 * first scan may run while the catalog is still ingesting (the catalog
 * follow-up then triggers another within a minute of start). Asked once per
 * worker.
 */
let demoAssessed: Promise<void> | undefined;

async function waitForDemoAssessed(): Promise<void> {
  const session = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const token = (await session.json()).backstageIdentity.token;
  const get = async (path: string) =>
    (
      await fetch(`${BACKEND}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
  await expect
    .poll(
      async () => {
        const catalog = await get(
          '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=1',
        );
        const scans = await get('/api/service-mesh/scans?limit=1');
        const [last] = scans.items ?? [];
        return (
          last?.status === 'succeeded' &&
          last.entityCount === catalog.totalItems
        );
      },
      {
        message: 'a scan that assessed every service of the demo catalog',
        timeout: 150_000,
        intervals: [2_000],
      },
    )
    .toBe(true);
}

/** Waits until the demo backend answers and has assessed the demo, then signs in as the guest user. */
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
  demoAssessed ??= waitForDemoAssessed();
  await demoAssessed;

  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(page.getByRole('link', { name: 'Service Mesh' })).toBeVisible();
}

/**
 * Writes one of the README screenshots (`plugins/service-mesh/docs/<name>.png`),
 * only when asked with `UPDATE_SCREENSHOTS=1`: a test run never rewrites
 * tracked files.
 */
export async function readmeScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.screenshot({
    path: `plugins/service-mesh/docs/${name}.png`,
    ...options,
  });
}
