/** The routes inside the mesh: one VirtualService's routes as HTTPRoutes and GRPCRoutes attached where the emitter says. */
import { JsonRecord } from '../../../../engine/model/access';
import { MigrationObject } from '../../../types';
import { Listener, Route, RoutedService } from '../../model';
import { manual, unsupported } from '../common';
import { EmitOutput } from '../types';
import { GatewayApiCaps, GATEWAY_API } from './caps';
import { gatewayApiManifest } from './channel';
import { directRoute } from './directRoute';
import { checkPrecedence, uniqueRules } from './precedence';
import { BuiltRule, buildRule } from './rule';

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
