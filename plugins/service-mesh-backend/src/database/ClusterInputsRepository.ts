import { Knex } from 'knex';
import { ClusterVersions } from '../clusters/types';

/**
 * A cluster's last full read as the next scan compares against it: the
 * versions of its objects and the fingerprints computed from them.
 */
export interface StoredClusterInputs {
  /** The scanner's fingerprint (configuration and versions) at that read. */
  scanner: string;
  versions: ClusterVersions;
  /** `serializeClusterFingerprints` of the read. */
  fingerprints: string;
  readAt: Date;
}

type ClusterInputsRow = {
  cluster: string;
  scanner_fingerprint: string;
  versions: string;
  fingerprints: string;
  read_at: Date | string;
};

/**
 * What each cluster's last full read held, by version, with its
 * fingerprints (`mesh_cluster_inputs`): any replica that finds the same
 * versions later skips reading the cluster's objects.
 */
export class ClusterInputsRepository {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  async load(cluster: string): Promise<StoredClusterInputs | undefined> {
    const row: ClusterInputsRow | undefined = await this.#knex(
      'mesh_cluster_inputs',
    )
      .where({ cluster })
      .first();
    if (!row) return undefined;
    return {
      scanner: row.scanner_fingerprint,
      versions: JSON.parse(row.versions),
      fingerprints: row.fingerprints,
      readAt: new Date(row.read_at),
    };
  }

  async save(cluster: string, inputs: StoredClusterInputs): Promise<void> {
    await this.#knex('mesh_cluster_inputs')
      .insert({
        cluster,
        scanner_fingerprint: inputs.scanner,
        versions: JSON.stringify(inputs.versions),
        fingerprints: inputs.fingerprints,
        read_at: inputs.readAt,
      })
      .onConflict('cluster')
      .merge();
  }
}
