import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import {
  catalogPerCaller,
  permissionsPerCaller,
} from './__testUtils__/catalogPerCaller';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const entities = [
  serviceEntity('cart', { id: 'cart' }),
  serviceEntity('orders', { id: 'orders' }),
];

const ALICE = 'user:default/alice'; // may see cart only
const NOBODY = 'user:default/nobody'; // may see no entity
const visibleTo = { [ALICE]: ['cart'], [NOBODY]: [] };

/** The catalog, counting the calls each of its methods gets. */
function countingCatalog(catalog: CatalogService) {
  const calls: Record<string, number> = {};
  const counted = new Proxy(catalog, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(property)] = (calls[String(property)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return { counted, calls };
}

describe('GET /entities/:kind/:namespace/:name/assessment follows the catalog read permission', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  async function backend(id: (typeof ids)[number]) {
    const catalog = countingCatalog(catalogPerCaller(entities, visibleTo));
    const started = await startScanBackend({
      knex: await databases.init(id),
      api,
      entities,
      catalog: catalog.counted,
      extraFeatures: [
        permissionsPerCaller({
          conditional: [ALICE],
          denied: [NOBODY],
          visibleTo,
        }),
      ],
    });
    await started.scan();
    const getAs = (user: string | undefined, name: string) =>
      request(started.server)
        .get(`/api/service-mesh/entities/component/default/${name}/assessment`)
        .set('Authorization', mockCredentials.user.header(user));
    return { getAs, calls: catalog.calls };
  }

  it.each(ids)(
    'answers a caller who may not see the entity as for an unknown one, with no data (%s)',
    async id => {
      const { getAs } = await backend(id);

      const unknown = await getAs(ALICE, 'nope');
      expect(unknown.status).toBe(404);
      for (const [user, name] of [
        [ALICE, 'orders'],
        [NOBODY, 'orders'],
        [NOBODY, 'cart'],
      ]) {
        const hidden = await getAs(user, name);
        expect(hidden.status).toBe(404);
        expect(hidden.body.error.message).toBe(
          unknown.body.error.message.replace('nope', name),
        );
        expect(JSON.stringify(hidden.body)).not.toContain('stage');
      }

      const cart = await getAs(ALICE, 'cart');
      expect(cart.status).toBe(200);
      expect(cart.body.entity.entityRef).toBe('component:default/cart');
      const orders = await getAs(undefined, 'orders');
      expect(orders.status).toBe(200);
      expect(orders.body.entity.entityRef).toBe('component:default/orders');
    },
  );

  it.each(ids)(
    'serves a stored assessment without fetching the entity from the catalog (%s)',
    async id => {
      const { getAs, calls } = await backend(id);
      const before = { ...calls };

      expect((await getAs(ALICE, 'cart')).status).toBe(200);
      expect((await getAs(undefined, 'orders')).status).toBe(200);

      expect(calls).toEqual(before);
    },
  );
});
