import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ClusterReadError,
  ClusterSnapshot,
  ServiceMeshClusterSource,
  serviceMeshClusterSourcesExtensionPoint,
} from '@meshwise/backstage-plugin-service-mesh-node';
import { KubeObject } from '@meshwise/mesh-engine';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

/** A source an adopter might write: its objects come from wherever it likes. */
class InMemoryClusterSource implements ServiceMeshClusterSource {
  readonly type = 'manifests';
  reads = 0;

  constructor(
    readonly name: string,
    public state: KubeObject[] | ClusterReadError,
  ) {}

  async read(): Promise<ClusterSnapshot> {
    this.reads += 1;
    if (this.state instanceof Error) throw this.state;
    return {
      cluster: this.name,
      objects: this.state,
      readAt: new Date(),
      warnings: [],
      stats: { listCalls: 0, bytes: 0 },
    };
  }
}

let moduleCount = 0;
/** A backend module of the service-mesh plugin that adds cluster sources. */
function clusterSourcesModule(...sources: ServiceMeshClusterSource[]) {
  moduleCount += 1;
  return createBackendModule({
    pluginId: 'service-mesh',
    moduleId: `test-clusters-${moduleCount}`,
    register(env) {
      env.registerInit({
        deps: { clusters: serviceMeshClusterSourcesExtensionPoint },
        async init({ clusters }) {
          clusters.addClusterSource(...sources);
        },
      });
    },
  });
}

/** `billing` lives only in the added cluster; the configured one has the rest. */
const isBilling = (object: KubeObject) =>
  object.metadata.name === 'billing' ||
  (object.kind === 'Namespace' && object.metadata.name === 'backoffice');

const entities: Entity[] = [
  serviceEntity('cart', { id: 'cart' }),
  serviceEntity('billing', { id: 'billing', cluster: 'gitops' }),
];

describe('cluster sources added by backend modules', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects().filter(o => !isBilling(o)),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  it.each(ids)(
    'are scanned alongside the configured clusters, and keep their last good state when they fail (%s)',
    async id => {
      const gitops = new InMemoryClusterSource(
        'gitops',
        clusterObjects().filter(isBilling),
      );
      const { scan, get } = await startScanBackend({
        knex: await databases.init(id),
        api,
        entities,
        extraFeatures: [clusterSourcesModule(gitops)],
      });

      await scan();

      const billing = await get(
        '/entities/component/default/billing/assessment',
      );
      expect(billing.status).toBe(200);
      expect(billing.body).toEqual(
        expect.objectContaining({
          configured: true,
          stage: 'ready',
          clusters: [
            expect.objectContaining({ cluster: 'gitops', stale: false }),
          ],
        }),
      );
      const cart = await get('/entities/component/default/cart/assessment');
      expect(cart.body.stage).toBe('secured');
      const { body: clusters } = await get('/clusters');
      expect(clusters.items).toEqual([
        expect.objectContaining({
          cluster: 'gitops',
          type: 'manifests',
          status: 'ok',
          objectCount: 3,
        }),
        expect.objectContaining({ cluster: 'prod', type: 'kubernetes' }),
      ]);

      // A ClusterReadError of the node package is the scanner's own.
      gitops.state = new ClusterReadError({
        reason: 'forbidden',
        message: 'The inventory refused the read',
      });
      await scan();

      expect(gitops.reads).toBe(2);
      const after = await get('/entities/component/default/billing/assessment');
      expect(after.body.stage).toBe('ready');
      expect(after.body.clusters).toEqual([
        expect.objectContaining({ cluster: 'gitops', stale: true }),
      ]);
      const { body: health } = await get('/clusters');
      expect(health.items[0]).toEqual(
        expect.objectContaining({
          cluster: 'gitops',
          status: 'stale',
          error: 'The inventory refused the read',
        }),
      );
    },
  );

  it('fail the start when a name is already configured', async () => {
    const start = startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
      extraFeatures: [
        clusterSourcesModule(new InMemoryClusterSource('prod', [])),
      ],
    });

    await expect(start).rejects.toThrow(
      'Invalid service-mesh cluster sources: cluster name "prod" is used by a backend module (serviceMeshClusterSourcesExtensionPoint) and by kubernetes.clusterLocatorMethods: rename one of them',
    );
  });

  it('fail the start when two modules add one name', async () => {
    const start = startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities,
      extraFeatures: [
        clusterSourcesModule(new InMemoryClusterSource('edge', [])),
        clusterSourcesModule(new InMemoryClusterSource('edge', [])),
      ],
    });

    await expect(start).rejects.toThrow(
      'cluster name "edge" is used by a backend module (serviceMeshClusterSourcesExtensionPoint) and by a backend module (serviceMeshClusterSourcesExtensionPoint): rename one of them',
    );
  });

  it('leave out a catalog cluster of the same name, found after the start', async () => {
    const gitops = new InMemoryClusterSource(
      'gitops',
      clusterObjects().filter(isBilling),
    );
    const catalogCluster: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'gitops',
        namespace: 'default',
        annotations: { 'kubernetes.io/api-server': api.url },
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    };
    const { scan, get } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities: [...entities, catalogCluster],
      extraFeatures: [clusterSourcesModule(gitops)],
      config: {
        kubernetes: { clusterLocatorMethods: [{ type: 'catalog' }] },
        serviceMesh: {
          kubernetes: { serviceAccountTokens: { gitops: TOKEN } },
        },
      },
    });

    await scan();

    expect(gitops.reads).toBe(1);
    expect(api.requests).toEqual([]);
    const { body: clusters } = await get('/clusters');
    expect(clusters.items).toEqual([
      expect.objectContaining({
        cluster: 'gitops',
        type: 'manifests',
        status: 'ok',
      }),
    ]);
  });
});
