import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { requireChromium, signInAsGuest } from './demo';

const ACTIVE = ['open', 'in-progress', 'blocked'];

test.describe('migration tasks', () => {
  requireChromium();

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signInAsGuest(page);
  });

  test('plan an App Mesh exit, file a task and move it to in progress', async ({
    page,
  }) => {
    // Four pages and two writes: more than the default minute on a busy machine.
    test.setTimeout(150_000);
    // The demo keeps tasks in memory for the backend's life: a unique title
    // tells this run's task apart from earlier runs against the same demo.
    const title = `Leave App Mesh for Gateway API (e2e ${Date.now()})`;
    // A service has one active task per target: close what an earlier run
    // (or an earlier attempt of this one) left active.
    const listed = page.waitForResponse(
      r =>
        r.url().includes('/api/service-mesh/tasks?') &&
        r.request().method() === 'GET',
    );
    await page.goto('/service-mesh/tasks');
    await listed;
    await expect(page.getByRole('tab', { name: 'Tasks' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const earlier = page.getByLabel(
      /^Status of Leave App Mesh for Gateway API \(e2e \d+\)$/,
    );
    for (const select of await earlier.all()) {
      if (!ACTIVE.includes(await select.inputValue())) continue;
      const closed = page.waitForResponse(
        r =>
          r.url().includes('/api/service-mesh/tasks/') &&
          r.request().method() === 'PATCH',
      );
      await select.selectOption('wont-do');
      expect((await closed).status()).toBe(200);
    }

    await page.goto('/catalog/default/component/shipping/mesh');

    // The plan for a service on App Mesh defaults to Gateway API.
    const target = page.locator('#service-mesh-migration-target');
    await expect(target).toHaveValue('gateway-api');
    await expect(
      page.getByRole('heading', {
        name: /Translate shipping's App Mesh routing/,
      }),
    ).toBeVisible();
    await expect(page.getByText('Not carried, do this by hand')).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download plan' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(
      'shipping-gateway-api-migration-plan.yaml',
    );
    const yaml = await readFile(await file.path(), 'utf8');
    expect(yaml).toContain('kind: HTTPRoute');
    expect(yaml).toContain('apiVersion: gateway.networking.k8s.io/v1');

    // File the task from the dialog.
    await page.getByRole('button', { name: 'File migration task' }).click();
    const dialog = page.getByRole('dialog', { name: 'File migration task' });
    await expect(dialog.locator('#file-task-target')).toHaveValue(
      'gateway-api',
    );
    await expect(dialog.getByLabel('Assignee')).toHaveValue(
      'group:default/logistics-team',
    );
    await expect(dialog.getByTestId('task-description-preview')).toContainText(
      'Steps of the migration plan',
    );
    await dialog.getByLabel(/^Title/).fill(title);
    await dialog.getByLabel('Due date').fill('2027-03-31');
    const created = page.waitForResponse(
      r =>
        r.url().endsWith('/api/service-mesh/tasks') &&
        r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'File task' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['idempotency-key']).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('button', { name: title, exact: true }),
    ).toBeVisible();

    // The Tasks tab lists it; its status change sticks.
    await page.goto('/service-mesh/tasks');
    await expect(page.getByRole('tab', { name: 'Tasks' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const status = page.getByLabel(`Status of ${title}`);
    await expect(status).toHaveValue('open');
    await expect(
      page.getByRole('button', { name: `Details of ${title}` }),
    ).toBeVisible();

    const patched = page.waitForResponse(
      r =>
        r.url().includes('/api/service-mesh/tasks/') &&
        r.request().method() === 'PATCH',
    );
    await status.selectOption('in-progress');
    expect((await patched).status()).toBe(200);
    await expect(
      page.getByText(`"${title}" is now In progress.`),
    ).toBeVisible();

    await page.reload();
    await expect(page.getByLabel(`Status of ${title}`)).toHaveValue(
      'in-progress',
    );
  });
});
