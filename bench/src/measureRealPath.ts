/**
 * `--real-path`: the endpoints as a Backstage deployment serves them. For one
 * fleet size: the fleet server, a real backend in a child process
 * (`realPathBackend.ts`: catalog, auth, permission with the demo's policy,
 * the service-mesh plugin, PostgreSQL), the catalog's ingestion of the
 * fleet, one Meshwise scan, then the load (`realPathLoad.ts`): with the
 * same guest user token and 50 connections, in rounds, the catalog's own
 * entity lookup, the Meshwise assessment of the same entities and the
 * scorecard's first page, back to back.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './child';
import { FleetSpec, fleetSpec, planFleet, SizeName } from './fleet';
import { withFleet } from './fleetSession';
import { Options } from './options';
import type {
  RealPathBackendArgs,
  RealPathBackendReady,
} from './realPathBackend';
import { loadRealPath } from './realPathLoad';
import { RealPathResult } from './realPathResult';
import {
  apiClient,
  freePort,
  guestToken,
  postgresAdmin,
  until,
} from './realPathSession';
import { ownedByBenchUser } from './realPathCatalog';
import { fmt } from './table';
import { realPathTargets } from './targets';

/**
 * Who sees what, asked of both the catalog and Meshwise before the load:
 * every service the guest may see (up to 200, spread), as many it may not,
 * and one that does not exist.
 */
function visibilitySample(spec: FleetSpec, visible: string[]): string[] {
  const all = planFleet(spec).services.map(s => s.name);
  const seen = new Set(visible);
  const every = <T>(items: T[], most: number) =>
    items.filter(
      (_, i) => i % Math.max(1, Math.ceil(items.length / most)) === 0,
    );
  return [
    ...every(visible, 200),
    ...every(
      all.filter(name => !seen.has(name)),
      200,
    ),
    'svc-not-in-the-catalog',
  ];
}

export async function measureRealPath(
  size: SizeName,
  options: Options,
): Promise<RealPathResult> {
  const spec = fleetSpec(size, options.seed);
  const log = (message: string) =>
    process.stderr.write(`[bench real-path ${size}] ${message}\n`);
  return withFleet(size, spec, options, log, async session => {
    const admin = await postgresAdmin();
    const databasePrefix = `meshwise_bench_rp_${randomBytes(4).toString(
      'hex',
    )}_`;
    const logFile = path.join(
      os.tmpdir(),
      `meshwise-bench-real-path-${size}-${process.pid}.log`,
    );
    const logFd = fs.openSync(logFile, 'w');
    const args: RealPathBackendArgs = {
      spec,
      clusters: session.ready.clusters,
      token: session.ready.token,
      port: await freePort(),
      databasePrefix,
      policy: options.policy,
    };
    // The backend logs every request (JSON lines, as in production): to a
    // file, read when something fails.
    const child = startChild('realPathBackend.ts', [JSON.stringify(args)], {
      execArgv: ['--expose-gc'],
      stdout: logFd,
    });
    const ask = async <T = unknown>(
      type: string,
      answer: string,
      extra: object = {},
    ): Promise<T> => {
      child.send({ type, ...extra });
      return child.next<T>(answer);
    };
    try {
      const ready = await child.next<RealPathBackendReady>('ready');
      log(`backend started in ${fmt.ms(ready.startMs)} (log: ${logFile})`);
      let started = Date.now();
      await until('the catalog to ingest the fleet', 20 * 60_000, async () => {
        const { count } = await ask<{ count: number }>(
          'catalog-count',
          'catalog-count',
        );
        return count >= spec.services ? true : undefined;
      });
      const ingestMs = Date.now() - started;
      log(`catalog ingested ${spec.services} services in ${fmt.ms(ingestMs)}`);
      // Signed in once the catalog holds the guest: its token then carries
      // its group, as the demo's sign-in does.
      const token = await guestToken(ready.baseUrl);
      const api = apiClient(ready.baseUrl, token);

      started = Date.now();
      const run = await api.scan(20 * 60_000);
      const scanMs = Date.now() - started;
      log(
        `scan ${run.status}: ${run.assessedCount}/${
          run.entityCount
        } assessed in ${fmt.ms(scanMs)}`,
      );
      // The guest's view: every service (demo policy) or its team's.
      const names =
        options.policy === 'owner'
          ? ownedByBenchUser(spec)
          : planFleet(spec).services.map(s => s.name);
      const visibility = await api.compareVisibility(
        visibilitySample(spec, names),
      );
      log(
        `visibility: ${visibility.checked} entities asked, ${visibility.visible} visible to the guest, ${visibility.mismatches.length} answered differently by the catalog and Meshwise`,
      );
      const { rssMb } = await ask<{ rssMb: number }>('gc', 'gc-done');

      const loaded = await loadRealPath({
        baseUrl: ready.baseUrl,
        token,
        names,
        connections: options.connections,
        durationS: options.durationS,
        rounds: options.rounds,
        profileDir: options.profile
          ? path.resolve('bench/results/profiles', `${size}-real-path`)
          : undefined,
        ask,
        log,
      });
      const stopped = await ask<{ value: { peakRssMb: number } }>(
        'stop',
        'result',
      );
      const result: RealPathResult = {
        size,
        fleet: { services: spec.services, clusters: spec.clusters },
        backend: {
          database: admin.description,
          startMs: ready.startMs,
          ingestMs,
          scanMs,
          scanStatus: run.status,
          entityCount: run.entityCount,
          assessedCount: run.assessedCount,
          policy: options.policy,
          rssBeforeLoadMb: rssMb,
          peakRssMb: stopped.value.peakRssMb,
        },
        visibility: {
          checked: visibility.checked,
          visible: visibility.visible,
          expectedVisible: names.length,
          mismatches: visibility.mismatches.slice(0, 10),
          mismatchCount: visibility.mismatches.length,
        },
        ...loaded,
        targets: [],
      };
      result.targets = realPathTargets(result);
      fs.rmSync(logFile, { force: true });
      return result;
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n(the backend's log: ${logFile})`,
      );
    } finally {
      child.process.kill();
      await child.exited;
      fs.closeSync(logFd);
      await admin
        .dropDatabases(databasePrefix)
        .catch(error =>
          log(`could not drop ${databasePrefix}*: ${error.message}`),
        );
      await admin.destroy();
    }
  });
}
