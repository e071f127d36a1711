import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import {
  labelSelectorFromObject,
  matchesLabelSelector,
} from '../../engine/cluster/labelSelector';
import { asRecord, asString, getPath } from '../../engine/model/access';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import { findMeshResources } from '../../engine/workloads/meshResources';
import { Workload } from '../../engine/workloads/workload';

/** The App Mesh objects of one service. */
export interface AppMeshObjects {
  meshes: KubeObject[];
  virtualNodes: KubeObject[];
  virtualRouters: KubeObject[];
  virtualServices: KubeObject[];
  virtualGateways: KubeObject[];
  gatewayRoutes: KubeObject[];
}

function uniq(objects: KubeObject[]): KubeObject[] {
  return [...new Set(objects)];
}

/** App Mesh objects that select, route to or expose the workloads. */
export function collectAppMesh(
  workloads: readonly Workload[],
  index: ClusterIndex,
): AppMeshObjects {
  const all = workloads.map(w => findMeshResources(w, index).appMesh);
  const gatewayRoutes = uniq(all.flatMap(r => r.gatewayRoutes));
  const virtualGateways = uniq([
    ...all.flatMap(r => r.virtualGateways),
    ...gatewayRoutes.flatMap(route => {
      const gateway = gatewayOfRoute(route, index);
      return gateway ? [gateway] : [];
    }),
  ]);
  return {
    meshes: uniq(all.flatMap(r => r.meshes)),
    virtualNodes: uniq(all.flatMap(r => r.virtualNodes)),
    virtualRouters: uniq(all.flatMap(r => r.virtualRouters)),
    virtualServices: uniq(all.flatMap(r => r.virtualServices)),
    virtualGateways,
    gatewayRoutes,
  };
}

/** Routes and gateways first, nodes last: the order to delete them in. */
export function appMeshObjectList(objects: AppMeshObjects): KubeObject[] {
  return [
    ...objects.gatewayRoutes,
    ...objects.virtualGateways,
    ...objects.virtualServices,
    ...objects.virtualRouters,
    ...objects.virtualNodes,
  ];
}

/** The VirtualGateway a GatewayRoute belongs to: its reference, else the one gateway whose selector matches it. */
export function gatewayOfRoute(
  route: KubeObject,
  index: ClusterIndex,
): KubeObject | undefined {
  const namespace = route.metadata.namespace;
  const refName = asString(getPath(route, 'spec.virtualGatewayRef.name'));
  if (refName) {
    const refNamespace =
      asString(getPath(route, 'spec.virtualGatewayRef.namespace')) ?? namespace;
    return index.get(KINDS.appMeshVirtualGateway, refNamespace, refName);
  }
  const gateways = index.list(KINDS.appMeshVirtualGateway);
  const matching = gateways.filter(gateway => {
    const selector = asRecord(getPath(gateway, 'spec.gatewayRouteSelector'));
    if (!selector) return gateway.metadata.namespace === namespace;
    return matchesLabelSelector(
      labelSelectorFromObject(selector),
      route.metadata.labels ?? {},
    );
  });
  return matching.length === 1 ? matching[0] : undefined;
}
