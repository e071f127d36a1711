import { MeshId } from '../../meshes';
import { ClusterIndex } from '../cluster/clusterIndex';
import { ControlPlaneFacts } from '../cluster/controlPlane';
import { MeshDetection } from '../detect/types';
import { KubeObjectRef } from '../model/kubeObject';
import { WorkloadMeshResources } from '../workloads/meshResources';
import { Workload } from '../workloads/workload';

/** `error` blocks onboarding or breaks traffic; `warning` is a likely problem; `info` is advisory. */
export type CheckSeverity = 'error' | 'warning' | 'info';

export type CheckStatus = 'fail' | 'pass' | 'not-evaluated';

/**
 * `readiness` checks say what stands between a workload and a mesh and feed
 * the scores; `adoption` checks track progress once a mesh is chosen
 * (enrolment, missing or stale proxies, mTLS, end-of-life) and feed the
 * adoption stage and the findings, not the readiness score.
 */
export type CheckCategory = 'readiness' | 'adoption';

export interface CheckResult {
  checkId: string;
  status: CheckStatus;
  /** The severity for the most affected mesh; see `severityFor` for others. */
  severity: CheckSeverity;
  /** The object the result is about: the workload, a Service, a Namespace... */
  object: KubeObjectRef;
  /** JSON path in that object, e.g. `spec.ports[0].name`. */
  field?: string;
  message: string;
  remediation: string;
  /** YAML that fixes the problem, where one applies. */
  snippet?: string;
  /**
   * The meshes this result concerns, when narrower than the check's
   * `meshes` (a reserved port may collide with Linkerd's ports only).
   */
  meshes?: MeshId[];
}

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
