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
  ClusterIndex,
  parseLabelSelector,
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

export interface AssessEntityContext extends EntityContext {
  clusters: ClusterState[];
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

/** The context of an entity's assessment besides its clusters. */
export interface EntityContext {
  recommendation: EntityMeshRecommendation[];
  targetMesh?: ReadinessTargetMesh;
  now: Date;
}

/** One of an entity's clusters, as its assessment sees it. */
export interface EntityClusterView {
  cluster: string;
  /** As shown with the assessment. */
  freshness: AssessmentClusterSource;
  /**
   * Whether the cluster's parts are known (it was read, and every entity's
   * part of it computed). A cluster without is left out of the result.
   */
  hasData: boolean;
  /** The entity's part of the cluster; none: no workload there. */
  part?: ServiceAssessment;
}

/**
 * One cluster's part of an entity's assessment, computed from the cluster's
 * index: a step per workload (the workloads are built first, in steps, when
 * a scan released them). Undefined when no workload matches. Throws on a
 * malformed selector.
 */
export function* clusterPartSteps(
  selector: { labelSelector: string; namespace?: string },
  index: ClusterIndex,
  targetMesh?: ReadinessTargetMesh,
): Steps<ServiceAssessment | undefined> {
  yield* prepareWorkloadSelectionInSteps(index);
  const workloads = selectWorkloads(index, {
    labelSelector: selector.labelSelector,
    namespace: selector.namespace,
  });
  if (workloads.length === 0) return undefined;
  // A workload at a time: a service of hundreds of workloads, or of
  // workloads of hundreds of pods, is assessed between requests.
  const summary = new ServiceSummary({ targetMesh });
  for (const workload of workloads) {
    summary.add(assessWorkload(workload, index));
    yield;
  }
  return summary.result();
}

/**
 * Whether a part's stage hangs on a kind that could not be listed
 * (unreadable with no earlier list in this process, e.g. after a restart):
 * the engine says `not-assessed` naming it, or the detection could not tell
 * (mTLS, and for Cilium whether pods are meshed: `mtls.unreadableKinds`).
 * Such a part keeps the one stored before, so a missing permission does not
 * move the stage; a stage known anyway is taken as computed, its
 * not-evaluated checks included.
 */
export function hangsOnUnreadableKinds(part: ServiceAssessment): boolean {
  return (
    (part.stage === 'not-assessed' && unreadableKindsOf(part).length > 0) ||
    part.workloads.some(workload => workload.detection.mtls.unreadableKinds)
  );
}

/**
 * The assessment of one entity from its clusters' parts: merged in the
 * configured order, with its readiness per target mesh (a step each) and
 * each cluster's freshness. `clusters` are the clusters the entity may have
 * workloads in (all configured, or the one its annotation names); the
 * caller leaves the entity's stored assessment as it is when none has data.
 */
export function* entityAssessmentSteps(
  entity: Entity,
  clusters: readonly EntityClusterView[],
  context: EntityContext,
): Steps<EntityAssessmentResponse> {
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
    clusters: clusters.map(c => c.freshness),
  });
  if (clusters.length === 0) {
    return unassessable(
      selector.cluster
        ? `Cluster ${selector.cluster} (backstage.io/kubernetes-cluster) is not configured for Meshwise`
        : 'No cluster is configured for Meshwise',
    );
  }
  try {
    parseLabelSelector(selector.labelSelector);
  } catch (error) {
    return unassessable(
      `The label selector "${selector.labelSelector}" is not valid: ${
        (error as Error).message
      }`,
    );
  }

  const withData = clusters.filter(c => c.hasData);
  const perCluster = clusters.flatMap(c =>
    c.part ? [{ cluster: c.cluster, assessment: c.part }] : [],
  );
  const assessment =
    perCluster.length > 0
      ? mergeAssessments(perCluster, context.targetMesh)
      : summarizeService([], { targetMesh: context.targetMesh });
  // A pass over every finding per target: a step each for large services.
  const readiness = yield* targetReadinessInSteps(assessment);
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
          } in ${withData.map(c => c.cluster).join(', ')}`,
    ...summary,
    assessment,
    // Per target, so the browser renders and never re-scores.
    readiness,
    checks: checkSummaries(assessment),
    clusters: clusters.map(c => c.freshness),
  };
}

/**
 * The assessment of one entity against the clusters in memory, suspended
 * (`yield`) after each workload's assessment and each cluster's part: the
 * one definition `assessEntityParts` and `assessEntityPartsInSlices` drive.
 */
function* assessmentSteps(
  entity: Entity,
  context: AssessEntityContext,
): Steps<EntityAssessment | undefined> {
  const selector = readEntityWorkloadSelector(entity);
  if (!selector.configured) {
    return {
      response: yield* entityAssessmentSteps(entity, [], context),
      computed: [],
    };
  }
  const relevant = selector.cluster
    ? context.clusters.filter(c => c.source.name === selector.cluster)
    : context.clusters;
  const withData = relevant.filter(c => c.index);
  if (relevant.length > 0 && withData.length === 0) return undefined;

  // Clusters without data in memory contribute what they last said.
  const stored = context.storedResults?.(toAssessedEntity(entity).entityRef);
  const kept = new Map<string, ServiceAssessment>();
  for (const state of relevant.filter(c => !c.index)) {
    const cluster = state.source.name;
    const part = stored?.get(cluster);
    if (part) kept.set(cluster, part);
    else if (
      context.everRead?.has(cluster) &&
      !context.resultsKnown?.has(cluster)
    )
      return undefined;
  }

  const computed: ClusterPart[] = [];
  let malformed = false;
  for (const state of withData) {
    try {
      const part = yield* clusterPartSteps(
        selector,
        state.index!,
        context.targetMesh,
      );
      if (part) {
        // A part whose stage hangs on a kind that could not be listed
        // keeps the part stored before.
        const before = stored?.get(state.source.name);
        computed.push({
          cluster: state.source.name,
          assessment: before && hangsOnUnreadableKinds(part) ? before : part,
        });
      }
    } catch {
      // A malformed selector: the assessment says so.
      malformed = true;
      break;
    }
    yield;
  }
  const views: EntityClusterView[] = relevant.map(state => ({
    cluster: state.source.name,
    freshness: freshnessOf(state),
    hasData: Boolean(state.index),
    part:
      computed.find(part => part.cluster === state.source.name)?.assessment ??
      kept.get(state.source.name),
  }));
  return {
    response: yield* entityAssessmentSteps(entity, views, context),
    computed: malformed ? [] : computed,
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
