/* eslint-disable jest/no-export -- shared test data, not a test file */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One cluster's state as a GitOps directory, for the service-mesh backend's
 * manifest source: `orders`, on AWS App Mesh (injected Envoy), behind a
 * VirtualRouter that retries on 5xx; Amazon VPC Lattice carries no
 * per-route retries, so its plan has an action to do by hand.
 */
const ORDERS_YAML = `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {mesh: shop-mesh, appmesh.k8s.aws/sidecarInjectorWebhook: enabled}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: {name: shop-mesh}
spec:
  namespaceSelector: {matchLabels: {mesh: shop-mesh}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
  labels: {app: orders, backstage.io/kubernetes-id: orders}
spec:
  replicas: 2
  selector: {matchLabels: {app: orders}}
  template:
    metadata:
      labels: {app: orders, backstage.io/kubernetes-id: orders}
    spec:
      containers:
      - name: app
        image: ghcr.io/acme/orders:2.1.0
        ports: [{name: http, containerPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata:
  name: orders-5c9d-x1
  namespace: shop
  labels: {app: orders, backstage.io/kubernetes-id: orders}
spec:
  initContainers:
  - {name: proxyinit, image: "840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-proxy-route-manager:v7-prod"}
  containers:
  - name: app
    image: ghcr.io/acme/orders:2.1.0
    ports: [{name: http, containerPort: 8080}]
  - name: envoy
    image: 840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.29.12.1-prod
    securityContext: {runAsUser: 1337}
    env: [{name: APPMESH_VIRTUAL_NODE_NAME, value: mesh/shop-mesh/virtualNode/orders_shop}]
status: {phase: Running, podIP: 10.4.0.7}
---
apiVersion: v1
kind: Service
metadata:
  name: orders
  namespace: shop
  labels: {backstage.io/kubernetes-id: orders}
spec:
  selector: {app: orders}
  ports:
  - {name: http, port: 8080, targetPort: 8080}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: orders
  namespace: shop
  labels: {backstage.io/kubernetes-id: orders}
spec:
  awsName: orders_shop
  meshRef: {name: shop-mesh}
  podSelector: {matchLabels: {app: orders}}
  listeners:
  - portMapping: {port: 8080, protocol: http}
  serviceDiscovery:
    dns: {hostname: orders.shop.svc.cluster.local}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: orders-router
  namespace: shop
  labels: {backstage.io/kubernetes-id: orders}
spec:
  meshRef: {name: shop-mesh}
  listeners:
  - portMapping: {port: 8080, protocol: http}
  routes:
  - name: orders-route
    httpRoute:
      match: {prefix: /}
      action:
        weightedTargets:
        - {virtualNodeRef: {name: orders}, weight: 100}
      retryPolicy:
        httpRetryEvents: [server-error]
        maxRetries: 2
        perRetryTimeout: {unit: s, value: 1}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata:
  name: orders
  namespace: shop
  labels: {backstage.io/kubernetes-id: orders}
spec:
  awsName: orders.shop.svc.cluster.local
  meshRef: {name: shop-mesh}
  provider:
    virtualRouter: {virtualRouterRef: {name: orders-router}}
`;

/** Writes the cluster's manifests into a new directory; `remove` deletes it. */
export async function ordersClusterDirectory() {
  const directory = await mkdtemp(join(tmpdir(), 'meshwise-scaffolder-'));
  await writeFile(join(directory, 'shop.yaml'), ORDERS_YAML);
  return {
    directory,
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
