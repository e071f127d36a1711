/** Ingress: an App Mesh VirtualGateway as a Gateway API Gateway. */
import { MigrationManifest } from '../../../types';
import { GatewayModel } from '../../model';
import { carry, manual } from '../common';
import { GatewayApiCaps, GATEWAY_API } from './caps';
import { gatewayApiManifest } from './channel';

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
