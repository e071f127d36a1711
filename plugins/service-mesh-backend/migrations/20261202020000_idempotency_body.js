// @ts-check
const { createHash } = require('node:crypto');

/**
 * Idempotency keys are stored as the SHA-256 of `<creator>:<key>` (always 64
 * characters, whatever the key's length) next to the SHA-256 of the request
 * they created the task for, so a key reused for another request is refused
 * instead of replaying a task that does not match it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mesh_tasks', table => {
    table
      .string('idempotency_request_hash', 64)
      .nullable()
      .comment('SHA-256 of the request that created the task with its key');
  });
  const keyed = await knex('mesh_tasks')
    .select('id', 'idempotency_key')
    .whereNotNull('idempotency_key');
  for (const task of keyed) {
    await knex('mesh_tasks')
      .where({ id: task.id })
      .update({
        idempotency_key: createHash('sha256')
          .update(task.idempotency_key)
          .digest('hex'),
      });
  }
};

/**
 * Keys stored as hashes cannot be restored; they are dropped.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('mesh_tasks').update({ idempotency_key: null });
  await knex.schema.alterTable('mesh_tasks', table => {
    table.dropColumn('idempotency_request_hash');
  });
};
