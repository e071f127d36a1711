import { Knex } from 'knex';
import {
  ClusterHealth,
  ScanClusterStatus,
  ScanRun,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { toIso } from './rows';

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
};

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

  async start(trigger: ScanRun['trigger'], startedAt: Date): Promise<string> {
    const [row] = await this.#knex('mesh_scan_runs')
      .insert({ trigger, status: 'running', started_at: startedAt })
      .returning('id');
    return String(typeof row === 'object' ? row.id : row);
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
  ): Promise<void> {
    await this.#knex('mesh_scan_runs')
      .where({ id })
      .update({
        status: result.status,
        finished_at: result.finishedAt,
        entity_count: result.entityCount,
        assessed_count: result.assessedCount,
        clusters: JSON.stringify(result.clusters),
        error: result.error ?? null,
      });
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
