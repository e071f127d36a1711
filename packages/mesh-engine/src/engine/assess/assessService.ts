import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../cluster/clusterIndex';
import { runReadinessChecks } from '../checks/runChecks';
import { CheckResult } from '../checks/types';
import { detectMesh } from '../detect/detectMesh';
import {
  MeshDetection,
  MtlsMode,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { formatRef } from '../model/kubeObject';
import { ENGINE_VERSION } from '../version';
import { Workload, workloadRef } from '../workloads/workload';
import { scoreForMesh, ScoredWorkload } from './scoring';
import { adoptionStage } from './stage';
import {
  AssessmentFinding,
  AssessServiceOptions,
  READINESS_TARGET_MESHES,
  ServiceAssessment,
  WorkloadAssessment,
} from './types';

/** Weakest first: the service's mode is the weakest of its workloads. */
const MTLS_ORDER: MtlsMode[] = ['off', 'permissive', 'unknown', 'strict'];

/**
 * Assesses the workloads of one service (typically a Backstage entity's
 * workloads from `selectWorkloads`): detection and checks per workload,
 * then totals, deduplicated findings, per-mesh scores and the stage.
 */
export function assessService(
  workloads: readonly Workload[],
  index: ClusterIndex,
  options: AssessServiceOptions = {},
): ServiceAssessment {
  const assessed = workloads.map(workload => {
    const detection = detectMesh(workload, index);
    const results = runReadinessChecks(workload, detection, index);
    return { workload, detection, results };
  });

  const findings = deduplicate(
    assessed.flatMap(({ workload, results }) =>
      results
        .filter(result => result.status !== 'pass')
        .map(result => ({ result, workloadId: workload.id })),
    ),
  );
  const scored: ScoredWorkload[] = assessed.map(
    ({ workload, detection, results }) => ({
      id: workload.id,
      meshable: detection.meshable,
      results,
    }),
  );
  const scores = READINESS_TARGET_MESHES.map(mesh =>
    scoreForMesh(mesh, scored, findings),
  );
  const detections = assessed.map(entry => entry.detection);
  const meshable = new Set(
    scored.filter(workload => workload.meshable).map(workload => workload.id),
  );
  const { stage, reason } = adoptionStage(
    detections,
    scores,
    options.targetMesh,
    findings.filter(finding => finding.workloads.some(id => meshable.has(id))),
  );

  const allChecks = new Set(
    assessed.flatMap(entry => entry.results.map(result => result.checkId)),
  );
  const notClean = new Set(findings.map(finding => finding.checkId));

  return {
    engineVersion: ENGINE_VERSION,
    stage,
    stageReason: reason,
    meshes: meshesOf(detections),
    coverage: coverageOf(detections),
    mtls: mtlsOf(detections),
    staleProxies: detections.filter(
      detection => detection.proxy?.stale === true,
    ).length,
    workloads: assessed.map(({ workload, detection, results }) =>
      summarise(workload, detection, results),
    ),
    findings,
    passedChecks: [...allChecks].filter(id => !notClean.has(id)),
    scores,
  };
}

function summarise(
  workload: Workload,
  detection: MeshDetection,
  results: CheckResult[],
): WorkloadAssessment {
  const idsWith = (status: CheckResult['status']) => [
    ...new Set(
      results
        .filter(result => result.status === status)
        .map(result => result.checkId),
    ),
  ];
  const failed = idsWith('fail');
  const notEvaluated = idsWith('not-evaluated').filter(
    id => !failed.includes(id),
  );
  return {
    id: workload.id,
    workload: workloadRef(workload),
    detection,
    failedChecks: failed,
    notEvaluatedChecks: notEvaluated,
    passedChecks: idsWith('pass').filter(
      id => !failed.includes(id) && !notEvaluated.includes(id),
    ),
  };
}

/** One finding per check, object, field and message, remembering every workload that produced it. */
function deduplicate(
  entries: Array<{ result: CheckResult; workloadId: string }>,
): AssessmentFinding[] {
  const byKey = new Map<string, AssessmentFinding>();
  for (const { result, workloadId } of entries) {
    const key = [
      result.checkId,
      formatRef(result.object),
      result.field ?? '',
      result.message,
    ].join('\u0000');
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.workloads.includes(workloadId))
        existing.workloads.push(workloadId);
    } else {
      byKey.set(key, { ...result, workloads: [workloadId] });
    }
  }
  return [...byKey.values()];
}

function meshesOf(detections: MeshDetection[]): MeshId[] {
  const meshes = new Set<MeshId>();
  for (const detection of detections) {
    if (detection.mesh !== 'none' && detection.state !== 'opted-out')
      meshes.add(detection.mesh);
    detection.otherMeshes.forEach(mesh => meshes.add(mesh));
  }
  return [...meshes];
}

function coverageOf(
  detections: MeshDetection[],
): ServiceAssessment['coverage'] {
  const meshable = detections.filter(detection => detection.meshable);
  return {
    totalWorkloads: detections.length,
    meshableWorkloads: meshable.length,
    meshedWorkloads: meshable.filter(detection => detection.state === 'meshed')
      .length,
    enrolledWorkloads: meshable.filter(
      detection => detection.state === 'enrolled',
    ).length,
    meshedPods: meshable.reduce(
      (sum, detection) => sum + (detection.coverage?.meshedPods ?? 0),
      0,
    ),
    totalPods: meshable.reduce(
      (sum, detection) => sum + (detection.coverage?.totalPods ?? 0),
      0,
    ),
  };
}

function mtlsOf(detections: MeshDetection[]): ServiceAssessment['mtls'] {
  const inMesh = detections.filter(
    detection => detection.mesh !== 'none' && detection.state !== 'opted-out',
  );
  if (inMesh.length === 0) return { mode: 'off', strictWorkloads: 0 };
  const weakest = inMesh
    .map(detection => detection.mtls.mode)
    .sort((a, b) => MTLS_ORDER.indexOf(a) - MTLS_ORDER.indexOf(b))[0];
  return {
    mode: weakest,
    strictWorkloads: inMesh.filter(
      detection => detection.mtls.mode === 'strict',
    ).length,
  };
}
