/**
 * Child process: a real Backstage backend, as a production deployment runs
 * one (`createBackend()` from `@backstage/backend-defaults`, bundled to plain
 * JavaScript by `build.ts`, NODE_ENV=production), with
 *
 * - the catalog backend, fed the fleet's services by `realPathCatalog.ts`;
 * - the auth backend with the guest provider (the load signs in as
 *   `user:default/guest`, a user principal, as the demo does);
 * - the permission backend with the demo's policy
 *   (`packages/backend/src/permissionPolicy.ts`: reads allowed, changes to
 *   mesh data conditional on owning the entity), or one that also makes
 *   reading an entity conditional (`realPathPolicy.ts`);
 * - the service-mesh plugin, reading the fleet's clusters, with a manual
 *   scan schedule (the parent triggers the scan once the catalog has
 *   ingested every entity);
 * - PostgreSQL: one database per plugin under a fresh prefix, which the
 *   parent drops afterwards.
 *
 * Parent protocol (IPC): `{ type: 'ready', baseUrl }` once serving;
 * `catalog-count` answers the catalog's count of services (with the
 * backend's own credentials, whatever the guest may see);
 * `{ type: 'gc' }` runs a full GC and answers `gc-done`; `cpu` answers the
 * process's CPU time so far and the longest event-loop stall since the last
 * `cpu`; `profile-start` and `profile-stop` (with a
 * `file`) record a CPU profile of what runs in between (one endpoint's
 * load, or one scan), and beside it (`<file>.stalls.json`) when the event
 * loop was blocked for over 40 ms, on the profile's clock, for
 * `profileSummary.ts --stalls`; `{ type: 'stop' }` stops the
 * backend and answers `result` with its peak RSS.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fleetClusterLocator, POSTGRES } from './benchConfig';
import { fail, MeasureArgs, mb, peakRssMb, readArgs } from './measureArgs';
import { BENCH_USER_REF, fleetCatalogModule } from './realPathCatalog';
import type { RealPathPolicy } from './options';
import { realPathPolicyModule } from './realPathPolicy';

export interface RealPathBackendArgs extends MeasureArgs {
  port: number;
  /** Every plugin's database is `<prefix><pluginId>`. */
  databasePrefix: string;
  policy: RealPathPolicy;
  /** `serviceMesh.scan.shards` (default 1: one scan task, no workers). */
  shards?: number;
}

export interface RealPathBackendReady {
  type: 'ready';
  baseUrl: string;
  startMs: number;
}

export function realPathConfig(args: RealPathBackendArgs) {
  const baseUrl = `http://127.0.0.1:${args.port}`;
  return {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port: args.port },
      database: {
        client: 'pg',
        connection: POSTGRES,
        prefix: args.databasePrefix,
      },
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: BENCH_USER_REF,
          // The guest provider refuses to sign in under NODE_ENV=production.
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
      // Processed once, then left alone for the load: the measurement is of
      // serving, not of the catalog reprocessing 10,000 entities.
      processingInterval: { hours: 2 },
    },
    permission: { enabled: true },
    kubernetes: {
      clusterLocatorMethods: [fleetClusterLocator(args.clusters, args.token)],
    },
    serviceMesh: {
      schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 15 } },
      ...(args.shards ? { scan: { shards: args.shards } } : {}),
    },
  };
}

/** The catalog's count of service components, as the backend itself sees them. */
let countServices: (() => Promise<number>) | undefined;

/**
 * Counts with the plugin's own credentials: whatever the policy lets the
 * guest see, the parent waits until the catalog holds every service.
 */
const catalogProbe = createBackendModule({
  pluginId: 'service-mesh',
  moduleId: 'bench-catalog-probe',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogServiceRef, auth: coreServices.auth },
      async init({ catalog, auth }) {
        countServices = async () => {
          const { totalItems } = await catalog.queryEntities(
            { filter: { kind: 'component', 'spec.type': 'service' }, limit: 1 },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return totalItems;
        };
      },
    });
  },
});

/**
 * Records when the event loop was blocked for over 40 ms: a 5 ms timer
 * that fired late. Times in microseconds of the monotonic clock, which the
 * V8 CPU profile's `startTime` also uses.
 */
function recordBlockedLoop() {
  const windows: { startUs: number; endUs: number }[] = [];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  let last = nowUs();
  const timer = setInterval(() => {
    const now = nowUs();
    if (now - last > 40_000) windows.push({ startUs: last, endUs: now });
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return windows;
    },
  };
}

async function main() {
  const args = readArgs<RealPathBackendArgs>();
  const started = Date.now();
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => new ConfigReader(realPathConfig(args)),
    }),
  );
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(fleetCatalogModule(args.spec));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(realPathPolicyModule(args.policy));
  backend.add(import('@meshwise/backstage-plugin-service-mesh-backend'));
  backend.add(catalogProbe);
  await backend.start();

  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  // maxRSS is the whole life's peak (the catalog's ingestion included):
  // sampled instead, so that a scan's peak is its own.
  let highestRss = 0;
  setInterval(() => {
    highestRss = Math.max(highestRss, process.memoryUsage.rss());
  }, 50).unref();
  let stallBeforeProfileStop = 0;
  let blocked: ReturnType<typeof recordBlockedLoop> | undefined;
  const profiler = new Session();
  profiler.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      profiler.post(method, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  process.on('message', async (message: { type: string; file?: string }) => {
    if (message.type === 'gc') {
      global.gc?.();
      process.send!({ type: 'gc-done', rssMb: mb(process.memoryUsage().rss) });
    } else if (message.type === 'catalog-count') {
      process.send!({ type: 'catalog-count', count: await countServices!() });
    } else if (message.type === 'cpu') {
      // The longest the event loop was blocked since the last `cpu`.
      const longestStallMs = Math.round(
        Math.max(stalls.max, stallBeforeProfileStop) / 1e6,
      );
      stalls.reset();
      stallBeforeProfileStop = 0;
      const peakRssSinceMb = mb(
        Math.max(highestRss, process.memoryUsage.rss()),
      );
      highestRss = 0;
      process.send!({
        type: 'cpu',
        usage: process.cpuUsage(),
        longestStallMs,
        peakRssSinceMb,
      });
    } else if (message.type === 'profile-start') {
      await post('Profiler.enable');
      await post('Profiler.start');
      blocked = recordBlockedLoop();
      process.send!({ type: 'profile-started' });
    } else if (message.type === 'profile-stop') {
      // Stopping and writing the profile blocks the loop: not the scan's.
      stallBeforeProfileStop = Math.max(stallBeforeProfileStop, stalls.max);
      const windows = blocked?.stop() ?? [];
      const { profile } = await post('Profiler.stop');
      fs.mkdirSync(path.dirname(message.file!), { recursive: true });
      fs.writeFileSync(message.file!, JSON.stringify(profile));
      fs.writeFileSync(`${message.file}.stalls.json`, JSON.stringify(windows));
      stalls.reset();
      process.send!({ type: 'profile-done' });
    } else if (message.type === 'stop') {
      const peak = peakRssMb();
      await backend.stop().catch(() => {});
      process.send!({ type: 'result', value: { peakRssMb: peak } }, () =>
        process.exit(0),
      );
    }
  });
  process.on('disconnect', () => process.exit(0));
  const ready: RealPathBackendReady = {
    type: 'ready',
    baseUrl: `http://127.0.0.1:${args.port}`,
    startMs: Date.now() - started,
  };
  process.send!(ready);
}

if (require.main === module) main().catch(fail);
