/**
 * Measurement 1, in a child process of its own: a full Meshwise scan by the
 * real plugin (scheduled task `service-mesh-scan`) of every catalog service
 * against every cluster, stored in SQLite, then a second one, as every
 * scheduled scan after the first runs: with the previous state of the
 * clusters still in memory and every assessment already stored. Reports the
 * wall time of each and the process's peak RSS over both; the parent reads
 * the API calls and bytes from the fleet server's counters (both scans).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDatabase, startBenchBackend } from './backend';
import { fleetEntities, planFleet } from './fleet';
import { fail, finish, mb, peakRssMb, readArgs } from './measureArgs';

export interface MeshwiseScanResult {
  /** Scans run (each reads every cluster). */
  scans: number;
  /** The first scan. */
  wallMs: number;
  /** The second scan, with the first one's state in memory. */
  secondWallMs: number;
  /** Peak RSS of the process over both scans. */
  peakRssMb: number;
  /** Peak RSS during the first scan. */
  firstScanPeakRssMb: number;
  /**
   * The longest the event loop was blocked during the first scan: how long
   * a request to the same backend could wait behind it.
   */
  longestStallMs: number;
  /** RSS with the backend started and the catalog loaded, before the scan. */
  rssBeforeScanMb: number;
  /** Heap in use before the scan, after a full GC. */
  heapBeforeScanMb: number;
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
  const { rss, heapUsed } = process.memoryUsage();
  const rssBeforeScanMb = mb(rss);
  const heapBeforeScanMb = mb(heapUsed);
  const timed = async () => {
    const started = process.hrtime.bigint();
    await backend.scan();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const wallMs = await timed();
  stalls.disable();
  const firstScanPeakRssMb = peakRssMb();
  global.gc?.();
  const retainedHeapMb = mb(process.memoryUsage().heapUsed);
  const secondWallMs = await timed();

  const [run] = await db.knex('mesh_scan_runs').orderBy('id', 'desc').limit(1);
  const rows: { entity_ref: string; stage: string; score: number | null }[] =
    await db.knex('mesh_assessments').select('entity_ref', 'stage', 'score');
  const totals: Record<string, number> = {};
  for (const row of rows) totals[row.stage] = (totals[row.stage] ?? 0) + 1;
  const result: MeshwiseScanResult = {
    scans: 2,
    wallMs,
    secondWallMs,
    peakRssMb: peakRssMb(),
    firstScanPeakRssMb,
    longestStallMs: Math.round(stalls.max / 1e6),
    rssBeforeScanMb,
    heapBeforeScanMb,
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
