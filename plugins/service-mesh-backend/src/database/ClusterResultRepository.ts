import { ServiceAssessment } from '@meshwise/backstage-plugin-service-mesh-common';
import { Knex } from 'knex';
import { chunks } from './rows';

/** One cluster's part of an entity's assessment. */
export interface ClusterResult {
  entityRef: string;
  cluster: string;
  assessment: ServiceAssessment;
}

/**
 * Each cluster's part of every entity's assessment, from that cluster's last
 * good read. When a cluster cannot be read (after a restart the scanner has
 * nothing of it in memory), its part comes from here, so the entity keeps
 * what that cluster last said. Only clusters where the entity has workloads
 * have a row.
 */
export class ClusterResultRepository {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  /**
   * Replaces the results of these entities in these clusters (the clusters
   * read well): rows for pairs absent from `results` are removed.
   */
  async replace(
    entityRefs: readonly string[],
    clusters: readonly string[],
    results: readonly ClusterResult[],
    assessedAt: Date,
  ): Promise<void> {
    if (entityRefs.length === 0 || clusters.length === 0) return;
    await this.#knex.transaction(async tx => {
      for (const batch of chunks(entityRefs)) {
        await tx('mesh_assessment_clusters')
          .whereIn('entity_ref', batch)
          .whereIn('cluster', clusters)
          .delete();
      }
      const rows = results.map(result => ({
        entity_ref: result.entityRef,
        cluster: result.cluster,
        assessment: JSON.stringify(result.assessment),
        assessed_at: assessedAt,
      }));
      // An upsert: a concurrent refresh of the same entity may have written
      // the row since this transaction's delete.
      for (const batch of chunks(rows, 100)) {
        await tx('mesh_assessment_clusters')
          .insert(batch)
          .onConflict(['entity_ref', 'cluster'])
          .merge(['assessment', 'assessed_at']);
      }
    });
  }

  /** The stored results of these entities in these clusters, by entity then cluster. */
  async load(
    entityRefs: readonly string[],
    clusters: readonly string[],
  ): Promise<Map<string, Map<string, ServiceAssessment>>> {
    const result = new Map<string, Map<string, ServiceAssessment>>();
    if (entityRefs.length === 0 || clusters.length === 0) return result;
    for (const batch of chunks(entityRefs)) {
      const rows: {
        entity_ref: string;
        cluster: string;
        assessment: string;
      }[] = await this.#knex('mesh_assessment_clusters')
        .select('entity_ref', 'cluster', 'assessment')
        .whereIn('entity_ref', batch)
        .whereIn('cluster', clusters);
      for (const row of rows) {
        let byCluster = result.get(row.entity_ref);
        if (!byCluster) {
          byCluster = new Map();
          result.set(row.entity_ref, byCluster);
        }
        byCluster.set(row.cluster, JSON.parse(row.assessment));
      }
    }
    return result;
  }

  /** Forgets the entities that left the catalog. */
  async removeAllExcept(entityRefs: ReadonlySet<string>): Promise<void> {
    const stored: { entity_ref: string }[] = await this.#knex(
      'mesh_assessment_clusters',
    ).distinct('entity_ref');
    const gone = stored
      .map(row => row.entity_ref)
      .filter(ref => !entityRefs.has(ref));
    for (const batch of chunks(gone)) {
      await this.#knex('mesh_assessment_clusters')
        .whereIn('entity_ref', batch)
        .delete();
    }
  }
}
