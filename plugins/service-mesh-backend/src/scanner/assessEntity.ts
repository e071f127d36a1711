import { Entity } from '@backstage/catalog-model';
import {
  AssessmentClusterSource,
  assessService,
  EntityAssessmentResponse,
  EntityMeshRecommendation,
  isMeshId,
  ReadinessTargetMesh,
  readEntityWorkloadSelector,
  selectWorkloads,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { toAssessedEntity } from './catalogEntities';
import { ClusterState } from './ClusterStateCache';
import { mergeAssessments } from './mergeAssessments';

export interface AssessEntityContext {
  clusters: ClusterState[];
  recommendation: EntityMeshRecommendation[];
  targetMesh?: ReadinessTargetMesh;
  now: Date;
}

/**
 * Assesses one entity against the cluster indexes already in memory: it
 * never reads a cluster itself. Returns undefined when none of the entity's
 * clusters has ever been read, so the caller keeps the stored assessment
 * instead of replacing it with an empty one.
 */
export function assessEntity(
  entity: Entity,
  context: AssessEntityContext,
): EntityAssessmentResponse | undefined {
  const selector = readEntityWorkloadSelector(entity);
  const base = {
    entity: toAssessedEntity(entity),
    recommendation: context.recommendation,
    assessedAt: context.now.toISOString(),
    ...(context.targetMesh ? { targetMesh: context.targetMesh } : {}),
  };
  if (!selector.configured) {
    return {
      ...base,
      configured: false,
      notConfiguredHint: selector.hint,
      stage: 'not-assessed',
      stageReason:
        'The entity has no backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation',
      mesh: null,
      score: null,
      blockingCount: 0,
      assessment: null,
      clusters: [],
    };
  }

  const selectorInfo = {
    labelSelector: selector.labelSelector,
    ...(selector.namespace ? { namespace: selector.namespace } : {}),
    ...(selector.cluster ? { cluster: selector.cluster } : {}),
  };
  const relevant = selector.cluster
    ? context.clusters.filter(c => c.source.name === selector.cluster)
    : context.clusters;
  const unassessable = (reason: string): EntityAssessmentResponse => ({
    ...base,
    configured: true,
    selector: selectorInfo,
    stage: 'not-assessed',
    stageReason: reason,
    mesh: null,
    score: null,
    blockingCount: 0,
    assessment: null,
    clusters: relevant.map(freshnessOf),
  });
  if (relevant.length === 0) {
    return unassessable(
      selector.cluster
        ? `Cluster ${selector.cluster} (backstage.io/kubernetes-cluster) is not configured for Meshwise`
        : 'No cluster is configured for Meshwise',
    );
  }
  const withData = relevant.filter(c => c.index);
  if (withData.length === 0) return undefined;

  let perCluster: { cluster: string; assessment: ServiceAssessment }[];
  try {
    perCluster = withData
      .map(state => ({
        state,
        workloads: selectWorkloads(state.index!, {
          labelSelector: selector.labelSelector,
          namespace: selector.namespace,
        }),
      }))
      .filter(({ workloads }) => workloads.length > 0)
      .map(({ state, workloads }) => ({
        cluster: state.source.name,
        assessment: assessService(workloads, state.index!, {
          targetMesh: context.targetMesh,
        }),
      }));
  } catch (error) {
    return unassessable(
      `The label selector "${selector.labelSelector}" is not valid: ${
        (error as Error).message
      }`,
    );
  }

  const assessment =
    perCluster.length > 0
      ? mergeAssessments(perCluster, context.targetMesh)
      : assessService([], withData[0].index!, {
          targetMesh: context.targetMesh,
        });
  const summary = summarize(assessment, context.targetMesh);
  return {
    ...base,
    configured: true,
    selector: selectorInfo,
    stage: assessment.stage,
    stageReason:
      perCluster.length > 0
        ? assessment.stageReason
        : `No workload matches ${selector.labelSelector}${
            selector.namespace ? ` in namespace ${selector.namespace}` : ''
          } in ${withData.map(c => c.source.name).join(', ')}`,
    ...summary,
    assessment,
    clusters: relevant.map(freshnessOf),
  };
}

/**
 * The mesh it runs on, and its readiness: for that mesh, else for the
 * organisation's target mesh, else for the best target.
 */
function summarize(
  assessment: ServiceAssessment,
  targetMesh?: ReadinessTargetMesh,
) {
  const mesh = assessment.meshes.find(isMeshId) ?? null;
  const current =
    assessment.scores.find(s => s.mesh === mesh) ??
    assessment.scores.find(s => s.mesh === targetMesh);
  const best = [...assessment.scores].sort(
    (a, b) => b.score - a.score || a.blocking - b.blocking,
  )[0];
  const chosen =
    assessment.coverage.totalWorkloads > 0 ? current ?? best : undefined;
  return {
    mesh,
    score: chosen?.score ?? null,
    blockingCount: chosen?.blocking ?? 0,
  };
}

function freshnessOf(state: ClusterState): AssessmentClusterSource {
  return {
    cluster: state.source.name,
    readAt: state.readAt?.toISOString() ?? null,
    stale: Boolean(state.failure),
    ...(state.failure ? { staleReason: state.failure.problem.message } : {}),
  };
}
