import {
  MeshDetection,
  MeshId,
  MtlsMode,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { CheckResult } from '../checks/types';
import { formatRef } from '../model/kubeObject';
import { ENGINE_VERSION } from '../version';
import { Workload, workloadRef } from '../workloads/workload';
import { AssessedWorkload } from './assessWorkload';
import { MeshScoreTally, resultsByCheck } from './scoring';
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

interface FindingEntry {
  finding: AssessmentFinding;
  workloads: Set<string>;
  /** Whether a meshable workload has it: only then does it count. */
  counted: boolean;
}

/**
 * `summarizeService` a workload at a time: `add` folds one assessed
 * workload into running totals (its findings deduplicated, its scores
 * tallied) in time proportional to its own results, and `result` finishes
 * with what needs every workload (the stage, coverage, mTLS) in one cheap
 * pass. A caller can so summarise a service of thousands of workloads in
 * slices; the result is the same as from `summarizeService`.
 */
export class ServiceSummary {
  readonly #options: AssessServiceOptions;
  readonly #workloads: WorkloadAssessment[] = [];
  readonly #detections: MeshDetection[] = [];
  /** One finding per check, object, field and message, in order of first sight. */
  readonly #findings = new Map<string, FindingEntry>();
  /** Every check that ran, in order of first sight. */
  readonly #checks = new Set<string>();
  readonly #tallies = READINESS_TARGET_MESHES.map(
    mesh => new MeshScoreTally(mesh),
  );

  constructor(options: AssessServiceOptions = {}) {
    this.#options = options;
  }

  add({ workload, detection, results }: AssessedWorkload): void {
    this.#workloads.push(summarise(workload, detection, results));
    this.#detections.push(detection);
    for (const result of results) this.#checks.add(result.checkId);
    if (detection.meshable) {
      const byCheck = resultsByCheck(results);
      for (const tally of this.#tallies) tally.addMeshableWorkload(byCheck);
    }
    for (const result of results) {
      if (result.status === 'pass') continue;
      const entry = this.#findingOf(result, workload.id);
      // A finding counts for the scores and the stage once a meshable
      // workload has it, whichever workload produced it first.
      if (detection.meshable && !entry.counted) {
        entry.counted = true;
        for (const tally of this.#tallies) tally.addFinding(entry.finding);
      }
    }
  }

  result(): ServiceAssessment {
    const detections = this.#detections;
    const entries = [...this.#findings.values()];
    const findings = entries.map(entry => entry.finding);
    const scores = this.#tallies.map(tally => tally.score());
    const { stage, reason } = adoptionStage(
      detections,
      scores,
      this.#options.targetMesh,
      entries.filter(entry => entry.counted).map(entry => entry.finding),
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
      workloads: [...this.#workloads],
      findings,
      passedChecks: [...this.#checks].filter(id => !notClean.has(id)),
      scores,
    };
  }

  /** The finding `result` belongs to, now remembering `workloadId` too. */
  #findingOf(result: CheckResult, workloadId: string): FindingEntry {
    const key = [
      result.checkId,
      formatRef(result.object),
      result.field ?? '',
      result.message,
    ].join('\u0000');
    const entry = this.#findings.get(key);
    if (!entry) {
      const created = {
        finding: { ...result, workloads: [workloadId] },
        workloads: new Set([workloadId]),
        counted: false,
      };
      this.#findings.set(key, created);
      return created;
    }
    if (!entry.workloads.has(workloadId)) {
      entry.workloads.add(workloadId);
      entry.finding.workloads.push(workloadId);
    }
    return entry;
  }
}

/**
 * The service-level part of `assessService`, from its workloads assessed
 * one by one (`assessWorkload`): totals, deduplicated findings, per-mesh
 * scores and the stage.
 */
export function summarizeService(
  assessed: readonly AssessedWorkload[],
  options: AssessServiceOptions = {},
): ServiceAssessment {
  const summary = new ServiceSummary(options);
  for (const entry of assessed) summary.add(entry);
  return summary.result();
}

function summarise(
  workload: Workload,
  detection: MeshDetection,
  results: CheckResult[],
): WorkloadAssessment {
  const idsWith = (status: CheckResult['status']) =>
    new Set(
      results
        .filter(result => result.status === status)
        .map(result => result.checkId),
    );
  const failed = idsWith('fail');
  const notEvaluated = [...idsWith('not-evaluated')].filter(
    id => !failed.has(id),
  );
  const notEvaluatedIds = new Set(notEvaluated);
  return {
    id: workload.id,
    workload: workloadRef(workload),
    detection,
    failedChecks: [...failed],
    notEvaluatedChecks: notEvaluated,
    passedChecks: [...idsWith('pass')].filter(
      id => !failed.has(id) && !notEvaluatedIds.has(id),
    ),
  };
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
