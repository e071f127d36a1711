// @ts-check

/**
 * What each cluster's last full read held, by identity and version, with
 * the fingerprints computed from it (`mesh_cluster_inputs`). A later scan
 * reads only the versions of the cluster's objects (metadata lists): when
 * they are equal, the cluster holds exactly the objects of that read, so
 * its fingerprints stand and the full read is skipped.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_cluster_inputs', table => {
    table.comment(
      'The last full read of each cluster: the versions of its objects and the fingerprints computed from them',
    );
    table.string('cluster', 255).primary();
    table
      .string('scanner_fingerprint', 64)
      .notNullable()
      .comment(
        'The scanner configuration and versions they were computed with',
      );
    table
      .text('versions', 'longtext')
      .notNullable()
      .comment(
        'JSON: a digest per list of its objects names, uids and resourceVersions',
      );
    table
      .text('fingerprints', 'longtext')
      .notNullable()
      .comment(
        'JSON: the fingerprints of the read, by namespace, and its workload labels',
      );
    table.timestamp('read_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_cluster_inputs');
};
