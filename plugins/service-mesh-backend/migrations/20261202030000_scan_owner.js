// @ts-check

/**
 * Who runs a scan and whether it is still alive: a scan records the instance
 * running it and a heartbeat, so a run whose process is gone (killed, out of
 * memory, node lost) is recognised and closed as failed instead of staying
 * `running` forever, and a replica never starts a scan while another one's
 * run is alive.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mesh_scan_runs', table => {
    table
      .string('owner', 255)
      .nullable()
      .comment('The backend instance running the scan (host, pid, random id)');
    table
      .timestamp('heartbeat_at', { useTz: true })
      .nullable()
      .comment('Last sign of life of a running scan; null before this column');
    table.index(['status'], 'mesh_scan_runs_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('mesh_scan_runs', table => {
    table.dropIndex(['status'], 'mesh_scan_runs_status_idx');
    table.dropColumn('heartbeat_at');
    table.dropColumn('owner');
  });
};
