import { ClusterIndex } from '../cluster/clusterIndex';
import { controlPlaneFacts } from '../cluster/controlPlane';
import {
  isLabelSubset,
  labelSelectorFromObject,
  matchesLabelSelector,
} from '../cluster/labelSelector';
import {
  asRecord,
  asRecords,
  asString,
  asStringArray,
  asStringMap,
  getPath,
} from '../model/access';
import { KINDS, KubeObject } from '../model/kubeObject';
import { hostNamesService } from './serviceHosts';
import { Workload } from './workload';

/** Mesh configuration objects that apply to one workload, grouped by mesh. */
export interface WorkloadMeshResources {
  istio: {
    peerAuthentications: KubeObject[];
    sidecars: KubeObject[];
    virtualServices: KubeObject[];
    destinationRules: KubeObject[];
    authorizationPolicies: KubeObject[];
    requestAuthentications: KubeObject[];
    telemetries: KubeObject[];
    wasmPlugins: KubeObject[];
    /** `networking.istio.io` Gateways run by this workload or routing to it. */
    gateways: KubeObject[];
    /** Gateway API Gateways that route to this workload's Services. */
    gatewayApiGateways: KubeObject[];
    /** Waypoints (`gatewayClassName: istio-waypoint`) named by `istio.io/use-waypoint`. */
    waypoints: KubeObject[];
  };
  linkerd: {
    servers: KubeObject[];
    authorizationPolicies: KubeObject[];
    httpRoutes: KubeObject[];
  };
  kuma: {
    meshes: KubeObject[];
    meshTls: KubeObject[];
    meshTrafficPermissions: KubeObject[];
  };
  consul: {
    serviceDefaults: KubeObject[];
    meshes: KubeObject[];
    serviceIntentions: KubeObject[];
  };
  appMesh: {
    meshes: KubeObject[];
    virtualNodes: KubeObject[];
    virtualGateways: KubeObject[];
    virtualRouters: KubeObject[];
    virtualServices: KubeObject[];
    gatewayRoutes: KubeObject[];
  };
}

const KUMA_SYSTEM_NAMESPACE = 'kuma-system';

/** Memoised per workload: the detector and several checks ask for it. */
export function findMeshResources(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources {
  return index.memo(`engine:mesh-resources:${workload.id}`, () =>
    collect(workload, index),
  );
}

function collect(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources {
  return {
    istio: collectIstio(workload, index),
    linkerd: collectLinkerd(workload, index),
    kuma: collectKuma(workload, index),
    consul: collectConsul(workload, index),
    appMesh: collectAppMesh(workload, index),
  };
}

/**
 * Istio's attachment rules for selector-based policies: a policy without a
 * selector in the root namespace is mesh-wide; without a selector in the
 * workload's namespace it is namespace-wide; with a selector (or a Service
 * `targetRef`) it applies to the workloads it selects in its own namespace.
 */
export function istioPolicyApplies(
  policy: KubeObject,
  workload: Workload,
  rootNamespace: string,
  selectorPath = 'spec.selector.matchLabels',
): boolean {
  const namespace = policy.metadata.namespace;
  const selector = asStringMap(getPath(policy, selectorPath));
  const targetRefs = [
    ...asRecords(getPath(policy, 'spec.targetRefs')),
    ...asRecords([getPath(policy, 'spec.targetRef')]),
  ];
  const unscoped =
    Object.keys(selector).length === 0 && targetRefs.length === 0;
  if (namespace === rootNamespace && unscoped) return true;
  if (namespace !== workload.namespace) return false;
  if (unscoped) return true;
  if (Object.keys(selector).length > 0)
    return isLabelSubset(selector, workload.template.labels);
  return targetRefs.some(
    ref =>
      asString(ref.kind) === 'Service' &&
      workload.services.some(service => service.name === asString(ref.name)),
  );
}

function collectIstio(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources['istio'] {
  const root = controlPlaneFacts(index).istio.rootNamespace;
  const namespaces = [...new Set([workload.namespace, root])];
  const inScope = (kind: string) =>
    namespaces.flatMap(namespace => index.list(kind, namespace));
  const policies = (kind: string, selectorPath?: string) =>
    inScope(kind).filter(policy =>
      istioPolicyApplies(policy, workload, root, selectorPath),
    );

  const namesService = (host: string, object: KubeObject) =>
    workload.services.some(service =>
      hostNamesService(host, object.metadata.namespace ?? 'default', service),
    );
  const virtualServices = index
    .list(KINDS.istioVirtualService)
    .filter(
      vs =>
        asStringArray(getPath(vs, 'spec.hosts')).some(host =>
          namesService(host, vs),
        ) || routesTo(vs, namesService),
    );
  const destinationRules = index.list(KINDS.istioDestinationRule).filter(dr => {
    const host = asString(getPath(dr, 'spec.host'));
    return host !== undefined && namesService(host, dr);
  });

  const boundGatewayNames = new Set(
    virtualServices.flatMap(vs =>
      asStringArray(getPath(vs, 'spec.gateways')).map(name =>
        name.includes('/') ? name : `${vs.metadata.namespace}/${name}`,
      ),
    ),
  );
  const gateways = index.list(KINDS.istioGateway).filter(gateway => {
    const selector = asStringMap(getPath(gateway, 'spec.selector'));
    const runsIt =
      Object.keys(selector).length > 0 &&
      isLabelSubset(selector, workload.template.labels);
    return (
      runsIt ||
      boundGatewayNames.has(
        `${gateway.metadata.namespace}/${gateway.metadata.name}`,
      )
    );
  });

  return {
    peerAuthentications: policies(KINDS.istioPeerAuthentication),
    sidecars: policies(KINDS.istioSidecar, 'spec.workloadSelector.labels'),
    virtualServices,
    destinationRules,
    authorizationPolicies: policies(KINDS.istioAuthorizationPolicy),
    requestAuthentications: policies(KINDS.istioRequestAuthentication),
    telemetries: policies(KINDS.istioTelemetry),
    wasmPlugins: policies(KINDS.istioWasmPlugin),
    gateways,
    gatewayApiGateways: gatewayApiGatewaysRoutingTo(workload, index),
    waypoints: referencedWaypoints(workload, index),
  };
}

/** VirtualServices bound to a gateway may have `hosts: ["*"]` and route to the Service. */
function routesTo(
  vs: KubeObject,
  namesService: (host: string, object: KubeObject) => boolean,
) {
  const routes = [
    ...asRecords(getPath(vs, 'spec.http')),
    ...asRecords(getPath(vs, 'spec.tcp')),
    ...asRecords(getPath(vs, 'spec.tls')),
  ];
  return routes.some(route =>
    asRecords(route.route).some(destination => {
      const host = asString(getPath(destination, 'destination.host'));
      return host !== undefined && namesService(host, vs);
    }),
  );
}

function gatewayApiGatewaysRoutingTo(
  workload: Workload,
  index: ClusterIndex,
): KubeObject[] {
  const serviceNames = new Set(workload.services.map(service => service.name));
  const parents = new Set<string>();
  for (const route of index.list(KINDS.gatewayApiHttpRoute)) {
    const namespace = route.metadata.namespace;
    const backends = asRecords(getPath(route, 'spec.rules')).flatMap(rule =>
      asRecords(rule.backendRefs),
    );
    const targetsUs = backends.some(
      backend =>
        (asString(backend.kind) ?? 'Service') === 'Service' &&
        (asString(backend.namespace) ?? namespace) === workload.namespace &&
        serviceNames.has(asString(backend.name) ?? ''),
    );
    if (!targetsUs) continue;
    for (const parent of asRecords(getPath(route, 'spec.parentRefs'))) {
      if ((asString(parent.kind) ?? 'Gateway') !== 'Gateway') continue;
      parents.add(
        `${asString(parent.namespace) ?? namespace}/${asString(parent.name)}`,
      );
    }
  }
  return index
    .list(KINDS.gatewayApiGateway)
    .filter(gateway =>
      parents.has(`${gateway.metadata.namespace}/${gateway.metadata.name}`),
    );
}

/** `{ name, namespace }` of waypoints named by `istio.io/use-waypoint` labels. */
export function waypointReferences(
  workload: Workload,
): Array<{ name: string; namespace: string; source: string }> {
  const sources: Array<[string, Record<string, string>, string]> = [
    [
      `pod template of ${workload.kind} ${workload.name}`,
      workload.template.labels,
      workload.namespace,
    ],
    ...workload.services.map(
      (service): [string, Record<string, string>, string] => [
        `Service ${service.name}`,
        service.labels,
        service.namespace,
      ],
    ),
  ];
  if (workload.namespaceObject) {
    sources.push([
      `Namespace ${workload.namespace}`,
      workload.namespaceObject.metadata.labels ?? {},
      workload.namespace,
    ]);
  }
  return sources.flatMap(([source, labels, namespace]) => {
    const name = labels['istio.io/use-waypoint'];
    if (!name || name === 'none') return [];
    return [
      {
        name,
        namespace: labels['istio.io/use-waypoint-namespace'] ?? namespace,
        source,
      },
    ];
  });
}

function referencedWaypoints(
  workload: Workload,
  index: ClusterIndex,
): KubeObject[] {
  return waypointReferences(workload).flatMap(reference => {
    const gateway = index.get(
      KINDS.gatewayApiGateway,
      reference.namespace,
      reference.name,
    );
    return gateway ? [gateway] : [];
  });
}

function collectLinkerd(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources['linkerd'] {
  const servers = index
    .list(KINDS.linkerdServer, workload.namespace)
    .filter(server => {
      const selector = getPath(server, 'spec.podSelector');
      if (!asRecord(selector)) return false;
      return matchesLabelSelector(
        labelSelectorFromObject(selector),
        workload.template.labels,
      );
    });
  const serverNames = new Set(servers.map(server => server.metadata.name));
  const httpRoutes = index
    .list(KINDS.linkerdHttpRoute, workload.namespace)
    .filter(route =>
      asRecords(getPath(route, 'spec.parentRefs')).some(
        parent =>
          asString(parent.kind) === 'Server' &&
          serverNames.has(asString(parent.name) ?? ''),
      ),
    );
  const routeNames = new Set(httpRoutes.map(route => route.metadata.name));
  const authorizationPolicies = index
    .list(KINDS.linkerdAuthorizationPolicy, workload.namespace)
    .filter(policy => {
      const kind = asString(getPath(policy, 'spec.targetRef.kind'));
      const name = asString(getPath(policy, 'spec.targetRef.name')) ?? '';
      return (
        (kind === 'Server' && serverNames.has(name)) ||
        (kind === 'HTTPRoute' && routeNames.has(name)) ||
        kind === 'Namespace'
      );
    });
  return { servers, authorizationPolicies, httpRoutes };
}

/** The Kuma mesh a workload belongs to: label `kuma.io/mesh` on the pod or namespace, else `default`. */
export function kumaMeshName(workload: Workload): string {
  return (
    workload.template.labels['kuma.io/mesh'] ??
    workload.namespaceObject?.metadata.labels?.['kuma.io/mesh'] ??
    'default'
  );
}

function kumaPolicyTargets(policy: KubeObject, workload: Workload): boolean {
  const targetRef = asRecord(getPath(policy, 'spec.targetRef'));
  const kind = asString(targetRef?.kind) ?? 'Mesh';
  switch (kind) {
    case 'Mesh':
      return true;
    case 'Dataplane':
      return isLabelSubset(
        asStringMap(targetRef?.labels),
        workload.template.labels,
      );
    case 'MeshService':
      return workload.services.some(
        service => service.name === asString(targetRef?.name),
      );
    case 'MeshSubset': {
      const tags = asStringMap(targetRef?.tags);
      return Object.entries(tags).every(([key, value]) =>
        key === 'k8s.kuma.io/namespace'
          ? value === workload.namespace
          : key.includes('kuma.io/') || workload.template.labels[key] === value,
      );
    }
    default:
      return false;
  }
}

function collectKuma(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources['kuma'] {
  const meshName = kumaMeshName(workload);
  const policies = (kind: string) =>
    [...new Set([workload.namespace, KUMA_SYSTEM_NAMESPACE])]
      .flatMap(namespace => index.list(kind, namespace))
      .filter(
        policy =>
          (policy.metadata.labels?.['kuma.io/mesh'] ?? 'default') ===
            meshName && kumaPolicyTargets(policy, workload),
      );
  return {
    meshes: index
      .list(KINDS.kumaMesh)
      .filter(mesh => mesh.metadata.name === meshName),
    meshTls: policies(KINDS.kumaMeshTls),
    meshTrafficPermissions: policies(KINDS.kumaMeshTrafficPermission),
  };
}

/** Consul registers the pod under its Kubernetes Service's name unless annotated. */
export function consulServiceName(workload: Workload): string {
  return (
    workload.template.annotations['consul.hashicorp.com/connect-service'] ??
    workload.services[0]?.name ??
    workload.name
  );
}

function collectConsul(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources['consul'] {
  const name = consulServiceName(workload);
  return {
    serviceDefaults: index
      .list(KINDS.consulServiceDefaults)
      .filter(defaults => defaults.metadata.name === name),
    meshes: [...index.list(KINDS.consulMesh)],
    serviceIntentions: index
      .list(KINDS.consulServiceIntentions)
      .filter(intentions => {
        const destination = asString(
          getPath(intentions, 'spec.destination.name'),
        );
        const sources = asRecords(getPath(intentions, 'spec.sources')).map(
          source => asString(source.name),
        );
        return (
          destination === name || destination === '*' || sources.includes(name)
        );
      }),
  };
}

function collectAppMesh(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources['appMesh'] {
  const selects = (object: KubeObject) => {
    const selector = getPath(object, 'spec.podSelector');
    return (
      asRecord(selector) !== undefined &&
      matchesLabelSelector(
        labelSelectorFromObject(selector),
        workload.template.labels,
      )
    );
  };
  const virtualNodes = index
    .list(KINDS.appMeshVirtualNode, workload.namespace)
    .filter(selects);
  const virtualGateways = index
    .list(KINDS.appMeshVirtualGateway, workload.namespace)
    .filter(selects);
  const nodeNames = new Set(virtualNodes.map(node => node.metadata.name));
  const virtualRouters = index
    .list(KINDS.appMeshVirtualRouter, workload.namespace)
    .filter(router =>
      asRecords(getPath(router, 'spec.routes')).some(route =>
        ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'].some(type =>
          asRecords(getPath(route[type], 'action.weightedTargets')).some(
            target =>
              nodeNames.has(
                asString(getPath(target, 'virtualNodeRef.name')) ?? '',
              ),
          ),
        ),
      ),
    );
  const routerNames = new Set(
    virtualRouters.map(router => router.metadata.name),
  );
  const virtualServices = index
    .list(KINDS.appMeshVirtualService, workload.namespace)
    .filter(
      service =>
        nodeNames.has(
          asString(
            getPath(service, 'spec.provider.virtualNode.virtualNodeRef.name'),
          ) ?? '',
        ) ||
        routerNames.has(
          asString(
            getPath(
              service,
              'spec.provider.virtualRouter.virtualRouterRef.name',
            ),
          ) ?? '',
        ),
    );
  const serviceNames = new Set(
    virtualServices.map(service => service.metadata.name),
  );
  const gatewayRoutes = index
    .list(KINDS.appMeshGatewayRoute, workload.namespace)
    .filter(route =>
      ['httpRoute', 'http2Route', 'grpcRoute'].some(type =>
        serviceNames.has(
          asString(
            getPath(
              getPath(route, `spec.${type}`),
              'action.target.virtualService.virtualServiceRef.name',
            ),
          ) ?? '',
        ),
      ),
    );
  const namespaceLabels = workload.namespaceObject?.metadata.labels;
  // A Mesh adopts the namespaces its namespaceSelector matches.
  const meshes = index.list(KINDS.appMeshMesh).filter(mesh => {
    const selector = labelSelectorFromObject(
      getPath(mesh, 'spec.namespaceSelector'),
    );
    return (
      namespaceLabels !== undefined &&
      selector.requirements.length > 0 &&
      matchesLabelSelector(selector, namespaceLabels)
    );
  });
  return {
    meshes,
    virtualNodes,
    virtualGateways,
    virtualRouters,
    virtualServices,
    gatewayRoutes,
  };
}
