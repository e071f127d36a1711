import {
  buildClusterIndex,
  KubeObject,
  listWorkloads,
} from '@meshwise/mesh-engine';
import { demoObjects } from '../__testUtils__/demoCluster';
import { FakeKubernetesApi } from '../__testUtils__/fakeKubernetesApi';
import { countKinds } from '../scanner/plausibility';
import { keptFields, KubernetesClusterSource } from './KubernetesClusterSource';
import { LISTED_KINDS, listKey, listPath } from './listedKinds';
import { ClusterReadError } from './types';

const TOKEN = 'sa-token-for-tests';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function pod(name: string, namespace = 'shop'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: { containers: [{ name: 'app', image: 'shop/app:1' }] },
  };
}

const objects: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  ...Array.from({ length: 7 }, (_, i) => pod(`pod-${i}`)),
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cart', namespace: 'shop' },
    spec: { template: { metadata: { labels: { app: 'cart' } } } },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace: 'shop' },
    spec: { mtls: { mode: 'STRICT' } },
  },
];

describe('KubernetesClusterSource', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({ token: TOKEN, objects }).start();
  });

  afterEach(() => api.stop());

  function source(overrides: { token?: string; timeoutMs?: number } = {}) {
    return new KubernetesClusterSource({
      connection: {
        name: 'prod-eu',
        url: api.url,
        serviceAccountToken: overrides.token ?? TOKEN,
        // The loopback server speaks plain HTTP, which the client only
        // allows with TLS verification off.
        skipTLSVerify: true,
      },
      pageSize: 5,
      podPageSize: 3,
      requestTimeoutMs: overrides.timeoutMs ?? 2_000,
    });
  }

  it('reads every object with one paginated list per kind', async () => {
    const snapshot = await source().read();

    expect(snapshot.cluster).toBe('prod-eu');
    expect(snapshot.objects).toHaveLength(objects.length);
    expect(snapshot.objects).toContainEqual(objects[1]);
    // With the resourceVersion the API server gave it.
    expect(snapshot.objects).toContainEqual({
      ...objects[9],
      metadata: { ...objects[9].metadata, resourceVersion: expect.any(String) },
    });
    // 7 pods in pages of 3: three calls; every other served kind: one,
    // with the page size of the other kinds.
    const podCalls = api.listCalls().filter(p => p === '/api/v1/pods');
    expect(podCalls).toHaveLength(3);
    expect(
      api.requests
        .filter(r => r.path === '/api/v1/pods')
        .map(r => r.query.get('limit')),
    ).toEqual(['3', '3', '3']);
    expect(
      api.requests
        .filter(r => r.path === '/apis/apps/v1/deployments')
        .map(r => r.query.get('limit')),
    ).toEqual(['5']);
    expect(snapshot.stats.listCalls).toBe(api.requests.length);
  });

  it('sizes each page of a list from the bytes per object of the last', async () => {
    // 80 pods of about 5 KB each: a page of 50 is about 250 KB.
    const large = Array.from({ length: 80 }, (_, i) => {
      const object = pod(`large-${i}`);
      object.metadata.annotations = { note: 'x'.repeat(5000) };
      return object;
    });
    await api.stop();
    api = await new FakeKubernetesApi({ token: TOKEN, objects: large }).start();

    const snapshot = await new KubernetesClusterSource({
      connection: {
        name: 'prod-eu',
        url: api.url,
        serviceAccountToken: TOKEN,
        skipTLSVerify: true,
      },
      pageBytes: 100_000,
    }).read();

    expect(snapshot.objects).toHaveLength(80);
    const limits = api.requests
      .filter(r => r.path === '/api/v1/pods')
      .map(r => Number(r.query.get('limit')));
    // The first page learns the size; the next fit in about 100 KB.
    expect(limits[0]).toBe(50);
    expect(limits.length).toBeGreaterThanOrEqual(3);
    for (const limit of limits.slice(1)) {
      expect(limit).toBeGreaterThanOrEqual(15);
      expect(limit).toBeLessThanOrEqual(20);
    }
  });

  it('reads over one connection, closed once the read is done', async () => {
    await source().read();
    // Discovery and every page of every list, one after the other.
    expect(api.requests.length).toBeGreaterThan(10);
    expect(api.counters.connections).toBe(1);

    // The next read opens its own.
    await source().read();
    expect(api.counters.connections).toBe(2);
  });

  it('keeps ReplicaSets of a listed Deployment without their pod template', async () => {
    const template = {
      metadata: { labels: { app: 'cart' } },
      spec: { containers: [{ name: 'cart', image: 'shop/cart:2' }] },
    };
    const replicaSet = (name: string, owner: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: 'shop',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: owner,
            controller: true,
          },
        ],
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'cart' } },
        template,
      },
    });
    await api.stop();
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: [
        ...objects,
        replicaSet('cart-7d4f', 'cart'),
        replicaSet('gone-5c6b', 'gone'),
      ],
    }).start();

    const snapshot = await source().read();

    const byName = new Map(snapshot.objects.map(o => [o.metadata.name, o]));
    expect(byName.get('cart-7d4f')!.spec).toEqual({
      replicas: 2,
      selector: { matchLabels: { app: 'cart' } },
    });
    // Its Deployment is not in the cluster: it stands alone, template kept.
    expect(byName.get('gone-5c6b')!.spec).toEqual(
      expect.objectContaining({ template }),
    );
  });

  it('lists ReplicationControllers (one paginated list) and groups their pods into one workload', async () => {
    const legacyPod = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: 'legacy-',
        namespace: 'shop',
        labels: { app: 'legacy' },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'ReplicationController',
            name: 'legacy',
            controller: true,
          },
        ],
      },
      spec: { containers: [{ name: 'app', image: 'shop/legacy:1' }] },
      status: { phase: 'Running' },
    });
    const controllers = Array.from(
      { length: 6 },
      (_, i): KubeObject => ({
        apiVersion: 'v1',
        kind: 'ReplicationController',
        metadata: {
          name: i === 0 ? 'legacy' : `legacy-${i}`,
          namespace: 'shop',
        },
        spec: {
          selector: { app: i === 0 ? 'legacy' : `legacy-${i}` },
          template: {
            metadata: { labels: { app: i === 0 ? 'legacy' : `legacy-${i}` } },
            spec: { containers: [{ name: 'app', image: 'shop/legacy:1' }] },
          },
        },
      }),
    );
    await api.stop();
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: [
        ...objects,
        ...controllers,
        legacyPod('legacy-x7k2p'),
        legacyPod('legacy-q9m4d'),
      ],
    }).start();

    const snapshot = await source().read();

    // Six in pages of five: two calls of the one list at cluster scope.
    expect(
      api.requests
        .filter(r => r.path === '/api/v1/replicationcontrollers')
        .map(r => r.query.get('limit')),
    ).toEqual(['5', '5']);
    expect(
      api.listCalls().filter(p => p.includes('replicationcontrollers')),
    ).toHaveLength(2);
    const index = buildClusterIndex(snapshot.objects);
    const legacy = listWorkloads(index).find(
      w => w.id === 'ReplicationController/shop/legacy',
    );
    expect(legacy?.pods.map(p => p.name)).toEqual([
      'legacy-x7k2p',
      'legacy-q9m4d',
    ]);
    // The replicas of one controller share one compact spec (compactPod).
    expect(legacy!.pods[0].object.spec).toBe(legacy!.pods[1].object.spec);
  });

  it('keeps reading without ReplicationControllers it may not list, and says which permission is missing', async () => {
    api.options.faults = {
      '/api/v1/replicationcontrollers': { status: 403 },
    };

    const snapshot = await source().read();

    expect(snapshot.objects).toHaveLength(objects.length);
    expect(snapshot.warnings).toEqual([
      expect.objectContaining({
        reason: 'forbidden',
        operation: 'list replicationcontrollers',
      }),
    ]);
  });

  it('lists mesh resources only where the cluster serves them', async () => {
    await source().read();

    const paths = new Set(api.listCalls());
    expect(paths.has('/apis/security.istio.io/v1/peerauthentications')).toBe(
      true,
    );
    expect(paths.has('/apis/appmesh.k8s.aws/v1beta2/virtualnodes')).toBe(false);
    expect(paths.has('/apis/policy.linkerd.io/v1beta3/servers')).toBe(false);
  });

  it('names a rejected token as a credentials problem', async () => {
    const error = await source({ token: 'wrong' })
      .read()
      .catch(e => e);

    expect(error).toBeInstanceOf(ClusterReadError);
    expect(error.problem.reason).toBe('unauthorized');
    expect(error.message).toContain('serviceAccountToken');
    expect(error.message).not.toContain('wrong');
  });

  it('names the missing permission of a forbidden core kind', async () => {
    api.options.faults = {
      '/api/v1/pods': {
        status: 403,
        message:
          'pods is forbidden: User "system:serviceaccount:backstage:meshwise" cannot list resource "pods" in API group "" at the cluster scope',
      },
    };

    const error = await source()
      .read()
      .catch(e => e);

    expect(error.problem).toEqual(
      expect.objectContaining({ reason: 'forbidden', operation: 'list pods' }),
    );
    expect(error.message).toContain('cannot list resource "pods"');
  });

  it('keeps going without an optional kind it may not read', async () => {
    api.options.faults = {
      '/apis/security.istio.io/v1/peerauthentications': { status: 403 },
    };

    const snapshot = await source().read();

    expect(snapshot.objects.some(o => o.kind === 'PeerAuthentication')).toBe(
      false,
    );
    expect(snapshot.warnings).toEqual([
      expect.objectContaining({
        reason: 'forbidden',
        operation: 'list peerauthentications',
      }),
    ]);
  });

  it.each([
    [{ status: 500 as const }, 'server-error'],
    [{ garbage: true as const }, 'malformed-response'],
    [{ delayMs: 1_500 }, 'timeout'],
  ])('reports %j as %s', async (fault, reason) => {
    api.options.faults = { '/apis/apps/v1/deployments': fault };

    const error = await source({ timeoutMs: 500 })
      .read()
      .catch(e => e);

    expect(error).toBeInstanceOf(ClusterReadError);
    expect(error.problem.reason).toBe(reason);
  });

  describe('versions', () => {
    /** Serves the demo cluster instead of the few objects above. */
    async function serveDemo(): Promise<KubeObject[]> {
      const demo = demoObjects();
      api.options.objects = demo;
      return demo;
    }

    it('reads the same versions with metadata-only lists as a full read, for a fraction of the bytes', async () => {
      await serveDemo();

      const bytesBefore = api.counters.bytes;
      const snapshot = await source().read();
      const fullBytes = api.counters.bytes - bytesBefore;
      const fullRequests = api.requests.splice(0);

      const versions = await source().readVersions();
      const versionBytes = api.counters.bytes - bytesBefore - fullBytes;

      expect(snapshot.versions).toBeDefined();
      expect(JSON.stringify(versions)).toBe(JSON.stringify(snapshot.versions));
      expect(versions.kindCounts).toEqual(countKinds(snapshot.objects));
      // The same lists, pages and selectors (pods last); every list
      // metadata-only.
      const calls = (requests: typeof api.requests) =>
        requests.map(r => `${r.path}?${r.query}`).sort();
      expect(calls(api.requests)).toEqual(calls(fullRequests));
      expect(fullRequests.some(r => r.metadataOnly)).toBe(false);
      expect(
        api.requests.filter(r => r.path !== '/apis').every(r => r.metadataOnly),
      ).toBe(true);
      // About a fifth, of manifests without status or managedFields: a live
      // cluster's objects are larger still next to their metadata.
      expect(versionBytes).toBeLessThan(fullBytes / 4);
    });

    it('has one digest per list made, an empty one included, and none for a kind not served', async () => {
      await serveDemo();

      const versions = await source().readVersions();

      const listed = LISTED_KINDS.filter(kind =>
        api.requests.some(
          r =>
            r.path === listPath(kind) &&
            r.query.get('fieldSelector') === (kind.fieldSelector ?? null),
        ),
      );
      expect(Object.keys(versions.lists).sort()).toEqual(
        listed.map(listKey).sort(),
      );
      // No Cilium in the demo: an empty list, with a digest of its own.
      const empty = versions.lists['v1 ConfigMap metadata.name=cilium-config'];
      expect(empty).toEqual(expect.any(String));
      expect(versions.lists['v1 ReplicationController']).toBe(empty);
      expect(versions.lists['v1 Pod']).not.toBe(empty);
      // Neither Consul nor the Gateway API in the demo.
      expect(
        Object.keys(versions.lists).filter(
          key =>
            key.startsWith('consul.hashicorp.com/') ||
            key.startsWith('gateway.networking.k8s.io/'),
        ),
      ).toEqual([]);
      expect(versions.kindCounts).toEqual(
        expect.objectContaining({ ConfigMap: 2, PeerAuthentication: 1 }),
      );
    });

    it('tells a changed object, and only a change', async () => {
      const demo = await serveDemo();
      const before = await source().readVersions();

      // The same objects again, copied: indexed anew, the same versions.
      api.options.objects = copy(demo);
      expect(await source().readVersions()).toEqual(before);

      // One pod's annotation changed: the API server gave it a new
      // resourceVersion.
      const changed = copy(demo);
      const touched = changed.find(o => o.kind === 'Pod')!;
      touched.metadata.annotations = {
        ...touched.metadata.annotations,
        'meshwise.test/touched': 'yes',
      };
      api.options.objects = changed;
      const after = await source().readVersions();
      const snapshot = await source().read();

      expect(after).not.toEqual(before);
      const differing = Object.keys(after.lists).filter(
        key => after.lists[key] !== before.lists[key],
      );
      expect(differing).toEqual(['v1 Pod']);
      expect(after.kindCounts).toEqual(before.kindCounts);
      expect(snapshot.versions).toEqual(after);
    });

    it('stops at the first list that differs from the known versions, pods last', async () => {
      const demo = await serveDemo();
      const known = await source().readVersions();
      const podLists = () =>
        api.requests.filter(r => r.path === '/api/v1/pods').length;

      // Unchanged: every list is read, and the versions are the same.
      api.requests.splice(0);
      expect(await source().readVersions(known)).toEqual(known);
      expect(podLists()).toBeGreaterThan(0);

      // A Deployment changed (its status, say, as a pod restarted): the
      // Deployments' list differs, and no pod is listed.
      const changed = copy(demo);
      const deployment = changed.find(o => o.kind === 'Deployment')!;
      (deployment as { status?: object }).status = { readyReplicas: 1 };
      api.options.objects = changed;
      api.requests.splice(0);
      const after = await source().readVersions(known);
      expect(after).not.toEqual(known);
      expect(podLists()).toBe(0);
      expect(after.lists['apps/v1 Deployment']).not.toBe(
        known.lists['apps/v1 Deployment'],
      );
    });

    it('has none after a read that could not read an optional kind', async () => {
      api.options.faults = {
        '/apis/security.istio.io/v1/peerauthentications': { status: 403 },
      };

      const snapshot = await source().read();

      expect(snapshot.warnings).toHaveLength(1);
      expect(snapshot.versions).toBeUndefined();
      // Without the fault, the same read has them.
      api.options.faults = {};
      expect((await source().read()).versions).toBeDefined();
    });

    it('fails reading versions on any kind it may not read, optional or not', async () => {
      api.options.faults = {
        '/apis/security.istio.io/v1/peerauthentications': { status: 403 },
      };

      const error = await source()
        .readVersions()
        .catch(e => e);

      expect(error).toBeInstanceOf(ClusterReadError);
      expect(error.problem).toEqual(
        expect.objectContaining({
          reason: 'forbidden',
          operation: 'list peerauthentications',
        }),
      );
    });

    it('reads versions over one connection with the same timeouts', async () => {
      await source().readVersions();
      expect(api.counters.connections).toBe(1);

      api.options.faults = { '/api/v1/pods': { delayMs: 1_500 } };
      const error = await source({ timeoutMs: 500 })
        .readVersions()
        .catch(e => e);
      expect(error.problem.reason).toBe('timeout');
    });
  });

  it('reports an unreachable server', async () => {
    const url = api.url;
    await api.stop();

    const error = await new KubernetesClusterSource({
      connection: {
        name: 'gone',
        url,
        serviceAccountToken: TOKEN,
        skipTLSVerify: true,
      },
    })
      .read()
      .catch(e => e);

    expect(error.problem.reason).toBe('unreachable');
  });
});

describe('keptFields', () => {
  it('drops managedFields, the last-applied annotation and status but a pod phase and IP', () => {
    const podKind = LISTED_KINDS.find(k => k.kind === 'Pod')!;
    const kept = keptFields(
      {
        metadata: {
          name: 'cart-1',
          namespace: 'shop',
          managedFields: [{ manager: 'kubectl' }],
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': '{"big":1}',
            'sidecar.istio.io/status': '{}',
          },
        },
        spec: { containers: [{ name: 'app' }] },
        status: {
          phase: 'Running',
          podIP: '10.0.0.7',
          conditions: [{ type: 'Ready' }],
          containerStatuses: [{ name: 'app' }],
        },
      },
      podKind,
    );
    expect(kept).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'cart-1',
        namespace: 'shop',
        annotations: { 'sidecar.istio.io/status': '{}' },
      },
      spec: { containers: [{ name: 'app' }] },
      status: { phase: 'Running', podIP: '10.0.0.7' },
    });

    const deployment = LISTED_KINDS.find(k => k.kind === 'Deployment')!;
    expect(
      keptFields(
        { metadata: { name: 'cart' }, spec: {}, status: { replicas: 3 } },
        deployment,
      ),
    ).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cart' },
      spec: {},
    });
  });
});
