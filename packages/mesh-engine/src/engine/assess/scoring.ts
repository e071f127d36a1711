import { findReadinessCheck, READINESS_CHECKS } from '../checks/registry';
import { resultAppliesTo, resultSeverityFor } from '../checks/runChecks';
import {
  CheckResult,
  CheckSeverity,
  ReadinessCheck,
  severityOf,
} from '../checks/types';
import { MeshReadinessScore, ReadinessTargetMesh } from './types';

const WEIGHT: Record<CheckSeverity, number> = { error: 5, warning: 2, info: 1 };

/**
 * Readiness of a service for one target mesh, tallied a workload and a
 * finding at a time, so a large service can be scored in slices.
 *
 * - Only `readiness` checks that apply to the mesh count; `adoption` checks
 *   (enrolment, proxies, mTLS, end-of-life) feed the stage instead.
 * - Workloads that cannot be meshed (hostNetwork) are left out.
 * - Each (workload, check) pair weighs by severity (error 5, warning 2,
 *   info 1): it fails when any of its results fails for this mesh, is skipped
 *   when a result is not-evaluated, and passes otherwise. The score is the
 *   passing share of the evaluated weight, 0..100.
 * - `blocking`/`warnings` count deduplicated failing findings of that
 *   severity for the mesh that concern a meshable workload; `ready` means
 *   no blocking finding.
 */
export class MeshScoreTally {
  readonly #mesh: ReadinessTargetMesh;
  readonly #checks: readonly ReadinessCheck[];
  #meshable = 0;
  #passedWeight = 0;
  #evaluatedWeight = 0;
  #blocking = 0;
  #warnings = 0;
  #notEvaluated = 0;

  constructor(mesh: ReadinessTargetMesh) {
    this.#mesh = mesh;
    this.#checks = READINESS_CHECKS.filter(
      check => check.category === 'readiness' && check.meshes.includes(mesh),
    );
  }

  /** A meshable workload's results, grouped by check id (`resultsByCheck`). */
  addMeshableWorkload(byCheck: ReadonlyMap<string, CheckResult[]>): void {
    const mesh = this.#mesh;
    this.#meshable++;
    for (const check of this.#checks) {
      const relevant = (byCheck.get(check.id) ?? []).filter(result =>
        resultAppliesTo(check, result, mesh),
      );
      const failures = relevant.filter(result => result.status === 'fail');
      if (failures.length > 0) {
        this.#evaluatedWeight += Math.max(
          ...failures.map(
            result => WEIGHT[resultSeverityFor(check, result, mesh)],
          ),
        );
      } else if (!relevant.some(result => result.status === 'not-evaluated')) {
        const weight = WEIGHT[severityOf(check, mesh)];
        this.#passedWeight += weight;
        this.#evaluatedWeight += weight;
      }
    }
  }

  /** A deduplicated finding, once, when a meshable workload first has it. */
  addFinding(finding: CheckResult): void {
    const check = findReadinessCheck(finding.checkId);
    if (
      !check ||
      check.category !== 'readiness' ||
      !resultAppliesTo(check, finding, this.#mesh)
    )
      return;
    if (finding.status === 'not-evaluated') this.#notEvaluated++;
    if (finding.status !== 'fail') return;
    const severity = resultSeverityFor(check, finding, this.#mesh);
    if (severity === 'error') this.#blocking++;
    if (severity === 'warning') this.#warnings++;
  }

  score(): MeshReadinessScore {
    return {
      mesh: this.#mesh,
      score:
        this.#evaluatedWeight === 0
          ? 0
          : Math.round((100 * this.#passedWeight) / this.#evaluatedWeight),
      ready: this.#meshable > 0 && this.#blocking === 0,
      blocking: this.#blocking,
      warnings: this.#warnings,
      notEvaluated: this.#notEvaluated,
    };
  }
}

/** Results grouped by check id, once per workload for every mesh. */
export function resultsByCheck(
  results: readonly CheckResult[],
): Map<string, CheckResult[]> {
  const grouped = new Map<string, CheckResult[]>();
  for (const result of results) {
    const list = grouped.get(result.checkId);
    if (list) list.push(result);
    else grouped.set(result.checkId, [result]);
  }
  return grouped;
}
