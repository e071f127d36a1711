import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { growingCatalog } from '../__testUtils__/growingCatalog';
import { serviceEntity } from '../__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from '../__testUtils__/testDatabases';
import { assessEntity } from './assessEntity';
import { CatalogFollowUp } from './catalogFollowUp';
import { DEFAULT_ENTITY_SCOPE } from './catalogEntities';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const MIN_INTERVAL_MS = 60_000;

describe('CatalogFollowUp', () => {
  reportSkippedDatabases(skipped);

  async function setUp(id: (typeof ids)[number], initial: Entity[] = []) {
    const store = await ServiceMeshStore.create({
      database: mockServices.database({ knex: await databases.init(id) }),
    });
    const { catalog, entities, calls } = growingCatalog(initial);
    const clock = { now: Date.parse('2026-12-01T10:00:00Z') };
    const triggerScan = jest.fn(async () => {});
    const getMany = jest.spyOn(store.assessments, 'getMany');
    const followUp = new CatalogFollowUp({
      catalog,
      auth: mockServices.auth(),
      assessments: store.assessments,
      scope: DEFAULT_ENTITY_SCOPE,
      logger: mockServices.logger.mock(),
      triggerScan,
      minIntervalMs: MIN_INTERVAL_MS,
      now: () => clock.now,
    });
    /** Stores what a scan stores for these entities (no cluster in memory). */
    const storeAssessed = (...assessed: Entity[]) =>
      store.assessments.save(
        assessed.map(
          entity =>
            assessEntity(entity, {
              clusters: [],
              recommendation: [],
              now: new Date(clock.now),
            })!,
        ),
      );
    return {
      followUp,
      entities,
      calls,
      clock,
      triggerScan,
      getMany,
      storeAssessed,
    };
  }

  it.each(ids)(
    'triggers a scan for new entities at most once per minimum interval (%s)',
    async id => {
      const { followUp, entities, clock, triggerScan } = await setUp(id, [
        serviceEntity('cart', { id: 'cart' }),
      ]);

      expect(await followUp.run()).toEqual({
        result: 'triggered',
        entityRefs: ['component:default/cart'],
      });

      entities.push(serviceEntity('orders', { id: 'orders' }));
      clock.now += MIN_INTERVAL_MS - 1;
      expect(await followUp.run()).toEqual({
        result: 'waiting',
        reason: 'min-interval',
        entityRefs: ['component:default/orders'],
      });
      expect(triggerScan).toHaveBeenCalledTimes(1);

      clock.now += 1;
      expect(await followUp.run()).toEqual({
        result: 'triggered',
        entityRefs: ['component:default/orders'],
      });
      expect(triggerScan).toHaveBeenCalledTimes(2);
    },
  );

  it.each(ids)(
    'triggers nothing when every entity has a current assessment, and reads no stored assessment again (%s)',
    async id => {
      const cart = serviceEntity('cart', { id: 'cart' });
      // No Kubernetes annotation: stored as "not configured".
      const legacy = serviceEntity('legacy-batch');
      const { followUp, calls, triggerScan, getMany, storeAssessed } =
        await setUp(id, [cart, legacy]);
      await storeAssessed(cart, legacy);

      expect(await followUp.run()).toEqual({ result: 'nothing-new' });
      expect(getMany).toHaveBeenCalledTimes(1);
      expect(await followUp.run()).toEqual({ result: 'nothing-new' });
      expect(getMany).toHaveBeenCalledTimes(1);
      expect(triggerScan).not.toHaveBeenCalled();
      // Only what it compares is asked of the catalog.
      expect(calls[0]).toEqual({
        method: 'queryEntities',
        request: expect.objectContaining({
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        }),
      });
    },
  );

  it.each(ids)(
    'triggers a scan when workload annotations differ from those assessed (%s)',
    async id => {
      const cart = serviceEntity('cart', { id: 'cart' });
      const legacy = serviceEntity('legacy-batch');
      const { followUp, entities, clock, storeAssessed } = await setUp(id, [
        cart,
        legacy,
      ]);
      await storeAssessed(cart, legacy);
      expect(await followUp.run()).toEqual({ result: 'nothing-new' });

      entities[0] = serviceEntity('cart', { id: 'cart', cluster: 'eu' });
      expect(await followUp.run()).toEqual({
        result: 'triggered',
        entityRefs: ['component:default/cart'],
      });

      clock.now += MIN_INTERVAL_MS;
      entities[1] = serviceEntity('legacy-batch', { id: 'legacy' });
      expect(await followUp.run()).toEqual({
        result: 'triggered',
        entityRefs: ['component:default/legacy-batch'],
      });
    },
  );

  it.each(ids)(
    'leaves an entity the triggered scan could not store to the schedule, until its annotations change (%s)',
    async id => {
      const { followUp, entities, clock, triggerScan } = await setUp(id, [
        serviceEntity('stranded', { id: 'stranded', cluster: 'down' }),
      ]);
      expect((await followUp.run()).result).toBe('triggered');

      // The scan ran and stored nothing for it (its cluster is down).
      for (let i = 0; i < 3; i++) {
        clock.now += MIN_INTERVAL_MS;
        expect(await followUp.run()).toEqual({ result: 'nothing-new' });
      }
      expect(triggerScan).toHaveBeenCalledTimes(1);

      entities[0] = serviceEntity('stranded', { id: 'stranded' });
      expect((await followUp.run()).result).toBe('triggered');
    },
  );

  it.each(ids)(
    'tries again at the next run when a scan was running (%s)',
    async id => {
      const { followUp, triggerScan } = await setUp(id, [
        serviceEntity('cart', { id: 'cart' }),
      ]);
      triggerScan.mockRejectedValueOnce(
        new ConflictError('Task service-mesh-scan is currently running'),
      );

      expect(await followUp.run()).toEqual({
        result: 'waiting',
        reason: 'scan-running',
        entityRefs: ['component:default/cart'],
      });
      // A refused trigger starts no minimum interval.
      expect(await followUp.run()).toEqual({
        result: 'triggered',
        entityRefs: ['component:default/cart'],
      });
    },
  );

  it.each(ids)('reports other trigger errors (%s)', async id => {
    const { followUp, triggerScan } = await setUp(id, [
      serviceEntity('cart', { id: 'cart' }),
    ]);
    triggerScan.mockRejectedValueOnce(new Error('database is locked'));

    await expect(followUp.run()).rejects.toThrow('database is locked');
    expect((await followUp.run()).result).toBe('triggered');
  });
});
