/**
 * Measurement 1, in a child process of its own: a full Meshwise scan by the
 * real plugin (scheduled task `service-mesh-scan`) of every catalog service
 * against every cluster, stored in SQLite. Reports the wall time of the scan
 * task and the process's peak RSS; the parent reads the API calls and bytes
 * from the fleet server's counters.
 */
import { createDatabase, startBenchBackend } from './backend';
import { fleetEntities, planFleet } from './fleet';
import { fail, finish, mb, peakRssMb, readArgs } from './measureArgs';

export interface MeshwiseScanResult {
  wallMs: number;
  peakRssMb: number;
  /** RSS with the backend started and the catalog loaded, before the scan. */
  rssBeforeScanMb: number;
  /** Heap still in use after the scan and a full GC (the clusters' state). */
  retainedHeapMb: number;
  entityCount: number;
  totals: Record<string, number>;
  scanStatus: string;
  digest?: Record<string, string>;
}

async function main() {
  const args = readArgs();
  const entities = fleetEntities(planFleet(args.spec));
  const db = await createDatabase('sqlite');
  const backend = await startBenchBackend({
    knex: db.knex,
    entities,
    clusters: args.clusters,
    token: args.token,
  });
  global.gc?.();
  const rssBeforeScanMb = mb(process.memoryUsage().rss);
  const started = process.hrtime.bigint();
  await backend.scan();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const peak = peakRssMb();
  global.gc?.();
  const retainedHeapMb = mb(process.memoryUsage().heapUsed);

  const [run] = await db.knex('mesh_scan_runs').orderBy('id', 'desc').limit(1);
  const rows: { entity_ref: string; stage: string; score: number | null }[] =
    await db.knex('mesh_assessments').select('entity_ref', 'stage', 'score');
  const totals: Record<string, number> = {};
  for (const row of rows) totals[row.stage] = (totals[row.stage] ?? 0) + 1;
  const result: MeshwiseScanResult = {
    wallMs,
    peakRssMb: peak,
    rssBeforeScanMb,
    retainedHeapMb,
    entityCount: rows.length,
    totals,
    scanStatus: run?.status,
    ...(args.digest
      ? {
          digest: Object.fromEntries(
            rows.map(r => [r.entity_ref, `${r.stage}/${r.score ?? '-'}`]),
          ),
        }
      : {}),
  };
  await backend.stop();
  await db.drop();
  finish(result);
}

if (require.main === module) main().catch(fail);
