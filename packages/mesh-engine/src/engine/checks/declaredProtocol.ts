import { asNumber, asRecords, asString, getPath } from '../model/access';
import { KubeObject } from '../model/kubeObject';
import { resolveContainerPort } from '../model/podSpec';
import { ServicePortView } from '../model/service';
import { Workload } from '../workloads/workload';
import { ISTIO_PROTOCOL_PREFIXES, istioPortProtocol } from './protocols';

/** Where a port's protocol was declared, from the strongest to the weakest. */
export type DeclarationSource =
  | 'appProtocol'
  | 'name'
  | 'app-mesh-listener'
  | 'container-port-name';

export interface DeclaredProtocol {
  /** Istio's spelling: `http`, `http2`, `grpc`, `tcp`, ... */
  protocol: string;
  from: DeclarationSource;
  /** Human-readable origin, e.g. `VirtualNode reviews listener 9080`. */
  where: string;
}

/** App Mesh listener protocols (`spec.listeners[].portMapping.protocol`). */
const APP_MESH_PROTOCOLS: ReadonlySet<string> = new Set([
  'http',
  'http2',
  'grpc',
  'tcp',
]);

/**
 * The protocol an App Mesh VirtualNode listener declares for a Service port:
 * the listener whose port is the port's target (container) port or the
 * Service port itself.
 */
export function appMeshListenerProtocol(
  port: ServicePortView,
  workloads: readonly Workload[],
  virtualNodes: readonly KubeObject[],
): DeclaredProtocol | undefined {
  const candidates = new Set<number>([port.port]);
  for (const workload of workloads) {
    const target = resolveContainerPort(
      workload.template.spec,
      port.targetPort,
    );
    if (target !== undefined) candidates.add(target);
  }
  for (const node of virtualNodes) {
    for (const listener of asRecords(getPath(node, 'spec.listeners'))) {
      const listenerPort = asNumber(getPath(listener, 'portMapping.port'));
      const protocol = asString(
        getPath(listener, 'portMapping.protocol'),
      )?.toLowerCase();
      if (listenerPort === undefined || !protocol) continue;
      if (!candidates.has(listenerPort) || !APP_MESH_PROTOCOLS.has(protocol))
        continue;
      return {
        protocol,
        from: 'app-mesh-listener',
        where: `VirtualNode ${node.metadata.name} listener ${listenerPort}/${protocol}`,
      };
    }
  }
  return undefined;
}

/** The protocol prefix of the named container port a Service port targets. */
export function containerPortProtocol(
  port: ServicePortView,
  workloads: readonly Workload[],
): DeclaredProtocol | undefined {
  for (const workload of workloads) {
    const target = resolveContainerPort(
      workload.template.spec,
      port.targetPort,
    );
    for (const container of workload.template.spec.containers) {
      const named = container.ports.find(
        candidate => candidate.containerPort === target && candidate.name,
      );
      const name = named?.name?.toLowerCase() ?? '';
      const prefix = name.startsWith('grpc-web')
        ? 'grpc-web'
        : name.split('-')[0];
      if (named && ISTIO_PROTOCOL_PREFIXES.has(prefix)) {
        return {
          protocol: prefix,
          from: 'container-port-name',
          where: `container ${container.name} port ${named.name}`,
        };
      }
    }
  }
  return undefined;
}

/**
 * The protocol a port is declared to speak, by the Service itself
 * (appProtocol, then the name prefix, as Istio reads them), else by the App
 * Mesh listener, else by the name of the container port. A port number is
 * never a declaration: callers guess from numbers only when this returns
 * nothing.
 */
export function declaredPortProtocol(
  port: ServicePortView,
  workloads: readonly Workload[],
  virtualNodes: readonly KubeObject[],
): DeclaredProtocol | undefined {
  const derived = istioPortProtocol(port);
  if (
    derived.protocol &&
    (derived.from === 'appProtocol' || derived.from === 'name')
  ) {
    return {
      protocol: derived.protocol,
      from: derived.from,
      where:
        derived.from === 'appProtocol'
          ? `appProtocol ${port.appProtocol}`
          : `port name ${port.name}`,
    };
  }
  return (
    appMeshListenerProtocol(port, workloads, virtualNodes) ??
    containerPortProtocol(port, workloads)
  );
}
