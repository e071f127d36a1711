import { assessService } from '../../engine/assess/assessService';
import { indexFromYaml } from '../../engine/__testUtils__/manifests';
import { selectWorkloads } from '../../engine/workloads/selectWorkloads';
import { generateMigrationPlan } from '../generatePlan';
import { MigrationPatch, MigrationPlan, MigrationTarget } from '../types';

/** The readiness "fix" step of plans for workloads that App Mesh declares. */

const NAMESPACE = [
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: shop, labels: {appmesh.k8s.aws/sidecarInjectorWebhook: enabled}}',
].join('\n');

function deployment(containerPort: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  selector: {matchLabels: {app: api}}',
    '  template:',
    '    metadata: {labels: {app: api, version: v1}}',
    '    spec:',
    `      containers: [{name: api, image: "example/api:1.0", ports: [{containerPort: ${containerPort}}]}]`,
  ].join('\n');
}

function service(port: string): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  selector: {app: api}',
    `  ports: [${port}]`,
  ].join('\n');
}

function virtualNode(port: number, protocol: string): string {
  return [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualNode',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: api}}',
    `  listeners: [{portMapping: {port: ${port}, protocol: ${protocol}}}]`,
    '  serviceDiscovery: {dns: {hostname: api.shop.svc.cluster.local}}',
  ].join('\n');
}

function plan(target: MigrationTarget, ...documents: string[]): MigrationPlan {
  const index = indexFromYaml(NAMESPACE, ...documents);
  const workloads = selectWorkloads(index, {
    labelSelector: 'app=api',
    namespace: 'shop',
  });
  expect(workloads).toHaveLength(1);
  return generateMigrationPlan({
    workloads,
    index,
    assessment: assessService(workloads, index),
    target,
  });
}

function servicePatches(p: MigrationPlan): MigrationPatch[] {
  return (p.steps.find(s => s.id === 'fix')?.manifests ?? []).flatMap(m =>
    m.patch?.target.kind === 'Service' ? [m.patch] : [],
  );
}

describe('fix step: a declared protocol wins over the port number', () => {
  it('declares port 4567 http when the App Mesh listener says http (not TCP for "Galera")', () => {
    const p = plan(
      'istio-sidecar',
      deployment(4567),
      service('{port: 4567}'),
      virtualNode(4567, 'http'),
    );
    expect(servicePatches(p)).toEqual([
      {
        target: { kind: 'Service', namespace: 'shop', name: 'api' },
        type: 'strategic-merge',
        body: {
          spec: { ports: [{ port: 4567, appProtocol: 'http', name: 'http' }] },
        },
      },
    ]);
  });

  it('still declares an undeclared NATS port as TCP (the number is the only hint)', () => {
    const p = plan('istio-sidecar', deployment(4222), service('{port: 4222}'));
    const ports = servicePatches(p).flatMap(
      patch => (patch.body as any).spec.ports,
    );
    expect(ports).toEqual([
      expect.objectContaining({ port: 4222, appProtocol: 'tcp' }),
    ]);
  });
});

describe('fix step: MR-PROTOCOL-MISMATCH patches the Service port appProtocol', () => {
  it.each([
    ['grpc', 'grpc'],
    ['http2', 'kubernetes.io/h2c'],
  ])(
    'an App Mesh %s listener behind a port named http gets appProtocol %s',
    (protocol, appProtocol) => {
      const p = plan(
        'istio-sidecar',
        deployment(8080),
        service('{port: 80, targetPort: 8080, name: http}'),
        virtualNode(8080, protocol),
      );
      expect(servicePatches(p)).toEqual([
        {
          target: { kind: 'Service', namespace: 'shop', name: 'api' },
          type: 'strategic-merge',
          body: { spec: { ports: [{ port: 80, appProtocol }] } },
        },
      ]);
    },
  );

  it('an App Mesh http listener behind a port named tcp gets appProtocol http', () => {
    const p = plan(
      'istio-sidecar',
      deployment(8080),
      service('{port: 8080, name: tcp-api}'),
      virtualNode(8080, 'http'),
    );
    expect(servicePatches(p)).toEqual([
      expect.objectContaining({
        body: { spec: { ports: [{ port: 8080, appProtocol: 'http' }] } },
      }),
    ]);
  });
});
