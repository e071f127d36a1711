/**
 * Gateway API building shared by the GAMMA, Linkerd and VPC Lattice
 * emitters: matches, backendRefs, parentRefs, rules, rewrites, the channel
 * each manifest needs, and the checks no schema can make (duplicate rules,
 * Gateway API precedence).
 */
import { JsonRecord } from '../../../engine/model/access';
import { escapeRegex } from '../../util';
import {
  GatewayApiChannel,
  MigrationManifest,
  MigrationObject,
} from '../../types';
import {
  GatewayModel,
  GatewayRouteModel,
  GrpcMatch,
  HeaderMatch,
  HttpMatch,
  Listener,
  Rewrite,
  Route,
  RoutedService,
  ServiceRef,
  Site,
  Target,
} from '../model';
import { carry, manual, noteOnce, unsupported } from './common';
import { EmitOutput, SupportTable } from './types';

export const GATEWAY_API = 'gateway.networking.k8s.io/v1';

/** What a Gateway API implementation accepts, beyond the standard schema. */
export interface GatewayApiCaps {
  label: string;
  support: SupportTable;
  /** RegularExpression path and header matches. */
  regex: boolean;
  queryParams: boolean;
  maxHeaders?: number;
  timeouts: boolean;
  retries: 'field' | 'linkerd-annotations' | 'none';
  rewrites: boolean;
}

export function serviceParentRef(svc: ServiceRef, port: number): JsonRecord {
  return { group: '', kind: 'Service', name: svc.name, port };
}

/** The experimental-channel fields of a generated object (Gateway API v1.6.1 CRDs). */
export function channelOf(object: MigrationObject): GatewayApiChannel {
  const rules = (object.spec as JsonRecord | undefined)?.rules;
  const fields: string[] = [];
  if (Array.isArray(rules) && rules.some(rule => rule && rule.retry))
    fields.push('spec.rules[].retry');
  return { channel: fields.length > 0 ? 'experimental' : 'standard', fields };
}

export function gatewayApiManifest(
  description: string,
  object: MigrationObject,
): MigrationManifest {
  return { description, object, gatewayApiChannel: channelOf(object) };
}

export function channelNote(out: EmitOutput): void {
  noteOnce(
    out,
    'HTTPRoute `retry` (GEP-1731) is in the experimental channel only in Gateway API v1.6.1: the routes that carry it need the experimental-channel CRDs and an implementation that supports HTTPRouteRetry; `timeouts`, URLRewrite and GRPCRoute are standard. Each route says which channel it needs.',
  );
}

// ------------------------------------------------------------------ matches

/** Set when part of a match could not be carried: the rule would match more than App Mesh did. */
export interface Loss {
  lost: boolean;
}

function headerMatches(
  headers: HeaderMatch[],
  caps: GatewayApiCaps,
  out: EmitOutput,
  loss: Loss,
): JsonRecord[] {
  const result: JsonRecord[] = [];
  for (const header of headers) {
    const { name } = header;
    if (header.invert) {
      unsupported(
        header.site,
        caps.support,
        'header-invert',
        `(header ${name}, inverted)`,
      );
      loss.lost = true;
      continue;
    }
    if (header.kind === 'range') {
      unsupported(
        header.site,
        caps.support,
        'header-range',
        `(header ${name} range)`,
      );
      loss.lost = true;
      continue;
    }
    if (header.kind === 'exact') {
      result.push({ type: 'Exact', name, value: header.value });
      carry(header.site, 'headers');
      continue;
    }
    if (!caps.regex) {
      unsupported(
        header.site,
        caps.support,
        'header-regex',
        `(header ${name} ${header.kind}${
          header.value ? ` ${header.value}` : ''
        })`,
      );
      loss.lost = true;
      continue;
    }
    const value = headerRegex(header);
    result.push({ type: 'RegularExpression', name, value });
    carry(header.site, 'headers');
    noteOnce(
      out,
      'RegularExpression header and path matches are implementation-specific in Gateway API (Envoy-based implementations use RE2); prefix, suffix and presence matches of App Mesh are expressed as regular expressions.',
    );
  }
  if (caps.maxHeaders !== undefined && result.length > caps.maxHeaders) {
    const dropped = result.splice(caps.maxHeaders);
    loss.lost = true;
    const site = headers[0].site;
    manual(
      { ledger: site.ledger, path: site.path.replace(/\[\d+\]$/, '') },
      `(${dropped.map(h => h.name).join(', ')}) not carried: ${
        caps.label
      } accepts at most ${caps.maxHeaders} header matches per rule`,
      'The route is not emitted: without these headers it would match more requests than in App Mesh. Route on fewer headers, or split the traffic another way.',
    );
  }
  return result;
}

/** App Mesh prefix, suffix, presence and regex header matches as one regular expression. */
function headerRegex(header: HeaderMatch): string | undefined {
  const literal = escapeRegex(header.value ?? '');
  switch (header.kind) {
    case 'present':
      return '.*';
    case 'prefix':
      return `${literal}.*`;
    case 'suffix':
      return `.*${literal}`;
    default:
      return header.value;
  }
}

/** App Mesh HTTP match → HTTPRoute match; what the implementation cannot carry is a manual action. */
export function httpMatch(
  match: HttpMatch,
  route: string,
  caps: GatewayApiCaps,
  out: EmitOutput,
  loss: Loss,
): JsonRecord {
  const result: JsonRecord = {};
  const path = match.path;
  if (path?.kind === 'prefix') {
    result.path = { type: 'PathPrefix', value: path.value };
    carry(path.site, 'PathPrefix');
    if (path.value !== '/' && !path.value.endsWith('/'))
      manual(
        path.site,
        `(${path.value}, route ${route}) became PathPrefix ${path.value}, which matches whole path segments: ${path.value}/x but not ${path.value}x`,
        `App Mesh prefixes are plain string prefixes (${path.value} also matched ${path.value}x...); Gateway API PathPrefix matches by path segment. If clients call paths that only share the string prefix, add rules for them.`,
      );
  } else if (path?.kind === 'exact') {
    result.path = { type: 'Exact', value: path.value };
    carry(path.site, 'Exact');
  } else if (path?.kind === 'regex') {
    if (caps.regex) {
      result.path = { type: 'RegularExpression', value: path.value };
      carry(path.site, 'RegularExpression');
    } else {
      unsupported(
        path.site,
        caps.support,
        'path-regex',
        `(path regex ${path.value})`,
      );
      loss.lost = true;
    }
  }
  if (match.method) {
    result.method = match.method.value;
    carry(match.method.site);
  }
  if (match.scheme) {
    unsupported(
      match.scheme.site,
      caps.support,
      'scheme-match',
      `(${match.scheme.value})`,
    );
    loss.lost = true;
  }
  const headers = headerMatches(match.headers, caps, out, loss);
  if (headers.length > 0) result.headers = headers;
  const params: JsonRecord[] = [];
  for (const param of match.query) {
    if (!caps.queryParams) {
      unsupported(
        param.site,
        caps.support,
        'query-match',
        `(query ${param.name})`,
      );
      loss.lost = true;
      continue;
    }
    params.push(
      param.exact !== undefined
        ? { type: 'Exact', name: param.name, value: param.exact }
        : { type: 'RegularExpression', name: param.name, value: '.*' },
    );
    carry(param.site, 'queryParams');
  }
  if (params.length > 0) result.queryParams = params;
  return result;
}

export function grpcMatch(
  match: GrpcMatch,
  caps: GatewayApiCaps,
  out: EmitOutput,
  loss: Loss,
): JsonRecord {
  const result: JsonRecord = {};
  if (match.service || match.method) {
    const method: JsonRecord = { type: 'Exact' };
    if (match.service) {
      method.service = match.service.value;
      carry(match.service.site);
    }
    if (match.method) {
      method.method = match.method.value;
      carry(match.method.site);
    }
    result.method = method;
  }
  const headers = headerMatches(match.metadata, caps, out, loss);
  if (headers.length > 0) result.headers = headers;
  return result;
}

// ------------------------------------------------------------- backendRefs

/**
 * Weighted targets → backendRefs (each with its Service port, weights as
 * given). Targets that resolve to the same Service and port become one
 * backendRef: Gateway API cannot split between pods of one Service, so
 * that is a manual action.
 */
export function backendRefs(
  targets: Target[],
  routeNamespace: string,
  splitSite: Site | undefined,
  label: string,
  weighted = true,
): JsonRecord[] {
  const byKey = new Map<string, { ref: JsonRecord; nodes: string[] }>();
  for (const target of targets) {
    const key = `${target.service.namespace}/${target.service.name}:${target.port}`;
    const existing = byKey.get(key);
    if (existing) {
      if (weighted)
        existing.ref.weight = (existing.ref.weight as number) + target.weight;
      existing.nodes.push(target.node.metadata.name);
      continue;
    }
    const ref: JsonRecord = { name: target.service.name };
    if (target.service.namespace !== routeNamespace)
      ref.namespace = target.service.namespace;
    ref.port = target.port;
    if (weighted) ref.weight = target.weight;
    byKey.set(key, { ref, nodes: [target.node.metadata.name] });
  }
  for (const [key, { nodes }] of byKey)
    if (nodes.length > 1 && splitSite)
      manual(
        splitSite,
        `(${nodes.join(
          ', ',
        )}) all resolve to Service ${key}: ${label} cannot keep the weights between them`,
        'A backendRef is a whole Service: traffic spreads over all its pods. Create one Service per VirtualNode (selecting its version label) and point the backendRefs at them to keep the split.',
      );
  return [...byKey.values()].map(entry => entry.ref);
}

// ------------------------------------------------------------------- rules

/** A route's HTTPRoute/GRPCRoute rule, plus the Linkerd retry annotations it needs. */
export interface BuiltRule {
  route: Route;
  rule: JsonRecord;
  annotations: Record<string, string>;
  /** Part of the match could not be carried: the rule is not emitted. */
  lost: boolean;
}

/** App Mesh HTTP retry events as status codes (App Mesh user guide, HttpRetryPolicy). */
const RETRY_CODES: Record<string, number[]> = {
  'server-error': [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511],
  'gateway-error': [502, 503, 504],
  'client-error': [409],
};

/** Linkerd `retry.linkerd.io/http` values. */
const LINKERD_RETRY: Record<string, string> = {
  'server-error': '5xx',
  'gateway-error': 'gateway-error',
  'client-error': '409',
};

export function buildRule(
  route: Route,
  namespace: string,
  caps: GatewayApiCaps,
  out: EmitOutput,
): BuiltRule {
  const rule: JsonRecord = {};
  const annotations: Record<string, string> = {};
  const grpc = route.protocol === 'grpc';
  const loss: Loss = { lost: false };
  const match = grpc
    ? grpcMatch(route.grpc!, caps, out, loss)
    : httpMatch(route.http!, route.name, caps, out, loss);
  if (Object.keys(match).length > 0) rule.matches = [match];
  rule.backendRefs = backendRefs(
    route.targets,
    namespace,
    {
      ledger: route.site.ledger,
      path: `${route.site.path}.action.weightedTargets`,
    },
    caps.label,
  );
  const { request, idle } = route.timeout;
  if (!caps.timeouts && (request || idle) && !grpc)
    unsupported(
      { ledger: route.site.ledger, path: `${route.site.path}.timeout` },
      caps.support,
      'timeouts',
      `(${[request?.text, idle && `idle ${idle.text}`]
        .filter(Boolean)
        .join(', ')})`,
    );
  else if (idle)
    unsupported(idle.site, caps.support, 'idle-timeouts', `(${idle.text})`);
  if (grpc) {
    if (route.retry)
      manual(
        route.retry.site,
        'not carried: GRPCRoute has no retry field',
        'Configure gRPC retries in the implementation.',
      );
    if (request)
      manual(
        request.site,
        `(${request.text}) not carried: GRPCRoute has no timeouts field`,
        'Configure gRPC timeouts in the implementation.',
      );
    return { route, rule, annotations, lost: loss.lost };
  }
  const timeouts: JsonRecord = {};
  if (request && caps.timeouts) {
    timeouts.request = request.text;
    carry(request.site, 'timeouts.request');
  }
  const retry = route.retry;
  if (retry && caps.retries === 'none')
    unsupported(retry.site, caps.support, 'retries', '(retry policy)');
  else if (retry) {
    const perTry = retry.perTry;
    if (perTry && caps.timeouts) {
      if (request && perTry.millis > request.millis)
        manual(
          perTry.site,
          `(${perTry.text}) not carried: longer than the route's ${request.text} request timeout`,
          'Gateway API requires timeouts.backendRequest to be at most timeouts.request (App Mesh cut each attempt at the request timeout anyway); pick a per-attempt timeout no longer than the request timeout.',
        );
      else {
        timeouts.backendRequest = perTry.text;
        carry(perTry.site, 'timeouts.backendRequest');
      }
    } else if (perTry)
      unsupported(perTry.site, caps.support, 'timeouts', `(${perTry.text})`);
    const perTryCarried =
      perTry && timeouts.backendRequest === perTry.text
        ? perTry.text
        : undefined;
    if (caps.retries === 'field') retryField(retry, rule, out);
    else Object.assign(annotations, linkerdRetry(retry, perTryCarried, out));
  }
  if (Object.keys(timeouts).length > 0) rule.timeouts = timeouts;
  return { route, rule, annotations, lost: loss.lost };
}

function retryField(
  retry: NonNullable<Route['retry']>,
  rule: JsonRecord,
  out: EmitOutput,
): void {
  const codes = new Set<number>();
  const events = retry.httpEvents;
  if (events) {
    const known = events.value.filter(event => RETRY_CODES[event]);
    const unknown = events.value.filter(event => !RETRY_CODES[event]);
    known.forEach(event => RETRY_CODES[event].forEach(code => codes.add(code)));
    if (unknown.length === 0) carry(events.site, 'retry.codes');
    else
      manual(
        events.site,
        `events ${unknown.join(
          ', ',
        )} not carried: Gateway API retries only on status codes and connection errors`,
        'Configure the retry condition in the implementation if it matters.',
      );
  }
  if (retry.tcpEvents) {
    if (retry.tcpEvents.value.every(event => event === 'connection-error'))
      carry(
        retry.tcpEvents.site,
        'retry stanza (connection errors are retried where HTTPRouteRetryConnectionError is supported)',
      );
    else
      manual(
        retry.tcpEvents.site,
        `(${retry.tcpEvents.value.join(', ')}) not carried`,
        'Gateway API has no TCP retry events besides connection errors.',
      );
  }
  if (retry.grpcEvents)
    manual(
      retry.grpcEvents.site,
      'not carried: Gateway API has no gRPC status retries',
      'Configure gRPC retries in the implementation.',
    );
  const field: JsonRecord = {};
  if (retry.maxRetries) {
    field.attempts = retry.maxRetries.value;
    carry(retry.maxRetries.site, 'retry.attempts');
  }
  if (codes.size > 0) field.codes = [...codes].sort((a, b) => a - b);
  if (Object.keys(field).length > 0) {
    rule.retry = field;
    channelNote(out);
  }
}

/** Linkerd reads retries from HTTPRoute annotations (`retry.linkerd.io/*`, Linkerd 2.16+). */
function linkerdRetry(
  retry: NonNullable<Route['retry']>,
  perTry: string | undefined,
  out: EmitOutput,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  const events = retry.httpEvents;
  if (events) {
    const values = events.value
      .filter(e => LINKERD_RETRY[e])
      .map(e => LINKERD_RETRY[e]);
    const unknown = events.value.filter(e => !LINKERD_RETRY[e]);
    if (values.length > 0)
      annotations['retry.linkerd.io/http'] = [...new Set(values)].join(',');
    if (unknown.length === 0) carry(events.site, 'retry.linkerd.io/http');
    else
      manual(
        events.site,
        `events ${unknown.join(
          ', ',
        )} not carried: Linkerd retries on status codes only`,
        'Linkerd has no equivalent condition.',
      );
  }
  if (retry.tcpEvents)
    manual(
      retry.tcpEvents.site,
      'not carried: Linkerd has no per-route connection-error retries (its balancer retries failed connections to other endpoints itself)',
      'Check that Linkerd’s default connection handling is enough.',
    );
  if (retry.grpcEvents)
    manual(
      retry.grpcEvents.site,
      'not carried: use retry.linkerd.io/grpc on a GRPCRoute',
      'Linkerd reads gRPC retry conditions from GRPCRoute annotations.',
    );
  if (retry.maxRetries) {
    annotations['retry.linkerd.io/limit'] = String(retry.maxRetries.value);
    carry(retry.maxRetries.site, 'retry.linkerd.io/limit');
  }
  if (perTry) annotations['retry.linkerd.io/timeout'] = perTry;
  if (Object.keys(annotations).length > 0)
    noteOnce(
      out,
      'Linkerd reads retries from annotations on the HTTPRoute (retry.linkerd.io/http, /limit, /timeout; Linkerd 2.16+), which apply to every rule of the route: routes with different retry policies become separate HTTPRoutes.',
    );
  return annotations;
}

// ----------------------------------------------------------------- checks

const matchKey = (rule: JsonRecord): string =>
  JSON.stringify(
    rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }],
  );

/** Drops a rule whose matches equal an earlier rule's (it could never match) and says so. */
export function uniqueRules(rules: BuiltRule[], label: string): BuiltRule[] {
  const seen = new Map<string, BuiltRule>();
  return rules.filter(built => {
    const key = matchKey(built.rule);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, built);
      return true;
    }
    manual(
      built.route.site,
      `(route ${built.route.name}) not emitted: in ${label} it has the same match as route ${first.route.name} on port ${built.route.listenerPort}, so it would never match`,
      'App Mesh tried routes in priority order, so the earlier route already took every request this match selects; a second identical rule never matches. Give the route a distinct match, or merge its targets into the first route by hand.',
    );
    return false;
  });
}

/** Gateway API orders rules by match specificity, not list order: flags where that changes App Mesh's priority order. */
export function checkPrecedence(rules: BuiltRule[], out: EmitOutput): void {
  if (rules.length < 2) return;
  const rank = (rule: JsonRecord): number[] => {
    const match = ((rule.matches as JsonRecord[] | undefined) ?? [])[0] ?? {};
    const path = (match.path as JsonRecord | undefined) ?? {};
    const value = (path.value as string | undefined) ?? '/';
    return [
      path.type === 'Exact' ? 0 : 1,
      path.type === 'PathPrefix' || path.type === undefined ? -value.length : 0,
      match.method ? 0 : 1,
      -((match.headers as unknown[] | undefined)?.length ?? 0),
      -((match.queryParams as unknown[] | undefined)?.length ?? 0),
    ];
  };
  const sorted = [...rules].sort((a, b) => {
    const ra = rank(a.rule);
    const rb = rank(b.rule);
    for (let i = 0; i < ra.length; i += 1)
      if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return 0;
  });
  if (sorted.every((entry, i) => entry === rules[i])) return;
  const ledger = rules[0].route.site.ledger;
  out.actions.push({
    what: `${ledger.object.kind} ${ledger.object.metadata.name}: spec.routes[].priority order is not guaranteed in Gateway API`,
    why: `Gateway API evaluates rules by match specificity (exact path, longest prefix, method, number of header and query matches), not by list order: it would try ${sorted
      .map(entry => entry.route.name)
      .join(', ')} where App Mesh tried ${rules
      .map(entry => entry.route.name)
      .join(
        ', ',
      )}. Check that overlapping routes still win as intended; narrow the matches if not.`,
    source: `${ledger.label} spec.routes[].priority`,
  });
}

// ------------------------------------------------------------ rewrites

/** GatewayRoute rewrites as one URLRewrite filter (HTTPRoute only). */
export function rewriteFilters(
  rewrite: Rewrite,
  isPrefixMatch: boolean,
  caps: GatewayApiCaps,
): JsonRecord[] | undefined {
  const parts = [rewrite.prefix, rewrite.fullPath, rewrite.hostname].filter(
    (part): part is NonNullable<typeof part> => part !== undefined,
  );
  if (parts.length === 0) return undefined;
  if (!caps.rewrites) {
    for (const part of parts)
      unsupported(
        part.site,
        caps.support,
        part === rewrite.hostname ? 'host-rewrite' : 'url-rewrite',
        `(rewrite to ${part.value}, App Mesh${
          part.site.ledger.isAccounted(part.site.path) ? '' : ' default'
        })`,
      );
    return undefined;
  }
  const urlRewrite: JsonRecord = {};
  if (rewrite.hostname) {
    urlRewrite.hostname = rewrite.hostname.value;
    carry(rewrite.hostname.site, 'URLRewrite hostname');
  }
  if (rewrite.prefix && isPrefixMatch) {
    urlRewrite.path = {
      type: 'ReplacePrefixMatch',
      replacePrefixMatch: rewrite.prefix.value,
    };
    carry(rewrite.prefix.site, 'URLRewrite ReplacePrefixMatch');
  } else if (rewrite.prefix)
    manual(
      rewrite.prefix.site,
      `(${rewrite.prefix.value}) not carried: ReplacePrefixMatch needs a PathPrefix match`,
      'Rewrite the path with ReplaceFullPath or in the application.',
    );
  else if (rewrite.fullPath) {
    urlRewrite.path = {
      type: 'ReplaceFullPath',
      replaceFullPath: rewrite.fullPath.value,
    };
    carry(rewrite.fullPath.site, 'URLRewrite ReplaceFullPath');
  }
  return Object.keys(urlRewrite).length > 0
    ? [{ type: 'URLRewrite', urlRewrite }]
    : undefined;
}

// ------------------------------------------------------------ routes

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

export interface ServiceRouteOptions {
  caps: GatewayApiCaps;
  parentRef(listener: Listener): JsonRecord;
  /** How the routes attach, for descriptions (e.g. "attached to Service api (GAMMA)"). */
  attachment(listener: Listener): string;
}

/**
 * The HTTPRoutes and GRPCRoutes of one VirtualService: one route object per
 * listener port (and, for Linkerd, per distinct retry annotation set), at
 * most 16 rules each.
 */
export function serviceRoutes(
  service: RoutedService,
  options: ServiceRouteOptions,
  out: EmitOutput,
): void {
  const { caps } = options;
  const vs = service.virtualService;
  const namespace = service.service.namespace;
  if (service.direct) {
    directRoute(service, options, out);
    return;
  }
  const source = `App Mesh VirtualService ${vs.metadata.name} and VirtualRouter ${service.router?.metadata.name}`;
  for (const listener of service.listeners) {
    const routes = service.routes.filter(r => r.listenerPort === listener.port);
    const http: BuiltRule[] = [];
    const grpc: BuiltRule[] = [];
    for (const route of routes) {
      if (route.protocol === 'tcp') {
        unsupported(
          route.site,
          caps.support,
          'tcp-routes',
          `(route ${route.name})`,
        );
        continue;
      }
      if (
        route.protocol === 'grpc' &&
        caps.support['grpc-routes'].level === 'manual'
      ) {
        unsupported(
          route.site,
          caps.support,
          'grpc-routes',
          `(route ${route.name})`,
        );
        continue;
      }
      const built = buildRule(route, namespace, caps, out);
      if (built.lost) {
        notEmitted(route, caps.label);
        continue;
      }
      (route.protocol === 'grpc' ? grpc : http).push(built);
    }
    const base =
      service.listeners.length > 1
        ? `${vs.metadata.name}-${listener.port}`
        : vs.metadata.name;
    const httpRules = uniqueRules(http, caps.label);
    checkPrecedence(httpRules, out);
    const groups = groupByAnnotations(httpRules);
    let count = 0;
    const objects = groups.flatMap(group => chunk(group, 16));
    for (const rules of objects) {
      count += 1;
      const name = objects.length > 1 ? `${base}-${count}` : base;
      const metadata: MigrationObject['metadata'] = { name, namespace };
      if (Object.keys(rules[0].annotations).length > 0)
        metadata.annotations = rules[0].annotations;
      out.manifests.push(
        gatewayApiManifest(
          `HTTPRoute ${name}: the HTTP routes of ${source} on port ${
            listener.port
          } (${rules.map(r => r.route.name).join(', ')}), ${options.attachment(
            listener,
          )}`,
          {
            apiVersion: GATEWAY_API,
            kind: 'HTTPRoute',
            metadata,
            spec: {
              parentRefs: [options.parentRef(listener)],
              rules: rules.map(r => r.rule),
            },
          },
        ),
      );
    }
    const grpcRules = uniqueRules(grpc, caps.label);
    if (grpcRules.length > 0)
      out.manifests.push(
        gatewayApiManifest(
          `GRPCRoute ${base}: the gRPC routes of ${source} on port ${
            listener.port
          }, ${options.attachment(listener)}`,
          {
            apiVersion: GATEWAY_API,
            kind: 'GRPCRoute',
            metadata: { name: base, namespace },
            spec: {
              parentRefs: [options.parentRef(listener)],
              rules: grpcRules.map(r => r.rule),
            },
          },
        ),
      );
  }
}

/** A route whose match lost a part: emitting the rest would take requests App Mesh sent elsewhere. */
function notEmitted(route: Route, label: string): void {
  manual(
    route.site,
    `(route ${route.name}) not emitted: ${label} cannot express its whole match (see the actions on its match fields)`,
    'Without those conditions the rule would match more requests than in App Mesh and take traffic meant for other routes. Route these requests another way (e.g. in the application), or drop the condition in App Mesh first.',
  );
}

/** Linkerd annotations apply to a whole HTTPRoute: one group per distinct set, in first-seen order. */
function groupByAnnotations(rules: BuiltRule[]): BuiltRule[][] {
  const groups = new Map<string, BuiltRule[]>();
  for (const rule of rules) {
    const key = JSON.stringify(
      Object.entries(rule.annotations).sort(([a], [b]) => a.localeCompare(b)),
    );
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return [...groups.values()];
}

function directRoute(
  service: RoutedService,
  options: ServiceRouteOptions,
  out: EmitOutput,
): void {
  const direct = service.direct!;
  const vs = service.virtualService;
  const listener = service.listeners[0];
  const { caps } = options;
  const timeout = direct.timeout;
  if (direct.sameService && !timeout) {
    out.notes.push(
      `App Mesh VirtualService ${vs.metadata.name} is served by VirtualNode ${direct.target.node.metadata.name} directly; Service ${service.service.name} needs no route.`,
    );
    return;
  }
  if (!listener) return;
  if (listener.protocol === 'tcp') {
    unsupported(listener.site, caps.support, 'tcp-routes', '(TCP provider)');
    return;
  }
  const rule: JsonRecord = {
    backendRefs: backendRefs(
      [direct.target],
      service.service.namespace,
      undefined,
      caps.label,
      false,
    ),
  };
  if (timeout) {
    if (caps.timeouts) {
      rule.timeouts = { request: timeout.text };
      carry(timeout.site, 'route timeout');
    } else
      unsupported(timeout.site, caps.support, 'timeouts', `(${timeout.text})`);
  }
  out.manifests.push(
    gatewayApiManifest(
      `HTTPRoute ${vs.metadata.name}: traffic for Service ${
        service.service.name
      } goes to VirtualNode ${
        direct.target.node.metadata.name
      }'s Service (from App Mesh VirtualService ${
        vs.metadata.name
      }), ${options.attachment(listener)}`,
      {
        apiVersion: GATEWAY_API,
        kind: 'HTTPRoute',
        metadata: {
          name: vs.metadata.name,
          namespace: service.service.namespace,
        },
        spec: { parentRefs: [options.parentRef(listener)], rules: [rule] },
      },
    ),
  );
}

// ------------------------------------------------------------ ingress

export interface IngressOptions {
  caps: GatewayApiCaps;
  gatewayClassName: string;
}

/** A VirtualGateway as a Gateway; what its listeners carry that a Gateway cannot is a manual action. */
export function gatewayObject(
  model: GatewayModel,
  options: IngressOptions,
): MigrationManifest {
  const { gateway } = model;
  const from = model.namespaceSelector ? 'Selector' : 'Same';
  const listeners = model.listeners.map(listener => {
    carry(listener.site, 'Gateway listener');
    if (listener.tls)
      manual(
        listener.tls,
        '(listener TLS) not carried: Gateway listeners reference certificates as Kubernetes Secrets',
        'Create a kubernetes.io/tls Secret and set listeners[].tls.certificateRefs; switch the listener protocol to HTTPS.',
      );
    if (listener.healthCheck)
      manual(
        listener.healthCheck,
        'not carried: Gateways have no active health checks',
        'Use readiness probes on the backends.',
      );
    if (listener.pool)
      manual(
        listener.pool,
        'not carried',
        'Configure limits in the Gateway implementation.',
      );
    return {
      name: `${listener.protocol}-${listener.port}`,
      port: listener.port,
      protocol: 'HTTP',
      allowedRoutes: {
        namespaces: {
          from,
          ...(model.namespaceSelector
            ? { selector: model.namespaceSelector }
            : {}),
        },
      },
    };
  });
  if (model.backendDefaults)
    manual(
      model.backendDefaults,
      '(client TLS) not carried',
      'The mesh provides mTLS from the gateway to meshed backends.',
    );
  if (model.logging)
    manual(
      model.logging,
      'not carried',
      'Enable access logs in the Gateway implementation.',
    );
  return gatewayApiManifest(
    `Gateway ${gateway.metadata.name}: replaces App Mesh VirtualGateway ${gateway.metadata.name} (gatewayClassName ${options.gatewayClassName}); its envoy Deployment can go once traffic moved`,
    {
      apiVersion: GATEWAY_API,
      kind: 'Gateway',
      metadata: {
        name: gateway.metadata.name,
        namespace: gateway.metadata.namespace ?? 'default',
      },
      spec: { gatewayClassName: options.gatewayClassName, listeners },
    },
  );
}

/** A GatewayRoute route as an HTTPRoute or GRPCRoute on the Gateway, with App Mesh's rewrites. */
export function ingressRoute(
  model: GatewayRouteModel,
  caps: GatewayApiCaps,
  out: EmitOutput,
): MigrationManifest | undefined {
  const { route, gateway } = model;
  const namespace = route.metadata.namespace ?? 'default';
  const grpc = model.protocol === 'grpc';
  if (grpc && caps.support['grpc-routes'].level === 'manual') {
    unsupported(
      model.site,
      caps.support,
      'grpc-routes',
      '(gRPC gateway route)',
    );
    return undefined;
  }
  const rule: JsonRecord = {};
  const loss: Loss = { lost: false };
  const match = grpc
    ? grpcMatch(model.grpc!, caps, out, loss)
    : httpMatch(model.http!, route.metadata.name, caps, out, loss);
  if (loss.lost) {
    manual(
      model.site,
      `not emitted: ${caps.label} cannot express its whole match (see the actions on its match fields)`,
      'Without those conditions the route would match more requests than in App Mesh.',
    );
    return undefined;
  }
  if (Object.keys(match).length > 0) rule.matches = [match];
  if (grpc) {
    if (model.rewrite.hostname)
      manual(
        model.rewrite.hostname.site,
        `(Host rewrite to ${model.rewrite.hostname.value}, App Mesh default) not carried: GRPCRoute has no URLRewrite filter`,
        'If the backend checks :authority, rewrite it in the implementation.',
      );
  } else {
    const filters = rewriteFilters(
      model.rewrite,
      model.http?.path?.kind === 'prefix',
      caps,
    );
    if (filters) rule.filters = filters;
  }
  const backend: JsonRecord = { name: model.target.service.name };
  if (model.target.service.namespace !== namespace)
    backend.namespace = model.target.service.namespace;
  backend.port = model.target.port;
  rule.backendRefs = [backend];
  for (const host of model.hostnames) carry(host.site, 'hostnames');
  const kind = grpc ? 'GRPCRoute' : 'HTTPRoute';
  const name =
    model.protocol === 'http2' &&
    route.spec &&
    (route.spec as JsonRecord).httpRoute
      ? `${route.metadata.name}-http2`
      : route.metadata.name;
  return gatewayApiManifest(
    `${kind} ${name}: ingress route from App Mesh GatewayRoute ${route.metadata.name} on Gateway ${gateway.metadata.name}`,
    {
      apiVersion: GATEWAY_API,
      kind,
      metadata: { name, namespace },
      spec: {
        parentRefs: [
          {
            name: gateway.metadata.name,
            namespace: gateway.metadata.namespace ?? namespace,
          },
        ],
        ...(model.hostnames.length > 0
          ? { hostnames: model.hostnames.map(h => h.value) }
          : {}),
        rules: [rule],
      },
    },
  );
}
