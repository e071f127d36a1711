import { ServiceAssessment } from '../engine/assess/types';
import { ReadinessTargetMesh } from '../engine/assess/types';
import { ClusterIndex } from '../engine/cluster/clusterIndex';
import { Workload } from '../engine/workloads/workload';

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

export type MigrationStepKind =
  | 'prepare'
  | 'fix'
  | 'enroll'
  | 'translate'
  | 'cleanup'
  | 'harden'
  | 'verify';

/** A Kubernetes manifest produced by the plan (plain JSON). */
export interface MigrationObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export interface MigrationPatchTarget {
  /** Set for custom resources, where `kind` alone is ambiguous. */
  apiVersion?: string;
  kind: string;
  /** Undefined for cluster-scoped kinds (Namespace). */
  namespace?: string;
  name: string;
}

export interface MigrationPatch {
  target: MigrationPatchTarget;
  /**
   * `strategic-merge` for built-in kinds (lists merge by key: ports by
   * `port`, containers by `name`); `json-merge` (RFC 7386) where a `null`
   * deletes a key.
   */
  type: 'strategic-merge' | 'json-merge';
  body: Record<string, unknown>;
}

/** The Gateway API release channel a generated manifest needs (v1.6.1 CRDs). */
export interface GatewayApiChannel {
  channel: 'standard' | 'experimental';
  /** Fields of the manifest that need the experimental channel, e.g. `spec.rules[].retry`. */
  fields: string[];
}

/** One manifest of a step: a full object to apply, or a patch to an existing one. */
export interface MigrationManifest {
  description: string;
  object?: MigrationObject;
  patch?: MigrationPatch;
  /** Set on Gateway API objects: the CRD channel they need. */
  gatewayApiChannel?: GatewayApiChannel;
}

export interface MigrationStep {
  /** Stable within a plan, e.g. `fix`, `enroll`, `translate-istio`. */
  id: string;
  /** 1-based position. */
  order: number;
  kind: MigrationStepKind;
  title: string;
  explanation: string;
  manifests: MigrationManifest[];
  commands?: string[];
}

/** Something the plan cannot do mechanically, and why. */
export interface ManualAction {
  what: string;
  why: string;
  /** Where it comes from: the App Mesh object and field, or the finding's object and field. */
  source: string;
}

export interface MigrationPlan {
  target: MigrationTarget;
  /** The service the plan is for. */
  service: string;
  steps: MigrationStep[];
  manualActions: ManualAction[];
  /** Every manifest of every step, as one multi-document YAML with a comment naming its step. */
  yaml: string;
}

export interface MigrationPlanInput {
  /** The service's workloads (e.g. from `selectWorkloads`). */
  workloads: readonly Workload[];
  index: ClusterIndex;
  /** `assessService` of the same workloads. */
  assessment: ServiceAssessment;
  target: MigrationTarget;
  service?: { name: string };
}
