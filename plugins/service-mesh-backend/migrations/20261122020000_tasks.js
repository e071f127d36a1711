// @ts-check

/**
 * Migration tasks filed from the portal, with their comments.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('mesh_tasks', table => {
    table.comment('Migration tasks, tracked to done');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('target', 32).notNullable();
    table.string('title', 255).notNullable();
    table.text('description').notNullable();
    table.string('status', 16).notNullable();
    table.string('assignee', 255).nullable();
    table.string('due_date', 10).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.text('resolution').nullable();
    table.string('external_url', 1024).nullable();
    table.text('external_error').nullable();
    table
      .string('idempotency_key', 255)
      .nullable()
      .unique({ indexName: 'mesh_tasks_idempotency_key_idx' })
      .comment('Scoped by creator: <creator>:<Idempotency-Key>');
    table.index(['entity_ref', 'status'], 'mesh_tasks_entity_status_idx');
    table.index(['assignee', 'status'], 'mesh_tasks_assignee_status_idx');
  });

  await knex.schema.createTable('mesh_task_comments', table => {
    table.bigIncrements('id').primary();
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('mesh_tasks')
      .onDelete('CASCADE');
    table.string('author', 255).notNullable();
    table.text('body').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['task_id'], 'mesh_task_comments_task_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_task_comments');
  await knex.schema.dropTable('mesh_tasks');
};
