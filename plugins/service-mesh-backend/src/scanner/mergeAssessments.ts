import {
  MeshReadinessScore,
  MtlsMode,
  ReadinessTargetMesh,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { adoptionStage } from '@meshwise/mesh-engine';

const MTLS_STRENGTH: Record<MtlsMode, number> = {
  off: 0,
  permissive: 1,
  unknown: 2,
  strict: 3,
};

/**
 * One assessment for a service whose workloads run in several clusters: the
 * engine assesses each cluster on its own index, this combines the results.
 * Workload ids are prefixed with the cluster, counts add up, mTLS is the
 * weakest, a mesh's score is the lowest (the service is as ready as its least
 * ready cluster) and the stage is derived again from every detection.
 */
export function mergeAssessments(
  perCluster: { cluster: string; assessment: ServiceAssessment }[],
  targetMesh?: ReadinessTargetMesh,
): ServiceAssessment {
  if (perCluster.length === 1) return perCluster[0].assessment;

  const prefix = (cluster: string, id: string) => `${cluster}:${id}`;
  const all = perCluster.map(p => p.assessment);
  const workloads = perCluster.flatMap(({ cluster, assessment }) =>
    assessment.workloads.map(w => ({ ...w, id: prefix(cluster, w.id) })),
  );
  const findings = perCluster.flatMap(({ cluster, assessment }) =>
    assessment.findings.map(f => ({
      ...f,
      workloads: f.workloads.map(id => prefix(cluster, id)),
    })),
  );
  const scores: MeshReadinessScore[] = all[0].scores.map(first => {
    const same = all.map(a => a.scores.find(s => s.mesh === first.mesh)!);
    return {
      mesh: first.mesh,
      score: Math.min(...same.map(s => s.score)),
      ready: same.every(s => s.ready),
      blocking: sum(same.map(s => s.blocking)),
      warnings: sum(same.map(s => s.warnings)),
      notEvaluated: sum(same.map(s => s.notEvaluated)),
    };
  });
  const { stage, reason } = adoptionStage(
    workloads.map(w => w.detection),
    scores,
    targetMesh,
    findings,
  );
  const passed = all
    .map(a => new Set(a.passedChecks))
    .reduce((acc, set) => new Set([...acc].filter(id => set.has(id))));
  const weakest = all
    .map(a => a.mtls.mode)
    .reduce((a, b) => (MTLS_STRENGTH[a] <= MTLS_STRENGTH[b] ? a : b));

  return {
    engineVersion: all[0].engineVersion,
    stage,
    stageReason: reason,
    meshes: [...new Set(all.flatMap(a => a.meshes))],
    coverage: {
      totalWorkloads: sum(all.map(a => a.coverage.totalWorkloads)),
      meshableWorkloads: sum(all.map(a => a.coverage.meshableWorkloads)),
      meshedWorkloads: sum(all.map(a => a.coverage.meshedWorkloads)),
      enrolledWorkloads: sum(all.map(a => a.coverage.enrolledWorkloads)),
      meshedPods: sum(all.map(a => a.coverage.meshedPods)),
      totalPods: sum(all.map(a => a.coverage.totalPods)),
    },
    mtls: {
      mode: weakest,
      strictWorkloads: sum(all.map(a => a.mtls.strictWorkloads)),
    },
    staleProxies: sum(all.map(a => a.staleProxies)),
    workloads,
    findings,
    passedChecks: [...passed],
    scores,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
