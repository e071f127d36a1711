// @ts-check

/** Statuses of a task still to be worked on (ACTIVE_TASK_STATUSES in the common package). */
const ACTIVE = ['open', 'in-progress', 'blocked'];

/**
 * One active migration task per entity and target, as a database guarantee:
 * concurrent filings (one replica or several) cannot both insert. Tasks that
 * earlier versions filed twice are closed first, keeping the oldest, with a
 * resolution that names the task they duplicate.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const active = await knex('mesh_tasks')
    .select('id', 'entity_ref', 'target')
    .whereIn('status', ACTIVE)
    .orderBy([
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  /** @type {Map<string, string>} */
  const kept = new Map();
  for (const task of active) {
    const key = `${task.entity_ref}\u0000${task.target}`;
    const first = kept.get(key);
    if (!first) {
      kept.set(key, task.id);
      continue;
    }
    await knex('mesh_tasks')
      .where({ id: task.id })
      .update({
        status: 'wont-do',
        resolution: `Duplicate of task ${first}: closed when Meshwise began allowing one active task per service and target.`,
        updated_at: new Date(),
        version: knex.raw('version + 1'),
      });
  }
  // A partial unique index: the same statement on PostgreSQL and SQLite. DDL
  // takes no bound parameters, so the constant statuses are inlined.
  await knex.raw(
    `CREATE UNIQUE INDEX mesh_tasks_one_active_idx ON mesh_tasks (entity_ref, target) WHERE status IN (${ACTIVE.map(
      status => `'${status}'`,
    ).join(', ')})`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX mesh_tasks_one_active_idx');
};
