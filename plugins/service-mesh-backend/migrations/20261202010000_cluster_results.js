// @ts-check

/**
 * What a restart must not forget: each cluster's own part of an entity's
 * assessment, and what the last good read of each cluster looked like. With
 * them a cluster that fails after a restart, or answers implausibly, keeps
 * its entities' results instead of erasing them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_assessment_clusters', table => {
    // No apostrophes in comments: knex does not escape them on PostgreSQL.
    table.comment(
      'The part of an entity assessment that one cluster gave, from its last good read',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('cluster', 255).notNullable();
    table.text('assessment').notNullable().comment('JSON ServiceAssessment');
    table.timestamp('assessed_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'cluster']);
    table.index(['cluster'], 'mesh_assessment_clusters_cluster_idx');
  });
  await knex.schema.alterTable('mesh_clusters', table => {
    table
      .text('kind_counts')
      .nullable()
      .comment('JSON: objects per kind in the last good read');
    table
      .timestamp('results_at', { useTz: true })
      .nullable()
      .comment(
        'When a scan last stored per-cluster results from a good read: from then on, no row means no workload there',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mesh_clusters', table => {
    table.dropColumn('results_at');
    table.dropColumn('kind_counts');
  });
  await knex.schema.dropTable('mesh_assessment_clusters');
};
