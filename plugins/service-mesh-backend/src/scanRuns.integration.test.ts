import { applyDatabaseMigrations } from './database/migrations';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const entities = [
  serviceEntity('cart', { id: 'cart' }),
  serviceEntity('orders', { id: 'orders' }),
];

type Run = {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  entityCount: number | null;
  assessedCount: number | null;
  error: string | null;
};

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/**
 * Scan runs are never left `running`: a run whose process is gone is closed
 * by the next backend, the scheduler's abort stops a scan, and one scan runs
 * at a time on replicas sharing one database.
 */
describe('scan runs', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  async function runs(backend: { get(path: string): any }): Promise<Run[]> {
    const answer = await backend.get('/scans');
    expect(answer.status).toBe(200);
    return answer.body.items;
  }

  it.each(ids)(
    'a new backend closes the run a killed process left running, not one alive elsewhere (%s)',
    async id => {
      const knex = await databases.init(id);
      await applyDatabaseMigrations(knex);
      // Left by a process killed mid-scan nine minutes ago...
      await knex('mesh_scan_runs').insert({
        trigger: 'schedule',
        status: 'running',
        started_at: minutesAgo(10),
        owner: 'host-a:4242:dead',
        heartbeat_at: minutesAgo(9),
      });
      // ...and by a version before heartbeats existed...
      await knex('mesh_scan_runs').insert({
        trigger: 'schedule',
        status: 'running',
        started_at: minutesAgo(60),
      });
      // ...while another replica's scan is alive right now.
      await knex('mesh_scan_runs').insert({
        trigger: 'schedule',
        status: 'running',
        started_at: minutesAgo(1),
        owner: 'host-b:7:alive',
        heartbeat_at: new Date(),
      });

      const backend = await startScanBackend({ knex, api, entities });

      const [alive, dead, legacy] = await runs(backend);
      expect(dead).toEqual(
        expect.objectContaining({
          status: 'failed',
          finishedAt: expect.any(String),
          error: expect.stringMatching(
            /^Abandoned: no sign of life from instance host-a:4242:dead since .*; its process is gone/,
          ),
        }),
      );
      expect(legacy).toEqual(
        expect.objectContaining({
          status: 'failed',
          error: expect.stringContaining('Abandoned'),
        }),
      );
      expect(alive).toEqual(
        expect.objectContaining({ status: 'running', finishedAt: null }),
      );
    },
  );

  it.each(ids)(
    'a run past the task timeout is closed even while something beats for it (%s)',
    async id => {
      const knex = await databases.init(id);
      await applyDatabaseMigrations(knex);
      await knex('mesh_scan_runs').insert({
        trigger: 'schedule',
        status: 'running',
        started_at: minutesAgo(60),
        owner: 'host-b:7:stuck',
        heartbeat_at: new Date(),
      });

      const backend = await startScanBackend({
        knex,
        api,
        entities,
        config: scanConfig(api, { timeout: { minutes: 15 } }),
      });

      const [stuck] = await runs(backend);
      expect(stuck).toEqual(
        expect.objectContaining({
          status: 'failed',
          error: expect.stringContaining("past the scan task's timeout"),
        }),
      );
    },
  );

  it.each(ids)(
    "the scheduler's abort stops a scan between catalog pages; what was stored stays whole (%s)",
    async id => {
      const knex = await databases.init(id);
      // One more than a catalog page (500): the abort comes with page two.
      const many = Array.from({ length: 501 }, (_, i) =>
        serviceEntity(`svc-${String(i).padStart(3, '0')}`, { id: `svc-${i}` }),
      );
      const backend = await startScanBackend({ knex, api, entities: many });
      await backend.scan();
      // A new owner for every entity: the next scan would merge them all
      // again (an unchanged entity would be skipped).
      for (const entity of many) {
        (entity.spec as { owner: string }).owner = 'group:default/platform';
      }
      const abort = new AbortController();
      const queryEntities = backend.catalog.queryEntities.bind(backend.catalog);
      const spy = jest
        .spyOn(backend.catalog, 'queryEntities')
        .mockImplementation(async (request: any, options: any) => {
          if (request && 'cursor' in request) abort.abort();
          return queryEntities(request, options);
        });

      await backend.scan(abort.signal);

      // The catalog is read whole before any cluster: nothing was stored.
      const [cancelled] = await runs(backend);
      expect(cancelled).toEqual(
        expect.objectContaining({
          status: 'failed',
          finishedAt: expect.any(String),
          assessedCount: 0,
          error: expect.stringMatching(
            /^Scan cancelled: the scheduler aborted it .*No assessment was changed\.$/,
          ),
        }),
      );
      // Every assessment of the first scan is still there, whole.
      const owned = async (owner: string) =>
        (await backend.get(`/scorecard?owner=${owner}&limit=1`)).body
          .totalCount;
      expect(await owned('group:default/team-a')).toBe(501);

      // The next scan, not stopped, stores them all.
      spy.mockRestore();
      await backend.scan();
      expect((await runs(backend))[0]).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          assessedCount: 501,
        }),
      );
      expect(await owned('group:default/platform')).toBe(501);
    },
  );

  it.each(ids)(
    'an abort while clusters are read ends the run before any assessment changes (%s)',
    async id => {
      const knex = await databases.init(id);
      api.options.faults = { '/api/v1/pods': { delayMs: 1500 } };
      const backend = await startScanBackend({ knex, api, entities });
      const abort = new AbortController();
      const scanning = backend.scan(abort.signal);
      setTimeout(() => abort.abort(), 200);

      await scanning;

      const [run] = await runs(backend);
      expect(run).toEqual(
        expect.objectContaining({
          status: 'failed',
          error: expect.stringContaining(
            'Scan cancelled: the scheduler aborted it',
          ),
        }),
      );
      const scorecard = await backend.get('/scorecard');
      expect(scorecard.body.totalCount).toBe(0);
    },
  );

  it.each(ids)(
    'cancel then trigger on two replicas: the second scan starts once the first has ended (%s)',
    async id => {
      const knex = await databases.init(id);
      api.options.faults = { '/api/v1/pods': { delayMs: 1500 } };
      const one = await startScanBackend({ knex, api, entities });
      const two = await startScanBackend({ knex, api, entities });
      const abort = new AbortController();

      const first = one.scan(abort.signal);
      // Cancelled once it runs (on a busy host it may take a while to start).
      for (let waited = 0; waited < 20_000; waited += 50) {
        if ((await runs(one)).some(run => run.status === 'running')) break;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      // The scheduler's cancel frees its lock at once, so a trigger lets
      // another replica start while the first still runs.
      abort.abort();
      const second = two.scan();
      await Promise.all([first, second]);

      const [later, earlier] = await runs(one);
      expect(earlier.status).toBe('failed');
      expect(earlier.error).toContain('Scan cancelled');
      expect(later.status).toBe('succeeded');
      expect(Date.parse(later.startedAt)).toBeGreaterThanOrEqual(
        Date.parse(earlier.finishedAt!),
      );
    },
  );

  it.each(ids)(
    'two replicas asked to scan at once run one scan after the other (%s)',
    async id => {
      const knex = await databases.init(id);
      api.options.faults = { '/api/v1/pods': { delayMs: 500 } };
      const one = await startScanBackend({ knex, api, entities });
      const two = await startScanBackend({ knex, api, entities });

      await Promise.all([one.scan(), two.scan()]);

      const [later, earlier] = await runs(two);
      expect([earlier.status, later.status]).toEqual([
        'succeeded',
        'succeeded',
      ]);
      expect(Date.parse(later.startedAt)).toBeGreaterThanOrEqual(
        Date.parse(earlier.finishedAt!),
      );
    },
  );
});

function scanConfig(api: FakeKubernetesApi, schedule: object) {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'prod',
              url: api.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
    serviceMesh: {
      kubernetes: { pageSize: 2 },
      schedule: { frequency: { minutes: 30 }, ...schedule },
    },
  };
}
