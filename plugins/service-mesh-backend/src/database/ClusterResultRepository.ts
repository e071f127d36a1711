import { ServiceAssessment } from '@meshwise/backstage-plugin-service-mesh-common';
import { Knex } from 'knex';
import { chunks, lockEntities, rowBatches } from './rows';

/** One cluster's part of an entity's assessment. */
export interface ClusterResult {
  entityRef: string;
  cluster: string;
  assessment: ServiceAssessment;
  /** The fingerprints of the inputs it was computed from, when known. */
  inputs?: string;
  workloadInputs?: string;
}

/** The fingerprints a stored part was computed from, and when. */
export interface PartInputs {
  inputs?: string;
  workloadInputs?: string;
  assessedAt: Date;
}

/** What a scan found changed of one cluster's parts, stored together. */
export interface PartChanges {
  /** New or changed parts. */
  upserts: ClusterResult[];
  /** Entities with no workload in the cluster any more. */
  deletes: string[];
  /** Parts found unchanged by workload whose namespaces changed: their new fingerprint. */
  inputs: { entityRef: string; inputs: string; workloadInputs: string }[];
}

type PartRow = {
  entity_ref: string;
  cluster: string;
  assessment: string;
  assessed_at?: Date | string;
  inputs_fingerprint?: string | null;
  workload_inputs_fingerprint?: string | null;
};

/**
 * Each cluster's part of every entity's assessment, from that cluster's last
 * good read, with the fingerprints of its inputs. A scan stores a cluster's
 * parts as it reads it, and merges each entity from its stored parts; a
 * cluster that cannot be read keeps contributing what it last said. Only
 * clusters where the entity has workloads have a row.
 */
export class ClusterResultRepository {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  /**
   * Stores one cluster's changed parts in one transaction. Idempotent: the
   * same changes stored twice (a run picked up again after its replica
   * died) leave the same rows. On PostgreSQL the entities are locked
   * (`lockEntities`) so that a merge never stores an assessment from parts
   * older than these.
   */
  async write(
    cluster: string,
    changes: PartChanges,
    assessedAt: Date,
  ): Promise<void> {
    const refs = [
      ...changes.upserts.map(part => part.entityRef),
      ...changes.deletes,
      ...changes.inputs.map(update => update.entityRef),
    ];
    if (refs.length === 0) return;
    await this.#knex.transaction(async tx => {
      await lockEntities(tx, refs);
      for (const batch of chunks(changes.deletes)) {
        await tx('mesh_assessment_clusters')
          .where({ cluster })
          .whereIn('entity_ref', batch)
          .delete();
      }
      const batches = rowBatches(
        changes.upserts,
        part => ({
          entity_ref: part.entityRef,
          cluster,
          assessment: JSON.stringify(part.assessment),
          assessed_at: assessedAt,
          inputs_fingerprint: part.inputs ?? null,
          workload_inputs_fingerprint: part.workloadInputs ?? null,
        }),
        row => row.assessment,
        { maxRows: 100 },
      );
      for await (const { rows: batch } of batches) {
        await tx('mesh_assessment_clusters')
          .insert(batch)
          .onConflict(['entity_ref', 'cluster'])
          .merge([
            'assessment',
            'assessed_at',
            'inputs_fingerprint',
            'workload_inputs_fingerprint',
          ]);
      }
      for (const update of changes.inputs) {
        await tx('mesh_assessment_clusters')
          .where({
            entity_ref: update.entityRef,
            cluster,
            workload_inputs_fingerprint: update.workloadInputs,
          })
          .update({ inputs_fingerprint: update.inputs });
      }
    });
  }

  /** The fingerprints of the stored parts of these entities in one cluster. */
  async inputsIn(
    cluster: string,
    entityRefs: readonly string[],
  ): Promise<Map<string, PartInputs>> {
    const result = new Map<string, PartInputs>();
    for (const batch of chunks(entityRefs)) {
      const rows: PartRow[] = await this.#knex('mesh_assessment_clusters')
        .select(
          'entity_ref',
          'assessed_at',
          'inputs_fingerprint',
          'workload_inputs_fingerprint',
        )
        .where({ cluster })
        .whereIn('entity_ref', batch);
      for (const row of rows) {
        result.set(row.entity_ref, {
          ...(row.inputs_fingerprint ? { inputs: row.inputs_fingerprint } : {}),
          ...(row.workload_inputs_fingerprint
            ? { workloadInputs: row.workload_inputs_fingerprint }
            : {}),
          assessedAt: new Date(row.assessed_at!),
        });
      }
    }
    return result;
  }

  /**
   * Which clusters hold a part of each entity, with the workload-level
   * fingerprint of each (null for a part stored before fingerprints).
   */
  async partsOf(
    entityRefs: readonly string[],
    tx: Knex | Knex.Transaction = this.#knex,
  ): Promise<Map<string, Map<string, string | null>>> {
    const result = new Map<string, Map<string, string | null>>();
    for (const batch of chunks(entityRefs)) {
      const rows: PartRow[] = await tx('mesh_assessment_clusters')
        .select('entity_ref', 'cluster', 'workload_inputs_fingerprint')
        .whereIn('entity_ref', batch);
      for (const row of rows) {
        let byCluster = result.get(row.entity_ref);
        if (!byCluster) {
          byCluster = new Map();
          result.set(row.entity_ref, byCluster);
        }
        byCluster.set(row.cluster, row.workload_inputs_fingerprint ?? null);
      }
    }
    return result;
  }

  /** The clusters holding a part of each entity, for every stored part. */
  async clustersByEntity(): Promise<Map<string, Set<string>>> {
    const rows: PartRow[] = await this.#knex('mesh_assessment_clusters').select(
      'entity_ref',
      'cluster',
    );
    const result = new Map<string, Set<string>>();
    for (const row of rows) {
      let clusters = result.get(row.entity_ref);
      if (!clusters) {
        clusters = new Set();
        result.set(row.entity_ref, clusters);
      }
      clusters.add(row.cluster);
    }
    return result;
  }

  /** The stored results of these entities in these clusters, by entity then cluster. */
  async load(
    entityRefs: readonly string[],
    clusters: readonly string[],
  ): Promise<Map<string, Map<string, ServiceAssessment>>> {
    const result = new Map<string, Map<string, ServiceAssessment>>();
    if (entityRefs.length === 0 || clusters.length === 0) return result;
    for (const batch of chunks(entityRefs)) {
      const rows: PartRow[] = await this.#knex('mesh_assessment_clusters')
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
