import {
  deployment,
  detect,
  indexFromYaml,
  service,
  workloadById,
} from '../__testUtils__/manifests';
import { listWorkloads } from './listWorkloads';

/** A live pod; `owner` is `Kind/name` of its controller. */
const pod = (
  name: string,
  labels: Record<string, string>,
  owner?: string,
  phase = 'Running',
) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    ...(owner ? [`  generateName: ${owner.split('/')[1]}-`] : []),
    '  namespace: shop',
    `  labels: ${JSON.stringify(labels)}`,
    ...(owner
      ? [
          '  ownerReferences:',
          `  - {kind: ${owner.split('/')[0]}, name: ${
            owner.split('/')[1]
          }, controller: true}`,
        ]
      : []),
    'spec:',
    '  containers: [{name: app, image: x, ports: [{containerPort: 8080}]}]',
    `status: {phase: ${phase}}`,
  ].join('\n');

const ids = (index: ReturnType<typeof indexFromYaml>) =>
  listWorkloads(index)
    .map(workload => workload.id)
    .sort();

describe('listWorkloads: ReplicationController', () => {
  // A ReplicationController's selector is a plain map, not a LabelSelector.
  const index = indexFromYaml(
    [
      'apiVersion: v1',
      'kind: ReplicationController',
      'metadata: {name: legacy, namespace: shop, labels: {tier: old}}',
      'spec:',
      '  replicas: 2',
      '  selector: {app: legacy}',
      '  template:',
      '    metadata: {labels: {app: legacy, version: v1}}',
      '    spec: {containers: [{name: app, image: legacy:1}]}',
    ].join('\n'),
    pod(
      'legacy-x7k2p',
      { app: 'legacy', version: 'v1' },
      'ReplicationController/legacy',
    ),
    // Owned by nothing, matched by the controller's map selector.
    pod('legacy-manual', { app: 'legacy' }),
    service('legacy', 'shop', { app: 'legacy' }, '- {port: 80, name: http}'),
  );

  it('is a workload with its template, its Services and its pods', () => {
    expect(ids(index)).toEqual(['ReplicationController/shop/legacy']);
    const legacy = workloadById(index, 'ReplicationController/shop/legacy');
    expect(legacy.template.path).toBe('spec.template');
    expect(legacy.template.labels).toEqual({ app: 'legacy', version: 'v1' });
    expect(legacy.labels).toEqual({ tier: 'old' });
    expect(legacy.services.map(s => s.name)).toEqual(['legacy']);
    expect(legacy.pods.map(p => p.name)).toEqual([
      'legacy-x7k2p',
      'legacy-manual',
    ]);
  });

  it('selects by its map selector, or by the template labels when it has none', () => {
    const legacy = workloadById(index, 'ReplicationController/shop/legacy');
    expect(legacy.selector?.requirements).toEqual([
      { key: 'app', operator: 'In', values: ['legacy'] },
    ]);
    const defaulted = indexFromYaml(
      'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: bare, namespace: shop}\nspec:\n  template: {metadata: {labels: {app: bare}}, spec: {containers: [{name: app, image: x}]}}',
      pod('bare-by-label', { app: 'bare' }),
    );
    const bare = workloadById(defaulted, 'ReplicationController/shop/bare');
    expect(bare.selector).toBeUndefined();
    expect(bare.pods.map(p => p.name)).toEqual(['bare-by-label']);
  });
});

describe('listWorkloads: pods whose owner is not in the input', () => {
  const index = indexFromYaml(
    deployment({ name: 'cart' }),
    // Replicas of a ReplicaSet (and so of a Deployment) that are both absent.
    pod(
      'web-5d8f-a1',
      { app: 'web', 'pod-template-hash': '5d8f' },
      'ReplicaSet/web-5d8f',
    ),
    pod(
      'web-5d8f-b2',
      { app: 'web', 'pod-template-hash': '5d8f' },
      'ReplicaSet/web-5d8f',
    ),
    // The next revision of the same Deployment: another ReplicaSet.
    pod(
      'web-77aa-c3',
      { app: 'web', 'pod-template-hash': '77aa' },
      'ReplicaSet/web-77aa',
    ),
    pod('db-0', { app: 'db' }, 'StatefulSet/db'),
    pod('legacy-q9', { app: 'legacy' }, 'ReplicationController/legacy'),
    // Finished: no longer a running workload.
    pod('report-1-zz', { job: 'report' }, 'Job/report-1', 'Succeeded'),
    // Adopted by the Deployment in the input, whose selector matches it.
    pod('cart-9f-x', { app: 'cart' }, 'ReplicaSet/cart-9f'),
    // A controller the engine does not model.
    pod('etcd-node-1', { component: 'etcd' }, 'Node/node-1'),
    service(
      'web',
      'shop',
      { app: 'web' },
      '- {port: 80, name: http, targetPort: 8080}',
    ),
  );

  it('counts them as one workload per owner reference', () => {
    expect(ids(index)).toEqual([
      'Deployment/shop/cart',
      'ReplicaSet/shop/web-5d8f',
      'ReplicaSet/shop/web-77aa',
      'ReplicationController/shop/legacy',
      'StatefulSet/shop/db',
    ]);
    expect(
      workloadById(index, 'ReplicaSet/shop/web-5d8f').pods.map(p => p.name),
    ).toEqual(['web-5d8f-a1', 'web-5d8f-b2']);
    expect(
      workloadById(index, 'Deployment/shop/cart').pods.map(p => p.name),
    ).toEqual(['cart-9f-x']);
  });

  it('reads the stand-in from its first pod: template, labels, Services', () => {
    const web = workloadById(index, 'ReplicaSet/shop/web-5d8f');
    expect(web).toMatchObject({
      kind: 'ReplicaSet',
      namespace: 'shop',
      name: 'web-5d8f',
      labels: { app: 'web', 'pod-template-hash': '5d8f' },
    });
    expect(web.object.metadata.name).toBe('web-5d8f-a1');
    // The template is the pod itself, so its fields are the pod's paths.
    expect(web.template.path).toBe('');
    expect(web.template.spec.containers.map(c => c.name)).toEqual(['app']);
    expect(web.services.map(s => s.name)).toEqual(['web']);
    expect(web.selector).toBeUndefined();
  });
});

describe('detectMesh on a controller known only by its pods', () => {
  it('counts the pods as pods, not as a pod template', () => {
    const meshedPod = (name: string) =>
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        `  name: ${name}`,
        '  namespace: shop',
        '  labels: {app: web}',
        `  annotations: {sidecar.istio.io/status: '{"containers":["istio-proxy"]}'}`,
        '  ownerReferences: [{kind: ReplicaSet, name: web-5d8f, controller: true}]',
        'spec:',
        '  containers: [{name: app, image: x}, {name: istio-proxy, image: docker.io/istio/proxyv2:1.27.0}]',
        'status: {phase: Running}',
      ].join('\n');
    const index = indexFromYaml(
      meshedPod('web-5d8f-a1'),
      meshedPod('web-5d8f-b2'),
    );
    const detection = detect(index, 'ReplicaSet/shop/web-5d8f');
    expect(detection).toMatchObject({
      mesh: 'istio-sidecar',
      state: 'meshed',
      coverage: { meshedPods: 2, totalPods: 2 },
    });
    const sources = detection.evidence.map(evidence => evidence.source);
    expect(sources.filter(source => source.includes('pod template'))).toEqual(
      [],
    );
  });
});
