import { ClusterIndex } from '../../cluster/clusterIndex';
import { controlPlaneFacts } from '../../cluster/controlPlane';
import { isLabelSubset } from '../../cluster/labelSelector';
import {
  asRecords,
  asString,
  asStringArray,
  asStringMap,
  getPath,
} from '../../model/access';
import { KINDS, KubeObject } from '../../model/kubeObject';
import { hostNamesService } from '../serviceHosts';
import { Workload } from '../workload';
import {
  gatewayApiGatewaysRoutingTo,
  referencedWaypoints,
} from './istioGateways';

/** Istio configuration that applies to one workload. */
export interface IstioResources {
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

export function collectIstio(
  workload: Workload,
  index: ClusterIndex,
): IstioResources {
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
