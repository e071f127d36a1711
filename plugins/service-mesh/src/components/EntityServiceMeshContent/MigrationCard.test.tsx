import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  EntityAssessmentResponse,
  MigrationTask,
  serviceMeshTaskCreatePermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ServiceMeshApi, serviceMeshApiRef } from '../../api';
import {
  appMeshAssessment,
  assessmentResponse,
  notMeshedAssessment,
  serviceEntity,
} from '../__testUtils__/assessments';
import { migrationTask, shippingPlan } from '../__testUtils__/migration';
import { mockServiceMeshApi } from '../__testUtils__';
import { EntityServiceMeshContent } from './EntityServiceMeshContent';
import { MigrationCard } from './MigrationCard';

jest.setTimeout(30_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function responseError(status: number, message: string): Error {
  return Object.assign(new Error(message), {
    name: 'ResponseError',
    statusCode: status,
    body: {
      error: { name: status === 409 ? 'ConflictError' : 'Error', message },
    },
  });
}

async function renderCard(
  overrides: Partial<ServiceMeshApi>,
  options: {
    entity?: Entity;
    response?: EntityAssessmentResponse;
    permissionApi?: ReturnType<typeof mockApis.permission>;
    /** The app's config; none by default. */
    config?: object;
  } = {},
) {
  const permissionApi = options.permissionApi ?? mockApis.permission();
  const entity = options.entity ?? serviceEntity('shipping');
  const response =
    options.response ?? assessmentResponse('shipping', appMeshAssessment());
  const api = mockServiceMeshApi(overrides);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceMeshApiRef, api],
        [permissionApiRef, permissionApi],
        [configApiRef, mockApis.config({ data: options.config ?? {} })],
      ]}
    >
      <EntityProvider entity={entity}>
        <MigrationCard response={response} />
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

const shipping = { kind: 'Component', namespace: 'default', name: 'shipping' };

describe('MigrationCard', () => {
  it('disables filing, saying why, for a user the policy does not let file tasks for the service', async () => {
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === serviceMeshTaskCreatePermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderCard(
      { getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()) },
      { permissionApi: mockApis.permission({ authorize }) },
    );
    await screen.findByText('Not carried, do this by hand');

    const file = screen.getByRole('button', { name: 'File migration task' });
    await userEvent.hover(await screen.findByTitle(/You may not file/));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not file migration tasks for this service (permission service-mesh.task.create)',
    );
    expect(file).toBeDisabled();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: serviceMeshTaskCreatePermission,
        resourceRef: 'component:default/shipping',
      }),
    );
    // The plan stays available to read, download and copy.
    expect(screen.getByRole('button', { name: 'Download plan' })).toBeEnabled();
  });

  it('plans a service on App Mesh for Gateway API: ordered steps, manifests, commands and manual actions', async () => {
    const plan = shippingPlan('gateway-api');
    const api = await renderCard({
      getMigrationPlan: jest.fn().mockResolvedValue(plan),
    });

    const translate = await screen.findByRole('listitem', {
      name: /^Step 2: Translate shipping's App Mesh routing/,
    });
    expect(api.getMigrationPlan).toHaveBeenCalledWith(shipping, 'gateway-api');
    expect(screen.getByLabelText('Target')).toHaveValue('gateway-api');

    // Steps in the plan's order, each with its explanation.
    const steps = screen
      .getAllByRole('listitem', { name: /^Step \d+:/ })
      .map(item => item.getAttribute('aria-label'));
    expect(steps).toEqual(
      plan.steps.map(step => `Step ${step.order}: ${step.title}`),
    );
    expect(translate).toHaveTextContent(plan.steps[1].explanation);
    // The HTTPRoute as YAML, with the 90/10 split; VPC Lattice carries no
    // retries, so they are listed as a manual action instead.
    expect(translate).toHaveTextContent('kind: HTTPRoute');
    expect(translate).toHaveTextContent('weight: 90');
    expect(translate).not.toHaveTextContent('attempts: 3');
    expect(
      plan.manualActions.some(action => /retryPolicy/.test(action.source)),
    ).toBe(true);
    // A patch step shows its kubectl command; command steps their commands.
    const detach = screen.getByRole('listitem', {
      name: 'Step 3: Detach from App Mesh injection',
    });
    expect(detach).toHaveTextContent(
      "kubectl patch namespace 'logistics' --type merge",
    );
    expect(detach).toHaveTextContent(
      'kubectl rollout restart deployment/shipping-v1 -n logistics',
    );

    expect(
      screen.getByText('Not carried, do this by hand'),
    ).toBeInTheDocument();
    for (const action of plan.manualActions) {
      expect(screen.getByText(action.what)).toBeInTheDocument();
    }
  });

  it('defaults to the organisation target for a service not on App Mesh, and re-plans on a target change', async () => {
    const api = await renderCard(
      {
        getMigrationPlan: jest
          .fn()
          .mockImplementation(async (_entity, target) => shippingPlan(target)),
      },
      {
        entity: serviceEntity('events-ingest'),
        response: assessmentResponse('events-ingest', notMeshedAssessment(), {
          targetMesh: 'istio-ambient',
        }),
      },
    );
    await screen.findByText('Plan for Istio (ambient)');
    expect(api.getMigrationPlan).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'events-ingest' },
      'istio-ambient',
    );

    await userEvent.selectOptions(screen.getByLabelText('Target'), 'linkerd');
    expect(await screen.findByText('Plan for Linkerd')).toBeInTheDocument();
    expect(api.getMigrationPlan).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'events-ingest' },
      'linkerd',
    );
  });

  it('downloads the plan YAML as a file', async () => {
    const plan = shippingPlan();
    await renderCard({ getMigrationPlan: jest.fn().mockResolvedValue(plan) });
    await screen.findByText('Not carried, do this by hand');

    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:plan';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    let downloaded: { href: string; download: string } | undefined;
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        downloaded = { href: this.href, download: this.download };
      });

    await userEvent.click(
      screen.getByRole('button', { name: 'Download plan' }),
    );

    expect(downloaded).toEqual({
      href: 'blob:plan',
      download: 'shipping-gateway-api-migration-plan.yaml',
    });
    expect(blobs).toHaveLength(1);
    expect(blobs[0].type).toBe('application/yaml');
    expect(await blobs[0].text()).toBe(plan.yaml);
    click.mockRestore();
  });

  describe('Copy YAML', () => {
    const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    afterEach(() => {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    });
    const stubClipboard = (writeText: jest.Mock) =>
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText },
        configurable: true,
      });

    it('copies the plan YAML to the clipboard', async () => {
      const writeText = jest.fn().mockResolvedValue(undefined);
      stubClipboard(writeText);
      const plan = shippingPlan();
      await renderCard({ getMigrationPlan: jest.fn().mockResolvedValue(plan) });
      await screen.findByText('Not carried, do this by hand');

      await userEvent.click(screen.getByRole('button', { name: 'Copy YAML' }));

      expect(
        await screen.findByText('The plan YAML is on your clipboard.'),
      ).toBeInTheDocument();
      expect(writeText).toHaveBeenCalledWith(plan.yaml);
    });

    it('says so when the clipboard refuses', async () => {
      stubClipboard(
        jest.fn().mockRejectedValue(new Error('Document is not focused')),
      );
      await renderCard({
        getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()),
      });
      await screen.findByText('Not carried, do this by hand');

      await userEvent.click(screen.getByRole('button', { name: 'Copy YAML' }));

      expect(
        await screen.findByText(
          'Could not copy: Document is not focused. Use Download plan instead.',
        ),
      ).toBeInTheDocument();
    });
  });

  describe('Open a pull request with this plan', () => {
    /** The link's template path and the form data it carries. */
    function linkTarget() {
      const link = screen.getByRole('link', {
        name: 'Open a pull request with this plan',
      });
      const url = new URL(link.getAttribute('href')!, 'http://app');
      return {
        enabled: link.getAttribute('aria-disabled') === 'false',
        path: url.pathname,
        formData: JSON.parse(url.searchParams.get('formData')!),
      };
    }

    it('opens the Scaffolder template with the service and the target filled in', async () => {
      await renderCard({
        getMigrationPlan: jest
          .fn()
          .mockImplementation(async (_entity, target) => shippingPlan(target)),
      });
      await screen.findByText('Not carried, do this by hand');

      expect(linkTarget()).toEqual({
        enabled: true,
        path: '/create/templates/default/move-service-to-mesh',
        formData: {
          entityRef: 'component:default/shipping',
          target: 'gateway-api',
        },
      });

      await userEvent.selectOptions(screen.getByLabelText('Target'), 'linkerd');
      await screen.findByText('Plan for Linkerd');
      expect(linkTarget().formData).toEqual({
        entityRef: 'component:default/shipping',
        target: 'linkerd',
      });
    });

    it('opens the template serviceMesh.scaffolderTemplate names', async () => {
      await renderCard(
        { getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()) },
        {
          config: {
            serviceMesh: {
              scaffolderTemplate: 'template:platform/leave-app-mesh',
            },
          },
        },
      );
      await screen.findByText('Not carried, do this by hand');

      expect(linkTarget().path).toBe(
        '/create/templates/platform/leave-app-mesh',
      );
    });

    it.each([false, ''])(
      'is not offered when serviceMesh.scaffolderTemplate is %j',
      async scaffolderTemplate => {
        await renderCard(
          { getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()) },
          { config: { serviceMesh: { scaffolderTemplate } } },
        );
        await screen.findByText('Not carried, do this by hand');

        expect(
          screen.queryByText('Open a pull request with this plan'),
        ).not.toBeInTheDocument();
        expect(
          screen.getByRole('button', { name: 'Download plan' }),
        ).toBeEnabled();
      },
    );
  });

  it('explains a 404: no workload to plan for', async () => {
    await renderCard({
      getMigrationPlan: jest
        .fn()
        .mockRejectedValue(
          responseError(
            404,
            'No migration plan for component:default/shipping: none of its workloads was found',
          ),
        ),
    });
    expect(
      await screen.findByText(/none of this service's workloads was found/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Download plan' }),
    ).toBeDisabled();
    // No plan, no pull request to open.
    expect(
      screen.getByRole('link', { name: 'Open a pull request with this plan' }),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  it('shows other plan errors with a retry', async () => {
    const plan = shippingPlan();
    const api = await renderCard({
      getMigrationPlan: jest
        .fn()
        .mockRejectedValueOnce(new Error('backend unavailable'))
        .mockResolvedValue(plan),
    });
    expect(
      await screen.findByText(
        /Could not load the migration plan: backend unavailable/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('Not carried, do this by hand'),
    ).toBeInTheDocument();
    expect(api.getMigrationPlan).toHaveBeenCalledTimes(2);
  });

  describe('filing a task', () => {
    it('prefills the dialog and files with an Idempotency-Key; the task then shows in the list', async () => {
      const plan = shippingPlan();
      const filed = migrationTask({
        id: 'task-9',
        title: 'Move shipping to Amazon VPC Lattice (Gateway API)',
        assignee: 'group:default/storefront-team',
        dueDate: '2027-03-31',
      });
      let filedYet = false;
      const listTasks = jest.fn(async () =>
        filedYet
          ? { items: [filed], totalCount: 1 }
          : { items: [], totalCount: 0 },
      );
      const api = await renderCard({
        getMigrationPlan: jest.fn().mockResolvedValue(plan),
        listTasks,
        createTask: jest.fn(async () => {
          filedYet = true;
          return filed;
        }),
      });
      expect(
        await screen.findByText('No migration task for this service yet.'),
      ).toBeInTheDocument();
      expect(listTasks).toHaveBeenCalledWith({
        entityRef: 'component:default/shipping',
        limit: 50,
      });
      await screen.findByText('Not carried, do this by hand');

      await userEvent.click(
        screen.getByRole('button', { name: 'File migration task' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: 'File migration task',
      });
      expect(within(dialog).getByLabelText('Target')).toHaveValue(
        'gateway-api',
      );
      expect(within(dialog).getByLabelText(/^Title/)).toHaveValue(
        'Move shipping to Amazon VPC Lattice (Gateway API)',
      );
      expect(within(dialog).getByLabelText('Assignee')).toHaveValue(
        'group:default/storefront-team',
      );
      const preview = within(dialog).getByTestId('task-description-preview');
      // MarkdownContent loads its renderer on first use.
      await waitFor(() =>
        expect(preview).toHaveTextContent('Steps of the migration plan'),
      );
      expect(preview).toHaveTextContent('Detach from App Mesh injection');
      expect(preview).toHaveTextContent('Not carried by the plan');

      await userEvent.type(
        within(dialog).getByLabelText('Due date'),
        '2027-03-31',
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'File task' }),
      );

      await waitFor(() => expect(api.createTask).toHaveBeenCalledTimes(1));
      const [request, options] = api.createTask.mock.calls[0];
      expect(request).toEqual({
        entityRef: 'component:default/shipping',
        target: 'gateway-api',
        title: 'Move shipping to Amazon VPC Lattice (Gateway API)',
        assignee: 'group:default/storefront-team',
        dueDate: '2027-03-31',
        description: expect.stringContaining(
          '1. **Prepare Amazon VPC Lattice (Gateway API)**',
        ),
      });
      expect(options?.idempotencyKey).toMatch(UUID);
      // The dialog sent what it previewed.
      expect(request.description).toContain(plan.manualActions[0].what);

      expect(
        await screen.findByText(
          /Filed "Move shipping to Amazon VPC Lattice \(Gateway API\)"/,
        ),
      ).toBeInTheDocument();
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      const list = await screen.findByRole('list', {
        name: 'Migration tasks of this service',
      });
      expect(within(list).getByTestId('task-task-9')).toHaveTextContent(
        'due 2027-03-31',
      );
    });

    it('says the service already has an active task for the target, and files none', async () => {
      const open = migrationTask({
        id: 'task-3',
        title: 'Leave App Mesh',
        target: 'gateway-api',
        status: 'in-progress',
      });
      const listTasks = jest.fn(async () => ({ items: [open], totalCount: 1 }));
      const api = await renderCard({
        getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()),
        listTasks,
        createTask: jest.fn(),
      });
      await userEvent.click(
        await screen.findByRole('button', { name: 'File migration task' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: 'File migration task',
      });

      expect(
        await within(dialog).findByText(
          /shipping already has a task for Amazon VPC Lattice \(Gateway API\): "Leave App Mesh" \(In progress\)/,
        ),
      ).toBeInTheDocument();
      expect(listTasks).toHaveBeenCalledWith({
        entityRef: 'component:default/shipping',
        target: 'gateway-api',
        status: ['open', 'in-progress', 'blocked'],
        limit: 1,
      });
      expect(
        within(dialog).getByRole('button', { name: 'File task' }),
      ).toBeDisabled();
      expect(api.createTask).not.toHaveBeenCalled();
    });

    it('keeps the Idempotency-Key on a retry and makes a new one per opening', async () => {
      const filed = migrationTask({ id: 'task-9' });
      const createTask = jest
        .fn<Promise<MigrationTask>, Parameters<ServiceMeshApi['createTask']>>()
        .mockRejectedValueOnce(new Error('network error'))
        .mockResolvedValue(filed);
      await renderCard({
        getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()),
        createTask,
      });
      await screen.findByText('Not carried, do this by hand');

      const open = async () => {
        await userEvent.click(
          screen.getByRole('button', { name: 'File migration task' }),
        );
        return screen.findByRole('dialog', { name: 'File migration task' });
      };
      let dialog = await open();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'File task' }),
      );
      expect(
        await within(dialog).findByText(
          /The task was not filed: network error/,
        ),
      ).toBeInTheDocument();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'File task' }),
      );
      await waitFor(() => expect(createTask).toHaveBeenCalledTimes(2));
      const first = createTask.mock.calls[0][1]?.idempotencyKey;
      expect(first).toMatch(UUID);
      expect(createTask.mock.calls[1][1]?.idempotencyKey).toBe(first);

      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      dialog = await open();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'File task' }),
      );
      await waitFor(() => expect(createTask).toHaveBeenCalledTimes(3));
      const second = createTask.mock.calls[2][1]?.idempotencyKey;
      expect(second).toMatch(UUID);
      expect(second).not.toBe(first);
    });
  });

  describe("the service's tasks", () => {
    it('changes a status with the version it read', async () => {
      const task = migrationTask({ version: 3 });
      const api = await renderCard({
        getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()),
        listTasks: jest
          .fn()
          .mockResolvedValue({ items: [task], totalCount: 1 }),
        updateTask: jest
          .fn()
          .mockResolvedValue({ ...task, status: 'in-progress', version: 4 }),
      });
      const select = await screen.findByLabelText(`Status of ${task.title}`);
      expect(select).toHaveValue('open');

      await userEvent.selectOptions(select, 'in-progress');

      expect(api.updateTask).toHaveBeenCalledWith('task-1', {
        version: 3,
        status: 'in-progress',
      });
      expect(
        await screen.findByText(`"${task.title}" is now In progress.`),
      ).toBeInTheDocument();
      expect(screen.getByLabelText(`Status of ${task.title}`)).toHaveValue(
        'in-progress',
      );
      // A second change sends the version the first one answered.
      await userEvent.selectOptions(
        screen.getByLabelText(`Status of ${task.title}`),
        'done',
      );
      expect(api.updateTask).toHaveBeenLastCalledWith('task-1', {
        version: 4,
        status: 'done',
      });
    });

    it('on a 409 says the task changed since it was loaded and reloads it', async () => {
      const task = migrationTask({ version: 3 });
      const changed = { ...task, status: 'blocked' as const, version: 5 };
      const listTasks = jest
        .fn()
        .mockResolvedValueOnce({ items: [task], totalCount: 1 })
        .mockResolvedValue({ items: [changed], totalCount: 1 });
      const api = await renderCard({
        getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()),
        listTasks,
        updateTask: jest
          .fn()
          .mockRejectedValue(
            responseError(
              409,
              'Task task-1 changed since you read it (your version 3, current 5); reload it and try again',
            ),
          ),
      });
      await userEvent.selectOptions(
        await screen.findByLabelText(`Status of ${task.title}`),
        'done',
      );

      expect(api.updateTask).toHaveBeenCalledWith('task-1', {
        version: 3,
        status: 'done',
      });
      expect(
        await screen.findByText(/changed since you loaded it/),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.getByLabelText(`Status of ${task.title}`)).toHaveValue(
          'blocked',
        ),
      );
      expect(listTasks).toHaveBeenCalledTimes(2);
    });
  });

  it('is part of the Mesh tab', async () => {
    const permissionApi = mockApis.permission();
    const api = mockServiceMeshApi({
      getEntityAssessment: jest
        .fn()
        .mockResolvedValue(assessmentResponse('shipping', appMeshAssessment())),
      getMigrationPlan: jest.fn().mockResolvedValue(shippingPlan()),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [serviceMeshApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <EntityProvider entity={serviceEntity('shipping')}>
          <EntityServiceMeshContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Migration')).toBeInTheDocument();
    expect(
      await screen.findByText('Not carried, do this by hand'),
    ).toBeInTheDocument();
    expect(api.getMigrationPlan).toHaveBeenCalledWith(shipping, 'gateway-api');
  });
});
