/**
 * The engine's view of a Kubernetes object: the envelope is validated by the
 * parser (apiVersion, kind, metadata.name, string labels and annotations);
 * everything else stays as parsed and is read through `./access`.
 */
import type { KubeObjectRef } from '@meshwise/backstage-plugin-service-mesh-common';

export interface KubeOwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface KubeObjectMeta {
  name: string;
  /** Undefined for cluster-scoped kinds; `default` is filled in for namespaced kinds. */
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: KubeOwnerReference[];
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [field: string]: unknown;
}

export function refOf(object: KubeObject): KubeObjectRef {
  const { name, namespace } = object.metadata;
  return namespace === undefined
    ? { kind: object.kind, name }
    : { kind: object.kind, namespace, name };
}

export { formatKubeObjectRef as formatRef } from '@meshwise/backstage-plugin-service-mesh-common';
export type { KubeObjectRef } from '@meshwise/backstage-plugin-service-mesh-common';

/** The owner that controls the object (else its first owner), as Kubernetes resolves it. */
export function controllerRef(
  object: KubeObject,
): KubeOwnerReference | undefined {
  const owners = object.metadata.ownerReferences ?? [];
  return owners.find(owner => owner.controller) ?? owners[0];
}

export function labelsOf(object: KubeObject): Record<string, string> {
  return object.metadata.labels ?? {};
}

export function annotationsOf(object: KubeObject): Record<string, string> {
  return object.metadata.annotations ?? {};
}

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Groups that older clusters used for the workload kinds now in `apps`. */
const LEGACY_APPS_GROUPS = new Set(['extensions', 'apps']);
const APPS_KINDS = new Set([
  'Deployment',
  'DaemonSet',
  'ReplicaSet',
  'StatefulSet',
]);

/**
 * The key the engine indexes kinds by: `Kind` for the core group and
 * `Kind.group` otherwise, so that same-named kinds of different meshes
 * (Istio and App Mesh `VirtualService`, Kuma/Consul/App Mesh `Mesh`) never mix.
 */
export function groupKindOf(apiVersion: string, kind: string): string {
  let group = apiGroupOf(apiVersion);
  if (LEGACY_APPS_GROUPS.has(group) && APPS_KINDS.has(kind)) group = 'apps';
  return group ? `${kind}.${group}` : kind;
}

export function groupKindOfObject(object: KubeObject): string {
  return groupKindOf(object.apiVersion, object.kind);
}

/** Group-kind keys of every kind the engine reads. */
export const KINDS = {
  namespace: 'Namespace',
  pod: 'Pod',
  service: 'Service',
  serviceAccount: 'ServiceAccount',
  configMap: 'ConfigMap',
  node: 'Node',
  deployment: 'Deployment.apps',
  statefulSet: 'StatefulSet.apps',
  daemonSet: 'DaemonSet.apps',
  replicaSet: 'ReplicaSet.apps',
  replicationController: 'ReplicationController',
  job: 'Job.batch',
  cronJob: 'CronJob.batch',
  customResourceDefinition: 'CustomResourceDefinition.apiextensions.k8s.io',
  gatewayApiGateway: 'Gateway.gateway.networking.k8s.io',
  gatewayApiHttpRoute: 'HTTPRoute.gateway.networking.k8s.io',
  istioPeerAuthentication: 'PeerAuthentication.security.istio.io',
  istioAuthorizationPolicy: 'AuthorizationPolicy.security.istio.io',
  istioRequestAuthentication: 'RequestAuthentication.security.istio.io',
  istioSidecar: 'Sidecar.networking.istio.io',
  istioVirtualService: 'VirtualService.networking.istio.io',
  istioDestinationRule: 'DestinationRule.networking.istio.io',
  istioGateway: 'Gateway.networking.istio.io',
  istioTelemetry: 'Telemetry.telemetry.istio.io',
  istioWasmPlugin: 'WasmPlugin.extensions.istio.io',
  linkerdServer: 'Server.policy.linkerd.io',
  linkerdAuthorizationPolicy: 'AuthorizationPolicy.policy.linkerd.io',
  linkerdHttpRoute: 'HTTPRoute.policy.linkerd.io',
  kumaMesh: 'Mesh.kuma.io',
  kumaMeshTls: 'MeshTLS.kuma.io',
  kumaMeshTrafficPermission: 'MeshTrafficPermission.kuma.io',
  kumaMeshIdentity: 'MeshIdentity.kuma.io',
  consulServiceDefaults: 'ServiceDefaults.consul.hashicorp.com',
  consulMesh: 'Mesh.consul.hashicorp.com',
  consulServiceIntentions: 'ServiceIntentions.consul.hashicorp.com',
  appMeshMesh: 'Mesh.appmesh.k8s.aws',
  appMeshVirtualNode: 'VirtualNode.appmesh.k8s.aws',
  appMeshVirtualRouter: 'VirtualRouter.appmesh.k8s.aws',
  appMeshVirtualService: 'VirtualService.appmesh.k8s.aws',
  appMeshVirtualGateway: 'VirtualGateway.appmesh.k8s.aws',
  appMeshGatewayRoute: 'GatewayRoute.appmesh.k8s.aws',
} as const;
