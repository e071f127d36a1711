// @ts-check

/**
 * History of adoption: a row per entity whenever its stage or score changes,
 * and a daily roll-up of counts per stage (org-wide, per owner, per system),
 * so a year of trend for thousands of services stays small and fast.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_assessment_history', table => {
    table.comment('One row per entity each time its stage or score changes');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('stage', 32).notNullable();
    table.string('previous_stage', 32).nullable();
    table.integer('score').nullable();
    table.string('mesh', 32).nullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'recorded_at'], 'mesh_history_entity_time_idx');
  });

  await knex.schema.createTable('mesh_stage_daily', table => {
    table.comment('Counts of entities per stage per day, by dimension');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table.string('dimension', 16).notNullable().comment('all | owner | system');
    table.string('dimension_key', 255).notNullable().comment("'' for all");
    table.string('stage', 32).notNullable();
    table.integer('count').notNullable();
    table.primary(['day', 'dimension', 'dimension_key', 'stage']);
  });

  await knex.schema.createTable('mesh_clusters', table => {
    table.comment('Health of each cluster source, shared by every replica');
    table.string('cluster', 255).primary();
    table.string('type', 32).notNullable().comment('kubernetes | manifests');
    table.string('status', 32).notNullable().comment('ok | stale | failed');
    table.timestamp('last_read_at', { useTz: true }).nullable();
    table.timestamp('last_attempt_at', { useTz: true }).notNullable();
    table.integer('object_count').nullable();
    table.text('error').nullable();
    table.text('warnings').nullable().comment('JSON array of strings');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_clusters');
  await knex.schema.dropTable('mesh_stage_daily');
  await knex.schema.dropTable('mesh_assessment_history');
};
