/**
 * `--replicas`: the scan shared out across replicas, and its work
 * proportional to change, on real backends (`realPathBackend.ts`: catalog,
 * auth, permission, Meshwise) sharing one PostgreSQL database, with
 * `serviceMesh.scan.shards` set (`--shards`) and each replica's heap capped
 * as a 512 MB container would (`--heap-mb`). In one run, against one fleet
 * server:
 *
 * 1. Replica A alone: the catalog ingests the fleet, a first scan, then a
 *    scan of the unchanged fleet (its CPU time against the first's, and
 *    against reading and parsing every list alone, `parseFloor.ts`), then a
 *    scan once one pod has changed in each cluster (a container restarted,
 *    as in a steady fleet between scans; its CPU time against the first's).
 * 2. Meshwise's stored state cleared: a full scan by A alone.
 * 3. Replica B started beside A, the state cleared: a full scan by both.
 * 4. The state cleared: a full scan by both, B killed (SIGKILL) once it
 *    has claimed a shard and worked on it; A completes the scan alone.
 *
 * After each full scan, every service is assessed exactly once, with the
 * stage and score of the first scan.
 */
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Child, startChild } from './child';
import { fleetSpec, SizeName } from './fleet';
import { withFleet } from './fleetSession';
import { Options } from './options';
import type { ParseFloorResult } from './parseFloor';
import { machineCpu, postgresCpuMs, processCpuMs } from './processCpu';
import type {
  RealPathBackendArgs,
  RealPathBackendReady,
} from './realPathBackend';
import {
  apiClient,
  freePort,
  guestToken,
  postgresAdmin,
  until,
} from './realPathSession';
import {
  meshwiseDatabase,
  ReplicaScan,
  ReplicasResult,
  ScanByReplica,
} from './replicasResult';
import { fmt } from './table';
import { replicasTargets } from './targets';

const PLUGIN_DATABASE = 'service-mesh';

/** What a scan writes: cleared for a scan to start from nothing. */
const STORED_STATE = [
  'mesh_assessment_clusters',
  'mesh_assessments',
  'mesh_clusters',
  'mesh_cluster_inputs',
];

interface Replica {
  name: string;
  child: Child;
  pid: number;
  baseUrl: string;
  logFile: string;
  killed?: boolean;
  /** CPU time so far; the longest stall and highest RSS since the last call. */
  sample(): Promise<{
    cpuMs: number;
    longestStallMs: number;
    peakRssMb: number;
  }>;
}

async function startReplica(
  name: string,
  args: RealPathBackendArgs,
  heap: { heapMb: number; semiSpaceMb?: number },
): Promise<Replica> {
  const logFile = path.join(
    os.tmpdir(),
    `meshwise-bench-replica-${name}-${process.pid}.log`,
  );
  const logFd = fs.openSync(logFile, 'w');
  const child = startChild('realPathBackend.ts', [JSON.stringify(args)], {
    execArgv: [
      '--expose-gc',
      `--max-old-space-size=${heap.heapMb}`,
      ...(heap.semiSpaceMb
        ? [`--max-semi-space-size=${heap.semiSpaceMb}`]
        : []),
    ],
    stdout: logFd,
  });
  child.exited.then(() => fs.closeSync(logFd));
  const ready = await child.next<RealPathBackendReady>('ready');
  return {
    name,
    child,
    pid: child.process.pid!,
    baseUrl: ready.baseUrl,
    logFile,
    async sample() {
      child.send({ type: 'cpu' });
      const answer = await child.next<{
        usage: NodeJS.CpuUsage;
        longestStallMs: number;
        peakRssSinceMb: number;
      }>('cpu');
      return {
        cpuMs: (answer.usage.user + answer.usage.system) / 1000,
        longestStallMs: answer.longestStallMs,
        peakRssMb: answer.peakRssSinceMb,
      };
    },
  };
}

/** Where the shards of the scan are: all done (none due, none claimed) or not. */
async function shardsState(db: Knex) {
  const rows: {
    requested_at: Date | null;
    done_at: Date | null;
    claimed_by: string | null;
  }[] = await db('mesh_scan_shards').select(
    'requested_at',
    'done_at',
    'claimed_by',
  );
  const due = rows.filter(
    r => r.requested_at && (!r.done_at || r.requested_at > r.done_at),
  );
  return {
    rows,
    oldestRequest: rows.length
      ? Math.min(...rows.map(r => r.requested_at?.getTime() ?? 0))
      : 0,
    done: due.length === 0 && rows.every(r => !r.claimed_by),
  };
}

/** Every service's `stage/score`, and the counts that show nothing twice. */
async function storedDigest(db: Knex) {
  const rows: { entity_ref: string; stage: string; score: number | null }[] =
    await db('mesh_assessments').select('entity_ref', 'stage', 'score');
  const [{ parts, distinctParts }] = await db('mesh_assessment_clusters')
    .count({ parts: '*' })
    .countDistinct({
      distinctParts: db.raw("entity_ref || '|' || cluster"),
    });
  return {
    digest: new Map(
      rows.map(r => [r.entity_ref, `${r.stage}/${r.score ?? '-'}`]),
    ),
    rows: rows.length,
    parts: Number(parts),
    distinctParts: Number(distinctParts),
  };
}

function digestDifferences(
  reference: Map<string, string>,
  digest: Map<string, string>,
): string[] {
  const differences: string[] = [];
  for (const [ref, value] of reference) {
    const other = digest.get(ref);
    if (other !== value)
      differences.push(`${ref}: ${value} -> ${other ?? 'missing'}`);
  }
  for (const ref of digest.keys()) {
    if (!reference.has(ref)) differences.push(`${ref}: unexpected`);
  }
  return differences;
}

export async function measureReplicas(
  size: SizeName,
  options: Options,
): Promise<ReplicasResult> {
  const spec = {
    ...fleetSpec(size, options.seed),
    managedFields: options.managedFields,
  };
  const log = (message: string) =>
    process.stderr.write(`[bench replicas ${size}] ${message}\n`);
  return withFleet(size, spec, options, log, async session => {
    const admin = await postgresAdmin();
    const databasePrefix = `meshwise_bench_rep_${randomBytes(4).toString(
      'hex',
    )}_`;
    const backendArgs = async (): Promise<RealPathBackendArgs> => ({
      spec,
      clusters: session.ready.clusters,
      token: session.ready.token,
      port: await freePort(),
      databasePrefix,
      policy: 'demo',
      shards: options.shards,
    });
    const replicas: Replica[] = [];
    /** Waits until the machine's cores are less than 15% busy over 2 s. */
    const machineQuiet = async (after: string) => {
      const since = Date.now();
      let last = machineCpu();
      await until('the machine to be quiet', 10 * 60_000, async () => {
        await new Promise(resolve => setTimeout(resolve, 2000));
        const now = machineCpu();
        const busy = (now.busyMs - last.busyMs) / (now.totalMs - last.totalMs);
        last = now;
        return busy < 0.15 ? true : undefined;
      });
      log(`${after}; the machine quiet after ${fmt.ms(Date.now() - since)}`);
    };
    const db = meshwiseDatabase(databasePrefix + PLUGIN_DATABASE);
    try {
      const a = await startReplica('A', await backendArgs(), options);
      replicas.push(a);
      let started = Date.now();
      await until('the catalog to ingest the fleet', 20 * 60_000, async () => {
        a.child.send({ type: 'catalog-count' });
        const { count } = await a.child.next<{ count: number }>(
          'catalog-count',
        );
        return count >= spec.services ? true : undefined;
      });
      log(
        `catalog ingested ${spec.services} services in ${fmt.ms(
          Date.now() - started,
        )}`,
      );
      // The catalog goes on processing (relations, stitching) after it
      // serves every service: the scans start once the machine is quiet.
      await machineQuiet('the catalog ingested the fleet');
      const api = apiClient(a.baseUrl, await guestToken(a.baseUrl));

      /**
       * Triggers the scan and waits until every shard is done, sampling
       * each replica alive before and after; `during` runs meanwhile.
       */
      /** With --profile, a CPU profile of each replica over a scan. */
      const profilesOf = (name: string, ...of: Replica[]) =>
        options.profile
          ? of.map(replica => ({
              replica,
              file: path.resolve(
                'bench/results/profiles',
                `${size}-replicas`,
                `${name}-${replica.name}.cpuprofile`,
              ),
            }))
          : [];
      const scan = async (
        what: string,
        during?: () => Promise<void>,
        profiles: { replica: Replica; file: string }[] = [],
      ): Promise<ReplicaScan> => {
        const cpuBefore = new Map<string, number>();
        for (const replica of replicas.filter(r => !r.killed)) {
          cpuBefore.set(replica.name, (await replica.sample()).cpuMs);
        }
        for (const { replica } of profiles) {
          replica.child.send({ type: 'profile-start' });
          await replica.child.next('profile-started');
        }
        const fleetApiBefore = await session.counters();
        const triggeredAt = Date.now();
        const machineBefore = machineCpu();
        const fleetServerBefore = processCpuMs(session.pid);
        const postgresBefore = postgresCpuMs();
        // The scan task of the last scan may still be finishing (its
        // shards are done): the scheduler answers 409 until then.
        await until('the scheduler to accept the trigger', 60_000, () =>
          api.trigger().then(
            () => true,
            (error: Error) => {
              if (/\b409\b/.test(error.message)) return undefined;
              throw error;
            },
          ),
        );
        const side = during?.();
        await until(`${what} to finish`, 20 * 60_000, async () => {
          const state = await shardsState(db);
          return state.rows.length === 2 * options.shards &&
            state.oldestRequest >= triggeredAt - 1000 &&
            state.done
            ? true
            : undefined;
        });
        const wallMs = Date.now() - triggeredAt;
        const machine = machineCpu();
        const machineBusyShare =
          (machine.busyMs - machineBefore.busyMs) /
          (machine.totalMs - machineBefore.totalMs);
        const machineCpuMs = {
          busy: machine.busyMs - machineBefore.busyMs,
          fleetServer: processCpuMs(session.pid) - fleetServerBefore,
          postgres: postgresCpuMs() - postgresBefore,
        };
        const fleetApiAfter = await session.counters();
        const fleetApi = {
          requests: fleetApiAfter.requests - fleetApiBefore.requests,
          bytes: fleetApiAfter.bytes - fleetApiBefore.bytes,
        };
        await side;
        for (const { replica, file } of profiles) {
          replica.child.send({ type: 'profile-stop', file });
          await replica.child.next('profile-done');
          log(`CPU profile of ${replica.name}: ${file}`);
        }
        const byReplica: ScanByReplica[] = [];
        for (const replica of replicas) {
          const runs: { status: string; count: string | number }[] = await db(
            'mesh_scan_runs',
          )
            .where('started_at', '>=', new Date(triggeredAt))
            .where('owner', 'like', `%:${replica.pid}:%`)
            .groupBy('status')
            .select('status')
            .count({ count: '*' });
          const runsByStatus = Object.fromEntries(
            runs.map(r => [r.status, Number(r.count)]),
          );
          if (!cpuBefore.has(replica.name)) continue;
          if (replica.killed) {
            byReplica.push({
              replica: replica.name,
              killed: true,
              runsByStatus,
            });
            continue;
          }
          const sample = await replica.sample();
          byReplica.push({
            replica: replica.name,
            ...sample,
            cpuMs: sample.cpuMs - cpuBefore.get(replica.name)!,
            runsByStatus,
          });
        }
        // The merges count each entity once: assessed, or unchanged.
        const [merged] = await db('mesh_scan_runs')
          .where('started_at', '>=', new Date(triggeredAt))
          .where('shard', 'like', 'merge %')
          .sum({ entities: 'entity_count', unchanged: 'skipped_count' });
        const unchangedShare =
          Number(merged?.unchanged ?? 0) /
          Math.max(1, Number(merged?.entities));
        const stored = await storedDigest(db);
        log(
          `${what}: ${fmt.ms(wallMs)} (machine ${Math.round(
            100 * machineBusyShare,
          )}% busy: fleet server ${fmt.ms(
            machineCpuMs.fleetServer,
          )}, PostgreSQL ${fmt.ms(machineCpuMs.postgres)}), ${fmt.int(
            fleetApi.requests,
          )} API calls (${fmt.bytes(fleetApi.bytes)}), ${
            stored.rows
          } assessments, ${Math.round(
            100 * unchangedShare,
          )}% unchanged, ${byReplica
            .map(r =>
              r.killed
                ? `${r.replica} killed`
                : `${r.replica} CPU ${fmt.ms(r.cpuMs)}, stall ${
                    r.longestStallMs
                  } ms, RSS ${fmt.mb(r.peakRssMb)}`,
            )
            .join('; ')}`,
        );
        return {
          what,
          wallMs,
          machineBusyShare,
          machineCpuMs,
          unchangedShare,
          fleetApi,
          byReplica,
          stored,
        };
      };
      const cpuOf = (s: ReplicaScan) =>
        s.byReplica.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0);
      const clear = async () => {
        await db.raw(`TRUNCATE ${STORED_STATE.join(', ')}`);
      };

      // 1. Replica A alone: a first scan, the unchanged fleet, then one
      // pod changed in each cluster.
      const first = await scan('first scan (A)');
      const unchanged = await scan(
        'scan of the unchanged fleet (A)',
        undefined,
        profilesOf('unchanged-fleet-scan', a),
      );
      // A steady fleet between scans: one pod changed in each cluster.
      const touched = await session.touch();
      log(`changed ${touched} pods, one in each cluster`);
      const oneChange = await scan(
        'scan with one pod changed in each cluster (A)',
        undefined,
        profilesOf('one-change-scan', a),
      );
      const reference = first.stored.digest;
      // What reading the fleet costs alone: no scan can cost less.
      const floor = await session.measured<ParseFloorResult>(
        'parseFloor.ts',
        {},
      );
      log(
        `reading and parsing every list alone: ${fmt.ms(
          floor.value.cpuMs,
        )} CPU, ${floor.apiCalls} calls`,
      );

      // 2. A full scan by A alone.
      await clear();
      const one = await scan(
        'full scan, one replica (A)',
        undefined,
        profilesOf('one-replica-scan', a),
      );

      // 3. B beside A: a full scan by both.
      started = Date.now();
      const b = await startReplica('B', await backendArgs(), options);
      replicas.push(b);
      log(`replica B started in ${fmt.ms(Date.now() - started)}`);
      // B's catalog hands the fleet to the shared catalog again.
      await machineQuiet('replica B started');
      await clear();
      const two = await scan(
        'full scan, two replicas (A, B)',
        undefined,
        profilesOf('two-replica-scan', a, b),
      );

      // 4. The same, B killed mid-scan.
      await clear();
      let killedAfterMs = 0;
      let killedDuring: string | undefined;
      const killed = await scan('full scan, B killed mid-scan', async () => {
        const since = Date.now();
        // Into its work on a shard (reading a cluster, storing parts): a
        // claim of B's at least 2 s old, and still B's.
        killedDuring = await until(
          'replica B to be 2 s into a shard',
          5 * 60_000,
          async () => {
            const [claim]: { shard: string }[] = await db('mesh_scan_shards')
              .where('claimed_by', 'like', `%:${b.pid}:%`)
              .where('claimed_at', '<', new Date(Date.now() - 2000))
              .select('shard');
            return claim?.shard;
          },
        );
        b.child.process.kill('SIGKILL');
        await b.child.exited;
        b.killed = true;
        killedAfterMs = Date.now() - since;
        log(
          `replica B killed ${fmt.ms(
            killedAfterMs,
          )} into the scan, on shard ${killedDuring}`,
        );
      });

      const check = (s: ReplicaScan) => ({
        what: s.what,
        assessments: s.stored.rows,
        duplicateParts: s.stored.parts - s.stored.distinctParts,
        differences: digestDifferences(reference, s.stored.digest).slice(0, 5),
        differenceCount: digestDifferences(reference, s.stored.digest).length,
      });
      const result: ReplicasResult = {
        size,
        fleet: { services: spec.services, clusters: spec.clusters },
        shards: options.shards,
        heapMb: options.heapMb,
        ...(options.semiSpaceMb ? { semiSpaceMb: options.semiSpaceMb } : {}),
        managedFields: options.managedFields,
        scans: [first, unchanged, oneChange, one, two, killed].map(s => ({
          what: s.what,
          wallMs: s.wallMs,
          machineBusyShare: s.machineBusyShare,
          machineCpuMs: s.machineCpuMs,
          unchangedShare: s.unchangedShare,
          fleetApi: s.fleetApi,
          byReplica: s.byReplica,
        })),
        floor: { cpuMs: floor.value.cpuMs, apiCalls: floor.apiCalls },
        ratios: {
          unchangedToFirstCpu: cpuOf(unchanged) / cpuOf(first),
          unchangedToFloorCpu: cpuOf(unchanged) / floor.value.cpuMs,
          oneChangeToFirstCpu: cpuOf(oneChange) / cpuOf(first),
          twoToOneWall: two.wallMs / one.wallMs,
        },
        killedAfterMs,
        killedDuring,
        checks: [first, one, two, killed].map(check),
        expectedAssessments: spec.services,
        lifetimePeakRssMb: {},
        targets: [],
      };
      for (const replica of replicas) {
        if (replica.killed) continue;
        replica.child.send({ type: 'stop' });
        const stopped = await replica.child.next<{
          value: { peakRssMb: number };
        }>('result');
        result.lifetimePeakRssMb[replica.name] = stopped.value.peakRssMb;
      }
      result.targets = replicasTargets(result);
      for (const replica of replicas)
        fs.rmSync(replica.logFile, { force: true });
      return result;
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n(the backends' logs: ${replicas
          .map(r => r.logFile)
          .join(', ')})`,
      );
    } finally {
      for (const replica of replicas) {
        replica.child.process.kill();
        await replica.child.exited;
      }
      await db.destroy();
      await admin
        .dropDatabases(databasePrefix)
        .catch(error =>
          log(`could not drop ${databasePrefix}*: ${error.message}`),
        );
      await admin.destroy();
    }
  });
}
