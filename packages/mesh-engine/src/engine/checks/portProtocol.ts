import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { readService, ServicePortView, ServiceView } from '../model/service';
import { getPath } from '../model/access';
import { KINDS } from '../model/kubeObject';
import { orPass, serviceRef } from './helpers';
import { istioPortProtocol } from './protocols';
import { CheckFinding, ReadinessCheck } from './types';

function describePort(port: ServicePortView): string {
  return port.name
    ? `port ${port.port} (name "${port.name}")`
    : `port ${port.port}`;
}

function portSnippet(port: ServicePortView, protocol: string): string {
  return [
    'spec:',
    '  ports:',
    `  - name: ${protocol}${
      port.name && port.name !== protocol ? `-${port.name}` : ''
    }`,
    `    port: ${port.port}`,
    `    appProtocol: ${protocol}   # the protocol the port really speaks`,
  ].join('\n');
}

const ISTIO: MeshId[] = ['istio-sidecar', 'istio-ambient'];

/** Kuma reads `appProtocol` or the Service annotation `<port>.service.kuma.io/protocol`, not port names. */
function kumaDeclared(service: ServiceView, port: ServicePortView): boolean {
  return (
    !!port.appProtocol ||
    !!service.annotations[`${port.port}.service.kuma.io/protocol`]
  );
}

export const portProtocolCheck: ReadinessCheck = {
  id: 'MR-PORT-PROTOCOL',
  title: 'Service ports declare their protocol',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient', 'linkerd', 'kuma'],
  reads: ['Service spec.ports[].name', 'Service spec.ports[].appProtocol'],
  readsKinds: [KINDS.service],
  why: 'Without a declared protocol Istio sniffs (IST0118; Kiali KIA0601 shows it as an error) and Kuma treats the port as plain TCP, losing L7 routing, retries and metrics. Linkerd detects the protocol itself, so the declaration is optional there.',
  run(context) {
    const findings: CheckFinding[] = [];
    for (const service of context.workload.services) {
      for (const port of service.ports) {
        if (port.protocol === 'UDP') continue;
        const field = `spec.ports[${port.index}].${
          port.name ? 'name' : 'appProtocol'
        }`;
        if (istioPortProtocol(port).from === 'none') {
          const meshes = kumaDeclared(service, port)
            ? ISTIO
            : [...ISTIO, 'kuma' as const];
          findings.push({
            status: 'fail',
            object: serviceRef(service),
            field,
            meshes,
            message: port.name
              ? `Service ${service.name} ${describePort(
                  port,
                )} has no recognised protocol: name it <protocol>[-suffix] (http, http2, grpc, tcp, tls, ...) or set appProtocol`
              : `Service ${service.name} ${describePort(
                  port,
                )} has no protocol: name it http-... (or grpc-, tcp-, ...) or set appProtocol`,
            remediation:
              'Name the port <protocol>[-suffix] (Istio: http, http2, https, grpc, grpc-web, tcp, tls, mongo, mysql, redis, udp) or set appProtocol.',
            snippet: portSnippet(port, 'http'),
          });
        } else if (!kumaDeclared(service, port)) {
          findings.push({
            status: 'fail',
            severity: 'info',
            object: serviceRef(service),
            field: `spec.ports[${port.index}].appProtocol`,
            meshes: ['kuma'],
            message: `Service ${service.name} ${describePort(
              port,
            )} has no appProtocol: Kuma ignores port names and treats it as TCP`,
            remediation:
              'Set appProtocol (http, http2, grpc, tcp) on the port, or annotate the Service with <port>.service.kuma.io/protocol.',
            snippet: portSnippet(
              port,
              istioPortProtocol(port).protocol ?? 'http',
            ),
          });
        }
      }
    }
    return orPass(
      findings,
      context,
      'Every Service port declares its protocol',
    );
  },
};

/**
 * ExternalName Services have no selector, so none "selects" the workload;
 * the ones checked here are those of the same app (same `app` or
 * `app.kubernetes.io/name` label) in the workload's namespace.
 */
export const externalNameTcpCheck: ReadinessCheck = {
  id: 'MR-EXTERNALNAME-TCP',
  title: 'ExternalName Service ports name a specific protocol',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar'],
  reads: [
    'ExternalName Service spec.ports[].name',
    'Service labels app / app.kubernetes.io/name',
  ],
  readsKinds: [KINDS.service],
  why: 'Istio needs a specific protocol on ExternalName Service ports; `tcp` or an unknown name makes it treat all traffic to the external host as one opaque TCP stream (IST0150).',
  run(context) {
    const { workload, index } = context;
    const appKeys = ['app', 'app.kubernetes.io/name'].filter(
      key => workload.template.labels[key],
    );
    const findings: CheckFinding[] = [];
    const externalNameServices = index.memo(
      `engine:external-name:${workload.namespace}`,
      () =>
        index
          .list(KINDS.service, workload.namespace)
          .filter(object => getPath(object, 'spec.type') === 'ExternalName')
          .map(readService),
    );
    for (const service of externalNameServices) {
      if (
        !appKeys.some(
          key => service.labels[key] === workload.template.labels[key],
        )
      )
        continue;
      for (const port of service.ports) {
        const derived = istioPortProtocol(port);
        if (derived.from !== 'none' && port.name?.toLowerCase() !== 'tcp')
          continue;
        findings.push({
          status: 'fail',
          object: serviceRef(service),
          field: `spec.ports[${port.index}].name`,
          message: `ExternalName Service ${service.name} ${describePort(
            port,
          )} does not name a specific protocol (IST0150)`,
          remediation:
            'Name the port after the protocol the external host speaks (http, https, tls, ...), not tcp.',
          snippet: portSnippet(port, 'https'),
        });
      }
    }
    return orPass(
      findings,
      context,
      'No ExternalName Service of this app has an unspecific port',
    );
  },
};
