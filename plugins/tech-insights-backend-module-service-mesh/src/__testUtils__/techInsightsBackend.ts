/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import jsonRulesEngineFactChecker from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import techInsightsModuleServiceMesh from '..';
import { SERVICE_MESH_FACT_RETRIEVER_ID } from '../factSchema';
import { recordingLogger } from './recordingLogger';

type ConfigData = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']
>;

type Task = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

/**
 * The real Tech Insights backend with the JSON rules engine and this
 * module, next to `serviceMesh` (the real service-mesh plugin, or a fake
 * of its API). Each plugin has its own database, as in a real backend;
 * scheduled tasks are captured so a test runs them.
 */
export async function startTechInsightsBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  serviceMesh?: BackendFeature;
  config: ConfigData;
  entities?: Entity[];
}) {
  const tasks: Task[] = [];
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async (task: Task) => {
      tasks.push(task);
    }),
  });
  const logs = recordingLogger();
  const { server } = await startTestBackend({
    features: [
      techInsightsBackend,
      jsonRulesEngineFactChecker,
      techInsightsModuleServiceMesh,
      ...(options.serviceMesh ? [options.serviceMesh] : []),
      createServiceFactory({
        service: coreServices.database,
        deps: {},
        // One fresh database per plugin: both run knex migrations.
        factory: async () =>
          mockServices.database({
            knex: await options.databases.init(options.databaseId),
          }),
      }),
      mockServices.rootConfig.factory({ data: options.config }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      scheduler.factory,
      logs.factory,
    ],
  });

  /** Runs a captured task as the scheduler would. */
  const runTask = async (id: string) => {
    const task = tasks.find(t => t.id === id);
    if (!task) {
      throw new Error(
        `No task ${id}; scheduled: ${tasks.map(t => t.id).join(', ')}`,
      );
    }
    await task.fn(new AbortController().signal);
  };

  const user = mockCredentials.user.header();
  return {
    server,
    logs: logs.records,
    /** What was scheduled: id and frequency. */
    tasks: () => tasks.map(({ id, frequency }) => ({ id, frequency })),
    runTask,
    retrieveFacts: () => runTask(SERVICE_MESH_FACT_RETRIEVER_ID),
    /** `GET /api/tech-insights/facts/latest` of this module's facts. */
    latestFacts: (entityRef: string) =>
      request(server)
        .get('/api/tech-insights/facts/latest')
        .query({ entity: entityRef, 'ids[]': SERVICE_MESH_FACT_RETRIEVER_ID })
        .set('Authorization', user),
    /** `POST /api/tech-insights/checks/run/:namespace/:kind/:name` */
    runChecks: (kind: string, namespace: string, name: string) =>
      request(server)
        .post(`/api/tech-insights/checks/run/${namespace}/${kind}/${name}`)
        .send({})
        .set('Authorization', user),
    get: (path: string) => request(server).get(path).set('Authorization', user),
  };
}
