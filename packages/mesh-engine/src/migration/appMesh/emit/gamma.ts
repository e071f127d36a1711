/** Kuma and Cilium: Gateway API routes attached to the Service (GAMMA). */
import { MigrationTarget } from '../../types';
import { AppMeshModel } from '../model';
import { emitMeshEgress } from './common';
import { emitPlainNode } from './gammaNodes';
import {
  GatewayApiCaps,
  gatewayObject,
  ingressRoute,
  serviceParentRef,
  serviceRoutes,
} from './gatewayApi';
import { Emitter, EmitOutput, manual, supported, SupportTable } from './types';

const GAMMA_COMMON = {
  'http-routes': supported(
    'HTTPRoute attached to the Service (parentRef kind Service, port per listener).',
  ),
  'grpc-routes': supported(
    'GRPCRoute attached to the Service (standard channel).',
  ),
  'tcp-routes': manual(
    'TCPRoute is experimental (v1alpha2) and GAMMA implementations do not support it: send the traffic straight to the backing Service, or write a TCPRoute if yours does.',
  ),
  weights: supported(
    'backendRefs weights as given; VirtualNodes sharing one Service cannot be split (manual action).',
  ),
  'path-prefix': supported(
    'PathPrefix; it matches whole path segments, unlike App Mesh string prefixes (manual action when the prefix does not end in /).',
  ),
  'path-exact': supported('Exact path match.'),
  'path-regex': supported(
    'RegularExpression path match (implementation-specific).',
  ),
  'method-match': supported('method match.'),
  'scheme-match': manual(
    'Gateway API route matches have no scheme: match on it in the implementation, or drop the condition.',
  ),
  'header-match': supported('Exact header match.'),
  'header-regex': supported(
    'RegularExpression header match (prefix, suffix, presence and regex).',
  ),
  'header-invert': manual(
    'Gateway API cannot match the absence or negation of a header: add a higher-precedence rule for the matching case.',
  ),
  'header-range': manual(
    'Gateway API has no range match: express the range as a RegularExpression header match by hand.',
  ),
  'query-match': supported('queryParams match.'),
  retries: supported(
    'HTTPRoute retry (experimental channel in v1.6.1, GEP-1731).',
  ),
  timeouts: supported(
    'HTTPRoute timeouts.request / backendRequest (standard).',
  ),
  'idle-timeouts': manual(
    'Gateway API has no idle timeout; configure it in the implementation if you relied on it.',
  ),
  'url-rewrite': supported(
    'URLRewrite filter (ReplacePrefixMatch / ReplaceFullPath).',
  ),
  'host-rewrite': supported('URLRewrite hostname.'),
  'access-logs': manual('Enable access logs in the new data plane.'),
  'ingress-gateways': supported(
    'Gateway API Gateway of the mesh’s GatewayClass with HTTPRoutes.',
  ),
} as const;

export const KUMA_SUPPORT = {
  ...GAMMA_COMMON,
  'connection-pool': manual(
    'Kuma limits connections with MeshCircuitBreaker connectionLimits, applied on the client side; write one by hand if the server-side limit mattered.',
  ),
  'outlier-detection': manual(
    'Kuma has outlier detection in MeshCircuitBreaker; write one by hand.',
  ),
  mtls: supported('MeshTLS Strict (harden step).'),
} as const satisfies SupportTable;

export const CILIUM_SUPPORT = {
  ...GAMMA_COMMON,
  'connection-pool': manual(
    'Cilium has no connection pool limits: size the application or add limits in Envoy config (CiliumEnvoyConfig).',
  ),
  'outlier-detection': manual(
    'Cilium has no outlier detection API: configure passive health checking in CiliumEnvoyConfig if you need it.',
  ),
  mtls: manual(
    'Cilium ztunnel encryption is namespace-wide and has no strict mode; restrict plaintext with CiliumNetworkPolicy.',
  ),
} as const satisfies SupportTable;

function caps(label: string, support: SupportTable): GatewayApiCaps {
  return {
    label,
    support,
    regex: true,
    queryParams: true,
    timeouts: true,
    retries: 'field',
    rewrites: true,
  };
}

/** Each service's routes, attached to its Service (GAMMA parentRef, port per listener). */
export function gammaServiceRoutes(
  model: AppMeshModel,
  routeCaps: GatewayApiCaps,
  out: EmitOutput,
): void {
  for (const service of model.services)
    serviceRoutes(
      service,
      {
        caps: routeCaps,
        parentRef: listener =>
          serviceParentRef(service.service, listener.servicePort),
        attachment: () => `attached to Service ${service.service.name} (GAMMA)`,
      },
      out,
    );
}

function emitGamma(
  model: AppMeshModel,
  target: MigrationTarget,
  label: string,
  support: SupportTable,
  out: EmitOutput,
): void {
  const routeCaps = caps(label, support);
  gammaServiceRoutes(model, routeCaps, out);
  for (const node of model.nodes)
    emitPlainNode(
      node,
      {
        label,
        support,
        meshMtls: support.mtls.level === 'supported',
        noMtlsWhy: support.mtls.why,
        authorization:
          'write an authorization policy on the clients’ identities (ServiceAccounts).',
        accessLogAdvice: support['access-logs'].why,
      },
      out,
    );
  for (const gateway of model.gateways) {
    const ledger = gateway.site.ledger;
    ledger.carry(
      'spec.podSelector',
      'replaced by the Gateway’s own Deployment',
    );
    ledger.carry('spec.namespaceSelector', 'Gateway listeners allowedRoutes');
    ledger.carry('spec.gatewayRouteSelector', 'routes attach by parentRef');
    out.manifests.push(
      gatewayObject(gateway, { caps: routeCaps, gatewayClassName: target }),
    );
  }
  for (const route of model.gatewayRoutes) {
    const manifest = ingressRoute(route, routeCaps, out);
    if (manifest) out.manifests.push(manifest);
  }
  for (const mesh of model.meshes)
    emitMeshEgress(
      mesh.egressDropAll,
      'Restrict egress with NetworkPolicy or the mesh’s egress controls.',
    );
}

export function gammaEmitter(target: 'kuma' | 'cilium'): Emitter {
  const label = target === 'kuma' ? 'Kuma' : 'Cilium';
  const support = target === 'kuma' ? KUMA_SUPPORT : CILIUM_SUPPORT;
  return {
    label,
    support,
    attachesToService: true,
    emit: (model, out) => emitGamma(model, target, label, support, out),
  };
}

export { GAMMA_COMMON };
