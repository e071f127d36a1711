/** Istio: networking.istio.io/v1 VirtualService and DestinationRule, Telemetry for access logs, Gateway API for ingress. */
import { JsonRecord } from '../../../engine/model/access';
import { escapeRegex, isSubsetOf, serviceFqdn, withoutKeys } from '../../util';
import {
  AppMeshModel,
  GrpcMatch,
  HeaderMatch,
  HttpMatch,
  NodeModel,
  Route,
  RoutedService,
  Target,
} from '../model';
import {
  carry,
  emitMeshEgress,
  emitNodeCommon,
  manual,
  unsupported,
} from './common';
import { GatewayApiCaps, gatewayObject, ingressRoute } from './gatewayApi';
import { Emitter, EmitOutput, manual as manualLevel, supported } from './types';

export const ISTIO_SUPPORT = {
  'http-routes': supported(
    'VirtualService http routes, in App Mesh priority order.',
  ),
  'grpc-routes': supported(
    'VirtualService http routes matching /service/method.',
  ),
  'tcp-routes': supported('VirtualService tcp routes.'),
  weights: supported(
    'Route weights normalised to 100 (largest remainder), same proportions.',
  ),
  'path-prefix': supported('uri.prefix is a string prefix, as in App Mesh.'),
  'path-exact': supported('uri.exact.'),
  'path-regex': supported('uri.regex (RE2).'),
  'method-match': supported('method.exact.'),
  'scheme-match': supported('scheme.exact.'),
  'header-match': supported('headers exact/prefix/regex.'),
  'header-regex': supported('headers regex; suffix as a regex.'),
  'header-invert': supported('withoutHeaders.'),
  'header-range': manualLevel(
    'Istio has no range match on headers: express the range as a regex on the header value, or route it in the application.',
  ),
  'query-match': supported('queryParams.'),
  retries: supported('retries.attempts / perTryTimeout / retryOn.'),
  timeouts: supported('Route timeout.'),
  'idle-timeouts': manualLevel(
    'Istio sets idle timeouts per destination (DestinationRule trafficPolicy.connectionPool.http.idleTimeout / tcp.idleTimeout), which applies to upstream connections rather than streams; set it there if you relied on it.',
  ),
  'url-rewrite': supported(
    'Ingress HTTPRoute URLRewrite filter (Istio implements Gateway API).',
  ),
  'host-rewrite': supported('Ingress HTTPRoute URLRewrite hostname.'),
  'connection-pool': supported(
    'DestinationRule connectionPool, applied by each client proxy: App Mesh applied the limit on the server side (manual action on the per-client limit).',
  ),
  'outlier-detection': supported('DestinationRule outlierDetection.'),
  mtls: supported('PeerAuthentication STRICT (harden step).'),
  'access-logs': supported(
    'Telemetry accessLogging to stdout (envoy provider).',
  ),
  'ingress-gateways': supported(
    'Gateway API Gateway of class istio with HTTPRoutes.',
  ),
} as const;

/** App Mesh retry events in Istio `retryOn` terms. */
const ISTIO_RETRY_ON: Record<string, string> = {
  'server-error': '5xx',
  'gateway-error': 'gateway-error',
  'client-error': 'retriable-4xx',
  'stream-error': 'refused-stream',
  'connection-error': 'connect-failure',
  cancelled: 'cancelled',
  'deadline-exceeded': 'deadline-exceeded',
  internal: 'internal',
  'resource-exhausted': 'resource-exhausted',
  unavailable: 'unavailable',
};

/** Marks a match with a condition Istio cannot carry. */
const LOST = 'meshwise/lost';

interface Destination {
  host: string;
  subset?: string;
  port?: number;
  weight: number;
}

interface DestinationRuleDraft {
  host: string;
  namespace: string;
  name: string;
  subsets: Map<string, { labels: Record<string, string>; policy?: JsonRecord }>;
  policy?: JsonRecord;
}

const ingressCaps = (label: string): GatewayApiCaps => ({
  label,
  support: ISTIO_SUPPORT,
  regex: true,
  queryParams: true,
  timeouts: true,
  retries: 'field',
  rewrites: true,
});

class IstioEmission {
  private readonly rules = new Map<string, DestinationRuleDraft>();
  /** Where each VirtualNode is reached first (host + subset), for its traffic policy. */
  private readonly placement = new Map<unknown, Destination>();

  constructor(
    private readonly model: AppMeshModel,
    private readonly label: string,
    private readonly out: EmitOutput,
  ) {}

  run(): void {
    for (const service of this.model.services) this.virtualService(service);
    for (const node of this.model.nodes) this.node(node);
    const caps = ingressCaps(this.label);
    for (const gateway of this.model.gateways) {
      const ledger = gateway.site.ledger;
      ledger.carry(
        'spec.podSelector',
        'replaced by the Gateway’s own Deployment',
      );
      ledger.carry('spec.namespaceSelector', 'Gateway listeners allowedRoutes');
      ledger.carry('spec.gatewayRouteSelector', 'routes attach by parentRef');
      this.out.manifests.push(
        gatewayObject(gateway, { caps, gatewayClassName: 'istio' }),
      );
    }
    for (const route of this.model.gatewayRoutes) {
      const manifest = ingressRoute(route, caps, this.out);
      if (manifest) this.out.manifests.push(manifest);
    }
    for (const mesh of this.model.meshes)
      emitMeshEgress(
        mesh.egressDropAll,
        'Set meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY (mesh-wide) or a Sidecar outboundTrafficPolicy, and ServiceEntries for allowed external hosts.',
      );
    this.destinationRules();
  }

  // ------------------------------------------------------------ routing

  private virtualService(service: RoutedService): void {
    const vs = service.virtualService;
    const svc = service.service;
    const spec: JsonRecord = { hosts: [serviceFqdn(svc.name, svc.namespace)] };
    let description: string;
    if (service.direct) {
      const { target, timeout, sameService } = service.direct;
      const destination = this.destination(service, target);
      if (sameService && !timeout) {
        this.out.notes.push(
          `App Mesh VirtualService ${vs.metadata.name} is served by VirtualNode ${target.node.metadata.name} directly; Service ${svc.name} needs no route.`,
        );
        return;
      }
      const route: JsonRecord = {
        route: [istioDestination(destination, false)],
      };
      if (timeout) {
        route.timeout = timeout.text;
        carry(timeout.site, 'route timeout');
      }
      spec.http = [route];
      description = `Istio VirtualService ${vs.metadata.name}: traffic for ${
        svc.name
      } goes to VirtualNode ${target.node.metadata.name}${
        timeout ? ` with its ${timeout.text} request timeout` : ''
      } (from App Mesh VirtualService ${vs.metadata.name})`;
    } else {
      const http: JsonRecord[] = [];
      const tcp: JsonRecord[] = [];
      const seen = new Map<string, Route>();
      for (const route of service.routes) {
        const listener = service.listeners.find(
          l => l.port === route.listenerPort,
        );
        const port =
          service.listeners.length > 1 ? listener?.servicePort : undefined;
        const destinations = route.targets.map(t =>
          this.destination(service, t),
        );
        const weighted = destinations.length > 1;
        const routeList = destinations.map(d => istioDestination(d, weighted));
        normaliseWeights(routeList);
        if (route.protocol === 'tcp') {
          const entry: JsonRecord = { route: routeList };
          if (port !== undefined) entry.match = [{ port }];
          tcp.push(entry);
          if (route.timeout.idle) this.idle(route);
          continue;
        }
        const match =
          route.protocol === 'grpc'
            ? this.grpcMatch(route.grpc!)
            : this.httpMatch(route.http!);
        if (port !== undefined) match.port = port;
        if (match[LOST]) {
          manual(
            route.site,
            `(route ${route.name}) not emitted: ${this.label} cannot express its whole match (see the actions on its match fields)`,
            'Without those conditions the route would match more requests than in App Mesh and take traffic meant for other routes.',
          );
          continue;
        }
        const key = JSON.stringify(match);
        const first = seen.get(key);
        if (first) {
          manual(
            route.site,
            `(route ${route.name}) not emitted: in ${this.label} it has the same match as route ${first.name} on port ${route.listenerPort}, so it would never match`,
            'App Mesh tried routes in priority order, so the earlier route already took every request this match selects. Give the route a distinct match, or merge its targets into the first route by hand.',
          );
          continue;
        }
        seen.set(key, route);
        const entry: JsonRecord = { name: route.name };
        if (Object.keys(match).length > 0) entry.match = [match];
        entry.route = routeList;
        this.retries(route, entry);
        if (route.timeout.request) {
          entry.timeout = route.timeout.request.text;
          carry(route.timeout.request.site, 'timeout');
        }
        if (route.timeout.idle) this.idle(route);
        http.push(entry);
      }
      if (http.length === 0 && tcp.length === 0) return;
      if (http.length > 0) spec.http = http;
      if (tcp.length > 0) spec.tcp = tcp;
      description = `Istio VirtualService ${vs.metadata.name}: the routes of App Mesh VirtualService ${vs.metadata.name} and VirtualRouter ${service.router?.metadata.name}, in App Mesh priority order`;
    }
    this.out.manifests.push({
      description,
      object: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: vs.metadata.name, namespace: svc.namespace },
        spec,
      },
    });
  }

  private idle(route: Route): void {
    const idle = route.timeout.idle!;
    manual(
      idle.site,
      `(${idle.text}) not carried: ${this.label} routes have no idle timeout`,
      ISTIO_SUPPORT['idle-timeouts'].why,
    );
  }

  private destination(service: RoutedService, target: Target): Destination {
    const parent = service.service;
    const vsSelector = parent.view?.selector;
    let hostService = target.service;
    let subsetLabels: Record<string, string> = {};
    if (vsSelector && isSubsetOf(vsSelector, target.podLabels)) {
      hostService = parent;
      subsetLabels = withoutKeys(target.podLabels, vsSelector);
    } else if (target.service.view?.selector) {
      subsetLabels = withoutKeys(
        target.podLabels,
        target.service.view.selector,
      );
    }
    const host = serviceFqdn(hostService.name, hostService.namespace);
    const destination: Destination = { host, weight: target.weight };
    const portCount = hostService.view
      ? hostService.view.ports.length
      : (
          (
            this.model.generatedServices.get(
              `${hostService.namespace}/${hostService.name}`,
            )?.spec as JsonRecord | undefined
          )?.ports as unknown[] | undefined
        )?.length ?? 0;
    if (portCount > 1)
      destination.port =
        hostService === target.service
          ? target.port
          : this.model.portOn(hostService, target.containerPort ?? target.port);
    if (Object.keys(subsetLabels).length > 0) {
      const draft = this.rule(host, hostService.name, hostService.namespace);
      let name = subsetLabels.version ?? target.node.metadata.name;
      const existing = draft.subsets.get(name);
      if (
        existing &&
        !(
          isSubsetOf(existing.labels, subsetLabels) &&
          isSubsetOf(subsetLabels, existing.labels)
        )
      )
        name = target.node.metadata.name;
      if (!draft.subsets.has(name))
        draft.subsets.set(name, { labels: subsetLabels });
      destination.subset = name;
    }
    if (!this.placement.has(target.node))
      this.placement.set(target.node, destination);
    return destination;
  }

  private rule(
    host: string,
    name: string,
    namespace: string,
  ): DestinationRuleDraft {
    let draft = this.rules.get(host);
    if (!draft) {
      draft = { host, name, namespace, subsets: new Map() };
      this.rules.set(host, draft);
    }
    return draft;
  }

  private httpMatch(match: HttpMatch): JsonRecord {
    const out: JsonRecord = {};
    const path = match.path;
    if (path) {
      if (path.kind !== 'prefix' || path.value !== '/')
        out.uri = { [path.kind]: path.value };
      carry(path.site, `uri ${path.kind}`);
    }
    if (match.method) {
      out.method = { exact: match.method.value };
      carry(match.method.site);
    }
    if (match.scheme) {
      out.scheme = { exact: match.scheme.value };
      carry(match.scheme.site);
    }
    if (match.port) out.port = match.port.value;
    if (!this.headers(match.headers, out)) out[LOST] = true;
    const params: JsonRecord = {};
    for (const param of match.query) {
      params[param.name] =
        param.exact !== undefined ? { exact: param.exact } : { regex: '.*' };
      carry(param.site, 'queryParams');
    }
    if (Object.keys(params).length > 0) out.queryParams = params;
    return out;
  }

  private grpcMatch(match: GrpcMatch): JsonRecord {
    const out: JsonRecord = {};
    if (match.service) {
      out.uri = match.method
        ? { exact: `/${match.service.value}/${match.method.value}` }
        : { prefix: `/${match.service.value}/` };
      carry(match.service.site, 'uri');
      if (match.method) carry(match.method.site, 'uri');
    } else if (match.method) {
      out.uri = { regex: `/[^/]+/${escapeRegex(match.method.value)}` };
      carry(match.method.site, 'uri regex');
    }
    if (!this.headers(match.metadata, out)) out[LOST] = true;
    if (match.port) out.port = match.port.value;
    return out;
  }

  /** Returns false when a header could not be carried (the route is then not emitted). */
  private headers(headers: HeaderMatch[], out: JsonRecord): boolean {
    let whole = true;
    const include: JsonRecord = {};
    const exclude: JsonRecord = {};
    for (const header of headers) {
      let value: JsonRecord;
      if (header.kind === 'range') {
        unsupported(
          header.site,
          ISTIO_SUPPORT,
          'header-range',
          `(header ${header.name} range)`,
        );
        whole = false;
        continue;
      }
      if (header.kind === 'present') value = {};
      else if (header.kind === 'suffix')
        value = { regex: `.*${escapeRegex(header.value ?? '')}` };
      else value = { [header.kind]: header.value };
      (header.invert ? exclude : include)[header.name] = value;
      carry(header.site, header.invert ? 'withoutHeaders' : 'headers');
    }
    if (Object.keys(include).length > 0) out.headers = include;
    if (Object.keys(exclude).length > 0) out.withoutHeaders = exclude;
    return whole;
  }

  private retries(route: Route, entry: JsonRecord): void {
    const policy = route.retry;
    if (!policy) return;
    const retryOn: string[] = [];
    for (const events of [
      policy.httpEvents,
      policy.tcpEvents,
      policy.grpcEvents,
    ]) {
      if (!events) continue;
      const unknown = events.value.filter(event => !ISTIO_RETRY_ON[event]);
      events.value
        .filter(event => ISTIO_RETRY_ON[event])
        .forEach(event => retryOn.push(ISTIO_RETRY_ON[event]));
      if (unknown.length === 0) carry(events.site, 'retryOn');
      else
        manual(
          events.site,
          `events ${unknown.join(
            ', ',
          )} not carried: Istio has no equivalent retryOn condition`,
          'Check the Envoy retry conditions Istio accepts in retryOn and add one by hand if it fits.',
        );
    }
    const retries: JsonRecord = {};
    if (policy.maxRetries) {
      retries.attempts = policy.maxRetries.value;
      carry(policy.maxRetries.site, 'retries.attempts');
    }
    if (policy.perTry) {
      retries.perTryTimeout = policy.perTry.text;
      carry(policy.perTry.site, 'retries.perTryTimeout');
    }
    if (retryOn.length > 0) retries.retryOn = [...new Set(retryOn)].join(',');
    if (Object.keys(retries).length > 0) entry.retries = retries;
  }

  // ------------------------------------------------------------ nodes

  private node(node: NodeModel): void {
    emitNodeCommon(
      node,
      {
        label: this.label,
        meshMtls: true,
        authorization:
          'write an AuthorizationPolicy allowing their principals (cluster.local/ns/<ns>/sa/<serviceaccount>); give each client its own ServiceAccount first.',
      },
      this.out,
    );
    for (const listener of node.listeners) {
      if (!listener.outlier && !listener.pool) continue;
      const policy: JsonRecord = {};
      if (listener.outlier) {
        const o = listener.outlier;
        const detection: JsonRecord = {};
        if (o.maxServerErrors !== undefined)
          detection.consecutive5xxErrors = o.maxServerErrors;
        if (o.interval) detection.interval = o.interval;
        if (o.baseEjection) detection.baseEjectionTime = o.baseEjection;
        if (o.maxEjectionPercent !== undefined)
          detection.maxEjectionPercent = o.maxEjectionPercent;
        policy.outlierDetection = detection;
        carry(o.site, 'DestinationRule outlierDetection');
      }
      if (listener.pool) {
        const p = listener.pool;
        const tcp: JsonRecord = {};
        const http: JsonRecord = {};
        if (p.maxConnections !== undefined)
          tcp.maxConnections = p.maxConnections;
        if (p.maxPendingRequests !== undefined)
          http.http1MaxPendingRequests = p.maxPendingRequests;
        if (p.maxRequests !== undefined) http.http2MaxRequests = p.maxRequests;
        const pool: JsonRecord = {};
        if (Object.keys(tcp).length > 0) pool.tcp = tcp;
        if (Object.keys(http).length > 0) pool.http = http;
        policy.connectionPool = pool;
        manual(
          p.site,
          'carried as DestinationRule connectionPool, but the limit is now per client',
          'App Mesh enforced the connection pool in the server’s envoy (one limit for all callers); Istio applies DestinationRule connectionPool in each client proxy, so the limit is now per client: every calling pod gets its own. Lower the numbers (divide by the expected number of client pods) or enforce a server-side limit another way.',
        );
      }
      this.placePolicy(node, policy);
    }
    this.accessLog(node);
  }

  private placePolicy(node: NodeModel, policy: JsonRecord): void {
    const placement = this.placement.get(node.node);
    if (placement?.subset) {
      const subset = this.rules
        .get(placement.host)
        ?.subsets.get(placement.subset);
      if (subset) subset.policy = { ...(subset.policy ?? {}), ...policy };
      return;
    }
    const host =
      placement?.host ?? serviceFqdn(node.service.name, node.service.namespace);
    const draft = this.rule(
      host,
      host.split('.')[0],
      host.split('.')[1] ?? node.service.namespace,
    );
    draft.policy = { ...(draft.policy ?? {}), ...policy };
  }

  private accessLog(node: NodeModel): void {
    const log = node.accessLog;
    if (!log) return;
    if (log.path === '/dev/stdout' || log.path === undefined) {
      carry(log.site, 'Telemetry accessLogging');
      this.out.manifests.push({
        description: `Telemetry ${node.node.metadata.name}-access-log: Envoy access logs to stdout for the pods of VirtualNode ${node.node.metadata.name} (from spec.logging.accessLog)`,
        object: {
          apiVersion: 'telemetry.istio.io/v1',
          kind: 'Telemetry',
          metadata: {
            name: `${node.node.metadata.name}-access-log`,
            namespace: node.node.metadata.namespace ?? 'default',
          },
          spec: {
            selector: { matchLabels: node.podLabels },
            accessLogging: [{ providers: [{ name: 'envoy' }] }],
          },
        },
      });
    } else
      manual(
        log.site,
        `(${log.path}) not carried`,
        'Istio writes access logs to the proxy’s stdout (Telemetry accessLogging); ship them from there.',
      );
    if (log.format)
      manual(
        log.format,
        'not carried: the log format is set mesh-wide',
        'Configure the access log format in the mesh configuration (Istio: meshConfig.accessLogFormat).',
      );
  }

  private destinationRules(): void {
    for (const draft of this.rules.values()) {
      if (draft.subsets.size === 0 && !draft.policy) continue;
      const spec: JsonRecord = { host: draft.host };
      if (draft.policy) spec.trafficPolicy = draft.policy;
      if (draft.subsets.size > 0)
        spec.subsets = [...draft.subsets].map(([name, subset]) => ({
          name,
          labels: subset.labels,
          ...(subset.policy ? { trafficPolicy: subset.policy } : {}),
        }));
      const parts = [
        draft.subsets.size > 0
          ? `subsets ${[...draft.subsets.keys()].join(
              ', ',
            )} from the VirtualNodes' podSelectors`
          : '',
        draft.policy
          ? 'outlier detection / connection pool from the VirtualNode listeners'
          : '',
      ].filter(Boolean);
      this.out.manifests.push({
        description: `DestinationRule ${draft.name}: ${parts.join('; ')}`,
        object: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: draft.name, namespace: draft.namespace },
          spec,
        },
      });
    }
  }
}

function istioDestination(
  destination: Destination,
  weighted: boolean,
): JsonRecord {
  const target: JsonRecord = { host: destination.host };
  if (destination.subset) target.subset = destination.subset;
  if (destination.port !== undefined)
    target.port = { number: destination.port };
  const out: JsonRecord = { destination: target };
  if (weighted) out.weight = destination.weight;
  return out;
}

/** Istio wants weights that add up to 100; App Mesh weights are relative (largest remainder keeps the proportions). */
export function normaliseWeights(routes: JsonRecord[]): void {
  if (routes.length < 2) return;
  const weights = routes.map(
    route => (route.weight as number | undefined) ?? 0,
  );
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 100 || total === 0) return;
  const exact = weights.map(weight => (weight * 100) / total);
  const floors = exact.map(Math.floor);
  let remainder = 100 - floors.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, i) => ({ i, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction);
  for (const { i } of order) {
    if (remainder <= 0) break;
    floors[i] += 1;
    remainder -= 1;
  }
  routes.forEach((route, i) => {
    route.weight = floors[i];
  });
}

export function istioEmitter(ambient: boolean): Emitter {
  const label = ambient ? 'Istio ambient' : 'Istio';
  return {
    label,
    support: ISTIO_SUPPORT,
    attachesToService: true,
    emit: (model, out) => new IstioEmission(model, label, out).run(),
  };
}
