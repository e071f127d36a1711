// @ts-check

/**
 * The scorecard's default order (by name, then entity ref) from an index.
 * Each row of mesh_assessments carries its whole assessment as JSON, so a
 * table scan reads thousands of large rows: with this index the first page
 * of a 10,000-service scorecard reads 50 of them instead of sorting all.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mesh_assessments', table => {
    table.index(['name', 'entity_ref'], 'mesh_assessments_name_ref_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mesh_assessments', table => {
    table.dropIndex(['name', 'entity_ref'], 'mesh_assessments_name_ref_idx');
  });
};
