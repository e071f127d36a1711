/**
 * Amazon VPC Lattice through the AWS Gateway API controller (target
 * `gateway-api`): HTTPRoutes attached to a Gateway of GatewayClass
 * amazon-vpc-lattice (a Lattice service network). Limits from the
 * controller's HTTPRoute and GRPCRoute references
 * (aws/aws-application-networking-k8s docs/api-types/http-route.md,
 * grpc-route.md) and its controller code (2026-08 snapshot): only what
 * Lattice carries is emitted; the rest is a manual action.
 */
import { JsonRecord } from '../../../engine/model/access';
import { AppMeshModel, GatewayModel } from '../model';
import { emitMeshEgress } from './common';
import { emitPlainNode } from './gammaNodes';
import {
  GATEWAY_API,
  GatewayApiCaps,
  gatewayApiManifest,
  gatewayObject,
  ingressRoute,
  serviceRoutes,
} from './gatewayApi';
import { Emitter, EmitOutput, manual, supported, SupportTable } from './types';

export const LATTICE_GATEWAY_CLASS = 'amazon-vpc-lattice';

export const LATTICE_SUPPORT = {
  'http-routes': supported(
    'HTTPRoute attached to a Gateway of class amazon-vpc-lattice (the service network), sectionName naming the HTTP listener of the port.',
  ),
  'grpc-routes': manual(
    'Lattice accepts GRPCRoute only on an HTTPS listener, which needs a certificate the plan cannot choose: add an HTTPS listener and the GRPCRoute by hand (docs/api-types/grpc-route.md).',
  ),
  'tcp-routes': manual(
    'The AWS Gateway API controller carries HTTPRoute, GRPCRoute and TLSRoute (TLS passthrough) only: plain TCP needs another path, such as calling the Service directly.',
  ),
  weights: supported(
    'backendRefs weights as given (Lattice target-group weights).',
  ),
  'path-prefix': supported(
    'PathPrefix (by path segment, case-insensitive in Lattice): a prefix not ending in / gets a manual action.',
  ),
  'path-exact': supported('Exact path match (case-insensitive in Lattice).'),
  'path-regex': manual(
    'The AWS Gateway API controller rejects RegularExpression path matches.',
  ),
  'method-match': supported('One method match per rule.'),
  'scheme-match': manual('Gateway API route matches have no scheme.'),
  'header-match': supported('Exact header matches, at most 5 per rule.'),
  'header-regex': manual(
    'The AWS Gateway API controller rejects RegularExpression header matches, so App Mesh prefix, suffix, presence and regex header matches cannot be expressed; the rule matches more requests without them.',
  ),
  'header-invert': manual(
    'Gateway API cannot match the absence or negation of a header.',
  ),
  'header-range': manual('Gateway API has no range match.'),
  'query-match': manual('VPC Lattice has no query-parameter matches.'),
  retries: manual(
    'The AWS Gateway API controller does not carry HTTPRoute retries to Lattice: retry in the clients (SDK retries) if they relied on App Mesh retries.',
  ),
  timeouts: manual(
    'The AWS Gateway API controller does not carry HTTPRoute timeouts to Lattice: enforce the timeout in the clients.',
  ),
  'idle-timeouts': manual('Lattice has no idle timeout setting per route.'),
  'url-rewrite': manual(
    'Lattice cannot rewrite paths (URLRewrite is not carried): rewrite in the application, or in a load balancer in front.',
  ),
  'host-rewrite': manual(
    'Lattice cannot rewrite the Host header: make the backend accept the Lattice service name, or rewrite in a load balancer in front.',
  ),
  'connection-pool': manual(
    'Lattice has no connection pool limits: size the application.',
  ),
  'outlier-detection': manual(
    'Lattice health-checks target groups (TargetGroupPolicy healthCheck) instead of ejecting outliers: configure one.',
  ),
  mtls: manual(
    'Lattice authenticates callers with IAM (IAMAuthPolicy) and encrypts with HTTPS listeners; it gives workloads no mTLS.',
  ),
  'access-logs': manual(
    'Lattice writes access logs through an AccessLogPolicy (CloudWatch Logs, S3 or Firehose).',
  ),
  'ingress-gateways': supported(
    'Gateway of class amazon-vpc-lattice (a service network), reachable only from associated VPCs (manual action).',
  ),
} as const satisfies SupportTable;

const CAPS: GatewayApiCaps = {
  label: 'Amazon VPC Lattice',
  support: LATTICE_SUPPORT,
  regex: false,
  queryParams: false,
  maxHeaders: 5,
  timeouts: false,
  retries: 'none',
  rewrites: false,
};

function emitLattice(model: AppMeshModel, out: EmitOutput): void {
  const network = model.meshName;
  /** Service-network Gateways to create, by namespace: their listener ports. */
  const networks = new Map<string, Set<number>>();
  for (const service of model.services) {
    const namespace = service.service.namespace;
    const before = out.manifests.length;
    serviceRoutes(
      service,
      {
        caps: CAPS,
        parentRef: listener => ({
          name: network,
          sectionName: `http-${listener.port}`,
        }),
        attachment: listener =>
          `attached to listener http-${listener.port} of the Lattice service network Gateway ${network}`,
      },
      out,
    );
    const added = out.manifests.slice(before);
    const ports = networks.get(namespace) ?? new Set<number>();
    for (const manifest of added)
      for (const ref of ((manifest.object?.spec as JsonRecord)
        .parentRefs as JsonRecord[]) ?? [])
        ports.add(Number(String(ref.sectionName).replace('http-', '')));
    if (ports.size > 0) networks.set(namespace, ports);
  }
  for (const [namespace, ports] of networks)
    out.manifests.unshift(
      gatewayApiManifest(
        `Gateway ${network}: the Amazon VPC Lattice service network for App Mesh mesh ${network} (GatewayClass ${LATTICE_GATEWAY_CLASS}), one HTTP listener per App Mesh listener port; if the service network's Gateway already exists, point the routes' parentRefs at it instead`,
        {
          apiVersion: GATEWAY_API,
          kind: 'Gateway',
          metadata: { name: network, namespace },
          spec: {
            gatewayClassName: LATTICE_GATEWAY_CLASS,
            listeners: [...ports]
              .sort((a, b) => a - b)
              .map(port => ({ name: `http-${port}`, port, protocol: 'HTTP' })),
          },
        },
      ),
    );
  if (networks.size > 0)
    out.actions.push({
      what: `Point the clients of ${model.services
        .map(s => s.service.name)
        .join(
          ', ',
        )} at their Lattice service names (or set HTTPRoute hostnames as custom domain names with DNS records), and associate the clients' VPCs with service network ${network}`,
      why: 'Lattice gives each route its own DNS name (…vpc-lattice-svcs…on.aws); the Kubernetes Service names clients call today do not reach Lattice, and only VPCs associated with the service network can.',
      source: model.services
        .map(
          s =>
            `VirtualService ${s.virtualService.metadata.namespace}/${s.virtualService.metadata.name}`,
        )
        .join(', '),
    });
  for (const node of model.nodes)
    emitPlainNode(
      node,
      {
        label: CAPS.label,
        support: LATTICE_SUPPORT,
        meshMtls: false,
        noMtlsWhy: LATTICE_SUPPORT.mtls.why,
        authorization: 'write an IAMAuthPolicy allowing only their IAM roles.',
        accessLogAdvice: LATTICE_SUPPORT['access-logs'].why,
      },
      out,
    );
  for (const gateway of model.gateways) {
    gateway.site.ledger.carry(
      'spec.podSelector',
      'replaced by the Lattice service network',
    );
    gateway.site.ledger.carry(
      'spec.namespaceSelector',
      'Gateway listeners allowedRoutes',
    );
    gateway.site.ledger.carry(
      'spec.gatewayRouteSelector',
      'routes attach by parentRef',
    );
    out.manifests.push(
      gatewayObject(gateway, {
        caps: CAPS,
        gatewayClassName: LATTICE_GATEWAY_CLASS,
      }),
    );
    reachability(gateway, out);
  }
  for (const route of model.gatewayRoutes) {
    const manifest = ingressRoute(route, CAPS, out);
    if (manifest) out.manifests.push(manifest);
  }
  for (const mesh of model.meshes)
    emitMeshEgress(
      mesh.egressDropAll,
      'Restrict egress with security groups, NetworkPolicy or a firewall; Lattice does not filter egress.',
    );
}

/** An internet-facing VirtualGateway becomes a service network reachable only from associated VPCs. */
function reachability(model: GatewayModel, out: EmitOutput): void {
  const { gateway } = model;
  for (const service of model.internetFacing)
    out.actions.push({
      what: `VirtualGateway ${gateway.metadata.name} was reachable from outside the VPC through Service ${service.name} (type LoadBalancer); the Lattice service network that replaces it is not`,
      why: 'A VPC Lattice service network is reachable only from associated VPCs (and through VPC endpoints), never from the internet: to keep outside clients, put an internet-facing load balancer or Amazon API Gateway in front of the Lattice service, or keep an ingress controller for north-south traffic.',
      source: `VirtualGateway ${gateway.metadata.namespace}/${gateway.metadata.name} spec.podSelector (exposed by Service ${service.namespace}/${service.name})`,
    });
}

export const latticeEmitter: Emitter = {
  label: CAPS.label,
  support: LATTICE_SUPPORT,
  attachesToService: false,
  emit: emitLattice,
};
