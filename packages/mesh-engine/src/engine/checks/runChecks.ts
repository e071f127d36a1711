import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../cluster/clusterIndex';
import { controlPlaneFacts } from '../cluster/controlPlane';
import { MeshDetection } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  describeKinds,
  grantListRemediation,
  unreadableAmong,
} from '../detect/unreadableKinds';
import { findMeshResources } from '../workloads/meshResources';
import { Workload, workloadRef } from '../workloads/workload';
import { meshesOf } from './enrolment';
import { READINESS_CHECKS } from './registry';
import {
  CheckContext,
  CheckResult,
  CheckSeverity,
  ReadinessCheck,
  severityOf,
} from './types';

const RANK: Record<CheckSeverity, number> = { info: 0, warning: 1, error: 2 };

export function maxSeverity(severities: CheckSeverity[]): CheckSeverity {
  return severities.reduce<CheckSeverity>(
    (highest, severity) =>
      RANK[severity] > RANK[highest] ? severity : highest,
    'info',
  );
}

export function minSeverity(a: CheckSeverity, b: CheckSeverity): CheckSeverity {
  return RANK[a] <= RANK[b] ? a : b;
}

/**
 * Runs every check on one workload. A check that reads a kind that could not
 * be listed is not run: an empty list would make it pass or fail on a guess,
 * so it gives one `not-evaluated` result naming the kinds. A check that
 * throws (a bug, or input shaped in a way nobody foresaw) becomes a
 * `not-evaluated` result instead of failing the whole assessment.
 */
export function runReadinessChecks(
  workload: Workload,
  detection: MeshDetection,
  index: ClusterIndex,
  checks: readonly ReadinessCheck[] = READINESS_CHECKS,
): CheckResult[] {
  const context: CheckContext = {
    workload,
    detection,
    index,
    resources: findMeshResources(workload, index),
    controlPlane: controlPlaneFacts(index),
  };
  return checks.flatMap(check => {
    const unreadable = unreadableKindsFor(check, context);
    if (unreadable.length > 0) {
      return [
        {
          checkId: check.id,
          status: 'not-evaluated' as const,
          severity: check.severity,
          object: workloadRef(workload),
          message: `not evaluated: ${describeKinds(
            unreadable,
          )} could not be listed, and this check reads ${
            unreadable.length > 1 ? 'them' : 'it'
          }`,
          remediation: grantListRemediation(unreadable),
          unreadableKinds: unreadable,
        },
      ];
    }
    try {
      return check.run(context).map(finding => ({
        checkId: check.id,
        ...finding,
        severity: finding.severity ?? headlineSeverity(check, finding.meshes),
      }));
    } catch (error) {
      return [
        {
          checkId: check.id,
          status: 'not-evaluated' as const,
          severity: check.severity,
          object: workloadRef(workload),
          message: `The check could not run: ${String(error)}`,
          remediation:
            'Report this as a Meshwise bug, with the manifest if possible.',
        },
      ];
    }
  });
}

/**
 * The kinds a check reads for this workload that could not be listed: its
 * `readsKinds`, plus its `readsKindsIn` of the meshes the workload is in or
 * enrolled in. A mesh's own kinds do not count for workloads outside it.
 */
export function unreadableKindsFor(
  check: ReadinessCheck,
  context: CheckContext,
): string[] {
  if (context.index.unreadableKinds.length === 0) return [];
  const inMeshes = check.readsKindsIn
    ? meshesOf(context).flatMap(mesh => check.readsKindsIn?.[mesh] ?? [])
    : [];
  return unreadableAmong(context.index, [...check.readsKinds, ...inMeshes]);
}

function headlineSeverity(
  check: ReadinessCheck,
  meshes: MeshId[] | undefined,
): CheckSeverity {
  return maxSeverity(
    (meshes ?? check.meshes).map(mesh => severityOf(check, mesh)),
  );
}

/**
 * The severity of a result for one target mesh: the lower of the result's
 * own severity and the check's severity for that mesh, so a result that a
 * check marks milder (IST0172 is a warning) stays milder, and a headline
 * error of a multi-mesh check counts only where the check says it is one.
 */
export function resultSeverityFor(
  check: ReadinessCheck,
  result: CheckResult,
  mesh: MeshId,
): CheckSeverity {
  return minSeverity(result.severity, severityOf(check, mesh));
}

/** Whether a result concerns a target mesh. */
export function resultAppliesTo(
  check: ReadinessCheck,
  result: CheckResult,
  mesh: MeshId,
): boolean {
  return (result.meshes ?? check.meshes).includes(mesh);
}
