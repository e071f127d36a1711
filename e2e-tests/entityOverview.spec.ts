import { expect, test } from '@playwright/test';
import { requireChromium, signInAsGuest } from './demo';

test.describe("a service's overview", () => {
  requireChromium();

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signInAsGuest(page);
  });

  test('the readiness card shows the stage, the score and what blocks, and opens the Mesh tab', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/events-ingest');

    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ hasText: 'Mesh readiness' });
    await expect(card).toBeVisible();
    await expect(
      page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link'),
    ).toHaveText(['Overview', 'Mesh']);
    await expect(card.getByText('Blocked', { exact: true })).toBeVisible();
    await expect(card.getByLabel('Readiness score')).toHaveText(/^\d+$/);
    await expect(
      card.getByLabel('Blocking findings', { exact: true }),
    ).toHaveText('1 blocking');
    await expect(
      card
        .getByRole('list', { name: 'Top blocking findings' })
        .getByRole('listitem'),
    ).toContainText(['Application does not run as UID 1337']);

    await card.getByRole('link', { name: 'Open the Mesh tab' }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/events-ingest\/mesh$/,
    );
    await expect(page.getByText('Mesh status')).toBeVisible();
  });

  test('a service on AWS App Mesh: the card says to migrate', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/shipping');

    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ hasText: 'Mesh readiness' });
    await expect(card.getByText('Must migrate', { exact: true })).toBeVisible();
    await expect(
      card.getByText(/AWS App Mesh is discontinued since 2026-09-30/),
    ).toBeVisible();
  });

  test('a service on AWS App Mesh: the Tech Insights card lists the mesh checks, the discontinued one failing', async ({
    page,
  }) => {
    // The fact retriever runs every 2 minutes (techInsights in
    // app-config.yaml): until its first run, the service has no results.
    test.setTimeout(240_000);
    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ hasText: 'Mesh checks (Tech Insights)' });
    const checks = card.getByRole('list', { name: 'Mesh checks' });
    await expect(async () => {
      await page.goto('/catalog/default/component/shipping');
      await expect(checks).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 170_000, intervals: [5_000] });

    const items = checks.getByRole('listitem');
    await expect(items).toHaveCount(4);
    for (const name of [
      'No stale proxies',
      'Not on a discontinued mesh',
      'On a mesh with strict mTLS',
      'Ready for the target mesh',
    ]) {
      await expect(items.filter({ hasText: name })).toHaveCount(1);
    }
    await expect(
      items.filter({ hasText: 'Not on a discontinued mesh' }),
    ).toContainText('Fail');
    await expect(items.filter({ hasText: /^Pass/ })).not.toHaveCount(0);
  });

  test('a library has neither the card nor the Mesh tab', async ({ page }) => {
    const assessments: string[] = [];
    page.on('request', request => {
      if (request.url().includes('/api/service-mesh/entities/')) {
        assessments.push(request.url());
      }
    });
    await page.goto('/catalog/default/component/payments-sdk');

    await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
    // The entity page's tabs.
    await expect(
      page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link'),
    ).toHaveText(['Overview']);
    // Every card has loaded, and none asked for an assessment.
    await page.waitForLoadState('networkidle');
    expect(assessments).toEqual([]);
    await expect(page.getByText('Mesh readiness')).toHaveCount(0);
  });
});

test.describe('the Migration card', () => {
  requireChromium();

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signInAsGuest(page);
  });

  test("opens the template's page in the Scaffolder, with the service and the target", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/shipping/mesh');

    const open = page.getByRole('link', {
      name: 'Open a pull request with this plan',
    });
    await expect(open).toBeVisible();
    const schema = page.waitForRequest(request =>
      request
        .url()
        .includes(
          '/api/scaffolder/v2/templates/default/template/move-service-to-mesh/parameter-schema',
        ),
    );
    await open.click();

    await expect(page).toHaveURL(
      /\/create\/templates\/default\/move-service-to-mesh\?formData=/,
    );
    const formData = JSON.parse(
      new URL(page.url()).searchParams.get('formData')!,
    );
    expect(formData).toEqual({
      entityRef: 'component:default/shipping',
      target: 'gateway-api',
    });
    // The Scaffolder's template page asks for this template's form.
    await schema;
  });
});
