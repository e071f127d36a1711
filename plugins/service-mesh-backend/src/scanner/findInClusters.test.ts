import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadMeshKnowledgeBase, selectWorkloads } from '@meshwise/mesh-engine';
import knexFactory, { Knex } from 'knex';
import { clusterObjects } from '../__testUtils__/scanFixtures';
import { ClusterSource } from '../clusters/types';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { MeshScanner } from './MeshScanner';

/** A cluster source that counts its reads; `orders` runs only where said. */
function source(name: string, withOrders: boolean) {
  const objects = clusterObjects().filter(
    object => withOrders || !object.metadata.name?.startsWith('orders'),
  );
  const read = jest.fn(async () => ({
    cluster: name,
    objects,
    readAt: new Date(),
    warnings: [],
    stats: { listCalls: 0, bytes: 0 },
  }));
  return { name, type: 'kubernetes', read } satisfies ClusterSource;
}

describe('MeshScanner.findInClusters', () => {
  let knex: Knex;
  afterEach(() => knex?.destroy());

  async function scannerOver(sources: ClusterSource[]) {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const store = await ServiceMeshStore.create({
      database: mockServices.database({ knex }),
    });
    return new MeshScanner({
      logger: mockServices.logger.mock(),
      auth: mockServices.auth(),
      catalog: catalogServiceMock({ entities: [] }),
      store,
      locateClusters: async () => ({ sources, problems: [] }),
      scope: { kinds: ['Component'], types: ['service'] },
      knowledgeBase: loadMeshKnowledgeBase(undefined),
    });
  }

  const ordersIn = (index: Parameters<typeof selectWorkloads>[0]) => {
    const found = selectWorkloads(index, { labelSelector: 'app=orders' });
    return found.length ? found.map(w => w.name) : undefined;
  };

  it('reads the clusters one at a time, no further than the first answer, and keeps none', async () => {
    const sources = [
      source('east', false),
      source('west', true),
      source('north', true),
    ];
    const scanner = await scannerOver(sources);

    const found = await scanner.findInClusters(undefined, ordersIn);

    expect(found).toEqual(['orders']);
    expect(sources.map(s => s.read.mock.calls.length)).toEqual([1, 1, 0]);
    expect(scanner.mostClustersAtOnce).toBe(1);
    expect(scanner.clustersInMemory()).toBe(0);
  });

  it('reads only the cluster named, and answers undefined when nothing is found', async () => {
    const sources = [source('east', false), source('west', true)];
    const scanner = await scannerOver(sources);

    expect(await scanner.findInClusters('east', ordersIn)).toBeUndefined();
    expect(sources.map(s => s.read.mock.calls.length)).toEqual([1, 0]);
    expect(scanner.clustersInMemory()).toBe(0);
  });
});
