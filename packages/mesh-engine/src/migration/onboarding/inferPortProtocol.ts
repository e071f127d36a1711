import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { declaredPortProtocol } from '../../engine/checks/declaredProtocol';
import { SERVER_FIRST_PORTS } from '../../engine/checks/protocols';
import { KubeObject } from '../../engine/model/kubeObject';
import { resolveContainerPort } from '../../engine/model/podSpec';
import { ServicePortView } from '../../engine/model/service';
import { findMeshResources } from '../../engine/workloads/meshResources';
import { Workload } from '../../engine/workloads/workload';

/**
 * Well-known ports of client-first protocols that are not HTTP (PostgreSQL,
 * Redis, Elasticsearch transport, Memcached, MongoDB, Kafka, ...): a guess
 * used only when nothing declares the port's protocol.
 */
const TCP_PORTS = new Set([
  53, 389, 636, 1883, 2181, 2888, 3888, 4369, 5432, 5671, 5672, 6379, 6380,
  7000, 7001, 8883, 9042, 9092, 9093, 9300, 11211, 25672, 26379, 27017,
]);
const HTTP_PORTS = new Set([
  80, 3000, 5000, 8000, 8008, 8080, 8081, 8088, 8888, 9080, 9090, 9100, 15672,
]);

/** The App Mesh VirtualNodes that select any of the workloads (their listeners declare protocols). */
export function virtualNodesOf(
  workloads: readonly Workload[],
  index: ClusterIndex,
): KubeObject[] {
  return [
    ...new Set(
      workloads.flatMap(
        workload => findMeshResources(workload, index).appMesh.virtualNodes,
      ),
    ),
  ];
}

/**
 * What protocol a Service port speaks, when the manifests say enough to
 * tell. A declaration (the Service's appProtocol or name, the App Mesh
 * listener, the container port's name) always wins; numbers are a guess
 * for ports nothing declares.
 */
export function inferPortProtocol(
  port: ServicePortView,
  workloads: readonly Workload[],
  virtualNodes: readonly KubeObject[] = [],
): string | undefined {
  const declared = declaredPortProtocol(port, workloads, virtualNodes);
  if (declared) return declared.protocol;
  const numbers = [
    ...workloads.flatMap(workload => {
      const target = resolveContainerPort(
        workload.template.spec,
        port.targetPort,
      );
      return target === undefined ? [] : [target];
    }),
    port.port,
  ];
  if (numbers.some(number => SERVER_FIRST_PORTS[number])) return 'tcp';
  if (numbers.some(number => TCP_PORTS.has(number))) return 'tcp';
  if (numbers.some(number => HTTP_PORTS.has(number))) return 'http';
  return undefined;
}
