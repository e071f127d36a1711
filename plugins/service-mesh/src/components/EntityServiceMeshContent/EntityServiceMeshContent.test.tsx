import { Entity } from '@backstage/catalog-model';
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
  serviceMeshRefreshPermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { MESH_KNOWLEDGE_BASE } from '@meshwise/mesh-engine';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ServiceMeshApi, serviceMeshApiRef } from '../../api';
import {
  appMeshAssessment,
  assessmentResponse,
  hostNetworkAssessment,
  istioStaleProxyAssessment,
  notConfiguredResponse,
  noWorkloadsAssessment,
  notMeshedAssessment,
  serviceEntity,
} from '../__testUtils__/assessments';
import { mockServiceMeshApi } from '../__testUtils__';
import { EntityServiceMeshContent } from './EntityServiceMeshContent';

function notFound(): Error {
  return Object.assign(new Error('No assessment for component:default/x'), {
    name: 'ResponseError',
    statusCode: 404,
  });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function renderTab(
  entity: Entity,
  overrides: Partial<ServiceMeshApi>,
  permissionApi = mockApis.permission(),
): Promise<jest.Mocked<ServiceMeshApi>> {
  const api = mockServiceMeshApi(overrides);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceMeshApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityServiceMeshContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

const respond = (response: EntityAssessmentResponse) => ({
  getEntityAssessment: jest.fn().mockResolvedValue(response),
});

// Several user-event steps per test; slow when run beside other suites.
jest.setTimeout(20_000);

describe('EntityServiceMeshContent', () => {
  it('shows progress while loading', async () => {
    await renderTab(serviceEntity('cart-api'), {
      getEntityAssessment: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    await renderTab(serviceEntity('cart-api'), {
      getEntityAssessment: jest
        .fn()
        .mockRejectedValue(new Error('backend unavailable')),
    });
    expect(
      (await screen.findAllByText(/backend unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Mesh status')).not.toBeInTheDocument();
  });

  it('asks for the entity by kind, namespace and name', async () => {
    const api = await renderTab(serviceEntity('cart-api'), {
      getEntityAssessment: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    expect(api.getEntityAssessment).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'cart-api',
    });
  });

  it('says which annotation to add when the entity is not configured', async () => {
    await renderTab(
      serviceEntity('notification-service', {}),
      respond(notConfiguredResponse('notification-service')),
    );
    expect(
      await screen.findByText('Kubernetes workloads: not configured'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('backstage.io/kubernetes-id').length,
    ).toBeGreaterThan(0);
    // the copyable example from notConfiguredHint
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id: notification-service/)
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Mesh status')).not.toBeInTheDocument();
  });

  it('says the scanner has not assessed it yet (404) and offers Refresh', async () => {
    const refreshed = assessmentResponse(
      'cart-api',
      istioStaleProxyAssessment(),
    );
    const api = await renderTab(serviceEntity('cart-api'), {
      getEntityAssessment: jest.fn().mockRejectedValue(notFound()),
      refreshEntityAssessment: jest.fn().mockResolvedValue(refreshed),
    });

    expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
    expect(
      screen.getByText(/scanner has not assessed this service yet/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /refresh/i }));

    expect(api.refreshEntityAssessment).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'cart-api',
    });
    expect(await screen.findByText('Mesh status')).toBeInTheDocument();
    expect(screen.queryByText('Not assessed yet')).not.toBeInTheDocument();
  });

  it('shows "not configured" on a 404 for an entity without annotations', async () => {
    await renderTab(serviceEntity('notification-service', {}), {
      getEntityAssessment: jest.fn().mockRejectedValue(notFound()),
    });
    expect(
      await screen.findByText('Kubernetes workloads: not configured'),
    ).toBeInTheDocument();
  });

  describe('a service on no mesh, with findings', () => {
    const response = () =>
      assessmentResponse('events-ingest', notMeshedAssessment());

    it('shows the stage, status and the default target (the best-scoring one)', async () => {
      await renderTab(serviceEntity('events-ingest'), respond(response()));

      expect(await screen.findByText('Mesh status')).toBeInTheDocument();
      expect(screen.getByText('Ready to onboard')).toBeInTheDocument();
      expect(screen.getByLabelText('Mesh')).toHaveTextContent('No mesh');
      expect(screen.getByLabelText('Coverage')).toHaveTextContent(
        '0 of 2 pods meshed (0%)',
      );
      const workloads = within(
        screen.getByRole('table', { name: 'Workloads' }),
      ).getAllByRole('row');
      expect(
        workloads.map(row =>
          within(row)
            .getAllByRole(row === workloads[0] ? 'columnheader' : 'cell')
            .map(cell => cell.textContent),
        ),
      ).toEqual([
        ['Workload', 'Mesh', 'State', 'Meshed pods', 'mTLS', 'Proxy'],
        [
          'Deployment events-ingestNamespace analytics',
          'No meshData plane: None',
          'Not in a mesh',
          '0/2',
          'Off',
          '-',
        ],
      ]);
      // ties at 100 go to the top recommendation, Linkerd
      expect(screen.getByText('Readiness for Linkerd')).toBeInTheDocument();
      expect(screen.getByLabelText('Readiness score')).toHaveTextContent('100');
      expect(
        screen.queryByRole('region', { name: 'Blocking findings' }),
      ).not.toBeInTheDocument();
    });

    it('re-scores for another target mesh in the browser', async () => {
      const api = await renderTab(
        serviceEntity('events-ingest'),
        respond(response()),
      );
      await screen.findByText('Readiness for Linkerd');

      await userEvent.click(
        screen.getByRole('button', { name: 'Istio (sidecar)' }),
      );

      expect(
        screen.getByText('Readiness for Istio (sidecar)'),
      ).toBeInTheDocument();
      expect(screen.getByLabelText('Readiness score')).toHaveTextContent('84');
      const blocking = screen.getByRole('region', {
        name: 'Blocking findings',
      });
      const uid = within(blocking).getByRole('listitem', {
        name: 'Application does not run as UID 1337',
      });
      expect(uid).toHaveTextContent('Deployment/analytics/events-ingest');
      expect(uid).toHaveTextContent(
        'spec.template.spec.containers[0].securityContext.runAsUser',
      );
      expect(uid).toHaveTextContent(
        /Why it matters: Istio and App Mesh proxies run as UID 1337/,
      );
      expect(uid).toHaveTextContent(
        'Fix: Run the application as any UID other than 1337.',
      );
      expect(uid).toHaveTextContent('runAsUser: 1000');
      // the port-protocol warning concerns Istio and Kuma, not Linkerd
      expect(
        within(
          screen.getByRole('region', { name: 'Warnings findings' }),
        ).getByRole('listitem', {
          name: 'Service ports declare their protocol',
        }),
      ).toBeInTheDocument();

      // no request to the backend: re-scored locally
      expect(api.getEntityAssessment).toHaveBeenCalledTimes(1);

      await userEvent.click(screen.getByRole('button', { name: 'Linkerd' }));
      expect(screen.getByLabelText('Readiness score')).toHaveTextContent('100');
      expect(
        screen.queryByRole('listitem', {
          name: 'Application does not run as UID 1337',
        }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('listitem', {
          name: 'Service ports declare their protocol',
        }),
      ).not.toBeInTheDocument();
    });

    it('shows not-evaluated checks with the reason, and passed checks collapsed', async () => {
      await renderTab(serviceEntity('events-ingest'), respond(response()));
      await screen.findByText('Readiness for Linkerd');
      await userEvent.click(
        screen.getByRole('button', { name: 'Istio (sidecar)' }),
      );

      const notEvaluated = screen.getByRole('region', {
        name: 'Not evaluated findings',
      });
      const bind = within(notEvaluated).getByRole('listitem', {
        name: 'Application listens on all interfaces',
      });
      expect(bind).toHaveTextContent(
        'Not evaluated: Needs runtime data: which addresses the application listens on',
      );
      expect(bind).toHaveTextContent('How to check:');

      const passed = screen.getByRole('button', {
        name: /Passed checks \(\d+\)/,
      });
      expect(
        screen.queryByText("No other mesh's proxy is present"),
      ).not.toBeInTheDocument();
      await userEvent.click(passed);
      expect(
        await screen.findByText("No other mesh's proxy is present"),
      ).toBeInTheDocument();
    });

    it('lists the recommendation with reasons and links to the comparison', async () => {
      await renderTab(serviceEntity('events-ingest'), respond(response()));
      const list = await screen.findByRole('list', {
        name: 'Recommended meshes',
      });
      expect(list).toHaveTextContent('#1 Linkerd');
      expect(list).toHaveTextContent('Lowest proxy overhead');
      expect(
        screen.getByRole('link', { name: /Compare all meshes/ }),
      ).toHaveAttribute('href', '/service-mesh/comparison');
    });
  });

  describe('a meshed service', () => {
    it('shows coverage, mTLS and the stale proxy', async () => {
      await renderTab(
        serviceEntity('cart-api'),
        respond(assessmentResponse('cart-api', istioStaleProxyAssessment())),
      );

      expect(await screen.findByText('Secured')).toBeInTheDocument();
      expect(screen.getByLabelText('Mesh')).toHaveTextContent(
        'Istio (sidecar)',
      );
      expect(screen.getByLabelText('Data-plane mode')).toHaveTextContent(
        'Sidecar',
      );
      expect(screen.getByLabelText('Coverage')).toHaveTextContent(
        '2 of 2 pods meshed (100%)',
      );
      expect(screen.getByLabelText('mTLS')).toHaveTextContent(
        'Strict1 of 1 workloads strict',
      );
      expect(screen.getByLabelText('Stale proxies')).toHaveTextContent(
        '1 workload runs a proxy older than its control plane',
      );
      expect(screen.getByLabelText('Clusters')).toHaveTextContent('demo');

      const table = screen.getByRole('table', { name: 'Workloads' });
      const cells = within(
        within(table).getByText('Deployment cart-api').closest('tr')!,
      ).getAllByRole('cell');
      expect(cells.map(cell => cell.textContent)).toEqual([
        'Deployment cart-apiNamespace storefront',
        'Istio (sidecar)Data plane: Sidecar',
        'Meshed',
        '2/2',
        'Strict',
        '1.26.1: stale (control plane 1.28.2)',
      ]);
      // its own card across the page, not a column of the status card
      const card = table.closest('.MuiCard-root')!;
      expect(
        within(card as HTMLElement).getByText('Workloads (1)'),
      ).toBeInTheDocument();
      expect(
        within(card as HTMLElement).queryByText('Mesh status'),
      ).not.toBeInTheDocument();
      expect(card.closest('.MuiGrid-item')).toHaveClass('MuiGrid-grid-xs-12');
      expect(card.closest('.MuiGrid-item')).not.toHaveClass(
        'MuiGrid-grid-lg-8',
      );

      // the stale proxy as an adoption item, with the fix
      expect(
        screen.getByRole('listitem', {
          name: 'Proxies match the control plane version',
        }),
      ).toHaveTextContent('kubectl rollout restart deployment/cart-api');

      // the current mesh is the default target
      expect(
        screen.getByText('Readiness for Istio (sidecar)'),
      ).toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('says when and from which clusters, and warns about stale clusters', async () => {
      await renderTab(
        serviceEntity('cart-api'),
        respond(
          assessmentResponse('cart-api', istioStaleProxyAssessment(), {
            clusters: [
              {
                cluster: 'eu-prod',
                readAt: '2026-11-21T08:00:00.000Z',
                stale: true,
                staleReason: 'connect ETIMEDOUT 10.0.0.1:443',
              },
              {
                cluster: 'us-prod',
                readAt: '2026-11-22T08:29:00.000Z',
                stale: false,
              },
            ],
          }),
        ),
      );

      expect(
        await screen.findByText(/2026-11-22 08:30 UTC/),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          /Cluster eu-prod: data is stale \(last read .*2026-11-21 08:00 UTC\): connect ETIMEDOUT 10.0.0.1:443/,
        ),
      ).toBeInTheDocument();
      const clusters = screen.getByRole('list', { name: 'Cluster sources' });
      expect(clusters).toHaveTextContent('eu-prod');
      expect(clusters).toHaveTextContent('us-prod');
    });
  });

  it('shows the must-migrate banner with the date and the migration targets', async () => {
    await renderTab(
      serviceEntity('shipping'),
      respond(assessmentResponse('shipping', appMeshAssessment())),
    );

    const banner = await screen.findByRole('alert', {
      name: 'AWS App Mesh is discontinued',
    });
    expect(banner).toHaveTextContent(
      'This service runs on AWS App Mesh, discontinued since 2026-09-30: it must migrate',
    );
    expect(banner).toHaveTextContent(
      'Migration targets: Amazon ECS Service Connect, Amazon VPC Lattice',
    );
    expect(screen.getByText('Must migrate')).toBeInTheDocument();
    expect(
      screen.getByRole('listitem', {
        name: 'Workload is not on a discontinued mesh',
      }),
    ).toHaveTextContent('AWS App Mesh was discontinued on 2026-09-30');
  });

  it('takes lifecycle from the knowledge base the backend serves, not a bundled one', async () => {
    // app-config says App Mesh is active again: the page must agree.
    const served = {
      ...MESH_KNOWLEDGE_BASE,
      entries: MESH_KNOWLEDGE_BASE.entries.map(entry =>
        entry.id === 'aws-app-mesh'
          ? { ...entry, lifecycle: { ...entry.lifecycle, status: 'active' } }
          : entry,
      ),
    } as typeof MESH_KNOWLEDGE_BASE;
    const api = await renderTab(serviceEntity('shipping'), {
      ...respond(assessmentResponse('shipping', appMeshAssessment())),
      getMeshes: jest.fn().mockResolvedValue(served),
    });
    expect(await screen.findByText('Must migrate')).toBeInTheDocument();
    expect(api.getMeshes).toHaveBeenCalled();
    expect(
      screen.queryByRole('alert', { name: 'AWS App Mesh is discontinued' }),
    ).not.toBeInTheDocument();
  });

  it('shows what the stored scores give for an assessment stored before readiness per target', async () => {
    const response = assessmentResponse('events-ingest', notMeshedAssessment());
    delete response.readiness;
    delete response.checks;
    const istio = response.assessment!.scores.find(
      score => score.mesh === 'istio-sidecar',
    )!;
    await renderTab(serviceEntity('events-ingest'), respond(response));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Istio (sidecar)' }),
    );
    expect(screen.getByLabelText('Readiness score')).toHaveTextContent(
      String(istio.score),
    );
    expect(
      screen.getByText(
        `${istio.blocking} blocking · ${istio.warnings} warnings · 0 info · ${istio.notEvaluated} not evaluated`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/stored by an older version of Meshwise/),
    ).toBeInTheDocument();
  });

  it('says when no workload matches the selector', async () => {
    await renderTab(
      serviceEntity('feature-flags'),
      respond(assessmentResponse('feature-flags', noWorkloadsAssessment())),
    );
    expect(await screen.findByText('Not assessed')).toBeInTheDocument();
    expect(
      screen.getByText(/No Kubernetes workload matches/),
    ).toHaveTextContent(
      'No Kubernetes workload matches backstage.io/kubernetes-id=feature-flags in demo.',
    );
    expect(screen.queryByText(/Readiness for/)).not.toBeInTheDocument();
  });

  it('says readiness does not apply to hostNetwork-only services', async () => {
    await renderTab(
      serviceEntity('flow-collector'),
      respond(assessmentResponse('flow-collector', hostNetworkAssessment())),
    );
    expect(await screen.findByText('Not applicable')).toBeInTheDocument();
    const row = within(screen.getByRole('table', { name: 'Workloads' }))
      .getByText('DaemonSet flow-collector')
      .closest('tr')!;
    expect(row).toHaveTextContent('Cannot be meshed (hostNetwork)');
    expect(screen.getByText(/Readiness does not apply/)).toBeInTheDocument();
    expect(screen.queryByText(/Readiness for/)).not.toBeInTheDocument();
  });

  describe('refresh', () => {
    it('calls the API, shows progress, then the new result', async () => {
      const before = assessmentResponse('events-ingest', notMeshedAssessment());
      const after = assessmentResponse(
        'events-ingest',
        istioStaleProxyAssessment(),
        { assessedAt: '2026-11-22T09:45:00.000Z' },
      );
      const pending = deferred<EntityAssessmentResponse>();
      const api = await renderTab(serviceEntity('events-ingest'), {
        getEntityAssessment: jest.fn().mockResolvedValue(before),
        refreshEntityAssessment: jest.fn().mockReturnValue(pending.promise),
      });
      expect(await screen.findByText('Ready to onboard')).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

      expect(api.refreshEntityAssessment).toHaveBeenCalledWith({
        kind: 'Component',
        namespace: 'default',
        name: 'events-ingest',
      });
      expect(screen.getByRole('button', { name: /Assessing/ })).toBeDisabled();
      expect(
        screen.getByRole('progressbar', { name: 'Re-assessing the service' }),
      ).toBeInTheDocument();

      pending.resolve(after);

      expect(await screen.findByText('Secured')).toBeInTheDocument();
      expect(screen.getByText(/2026-11-22 09:45 UTC/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled();
      // the target follows the new mesh
      expect(
        screen.getByText('Readiness for Istio (sidecar)'),
      ).toBeInTheDocument();
    });

    it('shows a refresh error inline and keeps the old result', async () => {
      await renderTab(serviceEntity('cart-api'), {
        getEntityAssessment: jest
          .fn()
          .mockResolvedValue(
            assessmentResponse('cart-api', istioStaleProxyAssessment()),
          ),
        refreshEntityAssessment: jest
          .fn()
          .mockRejectedValue(new Error('cluster demo unreachable')),
      });
      await screen.findByText('Secured');

      await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

      expect(
        await screen.findByText('Refresh failed: cluster demo unreachable'),
      ).toBeInTheDocument();
      expect(screen.getByText('Secured')).toBeInTheDocument();
    });

    it('is disabled, saying why, for a user the policy does not let re-assess the service', async () => {
      const authorize = jest.fn((request: EvaluatePermissionRequest) =>
        request.permission.name === serviceMeshRefreshPermission.name
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      );
      // An entity no other test asks about: the permission answers are
      // cached per permission and entity for the page's lifetime.
      const api = await renderTab(
        serviceEntity('inventory-api'),
        respond(
          assessmentResponse('inventory-api', istioStaleProxyAssessment()),
        ),
        mockApis.permission({ authorize }),
      );
      await screen.findByText('Secured');

      const refresh = screen.getByRole('button', { name: 'Refresh' });
      const reason = await screen.findByTitle(/You may not re-assess/);
      await userEvent.hover(reason);
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        'You may not re-assess this service (permission service-mesh.assessment.refresh)',
      );
      expect(refresh).toBeDisabled();
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: serviceMeshRefreshPermission,
          resourceRef: 'component:default/inventory-api',
        }),
      );
      expect(api.refreshEntityAssessment).not.toHaveBeenCalled();
    });

    it('stays enabled when the permission check itself fails: the backend decides', async () => {
      const permissionApi = mockApis.permission.mock({
        authorize: jest.fn().mockRejectedValue(new Error('network down')),
      });
      const api = await renderTab(
        serviceEntity('cart-api'),
        {
          ...respond(
            assessmentResponse('cart-api', istioStaleProxyAssessment()),
          ),
          refreshEntityAssessment: jest
            .fn()
            .mockResolvedValue(
              assessmentResponse('cart-api', istioStaleProxyAssessment()),
            ),
        },
        permissionApi,
      );
      await screen.findByText('Secured');
      await waitFor(() =>
        expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled(),
      );
      await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
      expect(api.refreshEntityAssessment).toHaveBeenCalled();
    });
  });
});
