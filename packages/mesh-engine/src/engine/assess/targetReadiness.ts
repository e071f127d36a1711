import type {
  CheckSummary,
  TargetFindingRef,
  TargetMeshReadiness,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { findReadinessCheck } from '../checks/registry';
import { resultAppliesTo, resultSeverityFor } from '../checks/runChecks';
import { runSteps, Steps } from '../cluster/steps';
import { MeshReadinessScore, ServiceAssessment } from './types';

/**
 * Readiness per target mesh, for clients that only render: for each stored
 * score, which findings count for that mesh and at which severity, and which
 * readiness checks pass. Same rules as the score (`scoring.ts`): findings
 * that do not concern the mesh drop out, each keeps the severity its check
 * gives it there; a check this engine does not know counts as readiness.
 */
export function targetReadiness(
  assessment: ServiceAssessment,
): TargetMeshReadiness[] {
  return runSteps(targetReadinessInSteps(assessment));
}

/**
 * `targetReadiness` in steps (see `Steps`): one per target mesh, each a
 * pass over the findings, which a service of hundreds of workloads has
 * thousands of.
 */
export function* targetReadinessInSteps(
  assessment: ServiceAssessment,
): Steps<TargetMeshReadiness[]> {
  const ran = new Set([
    ...assessment.passedChecks,
    ...assessment.findings.map(finding => finding.checkId),
  ]);
  const readiness: TargetMeshReadiness[] = [];
  for (const score of assessment.scores) {
    yield;
    readiness.push(readinessFor(score, assessment, ran));
  }
  return readiness;
}

function readinessFor(
  score: MeshReadinessScore,
  assessment: ServiceAssessment,
  ran: ReadonlySet<string>,
): TargetMeshReadiness {
  const findings: TargetFindingRef[] = [];
  const notClean = new Set<string>();
  assessment.findings.forEach((finding, index) => {
    const check = findReadinessCheck(finding.checkId);
    if (check && check.category !== 'readiness') return;
    if (check && !resultAppliesTo(check, finding, score.mesh)) return;
    notClean.add(finding.checkId);
    if (finding.status === 'pass') return;
    findings.push({
      index,
      severity: check
        ? resultSeverityFor(check, finding, score.mesh)
        : finding.severity,
    });
  });
  const passedChecks = [...ran].filter(id => {
    const check = findReadinessCheck(id);
    return (
      !!check &&
      check.category === 'readiness' &&
      check.meshes.includes(score.mesh) &&
      !notClean.has(id)
    );
  });
  return { ...score, findings, passedChecks };
}

/** The catalogue entries (without `run`) of the checks an assessment names. */
export function checkSummaries(
  assessment: ServiceAssessment,
): Record<string, CheckSummary> {
  const ids = new Set([
    ...assessment.findings.map(finding => finding.checkId),
    ...assessment.passedChecks,
  ]);
  const summaries: Record<string, CheckSummary> = {};
  for (const id of ids) {
    const check = findReadinessCheck(id);
    if (check) {
      summaries[id] = {
        id,
        title: check.title,
        why: check.why,
        category: check.category,
      };
    }
  }
  return summaries;
}
