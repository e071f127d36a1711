import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityAssessmentResponse,
  EntityMeshRecommendation,
  EntityWorkloadSelector,
  MeshKnowledgeBase,
  ReadinessTargetMesh,
  readEntityWorkloadSelector,
  ScanClusterStatus,
  ScanRun,
  taskTargetLabel,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex, recommendMeshes } from '@meshwise/mesh-engine';
import { ConfiguredClusterSources } from '../clusters/clusterSourcesFromConfig';
import { ClusterProblem, ClusterReadError } from '../clusters/types';
import { ClusterHealthUpdate, ClusterRecord } from '../database/ScanRepository';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { packageVersion } from '../packageVersion';
import { hasReachedTarget } from '../tasks/targets';
import { TaskNotifications } from '../tasks/TaskNotifications';
import {
  compactForScan,
  EntityScope,
  isInScope,
  readEntitiesInScope,
} from './catalogEntities';
import { ClusterSlot } from './ClusterSlot';
import { ClusterState, ClusterStateCache } from './ClusterStateCache';
import { scannerFingerprint } from './inputFingerprints';
import { mergeEntities, MergeOptions } from './mergeEntities';
import { countKinds, implausibleDrop } from './plausibility';
import { ScanRunLease } from './ScanRunLease';
import { Progress, ScannedEntity, ScanStopped, StoreBatch } from './scanTypes';
import { readIfUnchanged, storeClusterInputs } from './unchangedClusters';
import { inShard, Shard, shardLabel, shardMemo, WHOLE_SCAN } from './shards';
import {
  ClusterPartsDeps,
  storeClusterParts,
  StorePartsOptions,
} from './storeClusterParts';
import {
  filterInSlices,
  timeSlicer,
  yieldToEventLoop,
} from './yieldToEventLoop';

/**
 * Entities assessed and stored together, at most; workloads count too (a
 * service of hundreds of workloads stores as much as many small ones).
 * SQLite writes in this process, synchronously, holding the event loop:
 * small batches, with requests served in between. A database server is
 * written to asynchronously and each batch costs round trips: larger ones.
 */
const STORE_BATCH = {
  sqlite: { entities: 10, workloads: 200 },
  server: { entities: 100, workloads: 2000 },
};

/** What a scan reads of each catalog entity: what the assessment depends on. */
const ENTITY_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  'relations',
];

export interface MeshScannerOptions {
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  store: ServiceMeshStore;
  /** Finds the clusters to read; asked again at every scan. */
  locateClusters(): Promise<ConfiguredClusterSources>;
  scope: EntityScope;
  knowledgeBase: MeshKnowledgeBase;
  targetMesh?: ReadinessTargetMesh;
  /**
   * A refresh reads an entity's cluster again unless this process read it
   * less than this long ago (default one minute) and still holds it.
   */
  refreshMaxAgeMs?: number;
  /**
   * A read listing more than this share fewer objects than the cluster's
   * last good read is suspect until the next read confirms it (default 0.5).
   */
  maxObjectDrop?: number;
  /**
   * Who may run a scan across replicas, and the reaping of runs whose
   * process is gone (default: a lease with its default timings).
   */
  runLease?: ScanRunLease;
  /** Tells assignees when the scanner closes their task. */
  taskNotifications?: TaskNotifications;
  /**
   * An entity whose inputs are unchanged is not merged again, unless its
   * stored assessment is older than this (default one day): a bound on how
   * long anything a fingerprint might miss can last.
   */
  reassessUnchangedAfterMs?: number;
  /** This package's version, part of every fingerprint (default: read from package.json). */
  version?: string;
}

/** By default an unchanged entity is assessed again once a day. */
export const DEFAULT_REASSESS_UNCHANGED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Aborted when any of the signals is, until `dispose` (which removes its
 * listeners: a worker's signal outlives many runs).
 */
function eitherSignal(...signals: (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const listeners: [AbortSignal, () => void][] = [];
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) controller.abort(signal.reason);
    else {
      const listener = () => controller.abort(signal.reason);
      signal.addEventListener('abort', listener);
      listeners.push([signal, listener]);
    }
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [signal, listener] of listeners) {
        signal.removeEventListener('abort', listener);
      }
    },
  };
}

/**
 * What a run of a shard does: all of it (its clusters' parts, then the
 * entities that may be in them), only its clusters' parts, or only the
 * merge of its slice of the entities (`ShardQueue`).
 */
export type ShardWork = 'all' | 'clusters' | 'entities';

/** The run label of a shard's work: `2/4`, `merge 2/4`, or null for a whole scan. */
export function runLabel(shard: Shard, work: ShardWork): string | null {
  const label = shardLabel(shard);
  return work === 'entities' && label ? `merge ${label}` : label;
}

export interface ScanSummary {
  runId: string;
  status: Exclude<ScanRun['status'], 'running'>;
  /** The entities the run was responsible for (see `scanShard`). */
  entityCount: number;
  /** Entities assessed and stored. */
  assessedCount: number;
  /** Entities whose inputs were unchanged: not assessed again. */
  skippedCount: number;
  clusters: ScanClusterStatus[];
}

export interface ShardRunOptions {
  /**
   * When the scan this run is a piece of was asked for: a catalog read this
   * process made since then is used again (`ShardQueue`).
   */
  catalogReadSince?: Date;
}

/** A shard of clusters without any cluster: done at once. */
class NothingToDo extends Error {}

/**
 * Assesses every catalog entity in scope against its clusters, a shard of
 * clusters at a time (`scanShard`). Each cluster is read once per scan
 * (never per entity), and its objects are held only while its parts are
 * computed: one cluster at a time per process (`ClusterSlot`). A part whose
 * inputs are unchanged since it was stored is not computed again; an entity
 * is merged from its stored parts when one of them, its configuration or
 * one of its clusters' freshness changed.
 */
export class MeshScanner {
  readonly #options: MeshScannerOptions;
  readonly #cache: ClusterStateCache;
  readonly #lease: ScanRunLease;
  readonly #slot = new ClusterSlot();
  #recommendation?: EntityMeshRecommendation[];
  #scannerInputs?: string;
  #located = false;
  /** The catalog as the pieces of the current scan read it (`#readCatalog`). */
  #catalogRead?: { startedAt: number; entities: readonly ScannedEntity[] };
  /** The shard of each ref, for the merge slices of the catalog read. */
  #shardOf = shardMemo();
  /** A cluster a refresh read, held in the slot until someone needs it. */
  #recent?: { cluster: string; readAt: number };

  constructor(options: MeshScannerOptions) {
    this.#options = options;
    this.#cache = new ClusterStateCache();
    this.#lease =
      options.runLease ??
      new ScanRunLease({ scans: options.store.scans, logger: options.logger });
  }

  /** How many clusters' objects this process holds now (at most one). */
  clustersInMemory(): number {
    return this.#cache.clustersInMemory();
  }

  /** The most clusters this process held at once so far. */
  get mostClustersAtOnce(): number {
    return this.#slot.mostHolders;
  }

  /** Scans every cluster (one shard of one). */
  async scan(
    trigger: ScanRun['trigger'] = 'schedule',
    signal?: AbortSignal,
  ): Promise<ScanSummary> {
    return this.scanShard(WHOLE_SCAN, trigger, signal);
  }

  /**
   * Scans one shard of the clusters: reads the catalog, then each of the
   * shard's clusters in turn, storing the entities' parts of it that
   * changed (and releasing the cluster), then merges the entities it is
   * responsible for (`#responsibleFor`) whose parts, configuration or
   * clusters' freshness changed. `work` narrows it to the clusters' parts,
   * or to the merge of the shard's slice of the entities (every entity
   * whose ref hashes to the shard; the first slice also removes the
   * entities that left the catalog): `ShardQueue` runs the first for every
   * shard, then the second. One run of a shard's work at a time across
   * replicas: this one waits for a run still alive elsewhere. `signal` (the
   * scheduler's: cancelled, timed out, shutting down) stops it between
   * catalog pages, clusters and stored batches; each batch is stored whole,
   * and the run ends as failed with the reason. Stored writes are
   * idempotent: a run stopped anywhere, or whose replica died, is completed
   * by the next run of its shard.
   */
  async scanShard(
    shard: Shard,
    trigger: ScanRun['trigger'] = 'schedule',
    signal?: AbortSignal,
    work: ShardWork = 'all',
    options: ShardRunOptions = {},
  ): Promise<ScanSummary> {
    const run = await this.#lease.acquire(
      trigger,
      signal,
      runLabel(shard, work),
    );
    if ('notStarted' in run) {
      return {
        runId: run.runId,
        status: 'failed',
        entityCount: 0,
        assessedCount: 0,
        skippedCount: 0,
        clusters: [],
      };
    }
    const stop = eitherSignal(signal, run.lost);
    try {
      return await this.#scanAsOwner(
        run.runId,
        shard,
        work,
        stop.signal,
        () =>
          run.lost.aborted
            ? 'another instance closed the run as abandoned'
            : 'the scheduler aborted it (cancelled, past its timeout, or the backend is stopping)',
        options.catalogReadSince,
      );
    } finally {
      stop.dispose();
      run.release();
    }
  }

  async #scanAsOwner(
    runId: string,
    shard: Shard,
    work: ShardWork,
    stop: AbortSignal,
    stopReason: () => string,
    catalogReadSince?: Date,
  ): Promise<ScanSummary> {
    const { store, logger, scope } = this.#options;
    const startedAt = new Date();
    const label = runLabel(shard, work);
    const name = `Scan ${runId}${label ? ` (shard ${label})` : ''}`;
    // A run of a shard's clusters only counts parts, not entities.
    const counted = work !== 'clusters';
    const progress: Progress = {
      entityCount: 0,
      assessedCount: 0,
      skippedCount: 0,
      partsAssessed: 0,
      partsUnchanged: 0,
    };
    let clusters: ScanClusterStatus[] = [];
    const summary = (status: ScanSummary['status']): ScanSummary => ({
      runId,
      status,
      entityCount: progress.entityCount,
      assessedCount: progress.assessedCount,
      skippedCount: progress.skippedCount,
      clusters,
    });
    const sorted = () =>
      [...clusters].sort((a, b) => a.cluster.localeCompare(b.cluster));
    const fail = async (message: string, withCounts = counted) => {
      logger.error(`${name}: ${message}`);
      clusters = sorted();
      await store.scans.finish(runId, {
        status: 'failed',
        finishedAt: new Date(),
        entityCount: withCounts ? progress.entityCount : null,
        assessedCount: withCounts ? progress.assessedCount : null,
        skippedCount: withCounts ? progress.skippedCount : null,
        clusters,
        error: message,
      });
      return summary('failed');
    };
    const cancelled = async () => {
      const { partsAssessed, partsUnchanged, assessedCount } = progress;
      const done = partsAssessed + partsUnchanged + assessedCount;
      const message = `Scan cancelled: ${stopReason()}. ${
        done
          ? `${partsAssessed} cluster parts were assessed and stored (${partsUnchanged} unchanged), and ${assessedCount} entities merged and stored; nothing was removed, and the next run goes on from there`
          : 'No assessment was changed'
      }.`;
      logger.warn(`${name}: ${message}`);
      clusters = sorted();
      await store.scans.finish(runId, {
        status: 'failed',
        finishedAt: new Date(),
        entityCount: counted ? progress.entityCount : null,
        assessedCount: counted ? progress.assessedCount : null,
        skippedCount: counted ? progress.skippedCount : null,
        clusters,
        error: message,
      });
      return summary('failed');
    };

    let mine: ClusterState[];
    try {
      if (work === 'entities') {
        await this.#locateClusters(shard, false);
        mine = [];
      } else {
        clusters = await this.#locateClusters(shard);
        mine = this.#cache
          .states()
          .filter(state => inShard(state.source.name, shard));
      }
    } catch (error) {
      return fail(
        `Scan failed: cannot locate clusters: ${(error as Error).message}`,
        false,
      );
    }

    try {
      // The catalog first, whole (a few fields of each entity): every
      // cluster's parts are computed against it. A shard with no cluster
      // has nothing to compute.
      if (work === 'clusters' && mine.length === 0) throw new NothingToDo();
      const entities = await this.#readCatalog(stop, catalogReadSince);

      const before = await store.scans.clusterRecords();
      const changedParts = new Set<string>();
      const changedClusters = new Set<string>();
      for (const state of mine) {
        if (stop.aborted) throw new ScanStopped();
        const status = await this.#scanCluster(
          state,
          entities,
          progress,
          stop,
          changedParts,
        );
        clusters.push(status);
        if (await this.#freshnessChanged(state, before)) {
          changedClusters.add(state.source.name);
        }
      }

      if (work !== 'clusters') {
        const responsible =
          work === 'entities'
            ? await filterInSlices(
                entities,
                ({ ref }) => this.#shardOf(ref, shard.count) === shard.index,
              )
            : await this.#responsibleFor(
                shard,
                entities,
                changedParts,
                changedClusters,
              );
        progress.entityCount = responsible.length;
        await this.#mergeEntities(responsible, progress, { stop });
        await this.#closeReachedTasks(
          shard.count > 1 ? responsible.map(({ ref }) => ref) : undefined,
        );
      }

      // Only a complete catalog read may drop the entities that left it,
      // and not an empty one: a catalog still ingesting at start (or
      // misconfigured) says nothing about the entities assessed before.
      // One shard does it.
      if (shard.index === 0 && work !== 'clusters') {
        if (entities.length > 0) {
          const seen = new Set(entities.map(entity => entity.ref));
          await store.assessments.removeAllExcept(seen);
          await store.clusterResults.removeAllExcept(seen);
        } else {
          logger.warn(
            `${name}: the catalog returned no entity in scope (${scope.kinds.join(
              ', ',
            )}); stored assessments are kept`,
          );
        }
      }
      await store.history.rollUpToday();
    } catch (error) {
      if (error instanceof NothingToDo) {
        // Finished below, as succeeded.
      } else if (error instanceof ScanStopped) {
        // Keep the daily counts in line with what was stored so far.
        await store.history.rollUpToday();
        return cancelled();
      } else return fail(`Scan failed: ${(error as Error).message}`);
    }

    clusters = sorted();
    const status = clusters.some(c => c.status !== 'ok')
      ? 'partial'
      : 'succeeded';
    await store.scans.finish(runId, {
      status,
      finishedAt: new Date(),
      entityCount: counted ? progress.entityCount : null,
      assessedCount: counted ? progress.assessedCount : null,
      skippedCount: counted ? progress.skippedCount : null,
      clusters,
    });
    const { entityCount, assessedCount, skippedCount } = progress;
    const share = entityCount
      ? ` (${((100 * skippedCount) / entityCount).toFixed(1)}%)`
      : '';
    const parts = `cluster parts: ${progress.partsAssessed} assessed, ${progress.partsUnchanged} unchanged`;
    logger.info(
      `${name} ${status}: ${
        counted
          ? `${assessedCount} of ${entityCount} entities assessed, ${skippedCount}${share} unchanged and skipped, from ${clusters.length} clusters (${parts})`
          : `${parts}, from ${clusters.length} clusters`
      } in ${Date.now() - startedAt.getTime()} ms`,
    );
    return summary(status);
  }

  /**
   * Every catalog entity in scope, with its workload selector. A read made
   * since `since` (the scan was asked for) is shared by the pieces of that
   * scan this process runs, rather than read again for each: with 20 shards
   * that is 40 reads of the whole catalog. Kept until `forgetCatalogRead`.
   */
  async #readCatalog(
    stop: AbortSignal,
    since?: Date,
  ): Promise<readonly ScannedEntity[]> {
    const kept = this.#catalogRead;
    if (since && kept && kept.startedAt >= since.getTime()) {
      return kept.entities;
    }
    const { auth, catalog, scope } = this.#options;
    const startedAt = Date.now();
    const credentials = await auth.getOwnServiceCredentials();
    const entities: ScannedEntity[] = [];
    for await (const page of readEntitiesInScope(catalog, scope, credentials, {
      fields: ENTITY_FIELDS,
    })) {
      if (stop.aborted) throw new ScanStopped();
      for (const entity of page) {
        entities.push({
          entity: compactForScan(entity),
          ref: stringifyEntityRef(entity),
          selector: readEntityWorkloadSelector(entity),
        });
      }
    }
    this.#catalogRead = since ? { startedAt, entities } : undefined;
    return entities;
  }

  /** Drops the catalog read the pieces of a scan shared (`ShardQueue`, once drained). */
  forgetCatalogRead(): void {
    this.#catalogRead = undefined;
    this.#shardOf = shardMemo();
  }

  /**
   * The entities a shard looks at for merging, each checked against its
   * stored fingerprint: those whose part of one of its clusters changed in
   * this run, those that may have workloads in one of its clusters whose
   * freshness changed (read again after failing, failing, read in full for
   * the first time), and those it owns. An entity is owned by the shard of
   * the first of its clusters (configured order) holding a part of it, or,
   * with no part anywhere, by the shard its ref hashes to: every entity is
   * looked at by exactly one shard when nothing changed, and whatever a run
   * missed (a replica died between storing parts and merging, the entity's
   * configuration changed) is merged by its owner's next run.
   */
  async #responsibleFor(
    shard: Shard,
    entities: readonly ScannedEntity[],
    changedParts: ReadonlySet<string>,
    changedClusters: ReadonlySet<string>,
  ): Promise<ScannedEntity[]> {
    const parts = await this.#options.store.clusterResults.clustersByEntity();
    return filterInSlices(entities, ({ ref, selector }) => {
      if (changedParts.has(ref)) return true;
      const relevant = this.#relevantClusters(selector);
      if (relevant.some(cluster => changedClusters.has(cluster))) return true;
      const first = relevant.find(cluster => parts.get(ref)?.has(cluster));
      return this.#shardOf(first ?? ref, shard.count) === shard.index;
    });
  }

  /**
   * Whether what entities show of a cluster (stale or not, and why; its
   * parts known or not) changed since the run started.
   */
  async #freshnessChanged(
    state: ClusterState,
    before: Map<string, ClusterRecord>,
  ): Promise<boolean> {
    const was = before.get(state.source.name);
    const now = (await this.#options.store.scans.clusterRecords()).get(
      state.source.name,
    );
    const view = (record?: ClusterRecord) =>
      JSON.stringify([
        record?.status ?? null,
        record?.status !== 'ok' ? record?.error ?? null : null,
        Boolean(record?.lastReadAt),
        Boolean(record?.resultsAt),
      ]);
    return view(was) !== view(now);
  }

  /** The clusters an entity may have workloads in, in the configured order. */
  #relevantClusters(selector: EntityWorkloadSelector): string[] {
    if (!selector.configured) return [];
    return this.#cache
      .states()
      .map(state => state.source.name)
      .filter(name => !selector.cluster || name === selector.cluster);
  }

  /**
   * Reads one cluster (in the slot: one at a time in this process), stores
   * the entities' parts of it that changed, and releases it. A cluster that
   * cannot be read keeps its stored parts.
   */
  async #scanCluster(
    state: ClusterState,
    entities: readonly ScannedEntity[],
    progress: Progress,
    stop: AbortSignal,
    changed: Set<string>,
  ): Promise<ScanClusterStatus> {
    return this.#slot.use(async () => {
      this.#dropRecent();
      const unchanged = await this.#scanIfUnchanged(state, entities, progress);
      if (unchanged) return unchanged;
      const status = await this.#readCluster(state);
      if (!state.index || !state.fingerprints) return status;
      try {
        await this.#storeParts(state, entities, progress, { stop, changed });
        // Every entity's part of this cluster is stored now: from here on
        // a missing part means no workload there.
        await this.#options.store.scans.markResultsStored(
          [state.source.name],
          new Date(),
        );
        await storeClusterInputs(this.#partsDeps(), state);
      } finally {
        this.#cache.release(state.source.name);
      }
      return status;
    });
  }

  /**
   * Scans a cluster without reading its objects when it holds the same
   * objects as at its last full read (`readIfUnchanged`): recorded as read
   * now, every part unchanged. `undefined` when it must be read.
   */
  async #scanIfUnchanged(
    state: ClusterState,
    entities: readonly ScannedEntity[],
    progress: Progress,
  ): Promise<ScanClusterStatus | undefined> {
    const { source } = state;
    const { store, logger } = this.#options;
    const attemptedAt = new Date();
    const unchanged = await readIfUnchanged(
      { ...this.#partsDeps(), logger },
      source,
      entities,
    );
    if (!unchanged) return undefined;
    const { kindCounts, objectCount } = this.#cache.recordUnchanged(
      source.name,
      unchanged,
    );
    this.#cache.release(source.name);
    progress.partsUnchanged += unchanged.partCount;
    await this.#recordGoodRead({
      cluster: source.name,
      type: source.type,
      attemptedAt,
      readAt: unchanged.readAt,
      objectCount,
      kindCounts,
      warnings: [],
    });
    await store.scans.markResultsStored([source.name], new Date());
    logger.debug(
      `Cluster ${source.name}: the versions of its ${objectCount} objects are those of its last full read; not read again`,
    );
    return { cluster: source.name, status: 'ok', objectCount };
  }

  /** This scanner's store, fingerprint and limits, as storing parts needs them. */
  #partsDeps(): ClusterPartsDeps {
    return {
      store: this.#options.store,
      targetMesh: this.#options.targetMesh,
      scannerFingerprint: this.#scannerFingerprint(),
      storeBatch: this.#storeBatch(),
      reassessAfterMs: this.#reassessAfterMs(),
    };
  }

  /** `storeClusterParts`, with this scanner's store, fingerprint and limits. */
  async #storeParts(
    state: ClusterState,
    entities: readonly ScannedEntity[],
    progress: Progress,
    options: StorePartsOptions,
  ): Promise<void> {
    await storeClusterParts(
      this.#partsDeps(),
      state,
      entities,
      progress,
      options,
    );
  }

  /** `mergeEntities`, with this scanner's store, clusters and limits. */
  async #mergeEntities(
    entities: readonly ScannedEntity[],
    progress: Progress,
    options: MergeOptions = {},
  ): Promise<EntityAssessmentResponse[]> {
    return mergeEntities(
      {
        ...this.#partsDeps(),
        logger: this.#options.logger,
        recommendation: this.#recommendationForServices(),
        relevantClusters: selector => this.#relevantClusters(selector),
      },
      entities,
      progress,
      options,
    );
  }

  /**
   * Re-assesses one entity now: each of its clusters is read (one at a
   * time; a cluster this process read for a refresh less than
   * `refreshMaxAgeMs` ago, and still holds, is not read again), its part
   * computed and stored, and the entity merged from its parts.
   */
  async refreshEntity(
    entity: Entity,
  ): Promise<EntityAssessmentResponse | undefined> {
    if (!isInScope(entity, this.#options.scope)) return undefined;
    if (!this.#located) await this.#locateClusters(WHOLE_SCAN);
    const scanned: ScannedEntity = {
      entity,
      ref: stringifyEntityRef(entity),
      selector: readEntityWorkloadSelector(entity),
    };
    const maxAge = this.#options.refreshMaxAgeMs ?? 60_000;
    const progress: Progress = {
      entityCount: 1,
      assessedCount: 0,
      skippedCount: 0,
      partsAssessed: 0,
      partsUnchanged: 0,
    };
    const known = new Set<string>();
    for (const cluster of this.#relevantClusters(scanned.selector)) {
      const state = this.#cache.get(cluster);
      if (!state) continue;
      await this.#slot.use(async () => {
        const held =
          this.#recent?.cluster === cluster &&
          state.index &&
          Date.now() - this.#recent.readAt <= maxAge;
        if (!held) {
          this.#dropRecent();
          await this.#readCluster(state);
        }
        if (!state.index || !state.fingerprints) return;
        if (!this.#recent) {
          const recent = { cluster, readAt: Date.now() };
          this.#recent = recent;
          // Held for the next refreshes a while, not for good.
          setTimeout(
            () =>
              this.#slot.use(async () => {
                if (this.#recent === recent) this.#dropRecent();
              }),
            maxAge,
          ).unref();
        }
        await this.#storeParts(state, [scanned], progress, { force: true });
        known.add(cluster);
      });
    }
    const [assessment] = await this.#mergeEntities([scanned], progress, {
      force: true,
      knownFor: known,
    });
    if (assessment) {
      await this.#options.store.history.rollUpToday();
      await this.#closeReachedTasks([assessment.entity.entityRef]);
    }
    return assessment;
  }

  /** Releases the cluster a refresh held, for someone else's. */
  #dropRecent() {
    if (this.#recent) {
      this.#cache.release(this.#recent.cluster);
      this.#recent = undefined;
    }
  }

  async #openTasksByEntity() {
    const byEntity = new Map<
      string,
      { id: string; target: string; version: number }[]
    >();
    for (const task of await this.#options.store.tasks.listActive()) {
      byEntity.set(task.entityRef, [
        ...(byEntity.get(task.entityRef) ?? []),
        task,
      ]);
    }
    return byEntity;
  }

  /**
   * A task whose service reached its target is done: the scanner says so.
   * Every active task is checked against its service's stored assessment
   * (those of `only`, when given), whether the run assessed the service
   * again or found it unchanged.
   */
  async #closeReachedTasks(only?: readonly string[]) {
    const openTasks = await this.#openTasksByEntity();
    const wanted = only && new Set(only);
    const refs = [...openTasks.keys()].filter(
      ref => !wanted || wanted.has(ref),
    );
    if (refs.length === 0) return;
    const stored = await this.#options.store.assessments.getMany(refs);
    const today = new Date().toISOString().slice(0, 10);
    for (const assessment of stored.values()) {
      for (const task of openTasks.get(assessment.entity.entityRef) ?? []) {
        if (!hasReachedTarget(assessment, task.target)) continue;
        const note = `Closed by the Meshwise scanner on ${today}: the service is ${
          assessment.stage
        }${assessment.mesh ? ` on ${taskTargetLabel(assessment.mesh)}` : ''}.`;
        if (await this.#options.store.tasks.markDone(task, note)) {
          this.#options.logger.info(
            `Task ${task.id} of ${assessment.entity.entityRef} is done: ${note}`,
          );
          const closed = await this.#options.store.tasks.get(task.id);
          if (closed) {
            await this.#options.taskNotifications?.closedByScanner(
              closed,
              note,
            );
          }
        }
      }
    }
  }

  /**
   * Reads the clusters (or the one named) one at a time, in the order of
   * the config, and hands each one's index to `visit` while this process
   * holds it; the first answer that is not undefined ends the search, so a
   * migration plan reads only as far as the first cluster with the
   * service's workloads, and never holds two clusters. Clusters that cannot
   * be read are skipped. Nothing is kept after.
   */
  async findInClusters<T>(
    cluster: string | undefined,
    visit: (index: ClusterIndex) => T | undefined,
  ): Promise<T | undefined> {
    if (!this.#located) await this.#locateClusters(WHOLE_SCAN);
    for (const state of this.#cache
      .states()
      .filter(s => !cluster || s.source.name === cluster)) {
      const found = await this.#slot.use(async () => {
        const held = this.#recent?.cluster === state.source.name;
        if (!held) {
          this.#dropRecent();
          await this.#readCluster(state);
        }
        try {
          return state.index ? visit(state.index) : undefined;
        } finally {
          if (held) this.#recent = undefined;
          this.#cache.release(state.source.name);
        }
      });
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** How much is stored at once, for this database (`STORE_BATCH`). */
  #storeBatch(): StoreBatch {
    return this.#options.store.databaseEngine() === 'sqlite'
      ? STORE_BATCH.sqlite
      : STORE_BATCH.server;
  }

  /** How old a stored assessment may be and still be skipped as unchanged. */
  #reassessAfterMs(): number {
    return (
      this.#options.reassessUnchangedAfterMs ??
      DEFAULT_REASSESS_UNCHANGED_AFTER_MS
    );
  }

  /** The scanner's part of every fingerprint: its configuration and versions. */
  #scannerFingerprint(): string {
    if (!this.#scannerInputs) {
      this.#scannerInputs = scannerFingerprint({
        targetMesh: this.#options.targetMesh,
        recommendation: this.#recommendationForServices(),
        knowledgeBase: this.#options.knowledgeBase,
        version: this.#options.version ?? packageVersion(),
      });
    }
    return this.#scannerInputs;
  }

  /**
   * The recommender's top meshes for a Kubernetes service. The platform
   * facts are the same for every service the scanner assesses, so it is
   * computed once.
   */
  #recommendationForServices(): EntityMeshRecommendation[] {
    if (!this.#recommendation) {
      const { ranked } = recommendMeshes(
        { platforms: ['kubernetes'] },
        this.#options.knowledgeBase,
      );
      this.#recommendation = ranked.slice(0, 3).map(entry => ({
        id: entry.id,
        name: entry.name,
        rank: entry.rank,
        total: entry.total,
        standing: entry.standing,
        // Every candidate runs on Kubernetes: say what else sets it apart.
        reasons: entry.reasons
          .filter(
            reason =>
              reason.kind !== 'neutral' && reason.criterion !== 'platforms',
          )
          .slice(0, 4)
          .map(reason => reason.text),
      }));
    }
    return this.#recommendation;
  }

  /**
   * Clusters that are configured but cannot be read: failed, with the
   * reason (those of the shard given).
   */
  async #reportUnreadableClusters(
    problems: { cluster: string; problem: ClusterProblem }[],
  ): Promise<ScanClusterStatus[]> {
    for (const { cluster, problem } of problems) {
      await this.#options.store.scans.recordClusterAttempt({
        cluster,
        type: 'kubernetes',
        attemptedAt: new Date(),
        error: problem.message,
        warnings: [],
      });
    }
    return problems.map(({ cluster, problem }) => ({
      cluster,
      status: 'failed' as const,
      error: problem.message,
    }));
  }

  async #locateClusters(
    shard: Shard,
    report = true,
  ): Promise<ScanClusterStatus[]> {
    const located = await this.#options.locateClusters();
    this.#cache.sync(located.sources);
    this.#located = true;
    if (!report) return [];
    return this.#reportUnreadableClusters(
      located.problems.filter(({ cluster }) => inShard(cluster, shard)),
    );
  }

  /**
   * Refuses, once, a read that lost too much next to the cluster's last good
   * read (kept in memory, or in the store across restarts and replicas):
   * the stored parts stay, the cluster shows stale with the reason, and the
   * next read, on any replica, confirms the drop or refutes it.
   */
  async #doubtImplausibleRead(
    state: ClusterState,
    kindCounts: Record<string, number>,
    record: ClusterRecord | undefined,
  ): Promise<void> {
    const doubt = implausibleDrop(
      state.kindCounts ?? record?.kindCounts,
      kindCounts,
      this.#options.maxObjectDrop ?? 0.5,
    );
    const suspect = state.suspect || Boolean(record?.suspectSince);
    if (!doubt) return;
    if (suspect) {
      this.#options.logger.warn(
        `Cluster ${state.source.name}: a second read confirms that ${doubt}; accepting it`,
      );
      return;
    }
    state.suspect = true;
    throw new ClusterReadError({
      reason: 'implausible',
      message: `Implausible read: ${doubt}. The last good state is kept until the next read confirms the drop.`,
    });
  }

  /**
   * Records a good read of a cluster, and clears a doubt the store held
   * about its last one (`record`: the cluster's, if already loaded).
   */
  async #recordGoodRead(
    update: ClusterHealthUpdate,
    record?: ClusterRecord,
  ): Promise<void> {
    const { scans } = this.#options.store;
    const known = record ?? (await scans.clusterRecords()).get(update.cluster);
    await scans.recordClusterAttempt(update);
    if (known?.suspectSince) await scans.markSuspect(update.cluster, null);
  }

  /** Reads one cluster into the cache (index and fingerprints), and records the attempt. */
  async #readCluster(state: ClusterState): Promise<ScanClusterStatus> {
    const { source } = state;
    const { store, logger } = this.#options;
    const attemptedAt = new Date();
    const record = (await store.scans.clusterRecords()).get(source.name);
    try {
      const snapshot = await source.read();
      const kindCounts = countKinds(snapshot.objects);
      await this.#doubtImplausibleRead(state, kindCounts, record);
      // Indexing and hashing the objects are the largest pieces of work of
      // a read: both are done in slices, with requests served in between.
      // The workloads are built (in slices too) when the first entity with
      // changed inputs needs them: a scan of an unchanged cluster never
      // builds them.
      await yieldToEventLoop();
      const pause = timeSlicer();
      const { partialRead } = await this.#cache.recordRead(
        snapshot,
        kindCounts,
        pause,
      );
      await pause();
      const warnings = snapshot.warnings.map(w => w.message);
      await this.#recordGoodRead(
        {
          cluster: source.name,
          type: source.type,
          attemptedAt,
          readAt: snapshot.readAt,
          objectCount: snapshot.objects.length,
          kindCounts,
          warnings,
          ...(partialRead ? { error: partialRead.message } : {}),
        },
        record,
      );
      if (warnings.length > 0) {
        logger.warn(
          `Cluster ${source.name} read with ${
            warnings.length
          } warnings: ${warnings.slice(0, 3).join('; ')}`,
        );
      }
      return {
        cluster: source.name,
        // Kinds it could not list make the scan partial, not succeeded.
        status: partialRead ? 'stale' : 'ok',
        objectCount: snapshot.objects.length,
        ...(partialRead ? { error: partialRead.message } : {}),
      };
    } catch (error) {
      const problem: ClusterProblem =
        error instanceof ClusterReadError
          ? error.problem
          : { reason: 'unreachable', message: (error as Error).message };
      this.#cache.recordFailure(source.name, problem, attemptedAt);
      await store.scans.recordClusterAttempt({
        cluster: source.name,
        type: source.type,
        attemptedAt,
        error: problem.message,
        warnings: [],
      });
      if (problem.reason === 'implausible') {
        await store.scans.markSuspect(source.name, attemptedAt);
      }
      const readBefore = Boolean(state.readAt || record?.lastReadAt);
      logger.warn(
        `Cluster ${source.name} could not be read (${problem.reason}): ${
          problem.message
        }${readBefore ? '; keeping its last good state, marked stale' : ''}`,
      );
      return {
        cluster: source.name,
        status: readBefore ? 'stale' : 'failed',
        error: problem.message,
      };
    }
  }
}
