import { KubeObject } from '@meshwise/mesh-engine';
import { Knex } from 'knex';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const { databases, ids, skipped } = createStoreTestDatabases();

/** No `backstage.io/kubernetes-cluster`: every configured cluster may hold their workloads. */
const entities = [
  serviceEntity('cart', { id: 'cart' }),
  serviceEntity('orders', { id: 'orders' }),
  serviceEntity('billing', { id: 'billing' }),
];

const inNamespace = (namespace: string) => (object: KubeObject) =>
  object.metadata.namespace === namespace ||
  (object.kind === 'Namespace' && object.metadata.name === namespace);

/** `cart` (secured on Istio) runs in staging; `orders` and `billing` in prod. */
const stagingObjects = () => clusterObjects().filter(inNamespace('shop'));
const prodObjects = () => clusterObjects().filter(inNamespace('backoffice'));

function clustersConfig(apis: Record<string, FakeKubernetesApi>) {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: Object.entries(apis).map(([name, api]) => ({
            name,
            url: api.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: TOKEN,
            skipTLSVerify: true,
          })),
        },
      ],
    },
  };
}

/**
 * A failed or implausible cluster read never erases a stored assessment,
 * across restarts too: each "restart" is a new backend on the same database.
 */
describe('stored assessments under cluster faults', () => {
  const apis: FakeKubernetesApi[] = [];
  const fakeApi = async (objects: KubeObject[]) => {
    const api = await new FakeKubernetesApi({ token: TOKEN, objects }).start();
    apis.push(api);
    return api;
  };

  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.stop()));
  });

  reportSkippedDatabases(skipped);

  const start = (knex: Knex, api: FakeKubernetesApi, config?: object) =>
    startScanBackend({ knex, api, entities, config });

  const stageOf = async (
    backend: Awaited<ReturnType<typeof start>>,
    name: string,
  ) => {
    const { body } = await backend.get(
      `/entities/component/default/${name}/assessment`,
    );
    return body.stage;
  };

  it.each(ids)(
    'after a restart, a failing cluster keeps the results it gave before while another reads fine (%s)',
    async id => {
      const knex = await databases.init(id);
      const staging = await fakeApi(stagingObjects());
      const prod = await fakeApi(prodObjects());
      const config = clustersConfig({ prod, staging });
      const first = await start(knex, prod, config);
      await first.scan();
      expect(await stageOf(first, 'cart')).toBe('secured');
      const before = (await first.get('/scorecard')).body.totals;

      staging.options.faults = { '/api/v1/pods': { status: 500 } };
      const restarted = await start(knex, prod, config);
      await restarted.scan();

      expect(await stageOf(restarted, 'cart')).toBe('secured');
      expect((await restarted.get('/scorecard')).body.totals).toEqual(before);
      const { body: cart } = await restarted.get(
        '/entities/component/default/cart/assessment',
      );
      expect(cart.clusters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ cluster: 'staging', stale: true }),
          expect.objectContaining({ cluster: 'prod', stale: false }),
        ]),
      );
      const { body: scans } = await restarted.get('/scans');
      expect(scans.items[0].status).toBe('partial');

      // Once staging answers again, its fresh read decides.
      staging.options.faults = {};
      staging.options.objects = [];
      await restarted.scan(); // an empty read is doubted once...
      expect(await stageOf(restarted, 'cart')).toBe('secured');
      await restarted.scan(); // ...and accepted when the next read confirms it
      expect(await stageOf(restarted, 'cart')).toBe('not-assessed');
    },
  );

  it.each(ids)(
    'a cluster that suddenly lists nothing is suspect until the next read confirms it (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi(clusterObjects());
      const backend = await start(knex, api);
      await backend.scan();
      const stages = {
        cart: await stageOf(backend, 'cart'),
        orders: await stageOf(backend, 'orders'),
      };
      expect(stages.cart).toBe('secured');

      api.options.objects = [];
      await backend.scan();

      expect(await stageOf(backend, 'cart')).toBe(stages.cart);
      expect(await stageOf(backend, 'orders')).toBe(stages.orders);
      const { body: clusters } = await backend.get('/clusters');
      expect(clusters.items[0]).toEqual(
        expect.objectContaining({
          status: 'stale',
          error: expect.stringContaining(
            'Implausible read: the read listed no object, where the last good read had',
          ),
        }),
      );
      const { body: scans } = await backend.get('/scans');
      expect(scans.items[0].status).toBe('partial');

      await backend.scan();
      expect(await stageOf(backend, 'cart')).toBe('not-assessed');
      expect((await backend.get('/scans')).body.items[0].status).toBe(
        'succeeded',
      );
    },
  );

  it.each(ids)(
    'pods gone while their Deployments remain are doubted, also right after a restart (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi(clusterObjects());
      const first = await start(knex, api);
      await first.scan();
      expect(await stageOf(first, 'cart')).toBe('secured');

      api.options.objects = clusterObjects().filter(o => o.kind !== 'Pod');
      const restarted = await start(knex, api);
      await restarted.scan();

      expect(await stageOf(restarted, 'cart')).toBe('secured');
      const { body: clusters } = await restarted.get('/clusters');
      expect(clusters.items[0].error).toContain(
        'the read listed no pod, where the last good read had 1',
      );
    },
  );
});
