import {
  deployment,
  indexFromYaml,
  service,
  workloadById,
} from '../__testUtils__/manifests';
import { listWorkloads } from './listWorkloads';
import { selectWorkloads } from './selectWorkloads';

const pod = (name: string, labels: Record<string, string>, owner?: string) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    `  labels: ${JSON.stringify(labels)}`,
    ...(owner
      ? [
          '  ownerReferences:',
          `  - {apiVersion: apps/v1, kind: ${owner.split('/')[0]}, name: ${
            owner.split('/')[1]
          }, controller: true}`,
        ]
      : []),
    'spec:',
    '  containers: [{name: app, image: x}]',
    'status: {phase: Running}',
  ].join('\n');

describe('listWorkloads', () => {
  const index = indexFromYaml(
    deployment({ name: 'cart', labels: { version: 'v1' } }),
    'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: cart-7d9\n  namespace: shop\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: cart, controller: true}]\nspec:\n  selector: {matchLabels: {app: cart}}\n  template: {metadata: {labels: {app: cart}}, spec: {containers: [{name: app, image: x}]}}',
    'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: orphan-rs, namespace: shop}\nspec:\n  selector: {matchLabels: {app: orphan}}\n  template: {metadata: {labels: {app: orphan}}, spec: {containers: [{name: app, image: x}]}}',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: shop}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template: {metadata: {labels: {job: nightly}}, spec: {containers: [{name: job, image: x}]}}',
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: nightly-1\n  namespace: shop\n  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: nightly, controller: true}]\nspec:\n  template: {metadata: {labels: {job: nightly}}, spec: {containers: [{name: job, image: x}]}}',
    pod('cart-7d9-a', { app: 'cart', version: 'v1' }, 'ReplicaSet/cart-7d9'),
    pod('cart-7d9-b', { app: 'cart', version: 'v1' }, 'ReplicaSet/cart-gone'),
    pod('nightly-1-x', { job: 'nightly' }, 'Job/nightly-1'),
    pod('debug', { run: 'debug' }),
    pod('static', { component: 'etcd' }, 'Node/node-1'),
    service('cart', 'shop', { app: 'cart' }, '- {port: 80, name: http}'),
    service(
      'cart-v1',
      'shop',
      { app: 'cart', version: 'v1' },
      '- {port: 80, name: http}',
    ),
    service(
      'cart-v2',
      'shop',
      { app: 'cart', version: 'v2' },
      '- {port: 80, name: http}',
    ),
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}',
  );

  it('folds owned ReplicaSets and Jobs into their owners and keeps orphans', () => {
    expect(
      listWorkloads(index)
        .map(w => w.id)
        .sort(),
    ).toEqual([
      'CronJob/shop/nightly',
      'Deployment/shop/cart',
      'Pod/shop/debug',
      'ReplicaSet/shop/orphan-rs',
    ]);
  });

  it('links pods by ownerReferences, falls back to selectors, and skips pods of unmodelled controllers', () => {
    expect(
      workloadById(index, 'Deployment/shop/cart').pods.map(p => p.name),
    ).toEqual(['cart-7d9-a', 'cart-7d9-b']);
    expect(
      workloadById(index, 'CronJob/shop/nightly').pods.map(p => p.name),
    ).toEqual(['nightly-1-x']);
    expect(workloadById(index, 'Pod/shop/debug').pods.map(p => p.name)).toEqual(
      ['debug'],
    );
  });

  it('resolves Services whose selector is a subset of the template labels, and the ServiceAccount', () => {
    const cart = workloadById(index, 'Deployment/shop/cart');
    expect(cart.services.map(s => s.name)).toEqual(['cart', 'cart-v1']);
    expect(cart.serviceAccount?.metadata.name).toBe('default');
    expect(cart.template.path).toBe('spec.template');
    expect(workloadById(index, 'CronJob/shop/nightly').template.path).toBe(
      'spec.jobTemplate.spec.template',
    );
  });
});

describe('selectWorkloads', () => {
  const index = indexFromYaml(
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: shop, labels: {app.kubernetes.io/name: web}}',
      'spec:',
      '  selector: {matchLabels: {app: web-svc}}',
      '  template: {metadata: {labels: {app: web-svc, version: v11}}, spec: {containers: [{name: web, image: x}]}}',
    ].join('\n'),
    deployment({ name: 'api', namespace: 'shop', labels: { version: 'v2' } }),
    deployment({ name: 'api', namespace: 'staging' }),
  );
  const ids = (query: Parameters<typeof selectWorkloads>[1]) =>
    selectWorkloads(index, query)
      .map(w => w.id)
      .sort();

  it('matches the workload object labels or the pod-template labels', () => {
    expect(ids({ labelSelector: 'app.kubernetes.io/name=web' })).toEqual([
      'Deployment/shop/web',
    ]);
    expect(ids({ labelSelector: 'app=web-svc' })).toEqual([
      'Deployment/shop/web',
    ]);
  });

  it('combines selector and namespace, and accepts API selector objects', () => {
    expect(ids({ labelSelector: 'app=api' })).toEqual([
      'Deployment/shop/api',
      'Deployment/staging/api',
    ]);
    expect(ids({ labelSelector: 'app=api', namespace: 'staging' })).toEqual([
      'Deployment/staging/api',
    ]);
    expect(
      ids({
        labelSelector: {
          matchExpressions: [{ key: 'version', operator: 'Exists' }],
        },
      }),
    ).toEqual(['Deployment/shop/api', 'Deployment/shop/web']);
    expect(ids({ namespace: 'shop' })).toHaveLength(2);
  });

  it('throws on a malformed selector string', () => {
    expect(() =>
      selectWorkloads(index, { labelSelector: 'app in web' }),
    ).toThrow(/Invalid label selector/);
  });
});
