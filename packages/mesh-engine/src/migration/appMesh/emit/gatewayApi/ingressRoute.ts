/** Ingress: an App Mesh GatewayRoute as an HTTPRoute or GRPCRoute on the Gateway. */
import { JsonRecord } from '../../../../engine/model/access';
import { MigrationManifest } from '../../../types';
import { GatewayRouteModel } from '../../model';
import { carry, manual, unsupported } from '../common';
import { EmitOutput } from '../types';
import { GatewayApiCaps, GATEWAY_API } from './caps';
import { gatewayApiManifest } from './channel';
import { Loss } from './headerMatches';
import { grpcMatch, httpMatch } from './matches';
import { rewriteFilters } from './rewrites';

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
