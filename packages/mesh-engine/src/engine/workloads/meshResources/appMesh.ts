import { ClusterIndex } from '../../cluster/clusterIndex';
import {
  labelSelectorFromObject,
  matchesLabelSelector,
} from '../../cluster/labelSelector';
import { asRecord, asRecords, asString, getPath } from '../../model/access';
import { KINDS, KubeObject } from '../../model/kubeObject';
import { Workload } from '../workload';

/** App Mesh objects that select one workload, and the routers, services and routes that lead to them. */
export interface AppMeshResources {
  meshes: KubeObject[];
  virtualNodes: KubeObject[];
  virtualGateways: KubeObject[];
  virtualRouters: KubeObject[];
  virtualServices: KubeObject[];
  gatewayRoutes: KubeObject[];
}

export function collectAppMesh(
  workload: Workload,
  index: ClusterIndex,
): AppMeshResources {
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
