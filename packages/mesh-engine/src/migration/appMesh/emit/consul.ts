/** Consul: no routing objects are generated; every App Mesh route is a manual action for ServiceRouter/ServiceSplitter. */
import { AppMeshModel } from '../model';
import { emitMeshEgress, manual as manualAction, unsupported } from './common';
import { emitPlainNode } from './gammaNodes';
import { Emitter, EmitOutput, manual, supported, SupportTable } from './types';

const BY_HAND =
  'Meshwise does not generate Consul config entries: write a ServiceSplitter for the weights and a ServiceRouter for matches, retries and timeouts by hand.';

export const CONSUL_SUPPORT = {
  'http-routes': manual(BY_HAND),
  'grpc-routes': manual(BY_HAND),
  'tcp-routes': manual(BY_HAND),
  weights: manual(BY_HAND),
  'path-prefix': manual(BY_HAND),
  'path-exact': manual(BY_HAND),
  'path-regex': manual(BY_HAND),
  'method-match': manual(BY_HAND),
  'scheme-match': manual(BY_HAND),
  'header-match': manual(BY_HAND),
  'header-regex': manual(BY_HAND),
  'header-invert': manual(BY_HAND),
  'header-range': manual(BY_HAND),
  'query-match': manual(BY_HAND),
  retries: manual(BY_HAND),
  timeouts: manual(BY_HAND),
  'idle-timeouts': manual(BY_HAND),
  'url-rewrite': manual(BY_HAND),
  'host-rewrite': manual(BY_HAND),
  'connection-pool': manual(
    'Set limits in a ServiceDefaults UpstreamConfig (client side) by hand.',
  ),
  'outlier-detection': manual(
    'Set PassiveHealthCheck in a ServiceDefaults UpstreamConfig by hand.',
  ),
  mtls: supported('ServiceDefaults mutualTLSMode strict (harden step).'),
  'access-logs': manual(
    'Enable access logs in the Consul ProxyDefaults AccessLogs by hand.',
  ),
  'ingress-gateways': manual(
    'Consul API Gateway is configured by hand; Meshwise does not generate it.',
  ),
} as const satisfies SupportTable;

function emitConsul(model: AppMeshModel, out: EmitOutput): void {
  for (const service of model.services)
    for (const route of service.routes)
      manualAction(
        route.site,
        `(route ${route.name}) not carried: Consul routes through ServiceRouter/ServiceSplitter/ServiceResolver config entries`,
        BY_HAND,
      );
  for (const node of model.nodes)
    emitPlainNode(
      node,
      {
        label: 'Consul',
        support: CONSUL_SUPPORT,
        meshMtls: true,
        authorization: 'write ServiceIntentions allowing only them.',
        accessLogAdvice: CONSUL_SUPPORT['access-logs'].why,
      },
      out,
    );
  for (const gateway of model.gateways)
    unsupported(
      gateway.site,
      CONSUL_SUPPORT,
      'ingress-gateways',
      '(ingress gateway)',
    );
  for (const route of model.gatewayRoutes)
    unsupported(
      { ledger: route.site.ledger, path: 'spec' },
      CONSUL_SUPPORT,
      'ingress-gateways',
      '(ingress route)',
    );
  for (const mesh of model.meshes)
    emitMeshEgress(
      mesh.egressDropAll,
      'Use Consul terminating gateways and intentions for allowed external hosts.',
    );
}

export const consulEmitter: Emitter = {
  label: 'Consul',
  support: CONSUL_SUPPORT,
  attachesToService: false,
  emit: emitConsul,
};
