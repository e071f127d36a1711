// @ts-check

/**
 * Scans whose work is proportional to change, split into shards of clusters
 * that replicas pick up.
 *
 * - Each cluster part of an entity's assessment keeps the fingerprints of
 *   its inputs (the cluster objects that can affect it, the scanner's
 *   configuration, the engine version) at two levels: the namespaces its
 *   workloads may be in (cheap to compare: no workload is built) and its
 *   workloads themselves (a change to another service of the namespace
 *   leaves it as it was). A part whose inputs are unchanged is not assessed
 *   again.
 * - Each entity's assessment keeps the fingerprint of what it was merged
 *   from (its configuration, its parts, its clusters' freshness); an entity
 *   whose fingerprint is unchanged is not merged again. Scan runs count
 *   those skipped, and mark them checked (`checked_at`): the Mesh tab says
 *   their data was found unchanged, not that it is as old as the
 *   assessment.
 * - A scan split into shards of clusters keeps which shards are due and
 *   which replica scans each (`mesh_scan_shards`): a free replica claims the
 *   next due shard, one at a time, and a claim whose replica stopped showing
 *   signs of life is taken over. A scan run says which shard it was.
 * - A read doubted as implausible is remembered in the store, so the next
 *   read confirms or refutes it on whichever replica runs it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('mesh_assessment_clusters', table => {
    table
      .string('inputs_fingerprint', 64)
      .nullable()
      .comment('Hash of the inputs, by namespace; null: assessed again');
    table
      .string('workload_inputs_fingerprint', 64)
      .nullable()
      .comment('Hash of the inputs, by workload');
  });
  await knex.schema.alterTable('mesh_assessments', table => {
    table
      .string('inputs_fingerprint', 64)
      .nullable()
      .comment(
        'Hash of the configuration, parts and cluster freshness it was merged from; null: merged again',
      );
    table
      .timestamp('checked_at', { useTz: true })
      .nullable()
      .comment(
        'When a scan last found its inputs unchanged, or it was stored (its assessed_at)',
      );
  });
  await knex.schema.alterTable('mesh_scan_runs', table => {
    table
      .integer('skipped_count')
      .nullable()
      .comment('Entities whose inputs were unchanged, so not assessed again');
    table
      .string('shard', 16)
      .nullable()
      .comment('The shard of clusters the run scanned, e.g. 2/4; null: all');
  });
  await knex.schema.createTable('mesh_scan_shards', table => {
    table.comment(
      'The shards of a scan split by serviceMesh.scan.shards: which are due, and which replica scans each',
    );
    table.string('shard', 16).primary().comment('e.g. 2/4');
    table
      .timestamp('requested_at', { useTz: true })
      .nullable()
      .comment('When a scan last asked for this shard');
    table
      .timestamp('done_at', { useTz: true })
      .nullable()
      .comment(
        'When the last completed run of it started: due while requested_at is later',
      );
    table
      .string('claimed_by', 255)
      .nullable()
      .comment('The replica scanning it');
    table.timestamp('claimed_at', { useTz: true }).nullable();
    table
      .timestamp('heartbeat_at', { useTz: true })
      .nullable()
      .comment('Last sign of life of the replica scanning it');
  });
  await knex.schema.alterTable('mesh_clusters', table => {
    table
      .timestamp('suspect_since', { useTz: true })
      .nullable()
      .comment(
        'A read was doubted as implausible: the next one confirms or refutes it',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('mesh_scan_shards');
  await knex.schema.alterTable('mesh_clusters', table => {
    table.dropColumn('suspect_since');
  });
  await knex.schema.alterTable('mesh_scan_runs', table => {
    table.dropColumn('shard');
    table.dropColumn('skipped_count');
  });
  await knex.schema.alterTable('mesh_assessments', table => {
    table.dropColumn('checked_at');
    table.dropColumn('inputs_fingerprint');
  });
  await knex.schema.alterTable('mesh_assessment_clusters', table => {
    table.dropColumn('workload_inputs_fingerprint');
    table.dropColumn('inputs_fingerprint');
  });
};
