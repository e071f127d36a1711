/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { Entity } from '@backstage/catalog-model';
import { KubeObject } from '@meshwise/mesh-engine';

const ID = 'backstage.io/kubernetes-id';

/** A catalog service entity; annotations decide how its workloads are found. */
export function serviceEntity(
  name: string,
  options: {
    id?: string;
    owner?: string;
    system?: string;
    cluster?: string;
  } = {},
): Entity {
  const annotations: Record<string, string> = {};
  if (options.id) annotations[ID] = options.id;
  if (options.cluster)
    annotations['backstage.io/kubernetes-cluster'] = options.cluster;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'group:default/team-a',
      ...(options.system ? { system: options.system } : {}),
    },
  };
}

function deployment(
  namespace: string,
  name: string,
  podSpec: Record<string, unknown>,
  labels: Record<string, string> = {},
): KubeObject[] {
  const podLabels = { app: name, version: 'v1', [ID]: name, ...labels };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, uid: `${name}-uid`, labels: { [ID]: name } },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: podLabels }, spec: podSpec },
      },
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
  ];
}

/**
 * A small cluster: `cart` in an Istio-enrolled namespace with strict mTLS
 * and an injected pod (native sidecar), `orders` not meshed and running as UID 1337 (which
 * blocks Istio), `billing` ready to onboard.
 */
export function clusterObjects(): KubeObject[] {
  const app = {
    name: 'app',
    image: 'acme/app:1',
    ports: [{ containerPort: 8080 }],
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } },
    },
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'shop' },
      spec: { mtls: { mode: 'STRICT' } },
    },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'backoffice' } },
    ...deployment('shop', 'cart', { containers: [app] }),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'cart-7d9f-abcde',
        namespace: 'shop',
        labels: {
          app: 'cart',
          version: 'v1',
          [ID]: 'cart',
          'security.istio.io/tlsMode': 'istio',
        },
        annotations: {
          'sidecar.istio.io/status':
            '{"initContainers":["istio-init","istio-proxy"],"containers":null,"revision":"default"}',
        },
      },
      spec: {
        initContainers: [
          { name: 'istio-init', image: 'docker.io/istio/proxyv2:1.28.2' },
          {
            name: 'istio-proxy',
            image: 'docker.io/istio/proxyv2:1.28.2',
            restartPolicy: 'Always',
          },
        ],
        containers: [app],
      },
    },
    ...deployment('backoffice', 'orders', {
      securityContext: { runAsUser: 1337 },
      containers: [app],
    }),
    ...deployment('backoffice', 'billing', { containers: [app] }),
  ];
}
