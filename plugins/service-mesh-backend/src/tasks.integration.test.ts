import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
  serviceEntity('cart', { id: 'cart', owner: 'group:default/shop-team' }),
  serviceEntity('orders', { id: 'orders', owner: 'group:default/backoffice' }),
  serviceEntity('billing', {
    id: 'billing',
    owner: 'group:default/backoffice',
  }),
];

describe('migration tasks', () => {
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
    extraFeatures: any[] = [],
  ) {
    const started = await startScanBackend({
      knex: await databases.init(id),
      api,
      entities,
      extraFeatures,
    });
    const call = (method: 'get' | 'post' | 'patch', path: string) =>
      request(started.server)
        [method](`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.user.header());
    return { ...started, call };
  }

  it.each(ids)(
    'files a task once per idempotency key, defaulting to the owner (%s)',
    async id => {
      const { scan, call } = await backend(id);
      await scan();

      const first = await call('post', '/tasks')
        .set('Idempotency-Key', 'abc-123')
        .send({
          entityRef: 'component:default/orders',
          target: 'istio-sidecar',
        });
      const again = await call('post', '/tasks')
        .set('Idempotency-Key', 'abc-123')
        .send({
          entityRef: 'component:default/orders',
          target: 'istio-sidecar',
        });

      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect(first.body).toEqual(
        expect.objectContaining({
          entityRef: 'component:default/orders',
          target: 'istio-sidecar',
          title: 'Move orders to Istio (sidecar)',
          status: 'open',
          assignee: 'group:default/backoffice',
          version: 1,
          createdBy: 'user:default/mock',
        }),
      );
      expect(first.body.description).toContain('MR-UID-1337');
      const list = await call(
        'get',
        '/tasks?entityRef=component:default/orders',
      );
      expect(list.body.totalCount).toBe(1);
    },
  );

  it.each(ids)(
    'refuses a stale update with 409 and loses nothing (%s)',
    async id => {
      const { call } = await backend(id);
      const { body: task } = await call('post', '/tasks').send({
        entityRef: 'component:default/billing',
        target: 'linkerd',
        dueDate: '2027-01-31',
      });

      const first = await call('patch', `/tasks/${task.id}`).send({
        version: 1,
        status: 'in-progress',
      });
      const stale = await call('patch', `/tasks/${task.id}`).send({
        version: 1,
        status: 'wont-do',
        title: 'overwritten',
      });

      expect(first.status).toBe(200);
      expect(first.body).toEqual(
        expect.objectContaining({ status: 'in-progress', version: 2 }),
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('current 2');
      const current = await call('get', `/tasks/${task.id}`);
      expect(current.body).toEqual(
        expect.objectContaining({
          status: 'in-progress',
          title: task.title,
          dueDate: '2027-01-31',
          version: 2,
        }),
      );
    },
  );

  it('keeps comments on a task', async () => {
    const { call } = await backend('SQLITE_3');
    const { body: task } = await call('post', '/tasks').send({
      entityRef: 'component:default/billing',
      target: 'istio-sidecar',
    });

    const commented = await call('post', `/tasks/${task.id}/comments`).send({
      body: 'Port names fixed in PR 42',
    });

    expect(commented.status).toBe(201);
    expect(commented.body.comments).toEqual([
      expect.objectContaining({
        author: 'user:default/mock',
        body: 'Port names fixed in PR 42',
      }),
    ]);
  });

  it.each(ids)(
    'files tasks for a whole team in bulk, skipping services that have one (%s)',
    async id => {
      const { scan, call } = await backend(id);
      await scan();
      const { body: existing } = await call('post', '/tasks').send({
        entityRef: 'component:default/orders',
        target: 'istio-sidecar',
      });

      const bulk = await call('post', '/tasks/bulk').send({
        target: 'istio-sidecar',
        owner: 'group:default/backoffice',
        stages: ['ready', 'blocked'],
      });

      expect(bulk.status).toBe(201);
      expect(
        bulk.body.created.map((t: { entityRef: string }) => t.entityRef),
      ).toEqual(['component:default/billing']);
      expect(bulk.body.skipped).toEqual([
        {
          entityRef: 'component:default/orders',
          reason: 'It already has an open task for Istio (sidecar)',
          taskId: existing.id,
        },
      ]);
    },
  );

  it('closes a task when the scanner sees its service reach the target', async () => {
    const { scan, call } = await backend('SQLITE_3');
    const { body: task } = await call('post', '/tasks').send({
      entityRef: 'component:default/cart',
      target: 'istio-sidecar',
    });
    const { body: other } = await call('post', '/tasks').send({
      entityRef: 'component:default/cart',
      target: 'linkerd',
    });

    await scan();

    const done = await call('get', `/tasks/${task.id}`);
    expect(done.body).toEqual(
      expect.objectContaining({
        status: 'done',
        resolution: expect.stringContaining('secured on Istio (sidecar)'),
      }),
    );
    const untouched = await call('get', `/tasks/${other.id}`);
    expect(untouched.body.status).toBe('open');
  });

  it('answers 403 when the policy denies, and 400 naming a bad field', async () => {
    const { call } = await backend('SQLITE_3', [
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
    ]);

    const denied = await call('post', '/tasks').send({
      entityRef: 'component:default/cart',
      target: 'istio-sidecar',
    });
    expect(denied.status).toBe(403);

    const invalid = await call('post', '/tasks').send({
      entityRef: 'component:default/cart',
      target: 'service-fabric',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('target');

    const tasks = await call('get', '/tasks');
    expect(tasks.body.totalCount).toBe(0);
  });
});
