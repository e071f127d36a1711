import type { MeshId } from '../vocabulary/meshes';
import type { KubeObjectRef } from '../vocabulary/kubeObjectRef';

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
  /**
   * Set on a `not-evaluated` result when kinds the check reads could not be
   * listed (a 403 on an optional kind): its answer is unknown, not "none",
   * so the stage does not move on it.
   */
  unreadableKinds?: string[];
}
