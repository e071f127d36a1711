import type { MigrationTarget } from '../vocabulary/migrationTargets';

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
