import type { ReadinessTargetMesh } from '../model/assessment';

/**
 * Where a service can be moved to: one of the readiness target meshes, or
 * Amazon VPC Lattice through the AWS Gateway API controller (`gateway-api`,
 * the stored id, kept for compatibility).
 */
export type MigrationTarget = ReadinessTargetMesh | 'gateway-api';

export interface MigrationTargetInfo {
  id: MigrationTarget;
  label: string;
  /** One sentence on what a plan for this target produces. */
  description: string;
}

export const MIGRATION_TARGETS: readonly MigrationTargetInfo[] = [
  {
    id: 'istio-sidecar',
    label: 'Istio (sidecar)',
    description:
      'Namespace injection label, Istio VirtualService/DestinationRule for App Mesh routes, PeerAuthentication STRICT.',
  },
  {
    id: 'istio-ambient',
    label: 'Istio (ambient)',
    description:
      'Namespace dataplane-mode label, Istio routing objects (need a waypoint for L7), PeerAuthentication STRICT.',
  },
  {
    id: 'linkerd',
    label: 'Linkerd',
    description:
      'Namespace inject annotation, Gateway API HTTPRoutes (GAMMA) with Linkerd retry annotations, all-authenticated inbound policy.',
  },
  {
    id: 'consul',
    label: 'Consul',
    description:
      'connect-inject pod annotation, ServiceDefaults mutualTLSMode strict; App Mesh routes are listed for ServiceRouter/ServiceSplitter by hand.',
  },
  {
    id: 'kuma',
    label: 'Kuma / Kong Mesh',
    description:
      'Namespace sidecar-injection label, Gateway API HTTPRoutes (GAMMA), MeshTLS Strict.',
  },
  {
    id: 'cilium',
    label: 'Cilium',
    description:
      'Namespace io.cilium/mtls-enabled label (ztunnel encryption, Beta), Gateway API HTTPRoutes (GAMMA).',
  },
  {
    id: 'gateway-api',
    label: 'Amazon VPC Lattice (Gateway API)',
    description:
      'HTTPRoutes (gateway.networking.k8s.io/v1) for Amazon VPC Lattice: attached to a Gateway of GatewayClass amazon-vpc-lattice (a Lattice service network) of the AWS Gateway API controller; what Lattice cannot carry is listed by hand.',
  },
];

export function isMigrationTarget(value: unknown): value is MigrationTarget {
  return MIGRATION_TARGETS.some(target => target.id === value);
}
