import { ClusterIndex } from '../../cluster/clusterIndex';
import { asRecords, asString, getPath } from '../../model/access';
import { KINDS, KubeObject } from '../../model/kubeObject';
import { Workload } from '../workload';

/**
 * The Gateway API Gateways in front of a workload and the waypoints its
 * labels name: both show how Istio already routes to it.
 */

export function gatewayApiGatewaysRoutingTo(
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

export function referencedWaypoints(
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
