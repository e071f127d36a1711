import type {
  CheckCategory,
  CheckResult,
  CheckSeverity,
  MeshId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../cluster/clusterIndex';
import { ControlPlaneFacts } from '../cluster/controlPlane';
import { MeshDetection } from '@meshwise/backstage-plugin-service-mesh-common';
import { WorkloadMeshResources } from '../workloads/meshResources';
import { Workload } from '../workloads/workload';

// A result's shape is the API contract, defined in the common package.
export type {
  CheckCategory,
  CheckResult,
  CheckSeverity,
  CheckStatus,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** Everything a check may read about one workload. */
export interface CheckContext {
  workload: Workload;
  detection: MeshDetection;
  index: ClusterIndex;
  resources: WorkloadMeshResources;
  controlPlane: ControlPlaneFacts;
}

/** The part of a result that every result of one check shares. */
export type CheckFinding = Omit<CheckResult, 'checkId' | 'severity'> & {
  severity?: CheckSeverity;
};

export interface ReadinessCheck {
  /** Catalogue id, e.g. `MR-UID-1337`. */
  id: string;
  title: string;
  /** Headline severity: the highest over the meshes it applies to. */
  severity: CheckSeverity;
  /** Per-mesh severity where it differs from the headline. */
  severityFor?: Partial<Record<MeshId, CheckSeverity>>;
  category: CheckCategory;
  meshes: readonly MeshId[];
  /** The fields the check reads, for the UI and the docs. */
  reads: readonly string[];
  /**
   * Group-kind keys (as in `KINDS`) whose objects the result depends on,
   * directly or through the workload's Services, Namespace and pods, its
   * mesh resources, the control-plane facts or the detection; `[]` for a
   * check on the workload alone. When one could not be listed the check
   * does not run: its result is `not-evaluated`, naming the kind
   * (`runChecks.ts`), since an empty list would pass or fail on a guess.
   */
  readsKinds: readonly string[];
  /**
   * Kinds of a mesh's own API that matter only for workloads in or enrolled
   * in that mesh (its detected mesh or another one seen on it), e.g. App
   * Mesh VirtualNodes, whose listeners describe a workload only while it is
   * on App Mesh. So a forbidden CRD of a mesh the workload does not use
   * leaves the check evaluated. A kind the check needs for every workload
   * (an Istio policy an Istio readiness check reads) goes in `readsKinds`.
   */
  readsKindsIn?: Readonly<Partial<Record<MeshId, readonly string[]>>>;
  /** One sentence: why this matters. */
  why: string;
  /**
   * Returns at least one result; a `pass` result's message says why the
   * check is satisfied (including "nothing to check here").
   */
  run(context: CheckContext): CheckFinding[];
}

export function severityOf(check: ReadinessCheck, mesh: MeshId): CheckSeverity {
  return check.severityFor?.[mesh] ?? check.severity;
}
