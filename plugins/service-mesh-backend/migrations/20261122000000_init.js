// @ts-check

/**
 * The plugin's first tables: scan runs and the current assessment per entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_scan_runs', table => {
    table.comment('One row per scan of the catalog against the clusters');
    table.bigIncrements('id').primary();
    table.string('trigger', 32).notNullable().comment('schedule | refresh');
    table
      .string('status', 32)
      .notNullable()
      .comment('running | succeeded | partial | failed');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('entity_count').nullable();
    table.integer('assessed_count').nullable();
    table
      .text('clusters')
      .nullable()
      .comment('JSON: per-cluster status and errors');
    table.text('error').nullable();
    table.index(['started_at'], 'mesh_scan_runs_started_at_idx');
  });

  await knex.schema.createTable('mesh_assessments', table => {
    table.comment('The latest good assessment of each catalog entity');
    table.string('entity_ref', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('title', 255).nullable();
    table.string('stage', 32).notNullable();
    table.string('mesh', 32).nullable();
    table.integer('score').nullable();
    table.integer('blocking_count').notNullable().defaultTo(0);
    table.text('assessment').notNullable().comment('JSON: the full assessment');
    table.timestamp('assessed_at', { useTz: true }).notNullable();
    table.index(['owner'], 'mesh_assessments_owner_idx');
    table.index(['system'], 'mesh_assessments_system_idx');
    table.index(['stage'], 'mesh_assessments_stage_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_assessments');
  await knex.schema.dropTable('mesh_scan_runs');
};
