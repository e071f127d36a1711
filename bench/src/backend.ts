/**
 * The real service-mesh backend plugin, started the way its integration test
 * starts it (`startTestBackend`), outside Jest: a captured scheduler task,
 * `kubernetes.clusterLocatorMethods` pointing at the fleet's servers, and a
 * real SQLite file or PostgreSQL database.
 *
 * The catalog is an in-memory `CatalogService` indexed by entity ref, so the
 * endpoint figures measure Meshwise and not a mock: `catalogServiceMock`
 * rebuilds a map of every entity on each `getEntityByRef`. In a real
 * Backstage the catalog call is a request to the catalog backend, which this
 * benchmark does not measure.
 */
import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serviceMeshPlugin } from '../../plugins/service-mesh-backend/src/plugin';
import { fleetClusterLocator, POSTGRES } from './benchConfig';

export { fleetClusterLocator, POSTGRES } from './benchConfig';

export type DatabaseKind = 'sqlite' | 'postgres';

/** A fresh database of its own, and how to remove it. */
export async function createDatabase(
  kind: DatabaseKind,
): Promise<{ knex: Knex; drop(): Promise<void>; description: string }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwise-bench-'));
    const filename = path.join(dir, 'service-mesh.sqlite');
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    return {
      knex,
      description: 'SQLite file (better-sqlite3)',
      async drop() {
        await knex.destroy().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = `meshwise_bench_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...POSTGRES, database: 'postgres' },
  });
  await admin.raw(`CREATE DATABASE ??`, [database]);
  const knex = knexFactory({
    client: 'pg',
    connection: { ...POSTGRES, database },
  });
  const version = await knex.raw('show server_version');
  return {
    knex,
    description: `PostgreSQL ${version.rows[0].server_version}`,
    async drop() {
      await knex.destroy().catch(() => {});
      await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [database]);
      await admin.destroy();
    },
  };
}

/** An in-memory catalog indexed by ref, with cursor paging. */
export function fastCatalog(entities: Entity[]) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const matches = (entity: Entity, filter?: Record<string, unknown>) =>
    Object.entries(filter ?? {}).every(([key, wanted]) => {
      const values = (Array.isArray(wanted) ? wanted : [wanted]).map(v =>
        String(v).toLocaleLowerCase('en-US'),
      );
      const actual =
        key === 'kind'
          ? entity.kind
          : key === 'spec.type'
          ? (entity.spec as { type?: string })?.type
          : undefined;
      return (
        actual !== undefined &&
        values.includes(String(actual).toLocaleLowerCase('en-US'))
      );
    });
  const service = {
    async getEntityByRef(
      ref: string | { kind: string; namespace?: string; name: string },
    ) {
      return byRef.get(
        stringifyEntityRef(typeof ref === 'string' ? parseEntityRef(ref) : ref),
      );
    },
    async queryEntities(request: {
      filter?: Record<string, unknown>;
      cursor?: string;
      limit?: number;
    }) {
      const state = request.cursor
        ? JSON.parse(Buffer.from(request.cursor, 'base64').toString())
        : { filter: request.filter, offset: 0 };
      const all = entities.filter(e => matches(e, state.filter));
      const limit = request.limit ?? 500;
      const items = all.slice(state.offset, state.offset + limit);
      const next = state.offset + limit;
      return {
        items,
        totalItems: all.length,
        pageInfo:
          next < all.length
            ? {
                nextCursor: Buffer.from(
                  JSON.stringify({ filter: state.filter, offset: next }),
                ).toString('base64'),
              }
            : {},
      };
    },
  };
  return new Proxy(service, {
    get(target, property) {
      if (property in target) return (target as any)[property];
      if (typeof property === 'symbol' || property === 'then') return undefined;
      return async () => {
        throw new Error(
          `bench catalog: ${String(property)} is not implemented`,
        );
      };
    },
  });
}

/** `catalogServiceRef` served by `fastCatalog`. */
export function fastCatalogFactory(entities: Entity[]) {
  const catalog = fastCatalog(entities);
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog as any,
  });
}

/**
 * `startTestBackend` listens on every interface; serves the same app on
 * 127.0.0.1 only and closes the test backend's own listener.
 */
export async function serveOnLoopback(
  backend: Awaited<ReturnType<typeof startTestBackend>>,
): Promise<{ port: number; close(): Promise<void> }> {
  const testServer = backend.server as unknown as Server;
  const app = testServer.listeners('request')[0] as any;
  await new Promise<void>(resolve => testServer.close(() => resolve()));
  const loopback = createServer(app);
  loopback.keepAliveTimeout = 65_000;
  await new Promise<void>(resolve => loopback.listen(0, '127.0.0.1', resolve));
  return {
    port: (loopback.address() as AddressInfo).port,
    async close() {
      loopback.closeAllConnections();
      await new Promise<void>(resolve => loopback.close(() => resolve()));
    },
  };
}

export interface BenchBackend {
  /** Runs the scheduled `service-mesh-scan` task once. */
  scan(): Promise<void>;
  /** Base URL of the plugin's routes on 127.0.0.1. */
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startBenchBackend(options: {
  knex: Knex;
  entities: Entity[];
  clusters: { name: string; url: string }[];
  token: string;
}): Promise<BenchBackend> {
  const tasks: (SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition)[] = [];
  const scheduler = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () => ({
      async scheduleTask(task: any) {
        tasks.push(task);
      },
      async triggerTask() {},
      async cancelTask() {},
      async getScheduledTasks() {
        return [];
      },
      createScheduledTaskRunner() {
        return {
          async run(task: any) {
            tasks.push(task);
          },
        };
      },
    }),
  });
  const backend = await startTestBackend({
    features: [
      serviceMeshPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              fleetClusterLocator(options.clusters, options.token),
            ],
          },
        },
      }),
      scheduler,
      fastCatalogFactory(options.entities),
    ],
  });
  const task = tasks.find(t => t.id === 'service-mesh-scan');
  if (!task) throw new Error('the plugin scheduled no service-mesh-scan task');

  const loopback = await serveOnLoopback(backend);

  return {
    scan: () => Promise.resolve(task.fn(new AbortController().signal)),
    baseUrl: `http://127.0.0.1:${loopback.port}/api/service-mesh`,
    async stop() {
      await loopback.close();
      await backend.stop().catch(() => {});
    },
  };
}
