import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityAssessmentResponse,
  EntityMeshRecommendation,
  EntityWorkloadSelector,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { StoredInputs } from '../database/AssessmentRepository';
import { chunks } from '../database/rows';
import { ClusterRecord } from '../database/ScanRepository';
import { EntityClusterView, entityAssessmentSteps } from './assessEntity';
import {
  entityConfigFingerprint,
  entityFingerprint,
} from './inputFingerprints';
import {
  LOOKUP_BATCH,
  Progress,
  ScannedEntity,
  ScanStopped,
} from './scanTypes';
import { ClusterPartsDeps } from './storeClusterParts';
import { runInSlices, timeSlicer } from './yieldToEventLoop';

/** What merging entities depends on, from the scanner. */
/** What the merge depends on: what storing parts does, and more. */
export interface MergeDeps extends ClusterPartsDeps {
  logger: LoggerService;
  /** The recommender's top meshes for a Kubernetes service. */
  recommendation: EntityMeshRecommendation[];
  /** The clusters an entity may have workloads in, in the configured order. */
  relevantClusters(selector: EntityWorkloadSelector): string[];
}

export interface MergeOptions {
  stop?: AbortSignal;
  force?: boolean;
  knownFor?: ReadonlySet<string>;
}

/** What an entity's assessment would be merged from, before any part is read. */
interface MergePlan {
  clusters: (Omit<EntityClusterView, 'part'> & { hasPart: boolean })[];
  /** Undefined when it cannot be told (a part stored before fingerprints). */
  fingerprint?: string;
  /** Cluster → the workload-level fingerprint of the entity's part there. */
  parts: Map<string, string | null>;
}

/**
 * Merges the entities whose inputs changed from their stored parts and
 * stores them, a batch at a time. An entity one of whose clusters was
 * read but whose parts are not all known yet (its shard is under way),
 * or none of whose clusters has data, keeps its stored assessment.
 * `knownFor`: clusters whose part of these entities the caller just
 * stored (a refresh). Answers what was stored.
 */
export async function mergeEntities(
  deps: MergeDeps,
  entities: readonly ScannedEntity[],
  progress: Progress,
  options: MergeOptions = {},
): Promise<EntityAssessmentResponse[]> {
  const { store } = deps;
  const merged: EntityAssessmentResponse[] = [];
  const records = await store.scans.clusterRecords();
  const maxAgeMs = deps.reassessAfterMs;
  const context = {
    recommendation: deps.recommendation,
    targetMesh: deps.targetMesh,
    now: new Date(),
  };
  const pause = timeSlicer();
  const limit = deps.storeBatch;
  let todo = [...entities];
  // An entity whose parts changed while it was merged (another shard
  // stored one) is merged again, from the new ones.
  for (let attempt = 0; attempt < 3 && todo.length > 0; attempt++) {
    const again: ScannedEntity[] = [];
    for (const batch of chunks(todo, LOOKUP_BATCH)) {
      if (options.stop?.aborted) throw new ScanStopped();
      const refs = batch.map(entity => entity.ref);
      const parts = await store.clusterResults.partsOf(refs);
      const stored: Map<string, StoredInputs> = options.force
        ? new Map()
        : await store.assessments.storedInputs(refs);
      const changed: { entity: ScannedEntity; plan: MergePlan }[] = [];
      const unchanged: string[] = [];
      for (const entity of batch) {
        await pause();
        const plan = mergePlan(
          deps,
          entity,
          records,
          parts.get(entity.ref),
          options.knownFor,
        );
        if (!plan) continue; // its stored assessment stays
        const previous = stored.get(entity.ref);
        if (
          plan.fingerprint &&
          previous?.inputs === plan.fingerprint &&
          context.now.getTime() - previous.assessedAt.getTime() < maxAgeMs
        ) {
          progress.skippedCount += 1;
          unchanged.push(entity.ref);
          continue;
        }
        changed.push({ entity, plan });
      }
      // Still holds: checked now (one statement for the batch).
      if (unchanged.length > 0) {
        await store.assessments.markChecked(unchanged, context.now);
      }
      for (const group of chunks(changed, limit.entities)) {
        const withParts = group.filter(({ plan }) => plan.parts.size > 0);
        const json = await store.clusterResults.load(
          withParts.map(({ entity }) => entity.ref),
          [...new Set(withParts.flatMap(({ plan }) => [...plan.parts.keys()]))],
        );
        const items = [];
        for (const { entity, plan } of group) {
          const views: EntityClusterView[] = plan.clusters.map(
            ({ hasPart: _hasPart, ...view }) => ({
              ...view,
              part: json.get(entity.ref)?.get(view.cluster),
            }),
          );
          const response = await runInSlices(
            entityAssessmentSteps(entity.entity, views, context),
            pause,
          );
          items.push({
            response,
            fingerprint: plan.fingerprint,
            parts: plan.parts,
          });
        }
        const saved = await store.saveMerged(items);
        for (const item of items) {
          if (saved.has(item.response.entity.entityRef)) {
            merged.push(item.response);
            progress.assessedCount += 1;
          }
        }
        again.push(
          ...group
            .filter(({ entity }) => !saved.has(entity.ref))
            .map(({ entity }) => entity),
        );
        await pause();
      }
    }
    todo = again;
  }
  if (todo.length > 0) {
    deps.logger.info(
      `${todo.length} entities' parts kept changing while they were merged; the next scan merges them`,
    );
  }
  return merged;
}

/**
 * What an entity would be merged from: its clusters' freshness and
 * whether their parts are known, and the fingerprint of it all with its
 * configuration and its parts' fingerprints. Undefined when its stored
 * assessment should stay: one of its clusters was read but its parts are
 * not all known yet, or was never tried (its shard has not run yet), or
 * none of its clusters has data. The shard that completes its last
 * cluster merges it.
 */
function mergePlan(
  deps: Pick<MergeDeps, 'relevantClusters' | 'scannerFingerprint'>,
  { entity, selector }: ScannedEntity,
  records: Map<string, ClusterRecord>,
  parts: ReadonlyMap<string, string | null> | undefined,
  knownFor?: ReadonlySet<string>,
): MergePlan | undefined {
  const clusters: MergePlan['clusters'] = [];
  const used = new Map<string, string | null>();
  let fingerprintable = true;
  for (const cluster of deps.relevantClusters(selector)) {
    const record = records.get(cluster);
    const hasData = Boolean(knownFor?.has(cluster) || record?.resultsAt);
    // Read but not all its parts stored yet, or never tried (its shard
    // has not run yet): what it says is not known yet.
    if (!hasData && (!record || record.lastReadAt)) return undefined;
    const stale = record ? record.status !== 'ok' : false;
    const hasPart = hasData && Boolean(parts?.has(cluster));
    if (hasPart) {
      const fingerprint = parts!.get(cluster)!;
      used.set(cluster, fingerprint);
      if (fingerprint === null) fingerprintable = false;
    }
    clusters.push({
      cluster,
      freshness: {
        cluster,
        readAt: record?.lastReadAt?.toISOString() ?? null,
        stale,
        ...(stale && record?.error ? { staleReason: record.error } : {}),
      },
      hasData,
      hasPart,
    });
  }
  if (clusters.length > 0 && !clusters.some(c => c.hasData)) {
    return undefined;
  }
  return {
    clusters,
    parts: used,
    ...(fingerprintable
      ? {
          fingerprint: entityFingerprint({
            scanner: deps.scannerFingerprint,
            entity: entityConfigFingerprint(entity),
            clusters: clusters.map(c => ({
              cluster: c.cluster,
              read: Boolean(c.freshness.readAt),
              stale: c.freshness.stale,
              staleReason: c.freshness.staleReason,
              data: c.hasData,
              part: used.get(c.cluster) ?? undefined,
            })),
          }),
        }
      : {}),
  };
}
