import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { KINDS } from '../model/kubeObject';
import { ServicePortView } from '../model/service';
import {
  appMeshListenerProtocol,
  containerPortProtocol,
  DeclaredProtocol,
} from './declaredProtocol';
import { orPass, serviceRef } from './helpers';
import { istioPortProtocol } from './protocols';
import { CheckFinding, ReadinessCheck } from './types';

/** Protocols that carry the same wire format, by family. */
function family(protocol: string): string {
  switch (protocol) {
    case 'grpc':
    case 'http2':
    case 'kubernetes.io/h2c':
      return 'http2';
    case 'tcp':
    case 'tls':
    case 'mysql':
    case 'mongo':
    case 'redis':
      return 'tcp';
    default:
      return protocol;
  }
}

/**
 * The `appProtocol` that makes a Service port say what its listener says
 * (decision 13 of issue 12): grpc → `grpc`, http2 → `kubernetes.io/h2c`,
 * http → `http`, tcp → `tcp`.
 */
export function appProtocolFor(protocol: string): string {
  return protocol === 'http2' ? 'kubernetes.io/h2c' : protocol;
}

/**
 * The declaration the Service port contradicts, if any. An App Mesh listener
 * is what ran in production, so any other family is a conflict; a container
 * port name is weaker and only counts when it says grpc/http2 and the
 * Service says http or tcp.
 */
export function protocolConflict(
  port: ServicePortView,
  appMesh: DeclaredProtocol | undefined,
  container: DeclaredProtocol | undefined,
): DeclaredProtocol | undefined {
  const own = istioPortProtocol(port);
  if (!own.protocol || (own.from !== 'appProtocol' && own.from !== 'name'))
    return undefined;
  const ownFamily = family(own.protocol);
  if (appMesh)
    return family(appMesh.protocol) === ownFamily ? undefined : appMesh;
  if (
    container &&
    family(container.protocol) === 'http2' &&
    (ownFamily === 'http' || ownFamily === 'tcp')
  )
    return container;
  return undefined;
}

export const protocolMismatchCheck: ReadinessCheck = {
  id: 'MR-PROTOCOL-MISMATCH',
  title: 'Service ports declare the protocol their listener speaks',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient', 'kuma'],
  reads: [
    'Service spec.ports[].name/appProtocol',
    'App Mesh VirtualNode spec.listeners[].portMapping.protocol',
    'containers[].ports[].name',
  ],
  readsKinds: [KINDS.service],
  readsKindsIn: { 'aws-app-mesh': [KINDS.appMeshVirtualNode] },
  why: 'The mesh proxies a port as the Service declares it: a gRPC or HTTP/2 listener behind a port named http is proxied as HTTP/1.1 by Istio, and one named tcp loses L7 routing; the App Mesh listener says what the port really speaks.',
  run(context) {
    const { workload, resources } = context;
    const findings: CheckFinding[] = [];
    for (const service of workload.services) {
      for (const port of service.ports) {
        const conflict = protocolConflict(
          port,
          appMeshListenerProtocol(
            port,
            [workload],
            resources.appMesh.virtualNodes,
          ),
          containerPortProtocol(port, [workload]),
        );
        if (!conflict) continue;
        const own = istioPortProtocol(port);
        // Kuma reads appProtocol only: a port without one is TCP there, so
        // a listener speaking HTTP, HTTP/2 or gRPC conflicts with it too.
        const kumaConflicts =
          own.from === 'appProtocol' || family(conflict.protocol) !== 'tcp';
        const meshes: MeshId[] = kumaConflicts
          ? ['istio-sidecar', 'istio-ambient', 'kuma']
          : ['istio-sidecar', 'istio-ambient'];
        const wanted = appProtocolFor(conflict.protocol);
        findings.push({
          status: 'fail',
          object: serviceRef(service),
          field: `spec.ports[${port.index}].appProtocol`,
          meshes,
          message: `Service ${service.name} port ${port.port} is declared ${
            own.protocol
          } (${
            own.from === 'appProtocol'
              ? `appProtocol ${port.appProtocol}`
              : `name ${port.name}`
          }) but ${conflict.where} says ${
            conflict.protocol
          }; the mesh would proxy it as ${own.protocol}`,
          remediation: `Set appProtocol: ${wanted} on the port (appProtocol wins over the port name).`,
          snippet: [
            'spec:',
            '  ports:',
            `  - port: ${port.port}`,
            `    appProtocol: ${wanted}`,
          ].join('\n'),
        });
      }
    }
    return orPass(
      findings,
      context,
      'Every declared Service port protocol agrees with its listener',
    );
  },
};
