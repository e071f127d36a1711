/** What `--replicas` measured (`measureReplicas.ts`) and its table; its targets are in `targets.ts`. */
import knexFactory, { Knex } from 'knex';
import { POSTGRES } from './benchConfig';
import type { SizeName } from './fleet';
import { fmt, formatTable } from './table';

/** One replica's share of a scan; a killed one only has its runs. */
export interface ScanByReplica {
  replica: string;
  killed?: boolean;
  /** CPU time of the backend process over the scan. */
  cpuMs?: number;
  /** The longest its event loop was blocked during the scan. */
  longestStallMs?: number;
  /** Its highest RSS during the scan (sampled every 50 ms). */
  peakRssMb?: number;
  /** The runs it started, by status (a shard's clusters or merge each). */
  runsByStatus: Record<string, number>;
}

export interface ReplicaScan {
  what: string;
  /** From the trigger until every shard was done. */
  wallMs: number;
  /**
   * How busy the machine's cores were meanwhile (every process: replicas,
   * PostgreSQL, the fleet server): near 1, the scan was short of CPU.
   */
  machineBusyShare: number;
  /**
   * The machine's CPU time over the scan: all of it, and that of the fleet
   * server and of PostgreSQL (the replicas' is in `byReplica`).
   */
  machineCpuMs: { busy: number; fleetServer: number; postgres: number };
  /** Entities the merges found unchanged (`skippedCount`), of all merged. */
  unchangedShare: number;
  /**
   * What the fleet server served over the scan: the clusters read, in
   * requests and response bytes.
   */
  fleetApi: { requests: number; bytes: number };
  byReplica: ScanByReplica[];
  stored: {
    digest: Map<string, string>;
    rows: number;
    parts: number;
    distinctParts: number;
  };
}

export interface ReplicasResult {
  size: SizeName;
  fleet: { services: number; clusters: number };
  shards: number;
  heapMb: number;
  semiSpaceMb?: number;
  /** The fleet's objects carried a real API server's managedFields (`--managed-fields`). */
  managedFields?: boolean;
  scans: Omit<ReplicaScan, 'stored'>[];
  /**
   * Reading and parsing every list of the fleet and nothing else
   * (`parseFloor.ts`), in a process of its own: what no scan can go below.
   */
  floor?: { cpuMs: number; apiCalls: number };
  ratios: {
    /** CPU time of the scan of the unchanged fleet / the first scan's. */
    unchangedToFirstCpu: number;
    /** CPU time of the scan of the unchanged fleet / the floor's. */
    unchangedToFloorCpu?: number;
    /** CPU time of the scan with one pod changed in each cluster / the first scan's. */
    oneChangeToFirstCpu: number;
    /** Wall time of the full scan by two replicas / by one. */
    twoToOneWall: number;
  };
  /** From the trigger until replica B was killed. */
  killedAfterMs: number;
  /** The shard B was working on when killed. */
  killedDuring?: string;
  /** After each full scan: every service once, as the first scan had it. */
  checks: {
    what: string;
    assessments: number;
    duplicateParts: number;
    differences: string[];
    differenceCount: number;
  }[];
  expectedAssessments: number;
  /** maxRSS of each replica stopped at the end: its catalog ingestion too. */
  lifetimePeakRssMb: Record<string, number>;
  targets: { target: string; met: boolean; value: string }[];
}

/** The plugin's database, which the parent reads to follow the shards. */
export function meshwiseDatabase(database: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: { ...POSTGRES, database },
    pool: { min: 0, max: 2 },
  });
}

export function printReplicas(results: ReplicasResult[]) {
  for (const r of results) {
    const rows: string[][] = [
      [
        'scan',
        'wall',
        'machine busy',
        'fleet server, PostgreSQL CPU',
        'unchanged',
        'API calls, bytes',
        'replica',
        'CPU',
        'longest stall',
        'peak RSS',
        'runs',
      ],
    ];
    for (const scan of r.scans) {
      scan.byReplica.forEach((b, i) =>
        rows.push([
          i === 0 ? scan.what : '',
          i === 0 ? fmt.ms(scan.wallMs) : '',
          i === 0 ? `${Math.round(100 * scan.machineBusyShare)}%` : '',
          i === 0 && scan.machineCpuMs
            ? `${fmt.ms(scan.machineCpuMs.fleetServer)}, ${fmt.ms(
                scan.machineCpuMs.postgres,
              )}`
            : '',
          i === 0 ? `${Math.round(100 * scan.unchangedShare)}%` : '',
          i === 0 && scan.fleetApi
            ? `${fmt.int(scan.fleetApi.requests)}, ${fmt.bytes(
                scan.fleetApi.bytes,
              )}`
            : '',
          b.replica,
          b.killed ? 'killed' : fmt.ms(b.cpuMs),
          b.killed ? '-' : `${b.longestStallMs} ms`,
          b.killed ? '-' : fmt.mb(b.peakRssMb),
          Object.entries(b.runsByStatus)
            .map(([status, count]) => `${count} ${status}`)
            .join(', ') || '-',
        ]),
      );
    }
    console.log(
      `\n${r.size}: ${fmt.int(r.fleet.services)} services, ${
        r.fleet.clusters
      } clusters, ${r.shards} shards, heap ${r.heapMb} MB per replica${
        r.semiSpaceMb ? `, semi-space ${r.semiSpaceMb} MB` : ''
      }${r.managedFields ? ', objects with managedFields' : ''}`,
    );
    console.log(formatTable(rows));
    console.log(
      `lifetime peak RSS (catalog ingestion included): ${Object.entries(
        r.lifetimePeakRssMb,
      )
        .map(([name, rss]) => `${name} ${fmt.mb(rss)}`)
        .join(', ')}`,
    );
    console.log(
      `CPU against the first scan: the unchanged fleet ${fmt.ratio(
        r.ratios.unchangedToFirstCpu,
      )}, one pod changed in each cluster ${fmt.ratio(
        r.ratios.oneChangeToFirstCpu,
      )}`,
    );
    if (r.floor) {
      console.log(
        `reading and parsing every list alone: ${fmt.ms(
          r.floor.cpuMs,
        )} CPU in ${fmt.int(
          r.floor.apiCalls,
        )} calls; the scan of the unchanged fleet ${r.ratios.unchangedToFloorCpu?.toFixed(
          2,
        )}x that, the first scan ${(
          (r.ratios.unchangedToFloorCpu ?? 0) / r.ratios.unchangedToFirstCpu
        ).toFixed(2)}x`,
      );
    }
    console.log('\nTargets:');
    for (const t of r.targets) {
      console.log(`  ${t.met ? 'met ' : 'MISS'}  ${t.target}: ${t.value}`);
    }
  }
}
