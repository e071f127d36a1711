import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { KubeObject } from '@meshwise/mesh-engine';
import { Knex } from 'knex';
import request from 'supertest';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { growingCatalog } from './__testUtils__/growingCatalog';
import { recordingRootLogger } from './__testUtils__/recordingRootLogger';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const entities = (): Entity[] => [
  serviceEntity('cart', { id: 'cart', owner: 'group:default/shop-team' }),
  serviceEntity('orders', { id: 'orders', owner: 'group:default/backoffice' }),
  serviceEntity('billing', {
    id: 'billing',
    owner: 'group:default/backoffice',
  }),
  // No workload anywhere, and no Kubernetes annotation at all.
  serviceEntity('ghost', { id: 'ghost' }),
  serviceEntity('legacy-batch'),
];

type Row = { entity_ref: string; assessment: string; fingerprint: string };

/** The stored assessments by entity, as stored (JSON text) and with their fingerprints. */
async function stored(knex: Knex): Promise<Map<string, Row>> {
  const rows: Row[] = await knex('mesh_assessments')
    .select('entity_ref', 'assessment', {
      fingerprint: 'inputs_fingerprint',
    })
    .orderBy('entity_ref');
  return new Map(rows.map(row => [row.entity_ref, row]));
}

/** Each cluster part, with its fingerprints, by `entity@cluster`. */
async function storedParts(knex: Knex) {
  const rows: {
    entity_ref: string;
    cluster: string;
    assessment: string;
    inputs_fingerprint: string | null;
    workload_inputs_fingerprint: string | null;
  }[] = await knex('mesh_assessment_clusters').orderBy([
    'entity_ref',
    'cluster',
  ]);
  return Object.fromEntries(
    rows.map(row => [
      `${row.entity_ref}@${row.cluster}`,
      {
        assessment: JSON.parse(row.assessment),
        byNamespace: row.inputs_fingerprint,
        byWorkload: row.workload_inputs_fingerprint,
      },
    ]),
  );
}

/** An assessment without the times of the scan that computed it. */
function content(json: string) {
  const { assessedAt: _at, clusters, ...rest } = JSON.parse(json);
  return {
    ...rest,
    clusters: clusters.map(({ readAt: _read, ...c }: { readAt: string }) => c),
  };
}

const ORDERS_POD_UID = 'orders-pod-uid';

/** `clusterObjects()` with a running pod of `orders`, its labels given. */
function objectsWith(
  change: (objects: KubeObject[]) => KubeObject[] = o => o,
): KubeObject[] {
  return change([
    ...clusterObjects(),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'orders-5c8d-x1',
        namespace: 'backoffice',
        uid: ORDERS_POD_UID,
        labels: {
          app: 'orders',
          version: 'v1',
          'backstage.io/kubernetes-id': 'orders',
        },
      },
      spec: {
        securityContext: { runAsUser: 1337 },
        containers: [{ name: 'app', image: 'acme/app:1' }],
      },
      status: { phase: 'Running', podIP: '10.0.0.7' },
    },
  ]);
}

/**
 * Work proportional to change: an entity whose inputs (the cluster objects
 * that can affect it, its catalog configuration, the scanner's
 * configuration, the engine version) are unchanged since its stored
 * assessment is not assessed again; what changed is, and the results equal
 * those of a full assessment.
 */
describe('a scan skips entities whose inputs are unchanged', () => {
  const apis: FakeKubernetesApi[] = [];
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.stop()));
  });

  reportSkippedDatabases(skipped);

  async function start(
    id: Parameters<typeof databases.init>[0],
    objects: KubeObject[],
    catalogEntities: Entity[] = entities(),
    serviceMesh: object = {},
  ) {
    const knex = await databases.init(id);
    const api = await new FakeKubernetesApi({ token: TOKEN, objects }).start();
    apis.push(api);
    const catalog = growingCatalog(catalogEntities);
    const logger = recordingRootLogger();
    const backend = await startScanBackend({
      knex,
      api,
      entities: [],
      catalog: catalog.catalog,
      extraFeatures: [logger.factory],
      config: {
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
        serviceMesh: { kubernetes: { pageSize: 2 }, ...serviceMesh },
      },
    });
    const call = (method: 'get' | 'post', path: string) =>
      request(backend.server)
        [method](`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.user.header());
    const lastRun = async () => (await call('get', '/scans')).body.items[0];
    const scanLog = () =>
      logger.records
        .filter(r => /^Scan \d+ (succeeded|partial)/.test(r.message))
        .map(r =>
          r.message.replace(/^Scan \d+ /, '').replace(/ in \d+ ms/, ''),
        );
    return { knex, api, catalog, backend, call, lastRun, scanLog };
  }

  /** What a scan from scratch (new database, nothing stored) stores for the same inputs. */
  async function fullAssessment(
    id: Parameters<typeof databases.init>[0],
    objects: KubeObject[],
    catalogEntities: Entity[],
  ) {
    const fresh = await start(id, objects, catalogEntities);
    await fresh.backend.scan();
    expect(await fresh.lastRun()).toEqual(
      expect.objectContaining({ assessedCount: 5, skippedCount: 0 }),
    );
    return fresh;
  }

  async function expectSameAsFullAssessment(
    id: Parameters<typeof databases.init>[0],
    knex: Knex,
    objects: KubeObject[],
    catalogEntities: Entity[],
  ) {
    const full = await fullAssessment(id, objects, catalogEntities);
    const incremental = await stored(knex);
    const reference = await stored(full.knex);
    expect([...incremental.keys()]).toEqual([...reference.keys()]);
    for (const [ref, row] of reference) {
      expect(content(incremental.get(ref)!.assessment)).toEqual(
        content(row.assessment),
      );
      // The same inputs give the same fingerprints in another process.
      expect(incremental.get(ref)!.fingerprint).toBe(row.fingerprint);
    }
    expect(await storedParts(knex)).toEqual(await storedParts(full.knex));
  }

  it.each(ids)(
    'skips an unchanged cluster, re-assesses exactly the entity whose workload changed, and matches a full assessment (%s)',
    async id => {
      const { knex, api, backend, lastRun, scanLog, catalog } = await start(
        id,
        objectsWith(),
      );
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({
          entityCount: 5,
          assessedCount: 5,
          skippedCount: 0,
        }),
      );
      const first = await stored(knex);
      expect([...first.values()].every(row => row.fingerprint)).toBe(true);
      const firstParts = await storedParts(knex);
      expect(Object.keys(firstParts)).toEqual([
        'component:default/billing@prod',
        'component:default/cart@prod',
        'component:default/orders@prod',
      ]);

      // Nothing changed: nothing assessed, nothing written.
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          entityCount: 5,
          assessedCount: 0,
          skippedCount: 5,
        }),
      );
      expect(await stored(knex)).toEqual(first);
      expect(scanLog()).toEqual([
        'succeeded: 5 of 5 entities assessed, 0 (0.0%) unchanged and skipped, from 1 clusters (cluster parts: 3 assessed, 1 unchanged)',
        'succeeded: 0 of 5 entities assessed, 5 (100.0%) unchanged and skipped, from 1 clusters (cluster parts: 0 assessed, 4 unchanged)',
      ]);

      // A label of one pod of `orders` changes: only `orders` is assessed,
      // not `billing`, whose workloads are in the same namespace.
      const relabelled = objectsWith(objects =>
        objects.map(object =>
          object.metadata.uid === ORDERS_POD_UID
            ? {
                ...object,
                metadata: {
                  ...object.metadata,
                  labels: { ...object.metadata.labels, version: 'v2' },
                },
              }
            : object,
        ),
      );
      api.options.objects = relabelled;
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 1, skippedCount: 4 }),
      );
      const second = await stored(knex);
      /** What changed of each stored row since the first scan. */
      const changes = Object.fromEntries(
        [...second].map(([ref, row]) => {
          const was = first.get(ref)!;
          return [
            ref,
            (['assessment', 'fingerprint'] as const)
              .filter(field => row[field] !== was[field])
              .join(','),
          ];
        }),
      );
      expect(changes).toEqual({
        'component:default/orders': 'assessment,fingerprint',
        // Not assessed, nor written: its workloads are what they were.
        'component:default/billing': '',
        'component:default/cart': '',
        'component:default/ghost': '',
        'component:default/legacy-batch': '',
      });
      const parts = await storedParts(knex);
      const billing = 'component:default/billing@prod';
      expect(parts[billing].assessment).toEqual(firstParts[billing].assessment);
      expect(parts[billing].byWorkload).toBe(firstParts[billing].byWorkload);
      // Its namespace changed: noted, so that the next scan finds it
      // unchanged without building any workload.
      expect(parts[billing].byNamespace).not.toBe(
        firstParts[billing].byNamespace,
      );
      await expectSameAsFullAssessment(id, knex, relabelled, catalog.entities);

      // The pod template of the orders Deployment changes: `orders` only.
      const fixed = relabelled.map(object =>
        object.kind === 'Deployment' && object.metadata.name === 'orders'
          ? {
              ...object,
              spec: {
                ...(object.spec as object),
                template: {
                  ...(object.spec as any).template,
                  spec: {
                    ...(object.spec as any).template.spec,
                    securityContext: { runAsUser: 1000 },
                  },
                },
              },
            }
          : object,
      );
      api.options.objects = fixed;
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 1, skippedCount: 4 }),
      );
      await expectSameAsFullAssessment(id, knex, fixed, catalog.entities);
    },
  );

  it.each(ids)(
    'a mesh policy changes every result of its cluster, an unselected namespace none, an entity its own (%s)',
    async id => {
      const { knex, api, backend, lastRun, catalog } = await start(
        id,
        objectsWith(),
      );
      await backend.scan();

      // A workload no entity selects, in a namespace of its own.
      const withTools = objectsWith(objects => [
        ...objects,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tools' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'debug', namespace: 'tools' },
          spec: {
            selector: { matchLabels: { app: 'debug' } },
            template: {
              metadata: { labels: { app: 'debug' } },
              spec: { containers: [{ name: 'debug', image: 'busybox' }] },
            },
          },
        },
      ]);
      api.options.objects = withTools;
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 0, skippedCount: 5 }),
      );

      // A PeerAuthentication may apply to any workload of the cluster: every
      // entity with workloads there is assessed again; `ghost` (no
      // workload) and `legacy-batch` (no annotation) are not.
      const permissive = withTools.map(object =>
        object.kind === 'PeerAuthentication'
          ? { ...object, spec: { mtls: { mode: 'PERMISSIVE' } } }
          : object,
      );
      api.options.objects = permissive;
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 3, skippedCount: 2 }),
      );
      const { body: cart } = await request(backend.server)
        .get('/api/service-mesh/entities/component/default/cart/assessment')
        .set('Authorization', mockCredentials.user.header());
      expect(cart.stage).toBe('meshed');
      await expectSameAsFullAssessment(id, knex, permissive, catalog.entities);

      // The catalog entity's own configuration is an input too.
      catalog.entities[2] = serviceEntity('billing', {
        id: 'billing',
        owner: 'group:default/payments',
      });
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 1, skippedCount: 4 }),
      );
      const { body: billing } = await request(backend.server)
        .get('/api/service-mesh/entities/component/default/billing/assessment')
        .set('Authorization', mockCredentials.user.header());
      expect(billing.entity.owner).toBe('group:default/payments');
      await expectSameAsFullAssessment(id, knex, permissive, catalog.entities);
    },
  );

  it.each(ids)(
    'closes the task of a skipped entity that reached its target, and refreshes assess anyway (%s)',
    async id => {
      const { backend, call, lastRun } = await start(id, objectsWith());
      await backend.scan();
      const { body: task } = await call('post', '/tasks').send({
        entityRef: 'component:default/cart',
        target: 'istio-sidecar',
      });
      expect(task.status).toBe('open');

      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 0, skippedCount: 5 }),
      );
      const { body: done } = await call('get', `/tasks/${task.id}`);
      expect(done).toEqual(
        expect.objectContaining({
          status: 'done',
          resolution: expect.stringContaining('secured on Istio (sidecar)'),
        }),
      );

      // A refresh is asked for: it assesses, changed or not.
      const before = (
        await call('get', '/entities/component/default/cart/assessment')
      ).body.assessedAt;
      await new Promise(resolve => setTimeout(resolve, 5));
      const refreshed = await call(
        'post',
        '/entities/component/default/cart/refresh',
      );
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.assessedAt > before).toBe(true);
    },
  );

  it.each(ids)(
    'says when a skipped entity was last checked: checkedAt, later than assessedAt (%s)',
    async id => {
      const { backend, call, lastRun, knex } = await start(id, objectsWith());
      const path = '/entities/component/default/cart/assessment';
      await backend.scan();
      const first = await call('get', path);
      expect(first.status).toBe(200);
      // Just assessed: checked then, nothing to add.
      expect(first.body).not.toHaveProperty('checkedAt');

      await new Promise(resolve => setTimeout(resolve, 5));
      const before = new Date();
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 0, skippedCount: 5 }),
      );
      const second = await call('get', path);
      expect(second.status).toBe(200);
      // The stored assessment, as it was, and when this scan checked it.
      expect(second.body.assessedAt).toBe(first.body.assessedAt);
      expect(second.body.clusters).toEqual(first.body.clusters);
      expect(typeof second.body.checkedAt).toBe('string');
      expect(Date.parse(second.body.checkedAt)).toBeGreaterThan(
        Date.parse(second.body.assessedAt),
      );
      expect(Date.parse(second.body.checkedAt)).toBeGreaterThanOrEqual(
        before.getTime() - 1000,
      );
      expect(second.body).toEqual({
        ...first.body,
        checkedAt: second.body.checkedAt,
      });
      // Every skipped entity is marked, not only the one read.
      const unmarked = await knex('mesh_assessments')
        .where(inner =>
          inner
            .whereNull('checked_at')
            .orWhere('checked_at', '<=', new Date(first.body.assessedAt)),
        )
        .count({ count: '*' });
      expect(Number(unmarked[0].count)).toBe(0);

      // Assessed again: checked then, so no later check to tell of.
      await new Promise(resolve => setTimeout(resolve, 5));
      expect(
        (await call('post', '/entities/component/default/cart/refresh')).status,
      ).toBe(200);
      const refreshed = await call('get', path);
      expect(refreshed.body.assessedAt > second.body.checkedAt).toBe(true);
      expect(refreshed.body).not.toHaveProperty('checkedAt');
    },
  );

  it.each(ids)(
    'assesses an unchanged entity again once its assessment is older than reassessUnchangedAfter (%s)',
    async id => {
      const { backend, lastRun, scanLog } = await start(
        id,
        objectsWith(),
        entities(),
        { scan: { reassessUnchangedAfter: { milliseconds: 1 } } },
      );
      await backend.scan();
      await new Promise(resolve => setTimeout(resolve, 5));
      await backend.scan();
      // Nothing changed, but every part and entity is older than allowed.
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 5, skippedCount: 0 }),
      );
      expect(scanLog()[1]).toContain('cluster parts: 3 assessed');
    },
  );
  it.each(ids)(
    'reads only the versions of an unchanged cluster, and the whole cluster again once one object or selector changes (%s)',
    async id => {
      const { knex, api, backend, call, lastRun, scanLog, catalog } =
        await start(id, objectsWith());
      /** The list calls of the next scan: full lists, and metadata-only ones. */
      const listsOf = async () => {
        api.requests.splice(0);
        await backend.scan();
        const lists = api.requests.filter(r => r.path !== '/apis');
        return {
          full: lists.filter(r => !r.metadataOnly).length,
          metadataOnly: lists.filter(r => r.metadataOnly).length,
        };
      };
      const first = await listsOf();
      expect(first.metadataOnly).toBe(0);
      const { body: before } = await call('get', '/clusters');
      const partsBefore = await storedParts(knex);

      // Nothing changed: the objects' versions are those of the last read.
      const unchanged = await listsOf();
      expect(unchanged).toEqual({ full: 0, metadataOnly: first.full });
      expect(await lastRun()).toEqual(
        expect.objectContaining({
          status: 'succeeded',
          assessedCount: 0,
          skippedCount: 5,
        }),
      );
      expect(scanLog()[1]).toContain('cluster parts: 0 assessed, 4 unchanged');
      expect(await storedParts(knex)).toEqual(partsBefore);
      // The cluster counts as read now, with what it holds.
      const { body: after } = await call('get', '/clusters');
      expect(after.items[0]).toEqual(
        expect.objectContaining({
          cluster: 'prod',
          status: 'ok',
          objectCount: before.items[0].objectCount,
        }),
      );
      expect(after.items[0].lastReadAt > before.items[0].lastReadAt).toBe(true);

      // Only the status of one pod changes: its version moves, so the
      // cluster is read in full; nothing the assessment reads changed.
      api.options.objects = objectsWith(objects =>
        objects.map(object =>
          object.metadata.uid === ORDERS_POD_UID
            ? {
                ...object,
                status: {
                  ...(object.status as object),
                  containerStatuses: [{ name: 'app', restartCount: 1 }],
                },
              }
            : object,
        ),
      );
      expect((await listsOf()).full).toBe(first.full);
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 0, skippedCount: 5 }),
      );
      // And that read's versions are the ones compared against next.
      expect(await listsOf()).toEqual({ full: 0, metadataOnly: first.full });

      // An entity's selector changes, the cluster does not: its part needs
      // the objects, so the cluster is read in full.
      catalog.entities[2] = serviceEntity('billing', {
        id: 'orders',
        owner: 'group:default/backoffice',
      });
      const reselected = await listsOf();
      expect(reselected.full).toBe(first.full);
      expect(await lastRun()).toEqual(
        expect.objectContaining({ assessedCount: 1, skippedCount: 4 }),
      );
      await expectSameAsFullAssessment(
        id,
        knex,
        api.options.objects,
        catalog.entities,
      );
    },
  );

  it.each(ids)(
    'keeps the stored parts when neither the versions nor the objects of a cluster can be read (%s)',
    async id => {
      const { knex, api, backend, call, lastRun } = await start(
        id,
        objectsWith(),
      );
      await backend.scan();
      const partsBefore = await storedParts(knex);
      api.options.faults = { '/api/v1/pods': { status: 503 } };
      await backend.scan();
      expect(await lastRun()).toEqual(
        expect.objectContaining({ status: 'partial' }),
      );
      const { body } = await call('get', '/clusters');
      expect(body.items[0]).toEqual(
        expect.objectContaining({ cluster: 'prod', status: 'stale' }),
      );
      expect(await storedParts(knex)).toEqual(partsBefore);
    },
  );
});
