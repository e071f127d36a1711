import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  ACTIVE_TASK_STATUSES,
  ScorecardRow,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ServiceMeshApi, serviceMeshApiRef } from '../../api';
import { scorecardResponse, STAGE_HISTORY } from '../__fixtures__/scorecard';
import { ScorecardTab } from '../Scorecard';
import { mockServiceMeshApi } from '../__testUtils__';
import { migrationTask } from '../__testUtils__/migration';
import { BulkFileDialog, BulkScope, bulkScopeOf } from './BulkFileDialog';

// recharts needs real layout; the Scorecard's chart is not under test here.
jest.mock('../Scorecard/StageTrendChart', () => ({
  StageTrendChart: () => <div data-testid="stage-trend-chart" />,
}));

jest.setTimeout(30_000);

function row(name: string, title: string): ScorecardRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    title,
    owner: 'group:default/logistics-team',
    system: 'system:default/logistics',
    stage: 'must-migrate',
    mesh: 'aws-app-mesh',
    score: 90,
    blockingCount: 2,
    assessedAt: '2026-11-22T08:30:00.000Z',
  };
}

const LOGISTICS = [
  row('shipping', 'Shipping'),
  row('tracking', 'Tracking'),
  row('warehouse', 'Warehouse'),
];
const SHIPPING_TASK = migrationTask({ status: 'in-progress', version: 2 });

const SCOPE: BulkScope = {
  owner: 'group:default/logistics-team',
  stages: ['must-migrate'],
};

async function renderDialog(overrides: Partial<ServiceMeshApi> = {}) {
  const onClose = jest.fn();
  const onFiled = jest.fn();
  const api = mockServiceMeshApi({
    getScorecard: jest.fn().mockResolvedValue(scorecardResponse(LOGISTICS)),
    listTasks: jest
      .fn()
      .mockImplementation(async ({ target }) =>
        target === 'gateway-api'
          ? { items: [SHIPPING_TASK], totalCount: 1 }
          : { items: [], totalCount: 0 },
      ),
    ...overrides,
  });
  await renderInTestApp(
    <TestApiProvider apis={[[serviceMeshApiRef, api]]}>
      <BulkFileDialog scope={SCOPE} onClose={onClose} onFiled={onFiled} />
    </TestApiProvider>,
  );
  return { api, onClose, onFiled };
}

describe('BulkFileDialog', () => {
  it('previews which services get a task and which already have one, before filing', async () => {
    const { api } = await renderDialog({ bulkCreateTasks: jest.fn() });

    const willFile = await screen.findByRole('list', { name: 'Will be filed' });
    expect(api.getScorecard).toHaveBeenCalledWith({
      owner: ['group:default/logistics-team'],
      stage: ['must-migrate'],
      limit: 500,
    });
    expect(api.listTasks).toHaveBeenCalledWith({
      status: [...ACTIVE_TASK_STATUSES],
      target: 'gateway-api',
      offset: 0,
      limit: 500,
    });
    expect(
      screen.getByText(
        'Services owned by logistics-team, at stage Must migrate.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Target')).toHaveValue('gateway-api');
    expect(screen.getByText('Will be filed (2)')).toBeInTheDocument();
    expect(
      within(willFile)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'TrackingMust migrate, assigned to logistics-team',
      'WarehouseMust migrate, assigned to logistics-team',
    ]);
    const skipped = screen.getByRole('list', { name: 'Already has a task' });
    expect(screen.getByText('Already has a task (1)')).toBeInTheDocument();
    expect(skipped).toHaveTextContent('Shipping');
    expect(skipped).toHaveTextContent(
      `Skipped: "${SHIPPING_TASK.title}" is In progress`,
    );
    // Nothing is filed until confirmed.
    expect(api.bulkCreateTasks).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'File 2 tasks' })).toBeEnabled();
  });

  it('previews again for another target', async () => {
    const { api } = await renderDialog();
    await screen.findByText('Will be filed (2)');

    await userEvent.selectOptions(screen.getByLabelText('Target'), 'linkerd');

    expect(await screen.findByText('Will be filed (3)')).toBeInTheDocument();
    expect(screen.getByText('Already has a task (0)')).toBeInTheDocument();
    expect(api.listTasks).toHaveBeenLastCalledWith(
      expect.objectContaining({ target: 'linkerd' }),
    );
  });

  it('files on confirmation and shows what was created and skipped', async () => {
    const created = [
      migrationTask({
        id: 'task-7',
        entityRef: 'component:default/tracking',
        title: 'Move Tracking to Amazon VPC Lattice (Gateway API)',
      }),
      migrationTask({
        id: 'task-8',
        entityRef: 'component:default/warehouse',
        title: 'Move Warehouse to Amazon VPC Lattice (Gateway API)',
      }),
    ];
    const { api, onFiled, onClose } = await renderDialog({
      bulkCreateTasks: jest.fn().mockResolvedValue({
        created,
        skipped: [
          {
            entityRef: 'component:default/shipping',
            reason:
              'It already has an open task for Amazon VPC Lattice (Gateway API)',
            taskId: 'task-1',
          },
        ],
      }),
    });
    await screen.findByText('Will be filed (2)');
    await userEvent.type(screen.getByLabelText('Due date'), '2027-03-31');

    await userEvent.click(screen.getByRole('button', { name: 'File 2 tasks' }));

    expect(api.bulkCreateTasks).toHaveBeenCalledWith({
      target: 'gateway-api',
      owner: 'group:default/logistics-team',
      stages: ['must-migrate'],
      dueDate: '2027-03-31',
    });
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(
      'Filed 2 tasks for Amazon VPC Lattice (Gateway API); skipped 1.',
    );
    expect(
      within(status).getByRole('list', { name: 'Filed' }),
    ).toHaveTextContent('Move Tracking to Amazon VPC Lattice (Gateway API)');
    expect(
      within(status).getByRole('list', { name: 'Skipped' }),
    ).toHaveTextContent(
      'shippingIt already has an open task for Amazon VPC Lattice (Gateway API)',
    );
    expect(onFiled).toHaveBeenCalledWith(created);

    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('keeps the preview and says so when filing fails', async () => {
    await renderDialog({
      bulkCreateTasks: jest
        .fn()
        .mockRejectedValue(new Error('name an owner or a system')),
    });
    await screen.findByText('Will be filed (2)');
    await userEvent.click(screen.getByRole('button', { name: 'File 2 tasks' }));
    expect(
      await screen.findByText('Nothing was filed: name an owner or a system'),
    ).toBeInTheDocument();
    expect(screen.getByText('Will be filed (2)')).toBeInTheDocument();
  });

  it('cannot file when every service already has a task', async () => {
    await renderDialog({
      listTasks: jest.fn().mockResolvedValue({
        items: LOGISTICS.map((r, i) =>
          migrationTask({ id: `t${i}`, entityRef: r.entityRef }),
        ),
        totalCount: 3,
      }),
    });
    expect(await screen.findByText('Will be filed (0)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'File tasks' })).toBeDisabled();
  });
});

describe('bulkScopeOf', () => {
  it('needs exactly one owner or one system', () => {
    expect(bulkScopeOf({ owner: [], system: [], stage: [] })).toEqual({
      reason: 'Pick an owner or a system in the filters to file tasks for',
    });
    expect(
      bulkScopeOf({
        owner: ['group:default/a', 'group:default/b'],
        system: [],
        stage: [],
      }),
    ).toHaveProperty('reason');
    expect(
      bulkScopeOf({
        owner: [],
        system: ['system:default/logistics'],
        stage: ['must-migrate', 'blocked'],
      }),
    ).toEqual({
      scope: {
        system: 'system:default/logistics',
        stages: ['must-migrate', 'blocked'],
      },
    });
    expect(
      bulkScopeOf({
        owner: ['group:default/a'],
        system: ['system:default/b'],
        stage: [],
      }),
    ).toEqual({
      scope: {
        owner: 'group:default/a',
        system: 'system:default/b',
        stages: [],
      },
    });
  });
});

describe('the Scorecard\'s "File tasks for this view"', () => {
  const catalogApi = {
    getEntities: jest.fn(async () => ({ items: [] })),
  };

  async function renderScorecard() {
    const api = mockServiceMeshApi({
      getScorecard: jest.fn().mockResolvedValue(scorecardResponse(LOGISTICS)),
      getScorecardHistory: jest.fn().mockResolvedValue(STAGE_HISTORY),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [serviceMeshApiRef, api],
          [catalogApiRef, catalogApi],
          [
            identityApiRef,
            mockApis.identity({
              userEntityRef: 'user:default/jane',
              ownershipEntityRefs: ['user:default/jane'],
            }),
          ],
        ]}
      >
        <ScorecardTab />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await screen.findByText('Shipping');
    return api;
  }

  it('is disabled, with the reason, until an owner or a system is picked; then opens the preview for the filters', async () => {
    const api = await renderScorecard();
    const button = screen.getByRole('button', {
      name: 'File tasks for this view',
    });
    expect(button).toBeDisabled();
    expect(
      screen.getByText(
        'Pick an owner or a system in the filters to file tasks for',
      ),
    ).toBeInTheDocument();

    const owner = screen.getByLabelText('Owner');
    await userEvent.type(owner, 'group:default/logistics-team{enter}');
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'File tasks for this view' }),
      ).toBeEnabled(),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'File tasks for this view' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'File migration tasks',
    });
    expect(
      within(dialog).getByText('Services owned by logistics-team.'),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText('Will be filed (3)'),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenLastCalledWith({
      owner: ['group:default/logistics-team'],
      limit: 500,
    });
  });
});
