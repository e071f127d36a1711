import {
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeObject, loadMeshKnowledgeBase } from '@meshwise/mesh-engine';
import { Knex } from 'knex';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { recordingRootLogger } from './__testUtils__/recordingRootLogger';
import { TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';
import { KubernetesClusterSource } from './clusters/KubernetesClusterSource';
import { ClusterSource } from './clusters/types';
import { ServiceMeshStore } from './database/ServiceMeshStore';
import { serviceMeshPlugin } from './plugin';
import { MeshScanner } from './scanner/MeshScanner';
import { ScanRunLease } from './scanner/ScanRunLease';
import { shardOfCluster } from './scanner/shards';
import { ShardQueue } from './scanner/ShardQueue';

jest.setTimeout(180_000);

const { databases, ids, skipped } = createStoreTestDatabases();

/**
 * Four clusters, one per shard of four (`shardOfCluster`, pinned in
 * `shards.test.ts`): eu-west-1 → 1/4, cluster-0 → 2/4, prod → 3/4,
 * staging → 4/4.
 */
const CLUSTERS = ['eu-west-1', 'cluster-0', 'prod', 'staging'];

/** In staging, `orders` no longer runs as UID 1337: the clusters differ. */
function objectsOf(cluster: string): KubeObject[] {
  const objects = clusterObjects();
  if (cluster !== 'staging') return objects;
  return objects.map(object =>
    object.kind === 'Deployment' && object.metadata.name === 'orders'
      ? {
          ...object,
          spec: {
            ...(object.spec as any),
            template: {
              ...(object.spec as any).template,
              spec: {
                containers: (object.spec as any).template.spec.containers,
              },
            },
          },
        }
      : object,
  );
}

const entities = (): Entity[] => [
  serviceEntity('cart', { id: 'cart' }),
  serviceEntity('orders', { id: 'orders' }),
  serviceEntity('billing', { id: 'billing' }),
  serviceEntity('billing-prod', { id: 'billing', cluster: 'prod' }),
  serviceEntity('ghost', { id: 'ghost' }),
  serviceEntity('legacy-batch'),
];

function clustersConfig(apis: Map<string, FakeKubernetesApi>) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [...apis].map(([name, api]) => ({
          name,
          url: api.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: TOKEN,
          skipTLSVerify: true,
        })),
      },
    ],
  };
}

type Task = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

/** A replica: the real plugin in a test backend, its scheduled tasks captured. */
async function startReplica(options: {
  knex: Knex;
  apis: Map<string, FakeKubernetesApi>;
  shards?: number;
}) {
  const tasks: Task[] = [];
  const triggered: string[] = [];
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async task => {
      tasks.push(task);
    }),
    triggerTask: jest.fn(async id => {
      triggered.push(id);
    }),
    createScheduledTaskRunner: jest.fn(() => ({ run: async () => {} })),
  });
  const logger = recordingRootLogger();
  const catalog = catalogServiceMock({ entities: entities() });
  const catalogQuery = jest.spyOn(catalog, 'queryEntities');
  await startTestBackend({
    features: [
      serviceMeshPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: clustersConfig(options.apis),
          serviceMesh: {
            kubernetes: { pageSize: 2 },
            ...(options.shards ? { scan: { shards: options.shards } } : {}),
          },
        },
      }),
      scheduler.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      logger.factory,
    ],
  });
  const run = (id: string, signal = new AbortController().signal) =>
    Promise.resolve(tasks.find(task => task.id === id)!.fn(signal));
  /** Cluster parts each finished run assessed, from its log line. */
  const partsAssessed = () =>
    logger.records
      .map(r => /cluster parts: (\d+) assessed/.exec(r.message)?.[1])
      .filter(Boolean)
      .map(Number);
  /** Reads of the whole catalog so far (first pages asked for). */
  const catalogReads = () =>
    catalogQuery.mock.calls.filter(([request]) => !('cursor' in request!))
      .length;
  return { tasks, triggered, run, partsAssessed, catalogReads };
}

async function runsOf(knex: Knex) {
  return knex('mesh_scan_runs').orderBy('id', 'asc');
}

/** Stored assessments, parts and fingerprints, without the times of the scans. */
async function storedState(knex: Knex) {
  const assessments = await knex('mesh_assessments')
    .select('entity_ref', 'assessment', 'inputs_fingerprint')
    .orderBy('entity_ref');
  const parts = await knex('mesh_assessment_clusters')
    .select(
      'entity_ref',
      'cluster',
      'assessment',
      'inputs_fingerprint',
      'workload_inputs_fingerprint',
    )
    .orderBy(['entity_ref', 'cluster']);
  return {
    assessments: assessments.map(row => {
      const { assessedAt: _at, clusters, ...rest } = JSON.parse(row.assessment);
      return {
        ...rest,
        clusters: clusters.map(({ readAt: _r, ...c }: any) => c),
        fingerprint: row.inputs_fingerprint,
      };
    }),
    parts: parts.map(row => ({
      ...row,
      assessment: JSON.parse(row.assessment),
    })),
  };
}

describe('a scan split into shards of clusters', () => {
  const started: FakeKubernetesApi[] = [];
  const fakeApis = async () => {
    const apis = new Map<string, FakeKubernetesApi>();
    for (const cluster of CLUSTERS) {
      const api = await new FakeKubernetesApi({
        token: TOKEN,
        objects: objectsOf(cluster),
      }).start();
      started.push(api);
      apis.set(cluster, api);
    }
    return apis;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map(api => api.stop()));
  });

  reportSkippedDatabases(skipped);

  it('assigns the test clusters one per shard', () => {
    expect(CLUSTERS.map(name => shardOfCluster(name, 4))).toEqual([0, 1, 2, 3]);
  });

  it.each(ids)(
    'two replicas split the shards: each cluster read once, each part assessed once, the result of one full scan (%s)',
    async id => {
      const knex = await databases.init(id);
      const apis = await fakeApis();
      const one = await startReplica({ knex, apis, shards: 4 });
      const two = await startReplica({ knex, apis, shards: 4 });
      expect(one.tasks.map(task => [task.id, task.scope])).toEqual([
        ['service-mesh-scan', 'global'],
        ['service-mesh-scan-worker', 'local'],
        ['service-mesh-catalog-follow-up', 'global'],
      ]);
      // A slow cluster, so that both replicas are at work at once.
      apis.get('eu-west-1')!.options.faults = {
        '/api/v1/pods': { delayMs: 1000 },
      };

      // The scan asks for every shard and starts on them; the other
      // replica's worker takes the next due shard whenever it is free.
      const round = async () => {
        const scan = one.run('service-mesh-scan');
        await waitFor(
          async () => (await knex('mesh_scan_shards')).length === 8,
        );
        await Promise.all([scan, two.run('service-mesh-scan-worker')]);
      };
      await round();

      const runs = await runsOf(knex);
      // Each shard's clusters once, then each shard's slice of the
      // entities once, merged from the stored parts.
      expect(
        runs
          .map(run => [
            run.shard,
            run.status,
            JSON.parse(run.clusters).map((c: { cluster: string }) => c.cluster),
            run.assessed_count,
          ])
          .sort(),
      ).toEqual([
        ['1/4', 'succeeded', ['eu-west-1'], null],
        ['2/4', 'succeeded', ['cluster-0'], null],
        ['3/4', 'succeeded', ['prod'], null],
        ['4/4', 'succeeded', ['staging'], null],
        ['merge 1/4', 'succeeded', [], expect.any(Number)],
        ['merge 2/4', 'succeeded', [], expect.any(Number)],
        ['merge 3/4', 'succeeded', [], expect.any(Number)],
        ['merge 4/4', 'succeeded', [], expect.any(Number)],
      ]);
      const merges = runs.filter(run => run.shard.startsWith('merge'));
      // Every merge after every cluster.
      const lastCluster = Math.max(
        ...runs
          .filter(run => !run.shard.startsWith('merge'))
          .map(run => new Date(run.finished_at).getTime()),
      );
      for (const merge of merges) {
        expect(new Date(merge.started_at).getTime()).toBeGreaterThanOrEqual(
          lastCluster,
        );
      }
      // Each entity merged once, by the merge of its slice.
      expect(merges.reduce((sum, run) => sum + run.assessed_count, 0)).toBe(
        entities().length,
      );
      // Both replicas did some of it, each piece once.
      expect(new Set(runs.map(run => run.owner)).size).toBe(2);
      expect(
        (await knex('mesh_scan_shards')).filter(
          row => row.claimed_by || !row.done_at,
        ),
      ).toEqual([]);
      // Each cluster read once, by the replica that ran its shard.
      for (const [cluster, api] of apis) {
        expect({
          cluster,
          reads: api.requests.filter(r => r.path === '/api/v1/pods').length,
        }).toEqual({ cluster, reads: 1 });
      }
      // Each part assessed once: cart, orders and billing in every
      // cluster, and billing-prod in prod.
      const assessed = [...one.partsAssessed(), ...two.partsAssessed()];
      expect(assessed.reduce((a, b) => a + b, 0)).toBe(3 * 4 + 1);

      // What one replica scanning everything at once stores, on a fresh
      // database.
      const reference = await databases.init(id);
      const whole = await startReplica({ knex: reference, apis });
      await whole.run('service-mesh-scan');
      expect(await storedState(knex)).toEqual(await storedState(reference));
      const orders = (await storedState(knex)).assessments.find(
        a => a.entity.name === 'orders',
      )!;
      expect(
        orders.clusters.map((c: { cluster: string }) => c.cluster),
      ).toEqual(CLUSTERS);

      // The next round: nothing changed, nothing assessed.
      await round();
      const again = (await runsOf(knex))
        .slice(8)
        .filter(run => run.shard.startsWith('merge'));
      expect(again.map(run => run.assessed_count)).toEqual([0, 0, 0, 0]);
      // Each entity looked at once.
      expect(again.reduce((sum, run) => sum + run.skipped_count, 0)).toBe(
        entities().length,
      );
      expect(
        [...one.partsAssessed(), ...two.partsAssessed()].reduce(
          (a, b) => a + b,
          0,
        ),
      ).toBe(3 * 4 + 1);
    },
  );

  it.each(ids)(
    'one replica alone scans the shards one after the other, each once (%s)',
    async id => {
      const knex = await databases.init(id);
      const apis = await fakeApis();
      const replica = await startReplica({ knex, apis, shards: 4 });
      await replica.run('service-mesh-scan');
      // The pieces of the scan share one read of the catalog.
      expect(replica.catalogReads()).toBe(1);
      const runs = await runsOf(knex);
      expect(runs.map(run => run.shard)).toEqual([
        '1/4',
        '2/4',
        '3/4',
        '4/4',
        'merge 1/4',
        'merge 2/4',
        'merge 3/4',
        'merge 4/4',
      ]);
      for (let i = 1; i < runs.length; i++) {
        expect(new Date(runs[i].started_at).getTime()).toBeGreaterThanOrEqual(
          new Date(runs[i - 1].finished_at).getTime(),
        );
      }
      // Its worker finds nothing left to do.
      await replica.run('service-mesh-scan-worker');
      expect(await runsOf(knex)).toHaveLength(8);
      // The next scan reads the catalog again, once.
      await replica.run('service-mesh-scan');
      expect(replica.catalogReads()).toBe(2);
    },
  );

  describe.each([
    // Dies while it reads staging, its last cluster: the parts of the
    // others are stored.
    ['reads its last cluster', 'read'],
    // Dies once every part is stored, in its first merge.
    ['merges the entities', 'merge'],
  ] as const)(
    'a shard abandoned by a dead replica while it %s',
    (_when, dieAt) => {
      it.each(ids)(
        'is taken over by another replica, which redoes nothing stored (%s)',
        async id => {
          const knex = await databases.init(id);
          const apis = await fakeApis();
          const store = await ServiceMeshStore.create({
            database: mockServices.database({ knex }),
          });
          const hang = () => new Promise<never>(() => {});
          const sourcesOf = (hangOn?: string): ClusterSource[] =>
            [...apis].map(([name, api]) => {
              const source = new KubernetesClusterSource({
                connection: {
                  name,
                  url: api.url,
                  serviceAccountToken: TOKEN,
                  skipTLSVerify: true,
                },
                pageSize: 2,
              });
              return name === hangOn
                ? { name, type: source.type, read: hang }
                : source;
            });
          const replica = (
            owner: string,
            options: {
              sources: ClusterSource[];
              store?: ServiceMeshStore;
              dead?: boolean;
            },
          ) => {
            const logger = mockServices.logger.mock();
            const scanner = new MeshScanner({
              logger,
              auth: mockServices.auth(),
              catalog: catalogServiceMock({ entities: entities() }),
              store: options.store ?? store,
              locateClusters: async () => ({
                sources: options.sources,
                problems: [],
              }),
              scope: { kinds: ['Component'], types: ['service'] },
              knowledgeBase: loadMeshKnowledgeBase(undefined),
              runLease: new ScanRunLease({
                scans: store.scans,
                logger,
                owner,
                // A killed process beats no more; the live one sees that soon.
                ...(options.dead
                  ? { heartbeatIntervalMs: 3_600_000 }
                  : { staleAfterMs: 300 }),
              }),
            });
            const queue = new ShardQueue({
              scanner,
              scans: store.scans,
              logger,
              shards: 2,
              owner,
              ...(options.dead
                ? { heartbeatIntervalMs: 3_600_000 }
                : { staleAfterMs: 300 }),
            });
            return { scanner, queue };
          };
          // The first shard of two holds eu-west-1 and prod, the second
          // cluster-0 and staging.
          expect(CLUSTERS.map(name => shardOfCluster(name, 2))).toEqual([
            0, 1, 0, 1,
          ]);
          const dying = replica('replica-a', {
            dead: true,
            sources: sourcesOf(dieAt === 'read' ? 'staging' : undefined),
            ...(dieAt === 'merge'
              ? {
                  store: new Proxy(store, {
                    get: (target, field) => {
                      if (field === 'saveMerged') return hang;
                      const value = Reflect.get(target, field, target);
                      return typeof value === 'function'
                        ? value.bind(target)
                        : value;
                    },
                  }) as ServiceMeshStore,
                }
              : {}),
          });
          await dying.queue.request();
          void dying.queue.drain();
          // What it stored before it died.
          const clustersDone = dieAt === 'read' ? 3 : 4;
          await waitFor(
            async () =>
              (
                await knex('mesh_clusters').whereNotNull('results_at')
              ).length === clustersDone,
          );
          const partsWritten = async () =>
            (
              await knex('mesh_assessment_clusters')
                .select('entity_ref', 'cluster', 'assessed_at')
                .orderBy(['entity_ref', 'cluster'])
            ).map(row => [
              row.entity_ref,
              row.cluster,
              String(row.assessed_at),
            ]);
          const before = await partsWritten();
          expect(before.length).toBeGreaterThan(0);

          const other = replica('replica-b', { sources: sourcesOf() });
          // The dead replica's claim is taken over once it shows no sign of
          // life for a while (here 300 ms).
          await new Promise(resolve => setTimeout(resolve, 400));
          const summaries = await other.queue.drain();
          // The clusters it died on (read), and the merges of both slices.
          expect(summaries.map(s => s.status)).toEqual(
            dieAt === 'read'
              ? ['succeeded', 'succeeded', 'succeeded']
              : ['succeeded', 'succeeded'],
          );
          const runs = await runsOf(knex);
          const abandoned = runs.filter(run => run.status === 'failed');
          expect(abandoned.map(run => run.owner)).toEqual(['replica-a']);
          expect(abandoned[0].error).toMatch(
            /^Abandoned: no sign of life from instance replica-a/,
          );
          // The parts the dead replica stored were neither assessed nor
          // written again: their clusters were read again, found unchanged.
          expect(
            (await partsWritten()).filter(row =>
              before.some(done => done[0] === row[0] && done[1] === row[1]),
            ),
          ).toEqual(before);
          // Nothing due, nothing claimed.
          expect(
            (await knex('mesh_scan_shards')).filter(
              row => row.claimed_by || !row.done_at,
            ),
          ).toEqual([]);

          // What one full scan stores.
          const reference = await databases.init(id);
          const whole = await startReplica({ knex: reference, apis });
          await whole.run('service-mesh-scan');
          expect(await storedState(knex)).toEqual(await storedState(reference));
          // One process holds one cluster at a time.
          expect(other.scanner.mostClustersAtOnce).toBeLessThanOrEqual(1);
          expect(other.scanner.clustersInMemory()).toBe(0);
        },
      );
    },
  );
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('waited in vain');
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
