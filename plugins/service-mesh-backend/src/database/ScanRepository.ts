import { Knex } from 'knex';
import {
  ClusterHealth,
  ScanClusterStatus,
  ScanRun,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { isPostgres, toIso } from './rows';

/** The advisory lock replicas take turns on to start a scan (PostgreSQL). */
const SCAN_START_LOCK = 0x6d657368_02;

/** The advisory lock replicas take turns on to claim a shard (PostgreSQL). */
const SHARD_CLAIM_LOCK = 0x6d657368_03;

type ScanRunRow = {
  id: number | string;
  trigger: string;
  status: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  entity_count: number | null;
  assessed_count: number | null;
  skipped_count?: number | null;
  clusters: string | null;
  error: string | null;
  owner?: string | null;
  heartbeat_at?: Date | string | number | null;
  shard?: string | null;
};

/** A run the store holds as `running`, and who runs it. */
export interface RunningScan {
  id: string;
  owner: string | null;
  startedAt: Date;
  /** The last sign of life (the start, for runs older than heartbeats). */
  lastSeenAt: Date;
  /** `2/4`; null for a scan of every cluster. */
  shard: string | null;
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
  suspect_since?: Date | string | null;
};

/** What the store remembers of a cluster's last good read, across restarts. */
export interface ClusterRecord {
  lastReadAt?: Date;
  /** Objects per kind in the last good read. */
  kindCounts?: Record<string, number>;
  /** Set once a scan stored per-cluster results from a good read of it. */
  resultsAt?: Date;
  /** The health of the last attempt: `ok` (read, maybe partially), `stale` or `failed`. */
  status?: ClusterHealth['status'];
  /** Why the last attempt failed, or what a partial read could not list. */
  error?: string;
  /** Set while the last read is doubted as implausible. */
  suspectSince?: Date;
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
    shard: string | null = null,
  ): Promise<string> {
    return this.#insertRunning(this.#knex, trigger, startedAt, owner, shard);
  }

  /**
   * Starts a run unless another run of the same shard is alive (a sign of
   * life after `aliveSince`), and then answers that run instead. Replicas
   * take turns (an advisory lock on PostgreSQL; SQLite has one writer), so
   * two of them never both start one shard. Runs of different shards run
   * side by side.
   */
  async startExclusive(options: {
    trigger: ScanRun['trigger'];
    startedAt: Date;
    owner: string;
    aliveSince: Date;
    /** `2/4`; null (the default) for a scan of every cluster. */
    shard?: string | null;
  }): Promise<{ runId: string } | { blockedBy: RunningScan }> {
    const shard = options.shard ?? null;
    return this.#knex.transaction(async tx => {
      if (isPostgres(this.#knex)) {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [SCAN_START_LOCK]);
      }
      const [alive] = (await this.#running(tx, options.aliveSince)).filter(
        run => run.shard === shard,
      );
      if (alive) return { blockedBy: alive };
      const runId = await this.#insertRunning(
        tx,
        options.trigger,
        options.startedAt,
        options.owner,
        shard,
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

  /** Asks for a scan of these shards (`2/4`...): each is due until a run of it completes. */
  async requestShards(shards: readonly string[], at: Date): Promise<void> {
    if (shards.length === 0) return;
    await this.#knex('mesh_scan_shards')
      .insert(shards.map(shard => ({ shard, requested_at: at })))
      .onConflict('shard')
      .merge(['requested_at']);
  }

  /**
   * Claims the longest-waiting due shard for `owner`, if any: one asked for
   * since its last completed run, and not claimed by a replica alive (a
   * sign of life since `aliveSince`). Shards of clusters come first; a
   * shard of entities to merge (`merge 2/4`) only once no shard of clusters
   * is due or under way, so that merges see every cluster's parts. Replicas
   * take turns (an advisory lock on PostgreSQL; SQLite has one writer), so
   * a shard is never claimed twice.
   */
  async claimShard(
    owner: string,
    at: Date,
    aliveSince: Date,
  ): Promise<{ shard: string; requestedAt: Date } | undefined> {
    return this.#knex.transaction(async tx => {
      if (isPostgres(this.#knex)) {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [SHARD_CLAIM_LOCK]);
      }
      const [due]: { shard: string; requested_at: Date | string }[] = await tx(
        'mesh_scan_shards',
      )
        .select('shard', 'requested_at')
        .whereNotNull('requested_at')
        .where(inner =>
          inner.whereNull('done_at').orWhereRaw('requested_at > done_at'),
        )
        .where(inner =>
          inner
            .whereNull('claimed_by')
            .orWhere('heartbeat_at', '<', aliveSince),
        )
        .where(inner =>
          inner.whereNot('shard', 'like', 'merge %').orWhereNotExists(
            tx('mesh_scan_shards as clusters')
              .select(tx.raw('1'))
              .whereNot('clusters.shard', 'like', 'merge %')
              .whereNotNull('clusters.requested_at')
              .where(pending =>
                pending
                  .whereNull('clusters.done_at')
                  .orWhereRaw('clusters.requested_at > clusters.done_at'),
              ),
          ),
        )
        .orderByRaw("case when shard like 'merge %' then 1 else 0 end")
        .orderBy('requested_at', 'asc')
        .orderBy('shard', 'asc')
        .limit(1);
      if (!due) return undefined;
      await tx('mesh_scan_shards').where({ shard: due.shard }).update({
        claimed_by: owner,
        claimed_at: at,
        heartbeat_at: at,
      });
      return { shard: due.shard, requestedAt: new Date(due.requested_at) };
    });
  }

  /** Whether any shard is due (claimed or not). */
  async shardsDue(): Promise<boolean> {
    const [due] = await this.#knex('mesh_scan_shards')
      .select('shard')
      .whereNotNull('requested_at')
      .where(inner =>
        inner.whereNull('done_at').orWhereRaw('requested_at > done_at'),
      )
      .limit(1);
    return Boolean(due);
  }

  /** A sign of life of the replica scanning a shard; false when it is no longer its. */
  async heartbeatShard(shard: string, owner: string, at: Date) {
    const updated = await this.#knex('mesh_scan_shards')
      .where({ shard, claimed_by: owner })
      .update({ heartbeat_at: at });
    return updated === 1;
  }

  /**
   * Gives a claimed shard back: `done` when its run completed (then it is
   * due again only when asked for after the run started), else it stays due
   * for the next free replica.
   */
  async releaseShard(
    shard: string,
    owner: string,
    done: boolean,
  ): Promise<void> {
    await this.#knex('mesh_scan_shards')
      .where({ shard, claimed_by: owner })
      .update({
        claimed_by: null,
        heartbeat_at: null,
        ...(done ? { done_at: this.#knex.ref('claimed_at') } : {}),
      });
  }

  /** A scan that never started (cancelled while another run was alive). */
  async recordNotStarted(
    trigger: ScanRun['trigger'],
    at: Date,
    owner: string,
    error: string,
    shard: string | null = null,
  ): Promise<string> {
    const [row] = await this.#knex('mesh_scan_runs')
      .insert({
        trigger,
        status: 'failed',
        started_at: at,
        finished_at: at,
        owner,
        error,
        shard,
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
    shard: string | null,
  ): Promise<string> {
    const [row] = await knex('mesh_scan_runs')
      .insert({
        trigger,
        status: 'running',
        started_at: startedAt,
        owner,
        heartbeat_at: startedAt,
        shard,
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
      shard: row.shard ?? null,
    }));
  }

  async finish(
    id: string,
    result: {
      status: Exclude<ScanRun['status'], 'running'>;
      finishedAt: Date;
      entityCount: number | null;
      assessedCount: number | null;
      /** Entities whose inputs were unchanged: not assessed again. */
      skippedCount?: number | null;
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
        skipped_count: result.skippedCount ?? null,
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
      skippedCount: row.skipped_count ?? null,
      shard: row.shard ?? null,
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
      'status',
      'error',
      'last_read_at',
      'kind_counts',
      'results_at',
      'suspect_since',
    );
    return new Map(
      rows.map(row => [
        row.cluster,
        {
          status: row.status as ClusterHealth['status'],
          ...(row.error ? { error: row.error } : {}),
          ...(row.last_read_at
            ? { lastReadAt: new Date(row.last_read_at) }
            : {}),
          ...(row.kind_counts
            ? { kindCounts: JSON.parse(row.kind_counts) }
            : {}),
          ...(row.results_at ? { resultsAt: new Date(row.results_at) } : {}),
          ...(row.suspect_since
            ? { suspectSince: new Date(row.suspect_since) }
            : {}),
        },
      ]),
    );
  }

  /**
   * Remembers (or forgets, with null) that the cluster's last read was
   * doubted: the next read, on any replica, confirms or refutes it.
   */
  async markSuspect(cluster: string, since: Date | null): Promise<void> {
    await this.#knex('mesh_clusters')
      .where({ cluster })
      .update({ suspect_since: since });
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
