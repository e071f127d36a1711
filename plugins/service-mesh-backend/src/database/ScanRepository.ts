import { Knex } from 'knex';
import {
  ClusterHealth,
  ScanClusterStatus,
  ScanRun,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { isPostgres, toIso } from './rows';

/** The advisory lock replicas take turns on to start a scan (PostgreSQL). */
const SCAN_START_LOCK = 0x6d657368_02;

type ScanRunRow = {
  id: number | string;
  trigger: string;
  status: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  entity_count: number | null;
  assessed_count: number | null;
  clusters: string | null;
  error: string | null;
  owner?: string | null;
  heartbeat_at?: Date | string | number | null;
};

/** A run the store holds as `running`, and who runs it. */
export interface RunningScan {
  id: string;
  owner: string | null;
  startedAt: Date;
  /** The last sign of life (the start, for runs older than heartbeats). */
  lastSeenAt: Date;
}

type ClusterRow = {
  cluster: string;
  type: string;
  status: string;
  last_read_at: Date | string | null;
  last_attempt_at: Date | string;
  object_count: number | null;
  error: string | null;
  warnings: string | null;
  kind_counts?: string | null;
  results_at?: Date | string | null;
};

/** What the store remembers of a cluster's last good read, across restarts. */
export interface ClusterRecord {
  lastReadAt?: Date;
  /** Objects per kind in the last good read. */
  kindCounts?: Record<string, number>;
  /** Set once a scan stored per-cluster results from a good read of it. */
  resultsAt?: Date;
}

export interface ClusterHealthUpdate {
  cluster: string;
  type: ClusterHealth['type'];
  attemptedAt: Date;
  /** Set when this attempt read the cluster. */
  readAt?: Date;
  objectCount?: number;
  /** Objects per kind, for a good read (the baseline of plausibility checks). */
  kindCounts?: Record<string, number>;
  error?: string;
  warnings: string[];
}

/** Scan runs and per-cluster health, for operators. */
export class ScanRepository {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  async start(
    trigger: ScanRun['trigger'],
    startedAt: Date,
    owner: string | null = null,
  ): Promise<string> {
    return this.#insertRunning(this.#knex, trigger, startedAt, owner);
  }

  /**
   * Starts a run unless another run is alive (a sign of life after
   * `aliveSince`), and then answers that run instead. Replicas take turns
   * (an advisory lock on PostgreSQL; SQLite has one writer), so two of them
   * never both start.
   */
  async startExclusive(options: {
    trigger: ScanRun['trigger'];
    startedAt: Date;
    owner: string;
    aliveSince: Date;
  }): Promise<{ runId: string } | { blockedBy: RunningScan }> {
    return this.#knex.transaction(async tx => {
      if (isPostgres(this.#knex)) {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [SCAN_START_LOCK]);
      }
      const [alive] = await this.#running(tx, options.aliveSince);
      if (alive) return { blockedBy: alive };
      const runId = await this.#insertRunning(
        tx,
        options.trigger,
        options.startedAt,
        options.owner,
      );
      return { runId };
    });
  }

  /**
   * A running scan's sign of life. False when the run is no longer its
   * owner's to run (another instance closed it as abandoned): the scan must
   * stop, as another may start.
   */
  async heartbeat(runId: string, owner: string, at: Date): Promise<boolean> {
    const updated = await this.#knex('mesh_scan_runs')
      .where({ id: runId, owner, status: 'running' })
      .update({ heartbeat_at: at });
    return updated === 1;
  }

  /** The runs the store holds as running, oldest first. */
  async listRunning(): Promise<RunningScan[]> {
    return this.#running(this.#knex);
  }

  /**
   * Closes a run whose process is gone as failed, with the reason, unless
   * it showed a sign of life after `unlessSeenAfter` meanwhile.
   */
  async closeAbandoned(
    run: RunningScan,
    options: { unlessSeenAfter?: Date; finishedAt: Date; error: string },
  ): Promise<boolean> {
    const query = this.#knex('mesh_scan_runs').where({
      id: run.id,
      status: 'running',
    });
    if (options.unlessSeenAfter) {
      query.whereRaw('coalesce(heartbeat_at, started_at) < ?', [
        options.unlessSeenAfter,
      ]);
    }
    const updated = await query.update({
      status: 'failed',
      finished_at: options.finishedAt,
      error: options.error,
    });
    return updated === 1;
  }

  /** A scan that never started (cancelled while another run was alive). */
  async recordNotStarted(
    trigger: ScanRun['trigger'],
    at: Date,
    owner: string,
    error: string,
  ): Promise<string> {
    const [row] = await this.#knex('mesh_scan_runs')
      .insert({
        trigger,
        status: 'failed',
        started_at: at,
        finished_at: at,
        owner,
        error,
        clusters: JSON.stringify([]),
      })
      .returning('id');
    return String(typeof row === 'object' ? row.id : row);
  }

  async #insertRunning(
    knex: Knex,
    trigger: ScanRun['trigger'],
    startedAt: Date,
    owner: string | null,
  ): Promise<string> {
    const [row] = await knex('mesh_scan_runs')
      .insert({
        trigger,
        status: 'running',
        started_at: startedAt,
        owner,
        heartbeat_at: startedAt,
      })
      .returning('id');
    return String(typeof row === 'object' ? row.id : row);
  }

  async #running(knex: Knex, aliveSince?: Date): Promise<RunningScan[]> {
    const query = knex('mesh_scan_runs')
      .where({ status: 'running' })
      .orderBy('started_at', 'asc');
    if (aliveSince) {
      query.whereRaw('coalesce(heartbeat_at, started_at) >= ?', [aliveSince]);
    }
    const rows: ScanRunRow[] = await query;
    return rows.map(row => ({
      id: String(row.id),
      owner: row.owner ?? null,
      startedAt: new Date(row.started_at),
      lastSeenAt: new Date(row.heartbeat_at ?? row.started_at),
    }));
  }

  async finish(
    id: string,
    result: {
      status: Exclude<ScanRun['status'], 'running'>;
      finishedAt: Date;
      entityCount: number | null;
      assessedCount: number | null;
      clusters: ScanClusterStatus[];
      error?: string;
    },
  ): Promise<boolean> {
    // Only a run still running: one closed as abandoned meanwhile keeps
    // that reason (another scan may have run since).
    const updated = await this.#knex('mesh_scan_runs')
      .where({ id, status: 'running' })
      .update({
        status: result.status,
        finished_at: result.finishedAt,
        entity_count: result.entityCount,
        assessed_count: result.assessedCount,
        clusters: JSON.stringify(result.clusters),
        error: result.error ?? null,
      });
    return updated === 1;
  }

  async list(options: { limit: number }): Promise<ScanRun[]> {
    const rows: ScanRunRow[] = await this.#knex('mesh_scan_runs')
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit);
    return rows.map(row => ({
      id: String(row.id),
      trigger: row.trigger as ScanRun['trigger'],
      status: row.status as ScanRun['status'],
      startedAt: toIso(row.started_at)!,
      finishedAt: toIso(row.finished_at),
      entityCount: row.entity_count,
      assessedCount: row.assessed_count,
      clusters: row.clusters ? JSON.parse(row.clusters) : [],
      error: row.error,
    }));
  }

  /**
   * Records one attempt to read a cluster. A failed attempt keeps the time
   * and size of the last good read, so the cluster shows as stale, not empty.
   */
  async recordClusterAttempt(update: ClusterHealthUpdate): Promise<void> {
    const failed = update.readAt === undefined;
    const previous: ClusterRow | undefined = await this.#knex('mesh_clusters')
      .where({ cluster: update.cluster })
      .first();
    let status: ClusterHealth['status'] = 'ok';
    if (failed) status = previous?.last_read_at ? 'stale' : 'failed';
    const row: ClusterRow = {
      cluster: update.cluster,
      type: update.type,
      status,
      last_read_at: update.readAt ?? previous?.last_read_at ?? null,
      last_attempt_at: update.attemptedAt,
      object_count: update.objectCount ?? previous?.object_count ?? null,
      error: update.error ?? null,
      warnings: JSON.stringify(update.warnings),
      ...(update.kindCounts
        ? { kind_counts: JSON.stringify(update.kindCounts) }
        : {}),
    };
    await this.#knex('mesh_clusters').insert(row).onConflict('cluster').merge();
  }

  /** The last good read of every cluster the store has seen. */
  async clusterRecords(): Promise<Map<string, ClusterRecord>> {
    const rows: ClusterRow[] = await this.#knex('mesh_clusters').select(
      'cluster',
      'last_read_at',
      'kind_counts',
      'results_at',
    );
    return new Map(
      rows.map(row => [
        row.cluster,
        {
          ...(row.last_read_at
            ? { lastReadAt: new Date(row.last_read_at) }
            : {}),
          ...(row.kind_counts
            ? { kindCounts: JSON.parse(row.kind_counts) }
            : {}),
          ...(row.results_at ? { resultsAt: new Date(row.results_at) } : {}),
        },
      ]),
    );
  }

  /** A scan stored the per-cluster results of these clusters' good reads. */
  async markResultsStored(clusters: string[], at: Date): Promise<void> {
    if (clusters.length === 0) return;
    await this.#knex('mesh_clusters')
      .whereIn('cluster', clusters)
      .update({ results_at: at });
  }

  async listClusters(): Promise<ClusterHealth[]> {
    const rows: ClusterRow[] = await this.#knex('mesh_clusters').orderBy(
      'cluster',
    );
    return rows.map(row => ({
      cluster: row.cluster,
      type: row.type as ClusterHealth['type'],
      status: row.status as ClusterHealth['status'],
      lastReadAt: toIso(row.last_read_at),
      lastAttemptAt: toIso(row.last_attempt_at),
      objectCount: row.object_count,
      ...(row.error ? { error: row.error } : {}),
      warnings: row.warnings ? JSON.parse(row.warnings) : [],
    }));
  }
}
