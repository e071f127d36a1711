import { Entity } from '@backstage/catalog-model';
import { KubeObject } from '@meshwise/mesh-engine';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(180_000);
// Wall-clock bounds: another process taking the CPU (a parallel test file, a
// busy CI host) stalls the event loop as surely as the scanner would. A run
// is retried twice; the unsliced scanner fails every run (631 to 819 ms).
jest.retryTimes(2, { logErrorsBeforeRetry: true });

const { databases, ids, skipped } = createStoreTestDatabases();

const ID = 'backstage.io/kubernetes-id';
/** Regions running the same fleet, each a cluster of over a thousand pods. */
const CLUSTERS = ['eu-west', 'eu-north', 'us-east', 'us-west'];
const NAMESPACES = ['shop', 'payments', 'search', 'media', 'identity', 'ops'];
/** Services of the fleet, spread over the namespaces, each with a few pods. */
const SERVICES = 150;
const PODS_PER_SERVICE = 3;
/**
 * One entity selects every pod of these workloads, in every cluster:
 * 2,400 pods.
 */
const PIPELINE_WORKLOADS = 10;
const PIPELINE_PODS_PER_WORKLOAD = 60;
const PIPELINE_SELECTOR = 'app.kubernetes.io/part-of=pipeline';
/**
 * One entity selects this many single-pod workers in one cluster: the
 * engine used to assess them in one call that grew with the square of the
 * workloads (0.6 to 0.8 s here on an idle host).
 */
const BATCH_WORKERS = 800;
const BATCH_SELECTOR = 'app.kubernetes.io/part-of=batch';
const BATCH_CLUSTER = CLUSTERS[0];

const container = {
  name: 'app',
  image: 'acme/app:1',
  ports: [{ name: 'http', containerPort: 8080 }],
};
const sidecar = {
  name: 'istio-proxy',
  image: 'docker.io/istio/proxyv2:1.28.2',
  restartPolicy: 'Always',
};

/**
 * A Deployment, its ReplicaSet, Service and ServiceAccount and `pods` pods
 * owned by the ReplicaSet, as a cluster holds them; pods of an injected
 * namespace carry Istio's native sidecar.
 */
function workload(
  namespace: string,
  name: string,
  pods: number,
  options: { injected: boolean; labels?: Record<string, string> },
): KubeObject[] {
  const labels = { app: name, [ID]: name, ...options.labels };
  const template = {
    metadata: { labels },
    spec: { serviceAccountName: name, containers: [container] },
  };
  const replicaSet = `${name}-5d8f7c`;
  const objects: KubeObject[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, uid: `${namespace}-${name}`, labels },
      spec: {
        replicas: pods,
        selector: { matchLabels: { app: name } },
        template,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: replicaSet,
        namespace,
        uid: `${namespace}-${replicaSet}`,
        labels,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            uid: `${namespace}-${name}`,
            controller: true,
          },
        ],
      },
      spec: { selector: { matchLabels: { app: name } }, template },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels: { [ID]: name } },
      spec: {
        selector: { app: name },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace },
    },
  ];
  for (let i = 0; i < pods; i++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${replicaSet}-${String(i).padStart(5, '0')}`,
        namespace,
        uid: `${namespace}-${name}-pod-${i}`,
        labels: {
          ...labels,
          ...(options.injected ? { 'security.istio.io/tlsMode': 'istio' } : {}),
        },
        ...(options.injected
          ? {
              annotations: {
                'sidecar.istio.io/status':
                  '{"initContainers":["istio-proxy"],"containers":null,"revision":"default"}',
              },
            }
          : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: replicaSet,
            uid: `${namespace}-${replicaSet}`,
            controller: true,
          },
        ],
      },
      spec: {
        serviceAccountName: name,
        ...(options.injected ? { initContainers: [sidecar] } : {}),
        containers: [container],
      },
      status: { phase: 'Running', podIP: `10.${i >> 8}.${i & 255}.7` },
    });
  }
  return objects;
}

/**
 * The fleet of each cluster: 150 services over six namespaces (half of them
 * Istio-injected with strict mTLS), a `pipeline` namespace of 10
 * Deployments with 60 pods each, all selected by one entity, and a `batch`
 * namespace of 800 single-pod workers, selected by one entity in one
 * cluster.
 */
function fleet(): { objects: KubeObject[]; entities: Entity[] } {
  const objects: KubeObject[] = [];
  const entities: Entity[] = [];
  const injected = (namespace: string) =>
    NAMESPACES.indexOf(namespace) % 2 === 0;
  for (const namespace of [...NAMESPACES, 'pipeline', 'batch']) {
    const meshed = namespace === 'pipeline' || injected(namespace);
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: meshed ? { 'istio-injection': 'enabled' } : {},
      },
    });
    if (meshed) {
      objects.push({
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace },
        spec: { mtls: { mode: 'STRICT' } },
      });
    }
  }
  for (let i = 0; i < SERVICES; i++) {
    const namespace = NAMESPACES[i % NAMESPACES.length];
    const name = `svc-${String(i).padStart(3, '0')}`;
    objects.push(
      ...workload(namespace, name, PODS_PER_SERVICE, {
        injected: injected(namespace),
      }),
    );
    entities.push(serviceEntity(name, { id: name }));
  }
  for (let i = 0; i < PIPELINE_WORKLOADS; i++) {
    objects.push(
      ...workload('pipeline', `stage-${i}`, PIPELINE_PODS_PER_WORKLOAD, {
        injected: true,
        labels: { 'app.kubernetes.io/part-of': 'pipeline' },
      }),
    );
  }
  const pipeline = serviceEntity('pipeline');
  pipeline.metadata.annotations!['backstage.io/kubernetes-label-selector'] =
    PIPELINE_SELECTOR;
  entities.push(pipeline);
  for (let i = 0; i < BATCH_WORKERS; i++) {
    objects.push(
      ...workload('batch', `worker-${String(i).padStart(4, '0')}`, 1, {
        injected: false,
        labels: { 'app.kubernetes.io/part-of': 'batch' },
      }),
    );
  }
  const batch = serviceEntity('batch-workers', { cluster: BATCH_CLUSTER });
  batch.metadata.annotations!['backstage.io/kubernetes-label-selector'] =
    BATCH_SELECTOR;
  entities.push(batch);
  return { objects, entities };
}

/** Latencies of `/health`, asked one after the other while `more()` holds. */
async function pollHealth(
  server: Parameters<typeof request>[0],
  more: () => boolean,
): Promise<{ p50: number; p95: number; max: number; count: number }> {
  const latencies: number[] = [];
  while (more()) {
    const sent = performance.now();
    const { status } = await request(server).get('/api/service-mesh/health');
    latencies.push(performance.now() - sent);
    if (status !== 200) throw new Error(`/health answered ${status}`);
  }
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.floor((sorted.length - 1) * q)];
  return {
    p50: at(0.5),
    p95: at(0.95),
    max: sorted[sorted.length - 1],
    count: sorted.length,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Issue 13: `/health` keeps answering within 100 ms all through a scan of
 * Kubernetes clusters of over two thousand pods each, read through the real
 * client from the loopback API server, with one entity selecting 2,400 pods
 * across the clusters and one selecting 800 workloads in one cluster. The
 * scanner works in slices of a few milliseconds (a cluster's objects indexed
 * a few hundred at a time, its workloads built a controller or pod at a
 * time, each entity assessed a workload at a time, batches of writes) with
 * requests served in between. See the Reliability section of the README
 * for what still runs whole.
 */
describe('scanning large Kubernetes clusters', () => {
  const { objects, entities } = fleet();
  let api: FakeKubernetesApi;

  beforeAll(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects,
      recordRequests: false,
    }).start();
    // The fake server runs in this process and serialises its objects at
    // the first list: done here, it is not counted as the scanner's stall.
    const warmUp = await request(api.url)
      .get('/api/v1/pods?limit=1')
      .set('Authorization', `Bearer ${TOKEN}`);
    if (warmUp.status !== 200) throw new Error(`warm-up: ${warmUp.status}`);
  });
  afterAll(() => api.stop());

  reportSkippedDatabases(skipped);

  it.each(ids)(
    'keeps /health answering all through the scan, between slices of work (%s)',
    async id => {
      const backend = await startScanBackend({
        knex: await databases.init(id),
        api,
        entities,
        config: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                // One API server answers for every region: the same fleet.
                clusters: CLUSTERS.map(name => ({
                  name,
                  url: api.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: TOKEN,
                  skipTLSVerify: true,
                })),
              },
            ],
          },
        },
      });

      // Without a scan, for comparison: the host may be busy.
      let asked = 0;
      const idle = await pollHealth(backend.server, () => asked++ < 40);

      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      let scanning = true;
      const scan = backend.scan().finally(() => {
        scanning = false;
      });
      const during = await pollHealth(backend.server, () => scanning);
      await scan;
      const wallMs = performance.now() - started;
      delay.disable();
      // For the record: how long the scan took and the event loop was held.
      process.stdout.write(
        `[eventLoop ${id}] scan ${Math.round(wallMs)} ms; ${
          during.count
        } /health answers during it: p50 ${ms(during.p50)}, p95 ${ms(
          during.p95,
        )}, max ${ms(during.max)}; longest event-loop stall ${ms(
          delay.max / 1e6,
        )}; without a scan: p50 ${ms(idle.p50)}, p95 ${ms(idle.p95)}\n`,
      );

      // The scan did the work: every service, in every cluster.
      const { body: scans } = await backend.get('/scans');
      expect(scans.items[0]).toMatchObject({
        status: 'succeeded',
        entityCount: SERVICES + 2,
        assessedCount: SERVICES + 2,
      });
      expect(scans.items[0].clusters).toHaveLength(CLUSTERS.length);
      const { body: pipeline } = await backend.get(
        '/entities/component/default/pipeline/assessment',
      );
      const pipelinePods =
        CLUSTERS.length * PIPELINE_WORKLOADS * PIPELINE_PODS_PER_WORKLOAD;
      expect(pipeline.assessment.coverage).toMatchObject({
        totalWorkloads: CLUSTERS.length * PIPELINE_WORKLOADS,
        totalPods: pipelinePods,
        meshedPods: pipelinePods,
      });
      expect(pipeline.stage).toBe('secured');
      const { body: batch } = await backend.get(
        '/entities/component/default/batch-workers/assessment',
      );
      expect(batch.assessment.coverage).toMatchObject({
        totalWorkloads: BATCH_WORKERS,
        totalPods: BATCH_WORKERS,
      });
      expect(batch.clusters.map((c: { cluster: string }) => c.cluster)).toEqual(
        [BATCH_CLUSTER],
      );
      const { body: plain } = await backend.get(
        '/entities/component/default/svc-001/assessment',
      );
      expect(plain.assessment.coverage.totalPods).toBe(
        CLUSTERS.length * PODS_PER_SERVICE,
      );

      // Polled all through the scan: the 100 ms for 95% of answers.
      // The slowest guards the slicing: before it the engine assessed the
      // 800 workloads in one call, stalling 0.6 to 0.8 s here; sliced, the
      // slowest answer took 35 to 60 ms with the host idle and up to about
      // 110 ms with the host loaded (load 5 on two cores), a GC pause (up to
      // 35 ms with this heap) included.
      expect(during.count).toBeGreaterThan(20);
      expect(during.p95).toBeLessThan(100);
      expect(during.max).toBeLessThan(300);
    },
  );
});
