import { DetectedMesh } from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../cluster/clusterIndex';
import { controlPlaneFacts } from '../cluster/controlPlane';
import {
  asRecord,
  asRecords,
  asString,
  asStringMap,
  getPath,
} from '../model/access';
import { KINDS, KubeObject } from '../model/kubeObject';
import { WorkloadMeshResources } from '../workloads/meshResources';
import { Workload } from '../workloads/workload';
import { describeKinds, unreadableAmong } from './unreadableKinds';
import {
  MtlsMode,
  MtlsStatus,
} from '@meshwise/backstage-plugin-service-mesh-common';

const CONSUL_PROXY_DEFAULTS = 'ProxyDefaults.consul.hashicorp.com';

/**
 * The kinds whose objects decide a mesh's mTLS mode. When one could not be
 * listed (a 403 on an optional kind), its absence proves nothing: an unseen
 * STRICT policy may exist, so the mode is not evaluated rather than guessed.
 * Linkerd's and Cilium's ConfigMaps are handled in `linkerdMtls` and
 * `ciliumMtls` (a label or annotation may decide first).
 */
export const MTLS_POLICY_KINDS: Readonly<
  Partial<Record<DetectedMesh, readonly string[]>>
> = {
  'istio-sidecar': [KINDS.istioPeerAuthentication],
  'istio-ambient': [KINDS.istioPeerAuthentication],
  kuma: [KINDS.kumaMeshTls, KINDS.kumaMeshIdentity, KINDS.kumaMesh],
  consul: [
    KINDS.consulServiceDefaults,
    CONSUL_PROXY_DEFAULTS,
    KINDS.consulMesh,
  ],
  'aws-app-mesh': [KINDS.appMeshVirtualNode],
};

/**
 * The mTLS mode that applies to a workload in a mesh, with the object it
 * comes from (research notes, sections 2.1–2.8 and MR-MTLS-NOT-STRICT).
 */
export function detectMtls(
  mesh: DetectedMesh,
  workload: Workload,
  index: ClusterIndex,
  resources: WorkloadMeshResources,
): MtlsStatus {
  const unreadable = unreadableAmong(index, MTLS_POLICY_KINDS[mesh] ?? []);
  if (unreadable.length > 0) return notEvaluated(unreadable);
  switch (mesh) {
    case 'istio-sidecar':
    case 'istio-ambient':
      return istioMtls(
        workload,
        resources,
        controlPlaneFacts(index).istio.rootNamespace,
      );
    case 'linkerd':
      return linkerdMtls(workload, index);
    case 'kuma':
      return kumaMtls(resources, index);
    case 'consul':
      return consulMtls(resources, index);
    case 'aws-app-mesh':
      return appMeshMtls(resources);
    case 'cilium':
      return ciliumMtls(workload, index);
    case 'osm':
      return {
        mode: 'unknown',
        source:
          'OSM encrypts between Envoy sidecars; strictness is not visible from workload objects',
      };
    default:
      return { mode: 'off', source: 'not in a mesh: no mesh mTLS' };
  }
}

function notEvaluated(kinds: string[]): MtlsStatus {
  return {
    mode: 'unknown',
    source: `not evaluated: ${describeKinds(
      kinds,
    )} could not be listed, so the mTLS mode that applies is unknown`,
    unreadableKinds: kinds,
  };
}

const ISTIO_MODES: Record<string, MtlsMode> = {
  STRICT: 'strict',
  PERMISSIVE: 'permissive',
  DISABLE: 'off',
};

/**
 * Istio precedence: workload-selector policy > namespace-wide policy >
 * mesh-wide policy in the root namespace; `UNSET` (or no mode) inherits from
 * the parent, and with nothing set the mode is PERMISSIVE.
 */
function istioMtls(
  workload: Workload,
  resources: WorkloadMeshResources,
  rootNamespace: string,
): MtlsStatus {
  const policies = [...resources.istio.peerAuthentications].sort(byAge);
  const hasSelector = (policy: KubeObject) =>
    Object.keys(asStringMap(getPath(policy, 'spec.selector.matchLabels')))
      .length > 0;
  const levels: Array<[string, KubeObject | undefined]> = [
    [
      'workload',
      policies.find(
        p => p.metadata.namespace === workload.namespace && hasSelector(p),
      ),
    ],
    [
      'namespace-wide',
      policies.find(
        p => p.metadata.namespace === workload.namespace && !hasSelector(p),
      ),
    ],
    [
      'mesh-wide',
      policies.find(
        p => p.metadata.namespace === rootNamespace && !hasSelector(p),
      ),
    ],
  ];
  let portNote = '';
  for (const [level, policy] of levels) {
    if (!policy) continue;
    if (level === 'workload' && !portNote) portNote = describePortLevel(policy);
    const mode = (
      asString(getPath(policy, 'spec.mtls.mode')) ?? 'UNSET'
    ).toUpperCase();
    if (ISTIO_MODES[mode]) {
      return {
        mode: ISTIO_MODES[mode],
        source: `PeerAuthentication ${policy.metadata.namespace}/${policy.metadata.name} (${level}) ${mode}${portNote}`,
      };
    }
  }
  return {
    mode: 'permissive',
    source: `no PeerAuthentication sets a mode: Istio default PERMISSIVE${portNote}`,
  };
}

function describePortLevel(policy: KubeObject): string {
  const ports = asRecord(getPath(policy, 'spec.portLevelMtls'));
  if (!ports) return '';
  const entries = Object.entries(ports).map(
    ([port, value]) => `${port} ${asString(getPath(value, 'mode')) ?? 'UNSET'}`,
  );
  return entries.length > 0 ? `; port-level: ${entries.join(', ')}` : '';
}

function byAge(a: KubeObject, b: KubeObject): number {
  const at = asString(a.metadata.creationTimestamp) ?? '';
  const bt = asString(b.metadata.creationTimestamp) ?? '';
  return at.localeCompare(bt) || a.metadata.name.localeCompare(b.metadata.name);
}

const LINKERD_POLICY = 'config.linkerd.io/default-inbound-policy';

/**
 * Linkerd always uses mTLS between meshed pods; what varies is whether
 * plaintext from unmeshed clients is accepted, set by the default inbound
 * policy (pod > namespace > chart `proxy.defaultInboundPolicy`, default
 * `all-unauthenticated`). `deny` depends on AuthorizationPolicies.
 */
function linkerdMtls(workload: Workload, index: ClusterIndex): MtlsStatus {
  const fromPod = workload.template.annotations[LINKERD_POLICY];
  const fromNamespace =
    workload.namespaceObject?.metadata.annotations?.[LINKERD_POLICY];
  if (!fromPod && !fromNamespace && !index.isReadable('ConfigMap'))
    return notEvaluated([KINDS.configMap]);
  const fromChart = controlPlaneFacts(index).linkerd.defaultInboundPolicy;
  const candidates: Array<[string | undefined, string]> = [
    [fromPod, `${workload.kind} ${workload.name} pod template annotation`],
    [fromNamespace, `Namespace ${workload.namespace} annotation`],
    [fromChart, 'linkerd-config proxy.defaultInboundPolicy'],
    ['all-unauthenticated', 'Linkerd default'],
  ];
  const [policy, where] = candidates.find(([value]) => value) as [
    string,
    string,
  ];
  const source = `${where} ${LINKERD_POLICY}=${policy}`;
  switch (policy) {
    case 'all-authenticated':
    case 'cluster-authenticated':
      return { mode: 'strict', source };
    case 'all-unauthenticated':
    case 'cluster-unauthenticated':
    case 'audit':
      return { mode: 'permissive', source };
    default:
      return {
        mode: 'unknown',
        source: `${source} (depends on Server/AuthorizationPolicy objects)`,
      };
  }
}

/**
 * Kuma: a MeshTLS policy wins; a mesh with a MeshIdentity resolves to
 * Strict; otherwise the legacy `Mesh.spec.mtls` (enabled backend and its
 * mode; an enabled backend without a mode is STRICT, Kuma's default).
 */
function kumaMtls(
  resources: WorkloadMeshResources,
  index: ClusterIndex,
): MtlsStatus {
  for (const policy of resources.kuma.meshTls) {
    const modes = [
      ...asRecords(getPath(policy, 'spec.rules')),
      ...asRecords(getPath(policy, 'spec.from')),
      ...asRecords([getPath(policy, 'spec')]),
    ].flatMap(entry => {
      const mode = asString(getPath(entry, 'default.mode'));
      return mode ? [mode] : [];
    });
    if (modes.length > 0) {
      const mode = modes.some(value => value.toLowerCase() === 'permissive')
        ? 'permissive'
        : 'strict';
      return {
        mode,
        source: `MeshTLS ${policy.metadata.namespace}/${
          policy.metadata.name
        } mode ${modes.join(', ')}`,
      };
    }
  }
  const identity = index.list(KINDS.kumaMeshIdentity)[0];
  if (identity) {
    return {
      mode: 'strict',
      source: `MeshIdentity ${identity.metadata.name} (a mesh with a MeshIdentity resolves to Strict)`,
    };
  }
  const mesh = resources.kuma.meshes[0];
  if (!mesh)
    return {
      mode: 'unknown',
      source: 'the Kuma Mesh object is not in the input',
    };
  const enabled = asString(getPath(mesh, 'spec.mtls.enabledBackend'));
  if (!enabled) {
    return {
      mode: 'off',
      source: `Mesh ${mesh.metadata.name} has no spec.mtls.enabledBackend`,
    };
  }
  const backend = asRecords(getPath(mesh, 'spec.mtls.backends')).find(
    entry => asString(entry.name) === enabled,
  );
  const mode = (asString(backend?.mode) ?? 'STRICT').toUpperCase();
  return {
    mode: mode === 'PERMISSIVE' ? 'permissive' : 'strict',
    source: `Mesh ${mesh.metadata.name} spec.mtls.enabledBackend ${enabled} mode ${mode}`,
  };
}

/**
 * Consul dataplanes always use mTLS; permissive mode needs both
 * `ServiceDefaults`/`ProxyDefaults` `mutualTLSMode: permissive` and
 * `Mesh.spec.allowEnablingPermissiveMutualTLS: true`.
 */
function consulMtls(
  resources: WorkloadMeshResources,
  index: ClusterIndex,
): MtlsStatus {
  const proxyDefaults = index.list(CONSUL_PROXY_DEFAULTS);
  const declaring = [
    ...resources.consul.serviceDefaults,
    ...proxyDefaults,
  ].find(
    object => asString(getPath(object, 'spec.mutualTLSMode')) !== undefined,
  );
  const declared = declaring
    ? asString(getPath(declaring, 'spec.mutualTLSMode'))
    : undefined;
  if (!declaring || declared !== 'permissive') {
    return {
      mode: 'strict',
      source: declaring
        ? `${declaring.kind} ${declaring.metadata.name} mutualTLSMode ${declared}`
        : 'Consul default: dataplanes accept only mTLS',
    };
  }
  const mesh = resources.consul.meshes[0];
  const allowed = mesh
    ? getPath(mesh, 'spec.allowEnablingPermissiveMutualTLS') === true
    : undefined;
  if (allowed === false) {
    return {
      mode: 'strict',
      source: `${declaring.kind} ${declaring.metadata.name} asks for permissive, but Mesh ${mesh?.metadata.name} does not set allowEnablingPermissiveMutualTLS`,
    };
  }
  return {
    mode: 'permissive',
    source: `${declaring.kind} ${
      declaring.metadata.name
    } mutualTLSMode permissive${mesh ? '' : ' (Mesh object not in the input)'}`,
  };
}

/** App Mesh TLS is per VirtualNode listener and off unless configured. */
function appMeshMtls(resources: WorkloadMeshResources): MtlsStatus {
  const node = resources.appMesh.virtualNodes[0];
  if (!node)
    return {
      mode: 'unknown',
      source: 'no VirtualNode selects the pod template',
    };
  const modes = asRecords(getPath(node, 'spec.listeners')).map(listener =>
    (asString(getPath(listener, 'tls.mode')) ?? 'DISABLED').toUpperCase(),
  );
  const where = `VirtualNode ${node.metadata.namespace}/${node.metadata.name} listener tls.mode`;
  if (modes.length === 0)
    return { mode: 'off', source: `${where}: no listeners` };
  if (modes.every(mode => mode === 'STRICT'))
    return { mode: 'strict', source: `${where} STRICT` };
  if (modes.some(mode => mode === 'PERMISSIVE'))
    return { mode: 'permissive', source: `${where} PERMISSIVE` };
  return { mode: 'off', source: `${where} ${modes.join(', ')}` };
}

function ciliumMtls(workload: Workload, index: ClusterIndex): MtlsStatus {
  const labels = workload.namespaceObject?.metadata.labels ?? {};
  if (labels['io.cilium/mtls-enabled'] === 'true') {
    // Encryption needs cilium-config enable-ztunnel too.
    if (!index.isReadable(KINDS.configMap))
      return notEvaluated([KINDS.configMap]);
    return {
      mode: 'unknown',
      source: `Namespace ${workload.namespace} label io.cilium/mtls-enabled=true: ztunnel encrypts TCP between enrolled pods; whether plaintext from outside is refused is not visible in objects`,
    };
  }
  return {
    mode: 'off',
    source: `Namespace ${workload.namespace} lacks label io.cilium/mtls-enabled=true`,
  };
}
