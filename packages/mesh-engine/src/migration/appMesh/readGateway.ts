import {
  asNumber,
  asRecord,
  asRecords,
  asString,
  asStringMap,
  getPath,
} from '../../engine/model/access';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import { readService, ServiceView } from '../../engine/model/service';
import { isSubsetOf } from '../util';
import { gatewayOfRoute } from './collect';
import { GatewayModel, GatewayRouteModel, Rewrite } from './model';
import { readGrpcMatch, readHttpMatch } from './readMatch';
import { portOf, protocolOf, ReadContext } from './readContext';
import {
  findServicePort,
  serviceOfVirtualService,
  virtualServiceHost,
} from './readServices';

export function readGateway(
  context: ReadContext,
  gateway: KubeObject,
): GatewayModel {
  const ledger = context.ledger(gateway);
  ledger.ignore('spec.meshRef', 'not needed');
  ledger.ignore('spec.awsName', 'not needed');
  const site = (path: string) => ({ ledger, path });
  const listeners = asRecords(getPath(gateway, 'spec.listeners')).flatMap(
    (listener, i) => {
      const port = portOf(listener);
      if (port === undefined) return [];
      const path = `spec.listeners[${i}]`;
      return [
        {
          port,
          protocol: protocolOf(
            asString(getPath(listener, 'portMapping.protocol')) ?? 'http',
          ),
          site: site(`${path}.portMapping`),
          tls: asRecord(listener.tls) ? site(`${path}.tls`) : undefined,
          healthCheck: asRecord(listener.healthCheck)
            ? site(`${path}.healthCheck`)
            : undefined,
          pool: asRecord(listener.connectionPool)
            ? site(`${path}.connectionPool`)
            : undefined,
        },
      ];
    },
  );
  return {
    gateway,
    site: site('spec'),
    listeners,
    namespaceSelector: asRecord(getPath(gateway, 'spec.namespaceSelector')),
    internetFacing: internetFacingServices(context, gateway),
    backendDefaults: asRecord(
      getPath(gateway, 'spec.backendDefaults.clientPolicy'),
    )
      ? site('spec.backendDefaults.clientPolicy')
      : undefined,
    logging: asRecord(getPath(gateway, 'spec.logging'))
      ? site('spec.logging')
      : undefined,
  };
}

/**
 * LoadBalancer Services in front of the gateway's pods that are not marked
 * internal: App Mesh walkthroughs expose the VirtualGateway's envoy this way.
 */
function internetFacingServices(
  context: ReadContext,
  gateway: KubeObject,
): ServiceView[] {
  const podLabels = asStringMap(
    getPath(gateway, 'spec.podSelector.matchLabels'),
  );
  if (Object.keys(podLabels).length === 0) return [];
  return context.index
    .list(KINDS.service, gateway.metadata.namespace)
    .map(readService)
    .filter(
      view =>
        view.type === 'LoadBalancer' &&
        view.selector !== undefined &&
        isSubsetOf(view.selector, podLabels) &&
        view.annotations[
          'service.beta.kubernetes.io/aws-load-balancer-internal'
        ] !== 'true' &&
        view.annotations[
          'service.beta.kubernetes.io/aws-load-balancer-scheme'
        ] !== 'internal',
    );
}

const ROUTE_TYPES = [
  ['httpRoute', 'http'],
  ['http2Route', 'http2'],
  ['grpcRoute', 'grpc'],
] as const;

/** A GatewayRoute's routes, with App Mesh's default rewrites made explicit. */
export function readGatewayRoute(
  context: ReadContext,
  route: KubeObject,
): GatewayRouteModel[] {
  const ledger = context.ledger(route);
  ledger.ignore('spec.meshRef', 'not needed');
  ledger.ignore('spec.awsName', 'not needed');
  const gateway = gatewayOfRoute(route, context.index);
  if (!gateway) {
    ledger.manual(
      'spec',
      'not carried: its VirtualGateway is not in the input',
      'Translate the ingress route by hand.',
    );
    return [];
  }
  ledger.carry('spec.virtualGatewayRef', 'parentRef');
  if (getPath(route, 'spec.priority') !== undefined)
    ledger.carry(
      'spec.priority',
      'rule order (Gateway API orders by specificity)',
    );
  const namespace = route.metadata.namespace ?? 'default';
  return ROUTE_TYPES.flatMap(([key, protocol]) => {
    const spec = asRecord(getPath(route, `spec.${key}`));
    if (!spec) return [];
    const path = `spec.${key}`;
    const vsRef = asRecord(
      getPath(spec, 'action.target.virtualService.virtualServiceRef'),
    );
    const vs = vsRef
      ? context.index.get(
          KINDS.appMeshVirtualService,
          asString(vsRef.namespace) ?? namespace,
          asString(vsRef.name) ?? '',
        )
      : undefined;
    if (!vs) {
      ledger.manual(
        `${path}.action.target`,
        'not carried: target VirtualService not in the input',
        'Point the route at the backing Service by hand.',
      );
      return [];
    }
    ledger.carry(`${path}.action.target.virtualService`, 'backendRef');
    let service = serviceOfVirtualService(context, vs);
    if (
      !service.view &&
      context.generatedParents.has(`${service.namespace}/${service.name}`)
    )
      service = { ...service, generated: true };
    const targetPort = asNumber(getPath(spec, 'action.target.port'));
    if (targetPort !== undefined) ledger.carry(`${path}.action.target.port`);
    const containerPort = targetPort ?? virtualServicePort(context, vs);
    const port =
      (containerPort !== undefined
        ? findServicePort(context, service, containerPort)
        : undefined) ??
      service.view?.ports[0]?.port ??
      containerPort ??
      80;
    const host = virtualServiceHost(vs, service);
    const match = { ...(asRecord(spec.match) ?? {}) };
    const hostnames = (['exact', 'suffix'] as const).flatMap(kind => {
      const value = asString(getPath(match, `hostname.${kind}`));
      if (!value) return [];
      const hostPath = `${path}.match.hostname.${kind}`;
      return [
        {
          value:
            kind === 'exact'
              ? value
              : `*${value.startsWith('.') ? '' : '.'}${value}`,
          site: { ledger, path: hostPath },
        },
      ];
    });
    delete match.hostname;
    return [
      {
        route,
        gateway,
        protocol,
        site: { ledger, path },
        hostnames,
        http:
          protocol === 'grpc'
            ? undefined
            : readHttpMatch(match, ledger, `${path}.match`),
        grpc:
          protocol === 'grpc'
            ? readGrpcMatch(match, ledger, `${path}.match`)
            : undefined,
        target: {
          service,
          port,
          host,
          site: { ledger, path: `${path}.action.target` },
        },
        rewrite: readRewrite(context, route, path, host),
      },
    ];
  });
}

/** The port of the VirtualService's provider: its router's or node's first listener. */
function virtualServicePort(
  context: ReadContext,
  vs: KubeObject,
): number | undefined {
  const namespace = vs.metadata.namespace ?? 'default';
  const routerName = asString(
    getPath(vs, 'spec.provider.virtualRouter.virtualRouterRef.name'),
  );
  const provider = routerName
    ? context.index.get(KINDS.appMeshVirtualRouter, namespace, routerName)
    : context.node(
        getPath(vs, 'spec.provider.virtualNode.virtualNodeRef'),
        namespace,
      );
  return asNumber(getPath(provider, 'spec.listeners.0.portMapping.port'));
}

/**
 * App Mesh rewrites by default (user guide, "Gateway routes"): a `prefix`
 * match has the matched prefix replaced by `/` unless
 * `rewrite.prefix.defaultPrefix: DISABLED` or an explicit `prefix.value`;
 * Host becomes the target VirtualService's name unless
 * `rewrite.hostname.defaultTargetHostname: DISABLED`.
 */
function readRewrite(
  context: ReadContext,
  route: KubeObject,
  path: string,
  host: string,
): Rewrite {
  const ledger = context.ledger(route);
  const spec = getPath(route, path);
  const rewrite = asRecord(getPath(spec, 'action.rewrite'));
  const base = `${path}.action.rewrite`;
  const out: Rewrite = {};
  const prefix = asString(getPath(spec, 'match.prefix'));
  const value = asString(getPath(rewrite, 'prefix.value'));
  const defaultPrefix = asString(getPath(rewrite, 'prefix.defaultPrefix'));
  const exact = asString(getPath(rewrite, 'path.exact'));
  if (value !== undefined)
    out.prefix = { value, site: { ledger, path: `${base}.prefix.value` } };
  else if (defaultPrefix === 'DISABLED')
    ledger.carry(`${base}.prefix.defaultPrefix`, 'no rewrite');
  else if (prefix !== undefined && prefix !== '/')
    out.prefix = {
      value: '/',
      site: { ledger, path: `${base}.prefix.defaultPrefix` },
    };
  else if (defaultPrefix !== undefined)
    ledger.carry(`${base}.prefix.defaultPrefix`, 'prefix / needs no rewrite');
  if (exact !== undefined)
    out.fullPath = {
      value: exact,
      site: { ledger, path: `${base}.path.exact` },
    };
  const hostDefault = asString(
    getPath(rewrite, 'hostname.defaultTargetHostname'),
  );
  if (hostDefault === 'DISABLED')
    ledger.carry(`${base}.hostname.defaultTargetHostname`, 'Host kept');
  else
    out.hostname = {
      value: host,
      site: { ledger, path: `${base}.hostname.defaultTargetHostname` },
    };
  return out;
}
