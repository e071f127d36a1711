import { expect, test } from '@playwright/test';
import { readmeScreenshot, requireChromium, signInAsGuest } from './demo';

test.describe('the Comparison tab', () => {
  requireChromium();
  test.use({ viewport: { width: 1400, height: 900 } });

  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('re-ranks the meshes for ECS with traffic mirroring, never ranking App Mesh', async ({
    page,
  }) => {
    await page.goto('/service-mesh/comparison');

    const matrix = page.getByRole('table', { name: 'Feature matrix' });
    await expect(
      matrix.getByRole('columnheader', { name: /^Istio \(sidecar\)/ }),
    ).toBeVisible();
    await expect(
      matrix.getByRole('columnheader', { name: /^Linkerd/ }),
    ).toBeVisible();
    await expect(
      page.getByText(
        'Warning: AWS App Mesh: discontinued 2026-09-30. Migrate to Amazon ECS Service Connect, Amazon VPC Lattice',
      ),
    ).toBeVisible();

    const ranking = page.getByRole('list', { name: 'Ranking' });
    const first = ranking.getByRole('listitem').first();
    await expect(first).toHaveAttribute('aria-label', /^#1 /);
    const before = await first.getAttribute('aria-label');

    await page.getByRole('checkbox', { name: 'Runs on Amazon ECS' }).check();
    await page
      .getByRole('checkbox', { name: 'Must-have: Traffic mirroring' })
      .check();
    await expect(page).toHaveURL(/[?&]platform=ecs(&|$)/);
    await expect(page).toHaveURL(/[?&]must=mirroring(&|$)/);

    // The ranking changes: a new first entry, or entries failing a must-have.
    await expect
      .poll(async () => {
        const now = await first.getAttribute('aria-label');
        const failing = await ranking.getByText(/^Fails: /).count();
        return now !== before || failing > 0;
      })
      .toBe(true);
    await expect(ranking.getByText(/^Fails: /).first()).toBeVisible();
    await expect(
      ranking.getByRole('listitem', { name: /AWS App Mesh/ }),
    ).toHaveCount(0);
    await expect(
      page
        .getByRole('list', { name: 'Excluded' })
        .getByRole('listitem', { name: 'AWS App Mesh' }),
    ).toContainText('Successors: Amazon ECS Service Connect');

    // The link restores the form.
    await page.reload();
    await expect(
      page.getByRole('checkbox', { name: 'Runs on Amazon ECS' }),
    ).toBeChecked();
    await expect(
      page.getByRole('checkbox', { name: 'Must-have: Traffic mirroring' }),
    ).toBeChecked();
    await expect(ranking.getByText(/^Fails: /).first()).toBeVisible();

    await page.evaluate(() => window.scrollTo(0, 0));
    await readmeScreenshot(page, 'comparison', { fullPage: false });
  });
});
