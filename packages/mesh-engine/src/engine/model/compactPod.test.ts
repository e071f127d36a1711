import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assessService } from '../assess/assessService';
import { buildClusterIndex } from '../cluster/clusterIndex';
import { parseManifests } from '../parse/parseManifests';
import { listWorkloads } from '../workloads/listWorkloads';
import {
  compactOwnedReplicaSet,
  compactPod,
  createValueSharing,
} from './compactPod';
import { KubeObject } from './kubeObject';
import { readPodTemplate } from './podSpec';

const DEMO_CLUSTER = resolve(
  __dirname,
  '../../../../../examples/clusters/demo',
);

function demoObjects(): KubeObject[] {
  const files = readdirSync(DEMO_CLUSTER)
    .filter(file => file.endsWith('.yaml'))
    .map(file => ({
      path: file,
      content: readFileSync(join(DEMO_CLUSTER, file), 'utf8'),
    }));
  return parseManifests(files).objects;
}

function replica(name: string, node: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      labels: { app: 'cart', 'pod-template-hash': '7d4f' },
      annotations: {
        'sidecar.istio.io/status': '{"containers":["istio-proxy"]}',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'cart-7d4f',
          controller: true,
        },
      ],
      resourceVersion: `${name}-1`,
    },
    spec: {
      nodeName: node,
      volumes: [
        { name: `kube-api-access-${name}`, projected: { sources: [] } },
      ],
      containers: [
        {
          name: 'cart',
          image: 'shop/cart:1.4',
          ports: [{ containerPort: 8080, name: 'http' }],
          env: [
            { name: 'MODE', value: 'prod' },
            {
              name: 'POD_NAME',
              valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
            },
          ],
          resources: { requests: { cpu: '100m' } },
          volumeMounts: [
            { name: `kube-api-access-${name}`, mountPath: '/var/run' },
          ],
          readinessProbe: { httpGet: { port: 'http', path: '/ready' } },
        },
      ],
      initContainers: [
        {
          name: 'istio-proxy',
          image: 'docker.io/istio/proxyv2:1.24.2',
          restartPolicy: 'Always',
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: `10.0.0.${name.length}`,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'cart', ready: true }],
    },
  };
}

describe('compactPod', () => {
  it('keeps what the engine reads of every demo pod', () => {
    const pods = demoObjects().filter(object => object.kind === 'Pod');
    expect(pods.length).toBeGreaterThan(10);
    for (const pod of pods) {
      const compact = compactPod(pod);
      expect(readPodTemplate(compact, '')).toEqual(readPodTemplate(pod, ''));
      expect(compact.metadata.ownerReferences).toEqual(
        pod.metadata.ownerReferences,
      );
      expect((compact.status as any)?.phase).toEqual(
        (pod.status as any)?.phase,
      );
    }
  });

  it('gives the same assessment of every demo workload as the whole objects', () => {
    const objects = demoObjects();
    const share = createValueSharing();
    const deployments = new Set(
      objects
        .filter(object => object.kind === 'Deployment')
        .map(object => `${object.metadata.namespace}/${object.metadata.name}`),
    );
    const ownedReplicaSet = (object: KubeObject) => {
      const owner = object.metadata.ownerReferences?.[0];
      return (
        object.kind === 'ReplicaSet' &&
        owner?.kind === 'Deployment' &&
        deployments.has(`${object.metadata.namespace}/${owner.name}`)
      );
    };
    expect(objects.filter(ownedReplicaSet).length).toBeGreaterThan(3);
    const whole = buildClusterIndex(objects);
    const compact = buildClusterIndex(
      objects.map(object => {
        if (object.kind === 'Pod') return compactPod(object, share);
        if (ownedReplicaSet(object)) return compactOwnedReplicaSet(object);
        return object;
      }),
    );
    const compactWorkloads = new Map(
      listWorkloads(compact).map(workload => [workload.id, workload]),
    );
    const wholeWorkloads = listWorkloads(whole);
    expect(compactWorkloads.size).toBe(wholeWorkloads.length);
    for (const workload of wholeWorkloads) {
      const other = compactWorkloads.get(workload.id)!;
      expect(other.pods.map(pod => pod.name)).toEqual(
        workload.pods.map(pod => pod.name),
      );
      expect(assessService([other], compact)).toEqual(
        assessService([workload], whole),
      );
    }
  });

  it('drops what differs between replicas and shares the rest', () => {
    const share = createValueSharing();
    const a = compactPod(replica('cart-a', 'node-1'), share);
    const b = compactPod(replica('cart-b', 'node-2'), share);

    expect(a.spec).toBe(b.spec);
    expect(a.metadata.labels).toBe(b.metadata.labels);
    expect(a.metadata.annotations).toBe(b.metadata.annotations);
    // Its metadata without what the engine does not read.
    const { resourceVersion: _, ...metadata } = replica(
      'cart-a',
      'node-1',
    ).metadata;
    expect(a.metadata).toEqual(metadata);
    expect(a.spec).toEqual({
      containers: [
        {
          name: 'cart',
          image: 'shop/cart:1.4',
          ports: [{ containerPort: 8080, name: 'http' }],
          env: [{ name: 'MODE', value: 'prod' }, { name: 'POD_NAME' }],
          readinessProbe: { httpGet: { port: 'http', path: '/ready' } },
        },
      ],
      initContainers: [
        {
          name: 'istio-proxy',
          image: 'docker.io/istio/proxyv2:1.24.2',
          restartPolicy: 'Always',
        },
      ],
    });
    expect(a.status).toEqual({ phase: 'Running', podIP: '10.0.0.6' });
  });

  it('keeps replicas apart when their containers differ (a stale proxy)', () => {
    const share = createValueSharing();
    const stale = replica('cart-b', 'node-2');
    (stale.spec as any).initContainers[0].image =
      'docker.io/istio/proxyv2:1.22.0';
    const a = compactPod(replica('cart-a', 'node-1'), share);
    const b = compactPod(stale, share);
    expect(a.spec).not.toBe(b.spec);
    expect((b.spec as any).initContainers[0].image).toBe(
      'docker.io/istio/proxyv2:1.22.0',
    );
  });

  it('lets the replicas of a workload share one view', () => {
    const share = createValueSharing();
    const index = buildClusterIndex([
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'cart-7d4f', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'cart' } },
          template: { metadata: { labels: { app: 'cart' } }, spec: {} },
        },
      },
      compactPod(replica('cart-a', 'node-1'), share),
      compactPod(replica('cart-b', 'node-2'), share),
    ]);
    const [workload] = listWorkloads(index);
    expect(workload.pods).toHaveLength(2);
    expect(workload.pods[0].view.spec).toBe(workload.pods[1].view.spec);
    expect(workload.pods[0].view.spec.containers[0].env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'POD_NAME', value: undefined },
    ]);
  });
});
