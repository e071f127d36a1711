/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import createKnex, { Knex } from 'knex';
import request from 'supertest';
import { serviceMeshPlugin } from '../plugin';
import { FakeKubernetesApi } from './fakeKubernetesApi';

export const TOKEN = 'scanner-sa-token';

/**
 * The test's database for the service-mesh plugin, and an in-memory SQLite
 * database of its own for any other plugin a test adds (notifications,
 * Tech Insights...), as each plugin has its own database in a real backend.
 */
function databasePerPlugin(knex: Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const client =
        plugin.getId() === 'service-mesh'
          ? knex
          : createKnex({
              client: 'better-sqlite3',
              connection: ':memory:',
              useNullAsDefault: true,
            });
      return { getClient: async () => client };
    },
  });
}

/**
 * The real plugin in a test backend: its scan task captured so tests run it,
 * the catalog in memory, one cluster served by the fake Kubernetes API.
 */
export async function startScanBackend(options: {
  knex: Knex;
  api: FakeKubernetesApi;
  entities: Entity[];
  extraFeatures?: any[];
  config?: object;
  /** Replaces the in-memory catalog of `entities` (e.g. one that filters per caller). */
  catalog?: CatalogService;
}) {
  const tasks: (SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition)[] = [];
  const scheduler = mockServices.scheduler.mock({
    // The plugin's own tasks; those of other plugins a test adds never run.
    scheduleTask: jest.fn(async task => {
      if (task.id.startsWith('service-mesh-')) tasks.push(task);
    }),
    createScheduledTaskRunner: jest.fn(() => ({ run: async () => {} })),
  });
  const catalog =
    options.catalog ??
    catalogServiceMock({
      entities: options.entities,
    });
  const { server } = await startTestBackend({
    features: [
      serviceMeshPlugin,
      databasePerPlugin(options.knex),
      mockServices.rootConfig.factory({
        data: options.config ?? {
          app: { baseUrl: 'http://localhost:3000' },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'prod',
                    url: options.api.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: TOKEN,
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
          serviceMesh: { kubernetes: { pageSize: 2 } },
        },
      }),
      scheduler.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
  // The scan (run below by `scan`), then the catalog follow-up (not run).
  expect(tasks.map(t => [t.id, t.scope])).toEqual([
    ['service-mesh-scan', 'global'],
    ['service-mesh-catalog-follow-up', 'global'],
  ]);
  /** Runs the scan task as the scheduler would, with its abort signal. */
  const scan = async (
    signal: AbortSignal = new AbortController().signal,
  ): Promise<void> => {
    await tasks[0].fn(signal);
  };
  const get = (path: string) =>
    request(server)
      .get(`/api/service-mesh${path}`)
      .set('Authorization', mockCredentials.user.header());
  return { server, scan, get, catalog };
}
