import { findReadinessCheck } from '../checks/registry';
import { resultAppliesTo, resultSeverityFor } from '../checks/runChecks';
import {
  CheckResult,
  CheckSeverity,
  ReadinessCheck,
  severityOf,
} from '../checks/types';
import { READINESS_CHECKS } from '../checks/registry';
import {
  AssessmentFinding,
  MeshReadinessScore,
  ReadinessTargetMesh,
} from './types';

const WEIGHT: Record<CheckSeverity, number> = { error: 5, warning: 2, info: 1 };

export interface ScoredWorkload {
  id: string;
  meshable: boolean;
  results: CheckResult[];
}

/**
 * Readiness of a service for one target mesh.
 *
 * - Only `readiness` checks that apply to the mesh count; `adoption` checks
 *   (enrolment, proxies, mTLS, end-of-life) feed the stage instead.
 * - Workloads that cannot be meshed (hostNetwork) are left out.
 * - Each (workload, check) pair weighs by severity (error 5, warning 2,
 *   info 1): it fails when any of its results fails for this mesh, is skipped
 *   when a result is not-evaluated, and passes otherwise. The score is the
 *   passing share of the evaluated weight, 0..100.
 * - `blocking`/`warnings` count deduplicated failing findings of that
 *   severity for the mesh; `ready` means no blocking finding.
 */
export function scoreForMesh(
  mesh: ReadinessTargetMesh,
  workloads: readonly ScoredWorkload[],
  findings: readonly AssessmentFinding[],
): MeshReadinessScore {
  const meshable = workloads.filter(workload => workload.meshable);
  const checks = READINESS_CHECKS.filter(
    check => check.category === 'readiness' && check.meshes.includes(mesh),
  );
  let passedWeight = 0;
  let evaluatedWeight = 0;
  for (const workload of meshable) {
    const byCheck = resultsByCheck(workload);
    for (const check of checks) {
      const relevant = (byCheck.get(check.id) ?? []).filter(result =>
        resultAppliesTo(check, result, mesh),
      );
      const failures = relevant.filter(result => result.status === 'fail');
      if (failures.length > 0) {
        evaluatedWeight += Math.max(
          ...failures.map(
            result => WEIGHT[resultSeverityFor(check, result, mesh)],
          ),
        );
      } else if (!relevant.some(result => result.status === 'not-evaluated')) {
        const weight = WEIGHT[severityOf(check, mesh)];
        passedWeight += weight;
        evaluatedWeight += weight;
      }
    }
  }
  const counted =
    meshable.length > 0
      ? findings.filter(finding =>
          meshable.some(workload => finding.workloads.includes(workload.id)),
        )
      : [];
  const severities = readinessFindingsFor(mesh, counted);
  const blocking = severities.filter(
    entry => entry.status === 'fail' && entry.severity === 'error',
  ).length;
  return {
    mesh,
    score:
      evaluatedWeight === 0
        ? 0
        : Math.round((100 * passedWeight) / evaluatedWeight),
    ready: meshable.length > 0 && blocking === 0,
    blocking,
    warnings: severities.filter(
      entry => entry.status === 'fail' && entry.severity === 'warning',
    ).length,
    notEvaluated: severities.filter(entry => entry.status === 'not-evaluated')
      .length,
  };
}

const groupedResults = new WeakMap<
  ScoredWorkload,
  Map<string, CheckResult[]>
>();

/** Results grouped by check id, computed once per workload for all meshes. */
function resultsByCheck(workload: ScoredWorkload): Map<string, CheckResult[]> {
  let grouped = groupedResults.get(workload);
  if (!grouped) {
    grouped = new Map();
    for (const result of workload.results) {
      const list = grouped.get(result.checkId);
      if (list) list.push(result);
      else grouped.set(result.checkId, [result]);
    }
    groupedResults.set(workload, grouped);
  }
  return grouped;
}

function readinessFindingsFor(
  mesh: ReadinessTargetMesh,
  findings: readonly AssessmentFinding[],
): Array<{ status: CheckResult['status']; severity: CheckSeverity }> {
  return findings.flatMap(finding => {
    const check: ReadinessCheck | undefined = findReadinessCheck(
      finding.checkId,
    );
    if (
      !check ||
      check.category !== 'readiness' ||
      !resultAppliesTo(check, finding, mesh)
    )
      return [];
    return [
      {
        status: finding.status,
        severity: resultSeverityFor(check, finding, mesh),
      },
    ];
  });
}
