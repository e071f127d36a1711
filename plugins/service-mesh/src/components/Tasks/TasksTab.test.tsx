import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ServiceMeshApi, serviceMeshApiRef } from '../../api';
import { mockServiceMeshApi } from '../__testUtils__';
import { migrationTask } from '../__testUtils__/migration';
import { entityRefOfInput, TasksTab } from './TasksTab';

jest.setTimeout(30_000);

const catalogApi = {
  getEntities: jest.fn(async () => ({
    items: ['logistics-team', 'data-team'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
    })),
  })),
};

const SHIPPING = migrationTask({
  externalUrl: 'https://github.com/acme/shipping/issues/42',
});
const TRACKING = migrationTask({
  id: 'task-2',
  entityRef: 'component:default/tracking',
  title: 'Move Tracking to Linkerd',
  target: 'linkerd',
  status: 'blocked',
  version: 2,
  dueDate: undefined,
  externalError: 'GitHub answered 403: Resource not accessible by integration',
});

async function renderTab(
  overrides: Partial<ServiceMeshApi> = {},
  tasks: MigrationTask[] = [SHIPPING, TRACKING],
  permissionApi = mockApis.permission(),
) {
  const api = mockServiceMeshApi({
    listTasks: jest
      .fn()
      .mockResolvedValue({ items: tasks, totalCount: tasks.length }),
    ...overrides,
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceMeshApiRef, api],
        [catalogApiRef, catalogApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <TasksTab />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

function conflict(): Error {
  return Object.assign(
    new Error(
      'Task task-1 changed since you read it (your version 1, current 2)',
    ),
    { name: 'ResponseError', statusCode: 409 },
  );
}

describe('TasksTab', () => {
  it('lists every task with its service, target, assignee, status, dates and issue', async () => {
    const api = await renderTab();
    const row = (
      await screen.findByRole('button', {
        name: `Details of ${SHIPPING.title}`,
      })
    ).closest('tr')!;
    expect(api.listTasks).toHaveBeenCalledWith({ offset: 0, limit: 20 });

    expect(within(row).getByRole('link', { name: 'shipping' })).toHaveAttribute(
      'href',
      '/catalog/default/component/shipping/mesh',
    );
    expect(row).toHaveTextContent('Amazon VPC Lattice (Gateway API)');
    expect(
      within(row).getByLabelText(`Status of ${SHIPPING.title}`),
    ).toHaveValue('open');
    expect(row).toHaveTextContent('2026-12-31');
    expect(row).toHaveTextContent('logistics-team');
    expect(
      within(row).getByRole('link', { name: /^Issue of Move Shipping/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/shipping/issues/42');

    const tracking = screen
      .getByRole('button', { name: `Details of ${TRACKING.title}` })
      .closest('tr')!;
    expect(tracking).toHaveTextContent('Linkerd');
    expect(
      within(tracking).getByLabelText(`Status of ${TRACKING.title}`),
    ).toHaveValue('blocked');
    expect(
      within(tracking).getByRole('img', {
        name: 'The issue could not be opened: GitHub answered 403: Resource not accessible by integration',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('2 matching')).toBeInTheDocument();
  });

  it('filters by status, assignee, target and service', async () => {
    const api = await renderTab();
    await screen.findByText('2 matching');

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: 'Open',
      }),
    );
    await waitFor(() =>
      expect(api.listTasks).toHaveBeenLastCalledWith({
        status: ['open'],
        offset: 0,
        limit: 20,
      }),
    );

    await userEvent.click(screen.getByLabelText('Assignee'));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: 'logistics-team',
      }),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Target'),
      'gateway-api',
    );
    await userEvent.type(screen.getByLabelText('Service'), 'shipping');

    await waitFor(() =>
      expect(api.listTasks).toHaveBeenLastCalledWith({
        status: ['open'],
        assignee: ['group:default/logistics-team'],
        target: 'gateway-api',
        entityRef: 'component:default/shipping',
        offset: 0,
        limit: 20,
      }),
    );
  });

  it('pages on the server', async () => {
    const api = await renderTab({
      listTasks: jest
        .fn()
        .mockResolvedValue({ items: [SHIPPING, TRACKING], totalCount: 45 }),
    });
    await screen.findByText('45 matching');
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(api.listTasks).toHaveBeenLastCalledWith({ offset: 20, limit: 20 }),
    );
  });

  it('changes a status with the version it read', async () => {
    const api = await renderTab({
      updateTask: jest
        .fn()
        .mockResolvedValue({ ...SHIPPING, status: 'in-progress', version: 2 }),
    });
    await userEvent.selectOptions(
      await screen.findByLabelText(`Status of ${SHIPPING.title}`),
      'in-progress',
    );
    expect(api.updateTask).toHaveBeenCalledWith('task-1', {
      version: 1,
      status: 'in-progress',
    });
    expect(
      await screen.findByText(`"${SHIPPING.title}" is now In progress.`),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(`Status of ${SHIPPING.title}`)).toHaveValue(
      'in-progress',
    );
  });

  it('disables the status of the tasks of a service the user may not update, saying why', async () => {
    // A service no other test asks about: the permission answers are cached
    // per permission and entity for the page's lifetime.
    const warehouse = {
      ...TRACKING,
      id: 'task-3',
      entityRef: 'component:default/warehouse',
      title: 'Move warehouse to Linkerd',
    };
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.resourceRef === warehouse.entityRef
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderTab(
      {},
      [SHIPPING, warehouse],
      mockApis.permission({ authorize }),
    );

    await userEvent.hover(
      await screen.findByTitle(/You may not change the tasks of this service/),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not change the tasks of this service (permission service-mesh.task.update)',
    );
    expect(
      screen.getByLabelText(`Status of ${warehouse.title}`),
    ).toBeDisabled();
    expect(screen.getByLabelText(`Status of ${SHIPPING.title}`)).toBeEnabled();
  });

  it('on a 409 says the task changed since it was loaded and reloads the list', async () => {
    const listTasks = jest
      .fn()
      .mockResolvedValueOnce({ items: [SHIPPING], totalCount: 1 })
      .mockResolvedValue({
        items: [{ ...SHIPPING, status: 'done', version: 2 }],
        totalCount: 1,
      });
    const api = await renderTab({
      listTasks,
      updateTask: jest.fn().mockRejectedValue(conflict()),
    });
    await userEvent.selectOptions(
      await screen.findByLabelText(`Status of ${SHIPPING.title}`),
      'blocked',
    );
    expect(api.updateTask).toHaveBeenCalledWith('task-1', {
      version: 1,
      status: 'blocked',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /changed since you loaded it/,
    );
    await waitFor(() =>
      expect(screen.getByLabelText(`Status of ${SHIPPING.title}`)).toHaveValue(
        'done',
      ),
    );
    expect(listTasks).toHaveBeenCalledTimes(2);
  });

  it('shows an error of another kind without reloading', async () => {
    await renderTab({
      updateTask: jest.fn().mockRejectedValue(
        Object.assign(new Error('You may not update migration tasks'), {
          statusCode: 403,
        }),
      ),
    });
    await userEvent.selectOptions(
      await screen.findByLabelText(`Status of ${SHIPPING.title}`),
      'done',
    );
    expect(
      await screen.findByText(
        `Could not change the status of "${SHIPPING.title}": You may not update migration tasks`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(`Status of ${SHIPPING.title}`)).toHaveValue(
      'open',
    );
  });

  it('opens a task with its markdown description and comments, and adds a comment', async () => {
    const full = {
      ...SHIPPING,
      comments: [
        {
          id: 'c1',
          author: 'user:default/jane',
          body: 'Waiting for the Lattice service network.',
          createdAt: '2026-11-22T09:00:00.000Z',
        },
      ],
    };
    const api = await renderTab({
      getTask: jest.fn().mockResolvedValue(full),
      commentOnTask: jest.fn().mockResolvedValue({
        ...full,
        comments: [
          ...full.comments,
          {
            id: 'c2',
            author: 'user:development/guest',
            body: 'Network is up, starting Monday.',
            createdAt: '2026-11-22T10:00:00.000Z',
          },
        ],
      }),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Details of ${SHIPPING.title}`,
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: SHIPPING.title });
    expect(api.getTask).toHaveBeenCalledWith('task-1');
    // Markdown: **Shipping** is bold, the steps an ordered list.
    expect(
      await within(dialog).findByText('Shipping', { selector: 'strong' }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Translate the routes', { selector: 'li' }),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Comments (1)')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Waiting for the Lattice service network.'),
    ).toBeInTheDocument();

    const add = within(dialog).getByRole('button', { name: 'Add comment' });
    expect(add).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText('Add a comment'),
      'Network is up, starting Monday.',
    );
    await userEvent.click(add);

    expect(api.commentOnTask).toHaveBeenCalledWith(
      'task-1',
      'Network is up, starting Monday.',
    );
    expect(await within(dialog).findByText('Comments (2)')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Network is up, starting Monday.', {
        selector: 'p',
      }),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Add a comment')).toHaveValue('');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('reads typed services as entity refs', () => {
    expect(entityRefOfInput('')).toBeUndefined();
    expect(entityRefOfInput(' shipping ')).toBe('component:default/shipping');
    expect(entityRefOfInput('ops/shipping')).toBe('component:ops/shipping');
    expect(entityRefOfInput('Component:default/shipping')).toBe(
      'component:default/shipping',
    );
    expect(entityRefOfInput('api:default/shipping-api')).toBe(
      'api:default/shipping-api',
    );
  });
});
