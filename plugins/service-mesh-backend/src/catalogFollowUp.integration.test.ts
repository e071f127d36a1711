import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ScanRun } from '@meshwise/backstage-plugin-service-mesh-common';
import { Knex } from 'knex';
import request from 'supertest';
import { serviceMeshPlugin } from './plugin';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { growingCatalog } from './__testUtils__/growingCatalog';
import { TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

type GrowingCatalog = ReturnType<typeof growingCatalog>;

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * The catalog follow-up with Backstage's real scheduler: the scan's
 * schedule is the default 30 minutes, so within a test only the follow-up
 * can start a second scan.
 */
describe('the catalog follow-up', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  async function start(knex: Knex, catalog: GrowingCatalog['catalog']) {
    const cluster = (name: string, token: string) => ({
      name,
      url: api.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: token,
      skipTLSVerify: true,
    });
    const backend = await startTestBackend({
      features: [
        serviceMeshPlugin,
        schedulerServiceFactory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    cluster('prod', TOKEN),
                    // Its token is refused: never read, so the services
                    // only it runs cannot be assessed.
                    cluster('down', 'not-the-token'),
                  ],
                },
              ],
            },
            serviceMesh: {
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 5 },
                initialDelay: { milliseconds: 200 },
              },
              followUp: {
                frequency: { milliseconds: 500 },
                minInterval: { seconds: 1 },
              },
            },
          },
        }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
      ],
    });
    const get = (path: string) =>
      request(backend.server)
        .get(`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.user.header());
    const runs = async (): Promise<ScanRun[]> =>
      (await get('/scans?limit=50')).body.items;
    /** Waits until `count` scans have ended; returns the last one. */
    const scansEnded = (count: number) =>
      eventually(`${count} scans ended`, async () => {
        const items = await runs();
        return items.length >= count &&
          items.every(run => run.status !== 'running')
          ? items[0]
          : undefined;
      });
    return { backend, get, runs, scansEnded };
  }

  /** Waits until the follow-up has looked at the catalog `times` more times. */
  function followUpLooks(
    calls: GrowingCatalog['calls'],
    times: number,
  ): Promise<true> {
    const looks = () =>
      calls.filter(call => (call.request as { fields?: unknown })?.fields)
        .length;
    const target = looks() + times;
    return eventually(`${times} more follow-up runs`, async () =>
      looks() >= target ? true : undefined,
    );
  }

  it.each(ids)(
    'assesses entities added to a catalog that started empty, and changed ones, without waiting for the schedule (%s)',
    async id => {
      const { catalog, entities } = growingCatalog();
      const { backend, get, runs, scansEnded } = await start(
        await databases.init(id),
        catalog,
      );
      try {
        const first = await scansEnded(1);
        expect(first.entityCount).toBe(0);

        entities.push(
          serviceEntity('cart', { id: 'cart' }),
          serviceEntity('orders', { id: 'orders' }),
          serviceEntity('legacy-batch'),
        );
        const cart = await eventually('cart assessed', async () => {
          const response = await get(
            '/entities/component/default/cart/assessment',
          );
          return response.status === 200 ? response.body : undefined;
        });
        expect(cart).toEqual(
          expect.objectContaining({ stage: 'secured', mesh: 'istio-sidecar' }),
        );
        // One scan more, of the three added.
        await scansEnded(2);
        expect((await runs()).map(run => run.entityCount)).toEqual([3, 0]);
        const scorecard = await get('/scorecard?sort=name');
        expect(
          scorecard.body.items.map((row: { name: string }) => row.name),
        ).toEqual(['cart', 'legacy-batch', 'orders']);

        // Annotated since: it is assessed against its workloads.
        entities[2] = serviceEntity('legacy-batch', { id: 'billing' });
        const relabelled = await eventually(
          'legacy-batch assessed with its new annotation',
          async () => {
            const { body } = await get(
              '/entities/component/default/legacy-batch/assessment',
            );
            return body.configured ? body : undefined;
          },
        );
        expect(relabelled.selector).toEqual({
          labelSelector: 'backstage.io/kubernetes-id=billing',
        });
        expect(relabelled.assessment.workloads).toHaveLength(1);
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(ids)('starts no scan while nothing is new (%s)', async id => {
    const { catalog, calls } = growingCatalog([
      serviceEntity('cart', { id: 'cart' }),
      // Stored as "not configured": it has an assessment.
      serviceEntity('legacy-batch'),
    ]);
    const { backend, runs, scansEnded } = await start(
      await databases.init(id),
      catalog,
    );
    try {
      await scansEnded(1);
      await followUpLooks(calls, 3);

      expect((await runs()).map(run => run.entityCount)).toEqual([2]);
    } finally {
      await backend.stop();
    }
  });

  it.each(ids)(
    'scans once more for a service its clusters cannot assess, not at every run (%s)',
    async id => {
      const { catalog, calls } = growingCatalog([
        serviceEntity('cart', { id: 'cart' }),
        serviceEntity('stranded', { id: 'stranded', cluster: 'down' }),
      ]);
      const { backend, get, runs, scansEnded } = await start(
        await databases.init(id),
        catalog,
      );
      try {
        await scansEnded(2);
        // Past the minimum interval, with the follow-up looking every 500 ms.
        await new Promise(resolve => setTimeout(resolve, 1500));
        await followUpLooks(calls, 3);

        expect((await runs()).map(run => run.status)).toEqual([
          'partial',
          'partial',
        ]);
        const stranded = await get(
          '/entities/component/default/stranded/assessment',
        );
        expect(stranded.status).toBe(404);
      } finally {
        await backend.stop();
      }
    },
  );
});
