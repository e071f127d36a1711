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

const entities = [serviceEntity('cart', { id: 'cart' })];
const FORBIDDEN_PEER_AUTHENTICATIONS = {
  '/apis/security.istio.io/v1/peerauthentications': {
    status: 403 as const,
    message:
      'peerauthentications.security.istio.io is forbidden: User "system:serviceaccount:meshwise:scanner" cannot list resource "peerauthentications"',
  },
};

/**
 * A 403 on an optional kind (PeerAuthentication) never moves a stage: the
 * last good list of the kind is kept (in memory, or the stored results after
 * a restart); with none, what reads it is not evaluated. The scan says
 * `partial`, the cluster's health says which kind (issue 13, item 9).
 */
describe('an optional kind the scanner may not list', () => {
  const apis: FakeKubernetesApi[] = [];
  const fakeApi = async () => {
    const api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
    apis.push(api);
    return api;
  };
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.stop()));
  });

  reportSkippedDatabases(skipped);

  const start = (knex: Knex, api: FakeKubernetesApi) =>
    startScanBackend({ knex, api, entities });
  type Backend = Awaited<ReturnType<typeof start>>;
  const cart = async (backend: Backend) =>
    (await backend.get('/entities/component/default/cart/assessment')).body;
  const lastScan = async (backend: Backend) =>
    (await backend.get('/scans')).body.items[0];
  const health = async (backend: Backend) =>
    (await backend.get('/clusters')).body.items[0];

  it.each(ids)(
    'keeps a secured service secured while the permission flaps, and across a restart (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi();
      const backend = await start(knex, api);
      await backend.scan();
      expect((await cart(backend)).stage).toBe('secured');
      expect((await lastScan(backend)).status).toBe('succeeded');

      api.options.faults = FORBIDDEN_PEER_AUTHENTICATIONS;
      await backend.scan();

      expect((await cart(backend)).stage).toBe('secured');
      const scan = await lastScan(backend);
      expect(scan.status).toBe('partial');
      expect(scan.clusters[0]).toMatchObject({
        cluster: 'prod',
        status: 'stale',
        error: expect.stringContaining(
          'Partial read: PeerAuthentication.security.istio.io could not be listed; its objects of the read at',
        ),
      });
      expect(await health(backend)).toMatchObject({
        status: 'ok',
        error: expect.stringContaining(
          'PeerAuthentication.security.istio.io could not be listed; its objects of the read at',
        ),
        warnings: [expect.stringContaining('peerauthentications')],
      });

      // A new process has no earlier list in memory: the stored part holds.
      const restarted = await start(knex, api);
      await restarted.scan();
      expect((await cart(restarted)).stage).toBe('secured');
      expect((await lastScan(restarted)).status).toBe('partial');
      expect((await health(restarted)).error).toContain(
        'no earlier list is known',
      );

      api.options.faults = {};
      await restarted.scan();
      expect((await cart(restarted)).stage).toBe('secured');
      expect((await lastScan(restarted)).status).toBe('succeeded');
      expect((await health(restarted)).error).toBeUndefined();
    },
  );

  it.each(ids)(
    'with no earlier list, mTLS is not evaluated and the service is never called meshed (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi();
      api.options.faults = FORBIDDEN_PEER_AUTHENTICATIONS;
      const backend = await start(knex, api);
      await backend.scan();

      const body = await cart(backend);
      expect(body.stage).toBe('not-assessed');
      expect(body.stageReason).toContain(
        'whether mTLS is strict was not evaluated: PeerAuthentication (security.istio.io) could not be listed',
      );
      const [workload] = body.assessment.workloads;
      expect(workload.notEvaluatedChecks).toContain('MR-MTLS-NOT-STRICT');
      expect(workload.failedChecks).not.toContain('MR-MTLS-NOT-STRICT');
      expect(workload.detection.mtls.mode).toBe('unknown');
      expect((await lastScan(backend)).status).toBe('partial');

      // Once the kind can be listed, the read decides.
      api.options.faults = {};
      await backend.scan();
      expect((await cart(backend)).stage).toBe('secured');
      expect((await lastScan(backend)).status).toBe('succeeded');
    },
  );
});
