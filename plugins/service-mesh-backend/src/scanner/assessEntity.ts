import { Entity } from '@backstage/catalog-model';
import {
  AssessmentClusterSource,
  EntityAssessmentResponse,
  EntityMeshRecommendation,
  isMeshId,
  ReadinessTargetMesh,
  readEntityWorkloadSelector,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  assessWorkload,
  checkSummaries,
  prepareWorkloadSelectionInSteps,
  runSteps,
  selectWorkloads,
  ServiceSummary,
  Steps,
  summarizeService,
  targetReadinessInSteps,
  unreadableKindsOf,
} from '@meshwise/mesh-engine';
import { toAssessedEntity } from './catalogEntities';
import { ClusterState } from './ClusterStateCache';
import { mergeAssessments } from './mergeAssessments';
import { Pause, runInSlices } from './yieldToEventLoop';

export interface AssessEntityContext {
  clusters: ClusterState[];
  recommendation: EntityMeshRecommendation[];
  targetMesh?: ReadinessTargetMesh;
  now: Date;
  /**
   * The stored parts of an entity's assessment, by cluster, for the clusters
   * this process has no data of (after a restart, while they fail to read).
   */
  storedResults?: (
    entityRef: string,
  ) => ReadonlyMap<string, ServiceAssessment> | undefined;
  /**
   * Clusters without data in memory that were read well before (by any
   * replica), split by whether their stored results are complete: for those
   * in `resultsKnown` a missing result means no workload there; for the
   * others nothing is known, and the entity keeps its stored assessment.
   */
  everRead?: ReadonlySet<string>;
  resultsKnown?: ReadonlySet<string>;
}

/** One cluster's part of an entity's assessment. */
export interface ClusterPart {
  cluster: string;
  assessment: ServiceAssessment;
}

export interface EntityAssessment {
  response: EntityAssessmentResponse;
  /** The parts computed from the clusters in memory, for the store. */
  computed: ClusterPart[];
}

/**
 * Assesses one entity against the cluster indexes already in memory: it
 * never reads a cluster itself. Returns undefined when the entity's
 * clusters say too little (none in memory, or one that was read before and
 * whose results are unknown), so the caller keeps the stored assessment
 * instead of replacing it with a poorer one.
 */
export function assessEntity(
  entity: Entity,
  context: AssessEntityContext,
): EntityAssessmentResponse | undefined {
  return assessEntityParts(entity, context)?.response;
}

/** `assessEntity`, with each cluster's part of the result. */
export function assessEntityParts(
  entity: Entity,
  context: AssessEntityContext,
): EntityAssessment | undefined {
  return runSteps(assessmentSteps(entity, context));
}

/**
 * `assessEntityParts` for the scanner: it pauses after each workload and
 * each cluster's part, so an entity of many workloads, or whose workloads
 * span clusters, does not hold the event loop for all of them at once.
 */
export async function assessEntityPartsInSlices(
  entity: Entity,
  context: AssessEntityContext,
  pause: Pause,
): Promise<EntityAssessment | undefined> {
  return runInSlices(assessmentSteps(entity, context), pause);
}

/**
 * The assessment of one entity, suspended (`yield`) after each workload's
 * assessment and each cluster's part: the one definition both callers
 * above drive.
 */
function* assessmentSteps(
  entity: Entity,
  context: AssessEntityContext,
): Steps<EntityAssessment | undefined> {
  const selector = readEntityWorkloadSelector(entity);
  const base = {
    entity: toAssessedEntity(entity),
    recommendation: context.recommendation,
    assessedAt: context.now.toISOString(),
    ...(context.targetMesh ? { targetMesh: context.targetMesh } : {}),
  };
  if (!selector.configured) {
    const response: EntityAssessmentResponse = {
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
    return { response, computed: [] };
  }

  const selectorInfo = {
    labelSelector: selector.labelSelector,
    ...(selector.namespace ? { namespace: selector.namespace } : {}),
    ...(selector.cluster ? { cluster: selector.cluster } : {}),
  };
  const relevant = selector.cluster
    ? context.clusters.filter(c => c.source.name === selector.cluster)
    : context.clusters;
  const unassessable = (reason: string): EntityAssessment => ({
    response: {
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
    },
    computed: [],
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

  // Clusters without data in memory contribute what they last said.
  const stored = context.storedResults?.(base.entity.entityRef);
  const kept: ClusterPart[] = [];
  for (const state of relevant.filter(c => !c.index)) {
    const cluster = state.source.name;
    const part = stored?.get(cluster);
    if (part) kept.push({ cluster, assessment: part });
    else if (
      context.everRead?.has(cluster) &&
      !context.resultsKnown?.has(cluster)
    )
      return undefined;
  }

  let computed: ClusterPart[] = [];
  for (const state of withData) {
    const index = state.index!;
    try {
      // Built when the cluster was read; again after a scan dropped them
      // (a cluster that failed since keeps its objects, not its workloads).
      yield* prepareWorkloadSelectionInSteps(index);
      const workloads = selectWorkloads(index, {
        labelSelector: selector.labelSelector,
        namespace: selector.namespace,
      });
      if (workloads.length > 0) {
        // A workload at a time: a service of hundreds of workloads, or of
        // workloads of hundreds of pods, is assessed between requests.
        const summary = new ServiceSummary({ targetMesh: context.targetMesh });
        for (const workload of workloads) {
          summary.add(assessWorkload(workload, index));
          yield;
        }
        computed.push({
          cluster: state.source.name,
          assessment: summary.result(),
        });
      }
    } catch (error) {
      return unassessable(
        `The label selector "${selector.labelSelector}" is not valid: ${
          (error as Error).message
        }`,
      );
    }
    yield;
  }
  // A part whose stage hangs on a kind that could not be listed (unreadable
  // with no earlier list in this process, e.g. after a restart) keeps the
  // part stored before: a missing permission does not move the stage. It
  // hangs on one when the engine says `not-assessed` naming it, or when the
  // detection could not tell (mTLS, and for Cilium whether pods are
  // meshed: `mtls.unreadableKinds`). A stage known anyway is taken as
  // computed, its not-evaluated checks included.
  computed = computed.map(part => {
    const before = stored?.get(part.cluster);
    const unknown =
      (part.assessment.stage === 'not-assessed' &&
        unreadableKindsOf(part.assessment).length > 0) ||
      part.assessment.workloads.some(
        workload => workload.detection.mtls.unreadableKinds,
      );
    return before && unknown ? { ...part, assessment: before } : part;
  });
  // In the configured order, whichever clusters are in memory.
  const order = relevant.map(state => state.source.name);
  const perCluster = [...computed, ...kept].sort(
    (a, b) => order.indexOf(a.cluster) - order.indexOf(b.cluster),
  );

  const assessment =
    perCluster.length > 0
      ? mergeAssessments(perCluster, context.targetMesh)
      : summarizeService([], { targetMesh: context.targetMesh });
  // A pass over every finding per target: a step each for large services.
  const readiness = yield* targetReadinessInSteps(assessment);
  const summary = summarize(assessment, context.targetMesh);
  const response: EntityAssessmentResponse = {
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
    // Per target, so the browser renders and never re-scores.
    readiness,
    checks: checkSummaries(assessment),
    clusters: relevant.map(freshnessOf),
  };
  return { response, computed };
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
