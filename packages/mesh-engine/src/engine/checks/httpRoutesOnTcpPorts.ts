import {
  asNumber,
  asRecords,
  asString,
  asStringArray,
  getPath,
} from '../model/access';
import { KINDS, KubeObject, refOf } from '../model/kubeObject';
import { ServicePortView, ServiceView } from '../model/service';
import { hostNamesService } from '../workloads/serviceHosts';
import { orPass } from './helpers';
import { ISTIO_OPAQUE_PROTOCOLS, istioPortProtocol } from './protocols';
import { CheckContext, CheckFinding, ReadinessCheck } from './types';

export const GRPC_ROUTE = 'GRPCRoute.gateway.networking.k8s.io';

interface RouteTarget {
  object: KubeObject;
  field: string;
  label: string;
  service: ServiceView;
  /** The Service ports the route applies to. */
  ports: ServicePortView[];
}

/** Istio proxies the port as TCP: declared tcp/tls/mysql/... or on its auto-TCP list. */
function istioTcp(port: ServicePortView): boolean {
  const protocol = istioPortProtocol(port).protocol;
  return protocol !== undefined && ISTIO_OPAQUE_PROTOCOLS.has(protocol);
}

function portsNamed(
  service: ServiceView,
  numbers: number[],
): ServicePortView[] {
  return numbers.length === 0
    ? service.ports
    : service.ports.filter(port => numbers.includes(port.port));
}

/**
 * Mesh VirtualService `http` routes (gateways absent or `mesh`) bound to a
 * Service by `hosts`; each applies on its `match[].port`s, else on the port
 * its destinations to that Service name, else on every port.
 */
function virtualServiceTargets(context: CheckContext): RouteTarget[] {
  const targets: RouteTarget[] = [];
  for (const vs of context.resources.istio.virtualServices) {
    const gateways = asStringArray(getPath(vs, 'spec.gateways'));
    if (gateways.length > 0 && !gateways.includes('mesh')) continue;
    const namespace = vs.metadata.namespace ?? 'default';
    const hosts = asStringArray(getPath(vs, 'spec.hosts'));
    for (const service of context.workload.services) {
      if (!hosts.some(host => hostNamesService(host, namespace, service)))
        continue;
      asRecords(getPath(vs, 'spec.http')).forEach((route, index) => {
        const matchPorts = asRecords(route.match).flatMap(match => {
          const port = asNumber(match.port);
          return port === undefined ? [] : [port];
        });
        const destinationPorts = asRecords(route.route).flatMap(destination => {
          const host = asString(getPath(destination, 'destination.host'));
          const port = asNumber(
            getPath(destination, 'destination.port.number'),
          );
          return host &&
            port !== undefined &&
            hostNamesService(host, namespace, service)
            ? [port]
            : [];
        });
        targets.push({
          object: vs,
          field: `spec.http[${index}]`,
          label: `VirtualService ${vs.metadata.name} http route ${index}`,
          service,
          ports: portsNamed(
            service,
            matchPorts.length > 0 ? matchPorts : destinationPorts,
          ),
        });
      });
    }
  }
  return targets;
}

/**
 * GAMMA routes (HTTPRoute, GRPCRoute) attached to a Service: the parentRef's
 * `port`, else the port of the backendRefs to the same Service, else every
 * port.
 */
function gammaTargets(context: CheckContext): RouteTarget[] {
  const { index, workload } = context;
  const targets: RouteTarget[] = [];
  const routes = [
    ...index.list(KINDS.gatewayApiHttpRoute),
    ...index.list(GRPC_ROUTE),
  ];
  for (const route of routes) {
    const namespace = route.metadata.namespace ?? 'default';
    asRecords(getPath(route, 'spec.parentRefs')).forEach((parent, at) => {
      if ((asString(parent.kind) ?? 'Gateway') !== 'Service') return;
      const parentNamespace = asString(parent.namespace) ?? namespace;
      const service = workload.services.find(
        candidate =>
          candidate.name === asString(parent.name) &&
          candidate.namespace === parentNamespace,
      );
      if (!service) return;
      const parentPort = asNumber(parent.port);
      const backendPorts = asRecords(getPath(route, 'spec.rules')).flatMap(
        rule =>
          asRecords(rule.backendRefs).flatMap(backend => {
            const port = asNumber(backend.port);
            const sameService =
              (asString(backend.kind) ?? 'Service') === 'Service' &&
              asString(backend.name) === service.name &&
              (asString(backend.namespace) ?? namespace) === service.namespace;
            return sameService && port !== undefined ? [port] : [];
          }),
      );
      targets.push({
        object: route,
        field: `spec.parentRefs[${at}]`,
        label: `${route.kind} ${route.metadata.name}`,
        service,
        ports: portsNamed(
          service,
          parentPort !== undefined ? [parentPort] : backendPorts,
        ),
      });
    });
  }
  return targets;
}

export const httpRoutesOnTcpPortsCheck: ReadinessCheck = {
  id: 'MR-HTTP-ROUTE-TCP-PORT',
  title: 'HTTP routes target ports Istio proxies as HTTP',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient'],
  reads: [
    'VirtualService spec.hosts/gateways/http[].match[].port/route[].destination',
    'HTTPRoute / GRPCRoute spec.parentRefs (kind Service) and backendRefs',
    'Service spec.ports[].name/appProtocol',
  ],
  readsKinds: [
    KINDS.istioVirtualService,
    KINDS.gatewayApiHttpRoute,
    GRPC_ROUTE,
    KINDS.service,
  ],
  why: 'Istio applies HTTP routes only on ports it proxies as HTTP: on a port declared TCP (or on its auto-TCP list) the routes are ignored, so retries, timeouts and traffic splits silently do nothing.',
  run(context) {
    const findings: CheckFinding[] = [];
    for (const target of [
      ...virtualServiceTargets(context),
      ...gammaTargets(context),
    ]) {
      if (target.ports.length === 0 || !target.ports.every(istioTcp)) continue;
      const ports = target.ports.map(port => port.port).join(', ');
      findings.push({
        status: 'fail',
        object: refOf(target.object),
        field: target.field,
        message: `${target.label} targets Service ${
          target.service.name
        } port ${ports}, which Istio proxies as TCP (${target.ports
          .map(port => istioPortProtocol(port).from)
          .join(', ')}); Istio ignores HTTP routes there`,
        remediation:
          'If the port speaks HTTP or gRPC, declare it so (appProtocol: http / grpc / kubernetes.io/h2c, or an http-/grpc- name); if it really is TCP, route it with a tcp route instead.',
        snippet: [
          'spec:',
          '  ports:',
          `  - port: ${target.ports[0].port}`,
          '    appProtocol: http   # or grpc / kubernetes.io/h2c',
        ].join('\n'),
      });
    }
    return orPass(
      findings,
      context,
      'No HTTP route targets a port Istio proxies as TCP',
    );
  },
};
