import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { KINDS } from '../model/kubeObject';
import { resolveContainerPort } from '../model/podSpec';
import { ServicePortView } from '../model/service';
import { declaredPortProtocol } from './declaredProtocol';
import { orPass, serviceRef } from './helpers';
import {
  ISTIO_AUTO_TCP_PORTS,
  ISTIO_OPAQUE_PROTOCOLS,
  istioPortProtocol,
  LINKERD_DEFAULT_OPAQUE_PORTS,
  LINKERD_DEFAULT_SKIPPED_PORTS,
  linkerdTreatsAsOpaque,
  parsePortList,
  SERVER_FIRST_PORTS,
  serverFirstPortSuffix,
} from './protocols';
import { CheckFinding, ReadinessCheck } from './types';

const OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';

export const serverFirstCheck: ReadinessCheck = {
  id: 'MR-SERVER-FIRST',
  title: 'Server-first protocols are declared as opaque TCP',
  severity: 'warning',
  severityFor: { 'istio-ambient': 'info' },
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient', 'linkerd'],
  reads: [
    'Service spec.ports[].port/targetPort/name/appProtocol',
    'App Mesh VirtualNode spec.listeners[].portMapping.protocol',
    'containers[].ports[].name',
    'annotation config.linkerd.io/opaque-ports (pod template, Service, Namespace)',
  ],
  readsKinds: [KINDS.service, KINDS.namespace],
  readsKindsIn: { 'aws-app-mesh': [KINDS.appMeshVirtualNode] },
  why: 'In server-first protocols (MySQL/MariaDB, SMTP, NATS, Galera) the server speaks first, so protocol sniffing waits for client bytes that never come and connections stall; the port must be declared TCP (Istio) or opaque (Linkerd).',
  run(context) {
    const { workload, resources } = context;
    const findings: CheckFinding[] = [];
    const linkerdOpaque = new Set([
      ...parsePortList(workload.template.annotations[OPAQUE_PORTS]),
      ...parsePortList(
        workload.namespaceObject?.metadata.annotations?.[OPAQUE_PORTS],
      ),
    ]);
    for (const service of workload.services) {
      const serviceOpaque = parsePortList(service.annotations[OPAQUE_PORTS]);
      for (const port of service.ports) {
        const target = resolveContainerPort(
          workload.template.spec,
          port.targetPort,
        );
        const number = [port.port, target].find(
          candidate => candidate !== undefined && SERVER_FIRST_PORTS[candidate],
        );
        if (number === undefined) continue;
        // A declared protocol wins over the number: a port declared
        // http/grpc speaks that, and one declared TCP-like is handled below.
        const declared = declaredPortProtocol(
          port,
          [workload],
          resources.appMesh.virtualNodes,
        );
        if (declared && !ISTIO_OPAQUE_PROTOCOLS.has(declared.protocol))
          continue;
        const meshes: MeshId[] = [];
        if (!istioHandles(port)) meshes.push('istio-sidecar', 'istio-ambient');
        const linkerdHandles =
          LINKERD_DEFAULT_OPAQUE_PORTS.has(number) ||
          LINKERD_DEFAULT_SKIPPED_PORTS.has(number) ||
          linkerdTreatsAsOpaque(port) ||
          serviceOpaque.has(port.port) ||
          (target !== undefined && linkerdOpaque.has(target));
        if (!linkerdHandles) meshes.push('linkerd');
        if (meshes.length === 0) continue;
        findings.push({
          status: 'fail',
          object: serviceRef(service),
          field: `spec.ports[${port.index}]`,
          meshes,
          message: `Service ${service.name} port ${port.port} looks like ${
            SERVER_FIRST_PORTS[number]
          } (server-first) but is not declared as TCP/opaque for ${meshes
            .filter(m => m !== 'istio-ambient')
            .join(', ')}`,
          remediation:
            'Istio: name the port tcp-... (or mysql/redis/mongo) or set appProtocol: tcp. Linkerd: add the port to config.linkerd.io/opaque-ports or set appProtocol: linkerd.io/opaque.',
          snippet: [
            'spec:',
            '  ports:',
            `  - name: tcp-${serverFirstPortSuffix(number)}`,
            `    port: ${port.port}`,
            '    appProtocol: tcp',
          ].join('\n'),
        });
      }
    }
    return orPass(
      findings,
      context,
      'No Service port carries an undeclared server-first protocol',
    );
  },
};

/** Istio handles a server-first port when it is declared TCP-like or is on its auto-TCP list. */
function istioHandles(port: ServicePortView): boolean {
  const derived = istioPortProtocol(port);
  if (derived.protocol) return ISTIO_OPAQUE_PROTOCOLS.has(derived.protocol);
  return ISTIO_AUTO_TCP_PORTS.has(port.port);
}
