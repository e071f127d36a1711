/**
 * The kinds the scanner lists from each cluster: one paginated list call per
 * kind, at cluster scope, never per entity. Core kinds are always listed;
 * mesh custom resources only when the cluster serves their group version
 * (learnt from API discovery), so a cluster without a mesh costs nothing more.
 */
export interface ListedKind {
  /** `v1` or `group/version`. */
  apiVersion: string;
  kind: string;
  /** The resource name in the URL. */
  plural: string;
  /** Core kinds must be readable; a failure fails the cluster. */
  required: boolean;
  /** Narrows a list to the few objects the engine reads (e.g. one ConfigMap). */
  fieldSelector?: string;
}

const core = (
  apiVersion: string,
  kind: string,
  plural: string,
): ListedKind => ({ apiVersion, kind, plural, required: true });

const optional = (
  apiVersion: string,
  kind: string,
  plural: string,
  fieldSelector?: string,
): ListedKind => ({ apiVersion, kind, plural, required: false, fieldSelector });

export const LISTED_KINDS: ListedKind[] = [
  core('v1', 'Namespace', 'namespaces'),
  core('v1', 'Pod', 'pods'),
  core('v1', 'Service', 'services'),
  core('v1', 'ServiceAccount', 'serviceaccounts'),
  // Before ReplicaSets: those of a listed Deployment are kept without
  // their pod template (keptFields).
  core('apps/v1', 'Deployment', 'deployments'),
  core('apps/v1', 'StatefulSet', 'statefulsets'),
  core('apps/v1', 'DaemonSet', 'daemonsets'),
  core('apps/v1', 'ReplicaSet', 'replicasets'),
  core('batch/v1', 'Job', 'jobs'),
  core('batch/v1', 'CronJob', 'cronjobs'),
  // A workload kind too (older manifests, OpenShift DeploymentConfigs), but
  // optional: a service account granted before Meshwise listed it keeps
  // working, with a warning naming the permission to add.
  optional('v1', 'ReplicationController', 'replicationcontrollers'),
  // Control-plane configuration the detector compares proxies against. Only
  // these ConfigMaps are read: the rest may hold data the plugin has no
  // business reading.
  optional(
    'v1',
    'ConfigMap',
    'configmaps',
    'metadata.name=istio-sidecar-injector',
  ),
  optional('v1', 'ConfigMap', 'configmaps', 'metadata.name=linkerd-config'),
  optional('v1', 'ConfigMap', 'configmaps', 'metadata.name=cilium-config'),
  // Istio
  optional('security.istio.io/v1', 'PeerAuthentication', 'peerauthentications'),
  optional(
    'security.istio.io/v1',
    'AuthorizationPolicy',
    'authorizationpolicies',
  ),
  optional(
    'security.istio.io/v1',
    'RequestAuthentication',
    'requestauthentications',
  ),
  optional('networking.istio.io/v1', 'VirtualService', 'virtualservices'),
  optional('networking.istio.io/v1', 'DestinationRule', 'destinationrules'),
  optional('networking.istio.io/v1', 'Sidecar', 'sidecars'),
  optional('networking.istio.io/v1', 'Gateway', 'gateways'),
  // Gateway API (ingress gateways and Istio waypoints)
  optional('gateway.networking.k8s.io/v1', 'Gateway', 'gateways'),
  optional('gateway.networking.k8s.io/v1', 'HTTPRoute', 'httproutes'),
  // Linkerd
  optional('policy.linkerd.io/v1beta3', 'Server', 'servers'),
  optional(
    'policy.linkerd.io/v1alpha1',
    'AuthorizationPolicy',
    'authorizationpolicies',
  ),
  optional('policy.linkerd.io/v1beta3', 'HTTPRoute', 'httproutes'),
  // Kuma
  optional('kuma.io/v1alpha1', 'Mesh', 'meshes'),
  optional('kuma.io/v1alpha1', 'MeshTLS', 'meshtlses'),
  optional(
    'kuma.io/v1alpha1',
    'MeshTrafficPermission',
    'meshtrafficpermissions',
  ),
  // Consul
  optional(
    'consul.hashicorp.com/v1alpha1',
    'ServiceDefaults',
    'servicedefaults',
  ),
  optional('consul.hashicorp.com/v1alpha1', 'Mesh', 'meshes'),
  optional(
    'consul.hashicorp.com/v1alpha1',
    'ServiceIntentions',
    'serviceintentions',
  ),
  // AWS App Mesh (discontinued; read so its users can plan the way out)
  optional('appmesh.k8s.aws/v1beta2', 'Mesh', 'meshes'),
  optional('appmesh.k8s.aws/v1beta2', 'VirtualNode', 'virtualnodes'),
  optional('appmesh.k8s.aws/v1beta2', 'VirtualRouter', 'virtualrouters'),
  optional('appmesh.k8s.aws/v1beta2', 'VirtualService', 'virtualservices'),
  optional('appmesh.k8s.aws/v1beta2', 'VirtualGateway', 'virtualgateways'),
  optional('appmesh.k8s.aws/v1beta2', 'GatewayRoute', 'gatewayroutes'),
];

/** `/api/v1/pods` or `/apis/apps/v1/deployments`: a list at cluster scope. */
export function listPath(kind: ListedKind): string {
  const prefix = kind.apiVersion.includes('/') ? '/apis' : '/api';
  return `${prefix}/${kind.apiVersion}/${kind.plural}`;
}

/**
 * The key of one list in `ClusterVersions`: its API version, kind and field
 * selector (`v1 ConfigMap metadata.name=linkerd-config`), unique among
 * LISTED_KINDS where plural and kind alone are not.
 */
export function listKey(kind: ListedKind): string {
  const key = `${kind.apiVersion} ${kind.kind}`;
  return kind.fieldSelector ? `${key} ${kind.fieldSelector}` : key;
}
