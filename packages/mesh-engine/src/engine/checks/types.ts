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
