/** Linkerd: GAMMA HTTPRoutes with Linkerd's retry annotations (one HTTPRoute per distinct retry policy). */
import { AppMeshModel } from '../model';
import { emitMeshEgress, unsupported } from './common';
import { GAMMA_COMMON, gammaServiceRoutes } from './gamma';
import { emitPlainNode } from './gammaNodes';
import { GatewayApiCaps, ingressRoute } from './gatewayApi';
import { Emitter, EmitOutput, manual, supported, SupportTable } from './types';

export const LINKERD_SUPPORT = {
  ...GAMMA_COMMON,
  retries: supported(
    'retry.linkerd.io/http, /limit, /timeout annotations (Linkerd 2.16+); they apply to a whole HTTPRoute, so each distinct policy gets its own HTTPRoute.',
  ),
  'connection-pool': manual(
    'Linkerd has no connection pool limits: size the application, or rate-limit with HTTPLocalRateLimitPolicy.',
  ),
  'outlier-detection': manual(
    'Linkerd has consecutive-failure accrual: annotate the Service with balancer.linkerd.io/failure-accrual: consecutive and balancer.linkerd.io/failure-accrual-consecutive-max-failures.',
  ),
  mtls: supported(
    'Linkerd’s automatic mTLS, all-authenticated inbound policy (harden step).',
  ),
  'access-logs': manual(
    'Linkerd writes proxy access logs when the pod is annotated config.linkerd.io/access-log: apache (or json).',
  ),
  'ingress-gateways': manual(
    'Linkerd has no ingress gateway of its own: the plan emits the ingress HTTPRoutes; create the Gateway they attach to with your ingress implementation’s GatewayClass (e.g. Envoy Gateway) and mesh its pods.',
  ),
} as const satisfies SupportTable;

function emitLinkerd(model: AppMeshModel, out: EmitOutput): void {
  const label = 'Linkerd';
  const caps: GatewayApiCaps = {
    label,
    support: LINKERD_SUPPORT,
    regex: true,
    queryParams: true,
    timeouts: true,
    retries: 'linkerd-annotations',
    rewrites: true,
  };
  gammaServiceRoutes(model, caps, out);
  for (const node of model.nodes)
    emitPlainNode(
      node,
      {
        label,
        support: LINKERD_SUPPORT,
        meshMtls: true,
        authorization:
          'write an AuthorizationPolicy with MeshTLSAuthentication naming their ServiceAccounts.',
        accessLogAdvice: LINKERD_SUPPORT['access-logs'].why,
      },
      out,
    );
  for (const gateway of model.gateways) {
    gateway.site.ledger.carry(
      'spec.gatewayRouteSelector',
      'routes attach by parentRef',
    );
    unsupported(
      gateway.site,
      LINKERD_SUPPORT,
      'ingress-gateways',
      `(ingress gateway: create Gateway ${gateway.gateway.metadata.name} by hand)`,
    );
  }
  for (const route of model.gatewayRoutes) {
    const manifest = ingressRoute(route, caps, out);
    if (manifest) out.manifests.push(manifest);
  }
  for (const mesh of model.meshes)
    emitMeshEgress(
      mesh.egressDropAll,
      'Restrict egress with NetworkPolicy (Linkerd has no egress filter of its own).',
    );
}

export const linkerdEmitter: Emitter = {
  label: 'Linkerd',
  support: LINKERD_SUPPORT,
  attachesToService: true,
  emit: emitLinkerd,
};
