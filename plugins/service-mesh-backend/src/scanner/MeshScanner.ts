import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityAssessmentResponse,
  EntityMeshRecommendation,
  MeshKnowledgeBase,
  ReadinessTargetMesh,
  ScanClusterStatus,
  ScanRun,
  taskTargetLabel,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  ClusterIndex,
  prepareWorkloadSelectionInSteps,
  recommendMeshes,
} from '@meshwise/mesh-engine';
import { ConfiguredClusterSources } from '../clusters/clusterSourcesFromConfig';
import { ClusterProblem, ClusterReadError } from '../clusters/types';
import { ClusterRecord } from '../database/ScanRepository';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { hasReachedTarget } from '../tasks/targets';
import { assessEntityPartsInSlices, EntityAssessment } from './assessEntity';
import { EntityScope, isInScope, readEntitiesInScope } from './catalogEntities';
import { ClusterState, ClusterStateCache } from './ClusterStateCache';
import { countKinds, implausibleDrop } from './plausibility';
import { TaskNotifications } from '../tasks/TaskNotifications';
import { ScanRunLease } from './ScanRunLease';
import {
  Pause,
  runInSlices,
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
  /** How many clusters are read at once. */
  readConcurrency?: number;
  /** A refresh re-reads an entity's clusters when their data is older than this. */
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
}

/** Aborted when any of the signals is. */
function eitherSignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) controller.abort(signal.reason);
    else
      signal.addEventListener('abort', () => controller.abort(signal.reason));
  }
  return controller.signal;
}

export interface ScanSummary {
  runId: string;
  status: Exclude<ScanRun['status'], 'running'>;
  entityCount: number;
  assessedCount: number;
  clusters: ScanClusterStatus[];
}

/**
 * Assesses every catalog entity in scope against its clusters. Each cluster
 * is read once per scan (never per entity) into an index; every entity is
 * then assessed from memory and the results are written in batches.
 */
export class MeshScanner {
  readonly #options: MeshScannerOptions;
  readonly #cache: ClusterStateCache;
  readonly #lease: ScanRunLease;
  #recommendation?: EntityMeshRecommendation[];
  #located = false;

  constructor(options: MeshScannerOptions) {
    this.#options = options;
    this.#cache = new ClusterStateCache();
    this.#lease =
      options.runLease ??
      new ScanRunLease({ scans: options.store.scans, logger: options.logger });
  }

  /**
   * Scans the catalog against every cluster. One scan runs at a time across
   * replicas: this one waits for a run still alive elsewhere. `signal` (the
   * scheduler's: cancelled, timed out, shutting down) stops it between
   * clusters and between catalog pages, each page stored whole; the run then
   * ends as failed with the reason.
   */
  async scan(
    trigger: ScanRun['trigger'] = 'schedule',
    signal?: AbortSignal,
  ): Promise<ScanSummary> {
    const run = await this.#lease.acquire(trigger, signal);
    if ('notStarted' in run) {
      return {
        runId: run.runId,
        status: 'failed',
        entityCount: 0,
        assessedCount: 0,
        clusters: [],
      };
    }
    try {
      return await this.#scanAsOwner(
        run.runId,
        eitherSignal(signal, run.lost),
        () =>
          run.lost.aborted
            ? 'another instance closed the run as abandoned'
            : 'the scheduler aborted it (cancelled, past its timeout, or the backend is stopping)',
      );
    } finally {
      run.release();
    }
  }

  async #scanAsOwner(
    runId: string,
    stop: AbortSignal,
    stopReason: () => string,
  ): Promise<ScanSummary> {
    const { store, logger, auth, catalog, scope } = this.#options;
    const startedAt = new Date();
    let clusters: ScanClusterStatus[];
    const cancelled = async (
      entityCount: number,
      assessedCount: number,
    ): Promise<ScanSummary> => {
      const message = `Scan cancelled: ${stopReason()}. ${
        entityCount
          ? `${assessedCount} of the first ${entityCount} entities were assessed and stored; nothing was removed`
          : 'No assessment was changed'
      }.`;
      logger.warn(`Scan ${runId}: ${message}`);
      await store.scans.finish(runId, {
        status: 'failed',
        finishedAt: new Date(),
        entityCount,
        assessedCount,
        clusters,
        error: message,
      });
      return { runId, status: 'failed', entityCount, assessedCount, clusters };
    };
    try {
      const unreadable = await this.#locateClusters();
      const read = await this.#readClusters(this.#cache.states(), stop);
      clusters = [...read, ...unreadable].sort((a, b) =>
        a.cluster.localeCompare(b.cluster),
      );
    } catch (error) {
      const message = `Scan failed: cannot locate clusters: ${
        (error as Error).message
      }`;
      logger.error(message);
      await store.scans.finish(runId, {
        status: 'failed',
        finishedAt: new Date(),
        entityCount: null,
        assessedCount: null,
        clusters: [],
        error: message,
      });
      return {
        runId,
        status: 'failed',
        entityCount: 0,
        assessedCount: 0,
        clusters: [],
      };
    }
    if (stop.aborted) {
      this.#cache.releaseDerivedData();
      return cancelled(0, 0);
    }
    const clusterFailed = clusters.some(c => c.status !== 'ok');

    let entityCount = 0;
    let assessedCount = 0;
    let stopped = false;
    try {
      const credentials = await auth.getOwnServiceCredentials();
      const openTasks = await this.#openTasksByEntity();
      const records = await store.scans.clusterRecords();
      const seen = new Set<string>();
      for await (const page of readEntitiesInScope(
        catalog,
        scope,
        credentials,
      )) {
        // Between pages only: each page's results are stored whole.
        if (stop.aborted) {
          stopped = true;
          break;
        }
        entityCount += page.length;
        page.forEach(entity => seen.add(stringifyEntityRef(entity)));
        const assessed = await this.#assessAndSave(page, records);
        assessedCount += assessed.length;
        await this.#closeReachedTasks(assessed, openTasks);
      }
      // Only a complete catalog read may drop the entities that left it,
      // and not an empty one: a catalog still ingesting at start (or
      // misconfigured) says nothing about the entities assessed before.
      if (stopped) {
        // Keep the daily counts in line with the pages stored so far.
        await store.history.rollUpToday();
      } else if (seen.size > 0) {
        await store.assessments.removeAllExcept(seen);
        await store.clusterResults.removeAllExcept(seen);
        // Every entity's part of these clusters is stored now: from here on
        // a missing part means no workload there.
        await store.scans.markResultsStored(
          this.#clustersInMemory(),
          new Date(),
        );
      } else {
        logger.warn(
          `Scan ${runId}: the catalog returned no entity in scope (${scope.kinds.join(
            ', ',
          )}); stored assessments are kept`,
        );
      }
      if (!stopped) await store.history.rollUpToday();
    } catch (error) {
      const message = `Scan failed: ${(error as Error).message}`;
      logger.error(message);
      await store.scans.finish(runId, {
        status: 'failed',
        finishedAt: new Date(),
        entityCount,
        assessedCount,
        clusters,
        error: message,
      });
      return { runId, status: 'failed', entityCount, assessedCount, clusters };
    } finally {
      this.#cache.releaseDerivedData();
    }
    if (stopped) return cancelled(entityCount, assessedCount);

    const status = clusterFailed ? 'partial' : 'succeeded';
    await store.scans.finish(runId, {
      status,
      finishedAt: new Date(),
      entityCount,
      assessedCount,
      clusters,
    });
    logger.info(
      `Scan ${runId} ${status}: ${assessedCount} of ${entityCount} entities assessed from ${
        clusters.length
      } clusters in ${Date.now() - startedAt.getTime()} ms`,
    );
    return { runId, status, entityCount, assessedCount, clusters };
  }

  /**
   * Re-assesses one entity now. Its clusters are read again when their data
   * is older than `refreshMaxAgeMs` (default one minute), so a burst of
   * refreshes costs one read per cluster.
   */
  async refreshEntity(
    entity: Entity,
  ): Promise<EntityAssessmentResponse | undefined> {
    if (!isInScope(entity, this.#options.scope)) return undefined;
    if (!this.#located) await this.#locateClusters();
    const maxAge = this.#options.refreshMaxAgeMs ?? 60_000;
    const cluster =
      entity.metadata.annotations?.['backstage.io/kubernetes-cluster'];
    const outdated = this.#cache
      .states()
      .filter(s => !cluster || s.source.name === cluster)
      .filter(s => !s.readAt || Date.now() - s.readAt.getTime() > maxAge);
    await this.#readClusters(outdated);
    const records = await this.#options.store.scans.clusterRecords();
    const [assessment] = await this.#assessAndSave([entity], records);
    if (assessment) await this.#options.store.history.rollUpToday();
    return assessment;
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

  /** A task whose service reached its target is done: the scanner says so. */
  async #closeReachedTasks(
    assessed: EntityAssessmentResponse[],
    openTasks: Map<string, { id: string; target: string; version: number }[]>,
  ) {
    for (const assessment of assessed) {
      for (const task of openTasks.get(assessment.entity.entityRef) ?? []) {
        if (!hasReachedTarget(assessment, task.target)) continue;
        const note = `Closed by the Meshwise scanner on ${assessment.assessedAt.slice(
          0,
          10,
        )}: the service is ${assessment.stage}${
          assessment.mesh ? ` on ${taskTargetLabel(assessment.mesh)}` : ''
        }.`;
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
   * The index of every cluster (or of the one named) as this instance holds
   * it, each read first when this instance has not read it yet; clusters
   * that still cannot be read are left out. In the order of the config.
   */
  async clusterIndexes(cluster?: string): Promise<ClusterIndex[]> {
    if (!this.#located) await this.#locateClusters();
    const states = this.#cache
      .states()
      .filter(s => !cluster || s.source.name === cluster);
    await this.#readClusters(states.filter(s => !s.index));
    return states.flatMap(s => (s.index ? [s.index] : []));
  }

  #clustersInMemory(): string[] {
    return this.#cache
      .states()
      .filter(state => state.index)
      .map(state => state.source.name);
  }

  /**
   * Assesses the entities and stores the results: each entity's assessment,
   * and each cluster's part of it from the clusters in memory, so a later
   * process that cannot read a cluster still has what it said. Stored a
   * batch at a time (`STORE_BATCH`), with requests served in between.
   */
  async #assessAndSave(
    entities: Entity[],
    records: Map<string, ClusterRecord>,
  ): Promise<EntityAssessmentResponse[]> {
    const limit =
      this.#options.store.databaseEngine() === 'sqlite'
        ? STORE_BATCH.sqlite
        : STORE_BATCH.server;
    const responses: EntityAssessmentResponse[] = [];
    const pause = timeSlicer();
    let batch: EntityAssessment[] = [];
    let workloads = 0;
    for await (const assessment of this.#assessAll(entities, records, pause)) {
      batch.push(assessment);
      workloads += assessment.response.assessment?.workloads.length ?? 0;
      if (batch.length >= limit.entities || workloads >= limit.workloads) {
        responses.push(...(await this.#save(batch)));
        batch = [];
        workloads = 0;
        await pause();
      }
    }
    if (batch.length > 0) responses.push(...(await this.#save(batch)));
    return responses;
  }

  /** Stores assessed entities: their assessments and their parts per cluster. */
  async #save(
    assessed: EntityAssessment[],
  ): Promise<EntityAssessmentResponse[]> {
    const { store } = this.#options;
    const refs = assessed.map(a => a.response.entity.entityRef);
    await store.clusterResults.replace(
      refs,
      this.#clustersInMemory(),
      assessed.flatMap(a =>
        a.computed.map(part => ({
          entityRef: a.response.entity.entityRef,
          ...part,
        })),
      ),
      new Date(),
    );
    const responses = assessed.map(a => a.response);
    await store.assessments.save(responses);
    return responses;
  }

  /**
   * Assesses the entities one by one, pausing between entities and between
   * each entity's clusters so the backend keeps serving requests.
   */
  async *#assessAll(
    entities: Entity[],
    records: Map<string, ClusterRecord>,
    pause: Pause,
  ): AsyncGenerator<EntityAssessment> {
    const clusters = this.#cache.states();
    // Clusters this process has no data of: their parts come from the store.
    const unread = clusters
      .filter(state => !state.index)
      .map(state => state.source.name);
    // So are those of clusters with kinds never listed well in this process.
    const withStoredParts = clusters
      .filter(state => !state.index || state.partialRead?.unreadable.length)
      .map(state => state.source.name);
    const stored = withStoredParts.length
      ? await this.#options.store.clusterResults.load(
          entities.map(entity => stringifyEntityRef(entity)),
          withStoredParts,
        )
      : new Map();
    const context = {
      clusters,
      recommendation: this.#recommendationForServices(),
      targetMesh: this.#options.targetMesh,
      now: new Date(),
      storedResults: (ref: string) => stored.get(ref),
      everRead: new Set(unread.filter(name => records.get(name)?.lastReadAt)),
      resultsKnown: new Set(
        unread.filter(name => records.get(name)?.resultsAt),
      ),
    };
    for (const entity of entities) {
      await pause();
      let assessment: EntityAssessment | undefined;
      try {
        assessment = await assessEntityPartsInSlices(entity, context, pause);
      } catch (error) {
        // One odd entity must not cost the others their assessment.
        this.#options.logger.warn(
          `Could not assess ${stringifyEntityRef(entity)}: ${
            (error as Error).message
          }`,
        );
      }
      if (assessment) yield assessment;
    }
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

  async #readClusters(
    states: ClusterState[],
    stop?: AbortSignal,
  ): Promise<ScanClusterStatus[]> {
    const results: ScanClusterStatus[] = [];
    const queue = [...states];
    const concurrency = this.#options.readConcurrency ?? 4;
    const worker = async () => {
      // A stopped scan starts no further cluster; reads under way finish.
      for (
        let state = stop?.aborted ? undefined : queue.shift();
        state;
        state = stop?.aborted ? undefined : queue.shift()
      ) {
        results.push(await this.#readCluster(state));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  }

  /** Clusters that are configured but cannot be read: failed, with the reason. */
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

  async #locateClusters(): Promise<ScanClusterStatus[]> {
    const located = await this.#options.locateClusters();
    this.#cache.sync(located.sources);
    this.#located = true;
    return this.#reportUnreadableClusters(located.problems);
  }

  /**
   * Refuses, once, a read that lost too much next to the cluster's last good
   * read (kept in memory, or in the store across restarts): the last good
   * state stays, the cluster shows stale with the reason, and the next read
   * confirms the drop or refutes it.
   */
  async #doubtImplausibleRead(
    state: ClusterState,
    kindCounts: Record<string, number>,
  ): Promise<void> {
    const baseline =
      state.kindCounts ??
      (await this.#options.store.scans.clusterRecords()).get(state.source.name)
        ?.kindCounts;
    const doubt = implausibleDrop(
      baseline,
      kindCounts,
      this.#options.maxObjectDrop ?? 0.5,
    );
    if (!doubt) return;
    if (state.suspect) {
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

  async #readCluster(state: ClusterState): Promise<ScanClusterStatus> {
    const { source } = state;
    const attemptedAt = new Date();
    try {
      const snapshot = await source.read();
      const kindCounts = countKinds(snapshot.objects);
      await this.#doubtImplausibleRead(state, kindCounts);
      // Indexing the objects and building the cluster's workloads are the
      // largest pieces of work of a read: both are done in slices, with
      // requests served in between. The workloads are built here, one
      // cluster at a time, rather than all at once at the first entity.
      await yieldToEventLoop();
      const pause = timeSlicer();
      const { index, partialRead } = await this.#cache.recordRead(
        snapshot,
        kindCounts,
        pause,
      );
      await runInSlices(prepareWorkloadSelectionInSteps(index!), pause);
      await pause();
      const warnings = snapshot.warnings.map(w => w.message);
      await this.#options.store.scans.recordClusterAttempt({
        cluster: source.name,
        type: source.type,
        attemptedAt,
        readAt: snapshot.readAt,
        objectCount: snapshot.objects.length,
        kindCounts,
        warnings,
        ...(partialRead ? { error: partialRead.message } : {}),
      });
      if (warnings.length > 0) {
        this.#options.logger.warn(
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
      const updated = this.#cache.recordFailure(
        source.name,
        problem,
        attemptedAt,
      );
      await this.#options.store.scans.recordClusterAttempt({
        cluster: source.name,
        type: source.type,
        attemptedAt,
        error: problem.message,
        warnings: [],
      });
      this.#options.logger.warn(
        `Cluster ${source.name} could not be read (${problem.reason}): ${
          problem.message
        }${updated.index ? '; keeping its last good state, marked stale' : ''}`,
      );
      return {
        cluster: source.name,
        status: updated.index ? 'stale' : 'failed',
        error: problem.message,
      };
    }
  }
}
