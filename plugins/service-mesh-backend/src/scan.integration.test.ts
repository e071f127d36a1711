import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const entities: Entity[] = [
  serviceEntity('cart', {
    id: 'cart',
    owner: 'group:default/shop-team',
    system: 'shop',
  }),
  serviceEntity('orders', { id: 'orders', owner: 'group:default/backoffice' }),
  serviceEntity('billing', {
    id: 'billing',
    owner: 'group:default/backoffice',
  }),
  serviceEntity('ghost', { id: 'ghost' }),
  serviceEntity('legacy-batch'),
];

describe('scanning the catalog against a cluster', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  it.each(ids)('assesses every service and serves it (%s)', async id => {
    const { scan, get } = await startScanBackend({
      knex: await databases.init(id),
      api,
      entities,
    });

    await scan();

    const cart = await get('/entities/component/default/cart/assessment');
    expect(cart.status).toBe(200);
    expect(cart.body).toEqual(
      expect.objectContaining({
        configured: true,
        stage: 'secured',
        mesh: 'istio-sidecar',
        selector: { labelSelector: 'backstage.io/kubernetes-id=cart' },
        clusters: [expect.objectContaining({ cluster: 'prod', stale: false })],
      }),
    );
    expect(cart.body.assessment.coverage).toEqual(
      expect.objectContaining({ meshedPods: 1, totalPods: 1 }),
    );

    const orders = await get('/entities/component/default/orders/assessment');
    expect(orders.body.stage).toBe('ready');
    expect(
      orders.body.assessment.findings.map(
        (f: { checkId: string }) => f.checkId,
      ),
    ).toContain('MR-UID-1337');

    const legacy = await get(
      '/entities/component/default/legacy-batch/assessment',
    );
    expect(legacy.body).toEqual(
      expect.objectContaining({ configured: false, stage: 'not-assessed' }),
    );
    expect(legacy.body.notConfiguredHint).toContain(
      'backstage.io/kubernetes-id: legacy-batch',
    );
    const ghost = await get('/entities/component/default/ghost/assessment');
    expect(ghost.body.stage).toBe('not-assessed');
    expect(ghost.body.stageReason).toContain('No workload matches');

    const scorecard = await get('/scorecard?sort=name');
    expect(scorecard.body.totalCount).toBe(5);
    expect(scorecard.body.items.map((r: { name: string }) => r.name)).toEqual([
      'billing',
      'cart',
      'ghost',
      'legacy-batch',
      'orders',
    ]);
    expect(scorecard.body.totals).toEqual({
      secured: 1,
      ready: 2,
      'not-assessed': 2,
    });

    const scans = await get('/scans');
    expect(scans.body.items[0]).toEqual(
      expect.objectContaining({
        status: 'succeeded',
        entityCount: 5,
        assessedCount: 5,
        clusters: [{ cluster: 'prod', status: 'ok', objectCount: 10 }],
      }),
    );
  });

  it('reads each cluster once per scan, whatever the number of entities', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      serviceEntity(`svc-${i}`, { id: i % 2 ? 'cart' : `svc-${i}` }),
    );
    const small = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities: entities.slice(0, 2),
    });
    await small.scan();
    const callsForTwo = api.listCalls().length;
    api.requests.length = 0;

    const large = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities: many,
    });
    await large.scan();

    expect(api.listCalls()).toHaveLength(callsForTwo);
    // Every list is at cluster scope, paginated, never filtered per entity.
    expect(api.requests.every(r => !r.query.has('labelSelector'))).toBe(true);
    expect(api.requests.filter(r => r.path === '/api/v1/services').length).toBe(
      2,
    ); // 3 Services in pages of 2
  });

  it('keeps the last good state of a cluster that fails, marked stale, and recovers', async () => {
    const { scan, get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });
    await scan();

    api.options.faults = { '/api/v1/pods': { status: 500 } };
    await scan();

    const cart = await get('/entities/component/default/cart/assessment');
    expect(cart.body.stage).toBe('secured');
    expect(cart.body.clusters).toEqual([
      expect.objectContaining({
        cluster: 'prod',
        stale: true,
        staleReason: expect.stringContaining('list pods answered 500'),
      }),
    ]);
    const clusters = await get('/clusters');
    expect(clusters.body.items).toEqual([
      expect.objectContaining({
        cluster: 'prod',
        status: 'stale',
        objectCount: 10,
      }),
    ]);
    const scans = await get('/scans');
    expect(scans.body.items[0].status).toBe('partial');

    api.options.faults = {};
    await scan();
    const recovered = await get('/clusters');
    expect(recovered.body.items[0]).toEqual(
      expect.objectContaining({ status: 'ok' }),
    );
    expect(recovered.body.items[0].error).toBeUndefined();
  });

  it('never stores an empty assessment for a cluster that was never read', async () => {
    api.options.faults = { '/apis': { status: 403 } };
    const { scan, get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });

    await scan();

    const cart = await get('/entities/component/default/cart/assessment');
    expect(cart.status).toBe(404);
    expect(cart.body.error.message).toContain('has not been assessed yet');
    const clusters = await get('/clusters');
    expect(clusters.body.items[0]).toEqual(
      expect.objectContaining({ status: 'failed' }),
    );
    expect(JSON.stringify(clusters.body)).not.toContain(TOKEN);
  });

  it('counts the stages again as soon as a scan has written', async () => {
    const { scan, get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });
    const before = await get('/scorecard');
    expect(before.body).toEqual({ items: [], totalCount: 0, totals: {} });

    await scan();

    const after = await get('/scorecard');
    expect(after.body.totalCount).toBe(5);
    expect(after.body.items).toHaveLength(5);
  });

  it('drops the entities that left the catalog, but not on an empty catalog read', async () => {
    const { scan, get, catalog } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });
    await scan();
    expect((await get('/scorecard')).body.totalCount).toBe(5);

    // A catalog still ingesting at start answers nothing in scope.
    const query = jest
      .spyOn(catalog, 'queryEntities')
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} } as any);
    await scan();
    expect((await get('/scorecard')).body.totalCount).toBe(5);

    // One entity left the catalog: its assessment goes.
    query.mockResolvedValue({
      items: entities.filter(e => e.metadata.name !== 'orders'),
      totalItems: entities.length - 1,
      pageInfo: {},
    } as any);
    await scan();
    const after = await get('/scorecard');
    expect(after.body.totalCount).toBe(4);
    expect(after.body.items.map((r: { name: string }) => r.name)).not.toContain(
      'orders',
    );
  });

  it('loses no stored assessment when a scan fails midway', async () => {
    const { scan, get, catalog } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });
    await scan();
    const before = await get('/scorecard');

    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValue(new Error('catalog unavailable'));
    await scan();

    const after = await get('/scorecard');
    expect(after.body.totalCount).toBe(before.body.totalCount);
    const scans = await get('/scans');
    expect(scans.body.items[0]).toEqual(
      expect.objectContaining({
        status: 'failed',
        error: expect.stringContaining('catalog unavailable'),
      }),
    );
  });
});

describe('clusters of the catalog locator method', () => {
  it('reads Resource clusters with a configured token and reports the others', async () => {
    const api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
    const cluster = (name: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'kubernetes.io/api-server': api.url,
          'kubernetes.io/api-server-certificate-authority': 'LS0t',
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/skip-tls-verify': 'true',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    });
    try {
      const { scan, get } = await startScanBackend({
        knex: await databases.init('SQLITE_3'),
        api,
        entities: [...entities, cluster('eks-prod'), cluster('eks-dev')],
        config: {
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'catalog', dangerouslyAllowSkipTLSVerify: true },
            ],
          },
          serviceMesh: {
            kubernetes: { serviceAccountTokens: { 'eks-prod': TOKEN } },
          },
        },
      });

      await scan();

      const clusters = await get('/clusters');
      expect(
        clusters.body.items.map((c: { cluster: string; status: string }) => [
          c.cluster,
          c.status,
        ]),
      ).toEqual([
        ['eks-dev', 'failed'],
        ['eks-prod', 'ok'],
      ]);
      expect(clusters.body.items[0].error).toContain(
        'serviceMesh.kubernetes.serviceAccountTokens.eks-dev',
      );
      const cart = await get('/entities/component/default/cart/assessment');
      expect(cart.body.stage).toBe('secured');
    } finally {
      await api.stop();
    }
  });
});

describe('assessment and scorecard routes', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  it.each(ids)('filters, sorts and pages the scorecard (%s)', async id => {
    const { scan, get } = await startScanBackend({
      knex: await databases.init(id),
      api,
      entities,
    });
    await scan();

    const backoffice = await get(
      '/scorecard?owner=group:default/backoffice&sort=name&order=desc',
    );
    expect(backoffice.body.items.map((r: { name: string }) => r.name)).toEqual([
      'orders',
      'billing',
    ]);
    expect(backoffice.body.totals).toEqual({ ready: 2 });

    const meshed = await get('/scorecard?mesh=istio-sidecar');
    expect(meshed.body.items.map((r: { name: string }) => r.name)).toEqual([
      'cart',
    ]);
    const notMeshed = await get('/scorecard?mesh=none&stage=not-assessed');
    expect(notMeshed.body.totalCount).toBe(2);

    const search = await get('/scorecard?q=BILL');
    expect(search.body.items.map((r: { name: string }) => r.name)).toEqual([
      'billing',
    ]);

    const page = await get('/scorecard?sort=name&offset=1&limit=2');
    expect(page.body.totalCount).toBe(5);
    expect(page.body.items.map((r: { name: string }) => r.name)).toEqual([
      'cart',
      'ghost',
    ]);

    const history = await get('/scorecard/history?groupBy=owner');
    expect(history.body.points).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          group: 'group:default/backoffice',
          counts: { ready: 2 },
        }),
      ]),
    );
  });

  it('names the bad field of a scorecard or history query', async () => {
    const { get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });

    const badStage = await get('/scorecard?stage=nearly-there');
    expect(badStage.status).toBe(400);
    expect(badStage.body.error.message).toContain('stage');

    const badDay = await get('/scorecard/history?from=yesterday');
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.message).toContain('from');
  });

  it('answers 404 with the reason for an unknown or unassessed entity', async () => {
    const { get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });

    const unknown = await get('/entities/component/default/nope/assessment');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('not in the catalog');

    const notYet = await get('/entities/component/default/cart/assessment');
    expect(notYet.status).toBe(404);
    expect(notYet.body.error.message).toContain('has not been assessed yet');
  });

  it('generates the migration plan of a service', async () => {
    const { scan, get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });
    await scan();

    const plan = await get(
      '/entities/component/default/orders/migration-plan?target=istio-sidecar',
    );
    expect(plan.status).toBe(200);
    expect(plan.body.target).toBe('istio-sidecar');
    expect(plan.body.steps.map((s: { kind: string }) => s.kind)).toEqual(
      expect.arrayContaining(['enroll', 'harden']),
    );
    expect(plan.body.yaml).toContain('istio-injection');
    expect(plan.body.yaml).toContain('PeerAuthentication');

    const badTarget = await get(
      '/entities/component/default/orders/migration-plan?target=nginx',
    );
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error.message).toContain('target');

    const unconfigured = await get(
      '/entities/component/default/legacy-batch/migration-plan?target=linkerd',
    );
    expect(unconfigured.status).toBe(404);
  });

  it('refreshes one entity on demand', async () => {
    const { server, get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });

    const refreshed = await request(server)
      .post('/api/service-mesh/entities/component/default/cart/refresh')
      .set('Authorization', mockCredentials.user.header());

    expect(refreshed.status).toBe(200);
    expect(refreshed.body.stage).toBe('secured');
    const stored = await get('/entities/component/default/cart/assessment');
    expect(stored.body.assessedAt).toBe(refreshed.body.assessedAt);
  });

  it('refuses a refresh the permission policy denies', async () => {
    const { server } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
      extraFeatures: [
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.DENY })),
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }).factory,
      ],
    });

    const response = await request(server)
      .post('/api/service-mesh/entities/component/default/cart/refresh')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(403);
    expect(api.listCalls()).toHaveLength(0);
  });

  it('requires credentials on every route but health', async () => {
    const { server } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
    });
    for (const path of [
      '/scorecard',
      '/scorecard/history',
      '/clusters',
      '/entities/component/default/cart/assessment',
    ]) {
      const response = await request(server)
        .get(`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
    }
  });
});
