import {
  MigrationPlan,
  MigrationTarget,
  MigrationTask,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  assessService,
  buildClusterIndex,
  generateMigrationPlan,
  parseManifests,
  selectWorkloads,
} from '@meshwise/mesh-engine';

/**
 * Realistic migration plans for the UI's tests: the real plan generator of
 * the common package runs over a small App Mesh service (the demo's
 * `shipping`: a VirtualRouter splitting 90/10 between v1 and v2, with
 * retries), so the UI is tested against what the backend really answers.
 */
const SHIPPING_YAML = `
apiVersion: v1
kind: Namespace
metadata:
  name: logistics
  labels: {mesh: logistics-mesh, appmesh.k8s.aws/sidecarInjectorWebhook: enabled}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: {name: logistics-mesh}
spec:
  namespaceSelector: {matchLabels: {mesh: logistics-mesh}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shipping-v1
  namespace: logistics
  labels: {app: shipping, version: v1, backstage.io/kubernetes-id: shipping}
spec:
  replicas: 2
  selector: {matchLabels: {app: shipping, version: v1}}
  template:
    metadata:
      labels: {app: shipping, version: v1, backstage.io/kubernetes-id: shipping}
    spec:
      serviceAccountName: shipping
      containers:
      - name: app
        image: ghcr.io/acme/shipping:3.4.2
        ports: [{name: http, containerPort: 8080}]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: shipping-v1-7d9f
  namespace: logistics
  labels: {app: shipping, version: v1}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: shipping-v1, controller: true}]
spec:
  selector: {matchLabels: {app: shipping, version: v1}}
---
apiVersion: v1
kind: Pod
metadata:
  name: shipping-v1-7d9f-a1
  namespace: logistics
  labels: {app: shipping, version: v1, backstage.io/kubernetes-id: shipping}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: shipping-v1-7d9f, controller: true}]
spec:
  serviceAccountName: shipping
  initContainers:
  - {name: proxyinit, image: "840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-proxy-route-manager:v7-prod"}
  containers:
  - name: app
    image: ghcr.io/acme/shipping:3.4.2
    ports: [{name: http, containerPort: 8080}]
  - name: envoy
    image: 840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.29.12.1-prod
    securityContext: {runAsUser: 1337}
    env: [{name: APPMESH_VIRTUAL_NODE_NAME, value: mesh/logistics-mesh/virtualNode/shipping-v1_logistics}]
status: {phase: Running, podIP: 10.1.2.3}
---
apiVersion: v1
kind: Service
metadata:
  name: shipping
  namespace: logistics
  labels: {backstage.io/kubernetes-id: shipping}
spec:
  selector: {app: shipping}
  ports:
  - {name: http, port: 8080, targetPort: 8080}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: shipping, namespace: logistics}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: shipping-v1
  namespace: logistics
  labels: {backstage.io/kubernetes-id: shipping}
spec:
  awsName: shipping-v1_logistics
  meshRef: {name: logistics-mesh}
  podSelector: {matchLabels: {app: shipping, version: v1}}
  listeners:
  - portMapping: {port: 8080, protocol: http}
  serviceDiscovery:
    dns: {hostname: shipping-v1.logistics.svc.cluster.local}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: shipping-v2
  namespace: logistics
  labels: {backstage.io/kubernetes-id: shipping}
spec:
  awsName: shipping-v2_logistics
  meshRef: {name: logistics-mesh}
  podSelector: {matchLabels: {app: shipping, version: v2}}
  listeners:
  - portMapping: {port: 8080, protocol: http}
  serviceDiscovery:
    dns: {hostname: shipping-v2.logistics.svc.cluster.local}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: shipping-router
  namespace: logistics
  labels: {backstage.io/kubernetes-id: shipping}
spec:
  meshRef: {name: logistics-mesh}
  listeners:
  - portMapping: {port: 8080, protocol: http}
  routes:
  - name: shipping-route
    priority: 10
    httpRoute:
      match: {prefix: /}
      action:
        weightedTargets:
        - {virtualNodeRef: {name: shipping-v1}, weight: 90}
        - {virtualNodeRef: {name: shipping-v2}, weight: 10}
      retryPolicy:
        httpRetryEvents: [server-error, gateway-error]
        tcpRetryEvents: [connection-error]
        maxRetries: 3
        perRetryTimeout: {unit: s, value: 2}
      timeout:
        perRequest: {unit: s, value: 10}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata:
  name: shipping
  namespace: logistics
  labels: {backstage.io/kubernetes-id: shipping}
spec:
  awsName: shipping.logistics.svc.cluster.local
  meshRef: {name: logistics-mesh}
  provider:
    virtualRouter: {virtualRouterRef: {name: shipping-router}}
`;

/** What `GET /entities/component/default/shipping/migration-plan?target=` answers. */
export function shippingPlan(
  target: MigrationTarget = 'gateway-api',
): MigrationPlan {
  const { objects, findings } = parseManifests([
    { path: 'shipping.yaml', content: SHIPPING_YAML },
  ]);
  if (findings.length > 0) {
    throw new Error(`fixture does not parse: ${JSON.stringify(findings)}`);
  }
  const index = buildClusterIndex(objects);
  const workloads = selectWorkloads(index, {
    labelSelector: 'backstage.io/kubernetes-id=shipping',
  });
  return generateMigrationPlan({
    workloads,
    index,
    assessment: assessService(workloads, index),
    target,
    service: { name: 'shipping' },
  });
}

/** A task as `GET /tasks` answers it (without comments). */
export function migrationTask(
  overrides: Partial<MigrationTask> = {},
): MigrationTask {
  return {
    id: 'task-1',
    entityRef: 'component:default/shipping',
    target: 'gateway-api',
    title: 'Move Shipping to Amazon VPC Lattice (Gateway API)',
    description:
      '**Shipping** runs on AWS App Mesh.\n\n1. Translate the routes\n2. Remove App Mesh',
    status: 'open',
    assignee: 'group:default/logistics-team',
    dueDate: '2026-12-31',
    version: 1,
    createdBy: 'user:development/guest',
    createdAt: '2026-11-22T08:30:00.000Z',
    updatedAt: '2026-11-22T08:30:00.000Z',
    comments: [],
    ...overrides,
  };
}
