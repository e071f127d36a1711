import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  ServiceMeshTaskSink,
  ServiceMeshTaskSinkContext,
  ServiceMeshTaskSinkResult,
  serviceMeshTaskSinksExtensionPoint,
} from '@meshwise/backstage-plugin-service-mesh-node';
import request from 'supertest';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const entities = [
  serviceEntity('orders', { id: 'orders', owner: 'group:default/backoffice' }),
  serviceEntity('billing', {
    id: 'billing',
    owner: 'group:default/backoffice',
  }),
];

/** A sink as a module would add one (say, Jira), answering as told. */
function recordingSink(
  id: string,
  answer: (task: MigrationTask) => ServiceMeshTaskSinkResult | void,
) {
  const calls: { task: MigrationTask; context: ServiceMeshTaskSinkContext }[] =
    [];
  const sink: ServiceMeshTaskSink = {
    id,
    async onTaskCreated(task, context) {
      calls.push({ task, context });
      return answer(task);
    },
  };
  return { sink, calls };
}

function taskSinksModule(...sinks: ServiceMeshTaskSink[]) {
  return createBackendModule({
    pluginId: 'service-mesh',
    moduleId: 'test-sinks',
    register(env) {
      env.registerInit({
        deps: { taskSinks: serviceMeshTaskSinksExtensionPoint },
        async init({ taskSinks }) {
          taskSinks.addTaskSink(...sinks);
        },
      });
    },
  });
}

describe('task sinks added by backend modules', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  async function backend(
    id: Parameters<typeof databases.init>[0],
    sinks: ServiceMeshTaskSink[],
  ) {
    const logger = mockServices.logger.mock();
    const started = await startScanBackend({
      knex: await databases.init(id),
      api,
      entities,
      extraFeatures: [taskSinksModule(...sinks), logger.factory],
    });
    const post = (path: string, body: object) =>
      request(started.server)
        .post(`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.user.header())
        .send(body);
    return { ...started, post, logger };
  }

  it.each(ids)(
    'calls every sink; one that throws is logged and the task is kept with the others’ link (%s)',
    async id => {
      const jira = recordingSink('jira', task => ({
        url: `https://jira.test/browse/MESH-${task.entityRef.length}`,
      }));
      const broken = recordingSink('broken', () => {
        throw new Error('token s3cr3t refused');
      });
      const { post, logger } = await backend(id, [broken.sink, jira.sink]);

      const response = await post('/tasks', {
        entityRef: 'component:default/orders',
        target: 'linkerd',
      });

      expect(response.status).toBe(201);
      expect(response.body).toEqual(
        expect.objectContaining({
          status: 'open',
          externalUrl: 'https://jira.test/browse/MESH-24',
          externalError: 'The broken task sink failed; the backend log has why',
        }),
      );
      expect(JSON.stringify(response.body)).not.toContain('s3cr3t');
      for (const { calls } of [jira, broken]) {
        expect(calls).toHaveLength(1);
        expect(calls[0].task).toEqual(
          expect.objectContaining({
            id: response.body.id,
            target: 'linkerd',
            title: 'Move orders to Linkerd',
            description: expect.stringContaining('component:default/orders'),
          }),
        );
        expect(calls[0].context.entity.metadata.name).toBe('orders');
      }
      expect(logger.error).toHaveBeenCalledWith(
        `Task sink broken failed for task ${response.body.id} (component:default/orders)`,
        expect.objectContaining({ message: 'token s3cr3t refused' }),
      );
    },
  );

  it('keeps the first link, every error, and refuses links the portal must not show', async () => {
    const first = recordingSink('first', () => ({
      url: 'https://tracker.test/1',
    }));
    const second = recordingSink('second', () => ({
      url: 'https://tracker.test/2',
    }));
    const failing = recordingSink('failing', () => ({
      error: 'Tracker answered 503',
    }));
    const script = recordingSink('script', () => ({
      // A link the portal must never render.
      // eslint-disable-next-line no-script-url
      url: 'javascript:alert(1)',
    }));
    const quiet = recordingSink('quiet', () => undefined);
    const { post } = await backend('SQLITE_3', [
      first.sink,
      second.sink,
      failing.sink,
      script.sink,
      quiet.sink,
    ]);

    const response = await post('/tasks', {
      entityRef: 'component:default/orders',
      target: 'linkerd',
    });

    expect(response.status).toBe(201);
    expect(response.body.externalUrl).toBe('https://tracker.test/1');
    expect(response.body.externalError).toBe(
      'Tracker answered 503; The script task sink answered a link that is not http(s): javascript:alert(1)',
    );
    expect(quiet.calls).toHaveLength(1);
  });

  it('stores nothing external when every sink answers nothing', async () => {
    const quiet = recordingSink('quiet', () => undefined);
    const { post } = await backend('SQLITE_3', [quiet.sink]);

    const response = await post('/tasks', {
      entityRef: 'component:default/orders',
      target: 'linkerd',
    });

    expect(response.status).toBe(201);
    expect(quiet.calls).toHaveLength(1);
    expect(response.body.externalUrl).toBeUndefined();
    expect(response.body.externalError).toBeUndefined();
  });

  it.each(ids)(
    'calls the sinks for every task filed in bulk (%s)',
    async id => {
      const jira = recordingSink('jira', task => ({
        url: `https://jira.test/browse/${task.entityRef.split('/')[1]}`,
      }));
      const { scan, post } = await backend(id, [jira.sink]);
      await scan();

      const bulk = await post('/tasks/bulk', {
        target: 'istio-sidecar',
        owner: 'group:default/backoffice',
      });

      expect(bulk.status).toBe(201);
      expect(
        bulk.body.created
          .map((t: MigrationTask) => [t.entityRef, t.externalUrl])
          .sort(),
      ).toEqual([
        ['component:default/billing', 'https://jira.test/browse/billing'],
        ['component:default/orders', 'https://jira.test/browse/orders'],
      ]);
      expect(
        jira.calls.map(c => c.context.entity.metadata.name).sort(),
      ).toEqual(['billing', 'orders']);
    },
  );
});
