import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  catalogPerCaller,
  permissionsPerCaller,
} from './__testUtils__/catalogPerCaller';
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
  serviceEntity('pay_gateway', { owner: 'group:default/payments' }),
];
const ALICE = 'user:default/alice'; // may see cart only

type Method = 'get' | 'post' | 'patch';

describe('bad input answers 400 naming the field, never 500', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  async function backend(id: (typeof ids)[number]) {
    const knex = await databases.init(id);
    const started = await startScanBackend({
      knex,
      api,
      entities,
      catalog: catalogPerCaller(entities, { [ALICE]: ['cart'] }),
      extraFeatures: [permissionsPerCaller({ conditional: [ALICE] })],
    });
    await started.scan();
    const callAs =
      (user?: string) =>
      (method: Method, path: string, body?: object, key?: string) => {
        const call = request(started.server)
          [method](`/api/service-mesh${path}`)
          .set('Authorization', mockCredentials.user.header(user));
        if (key !== undefined) call.set('Idempotency-Key', key);
        return body ? call.send(body) : call;
      };
    return { knex, call: callAs(), callAs };
  }

  const newTask = { entityRef: 'component:default/orders', target: 'linkerd' };

  it.each(ids)('rejects out-of-range numbers and dates (%s)', async id => {
    const { call } = await backend(id);
    const { body: task } = await call('post', '/tasks', newTask);

    const cases: [Method, string, object | undefined, string][] = [
      ['get', '/scorecard?offset=1e20', undefined, 'offset'],
      ['get', '/tasks?offset=1e20', undefined, 'offset'],
      ['get', '/scorecard/history?to=2026-13-01', undefined, 'to'],
      ['get', '/scorecard/history?from=2026-02-30', undefined, 'from'],
      ['post', '/tasks', { ...newTask, dueDate: '2026-13-45' }, 'dueDate'],
      ['patch', `/tasks/${task.id}`, { version: 2 ** 31 }, 'version'],
      [
        'patch',
        `/tasks/${task.id}`,
        { version: 1, dueDate: '2027-02-29' },
        'dueDate',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await call(method, path, body);
      expect([path, body, response.status]).toEqual([path, body, 400]);
      expect(response.body.error.message).toContain(field);
    }
    const leapDay = await call('patch', `/tasks/${task.id}`, {
      version: 1,
      dueDate: '2028-02-29',
    });
    expect(leapDay.status).toBe(200);
  });

  it.each(ids)('rejects malformed entity refs and NUL bytes (%s)', async id => {
    const { call } = await backend(id);
    const { body: task } = await call('post', '/tasks', newTask);

    const cases: [Method, string, object | undefined, string][] = [
      ['get', '/entities/a%2Fb/default/cart/assessment', undefined, 'kind'],
      [
        'post',
        '/entities/component/de%3Afault/cart/refresh',
        undefined,
        'namespace',
      ],
      [
        'get',
        '/entities/component/default/ca%00rt/assessment',
        undefined,
        'name',
      ],
      [
        'post',
        '/tasks',
        { ...newTask, entityRef: `component:default/${'x'.repeat(300)}` },
        'entityRef',
      ],
      ['post', '/tasks', { ...newTask, title: 'Move\u0000it' }, 'title'],
      ['get', '/scorecard?q=a%00b', undefined, 'q'],
      ['post', `/tasks/${task.id}/comments`, { body: 'done\u0000' }, 'body'],
      ['patch', `/tasks/${task.id}`, { version: 1, note: '\u0000' }, 'note'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await call(method, path, body);
      expect([path, body, response.status]).toEqual([path, body, 400]);
      expect(response.body.error.message).toContain(field);
    }
  });

  it.each(ids)('searches for % and _ literally (%s)', async id => {
    const { call } = await backend(id);

    const percent = await call('get', '/scorecard?q=%25');
    const underscore = await call('get', '/scorecard?q=_');

    const backslash = await call('get', '/scorecard?q=%5C');
    expect(backslash.status).toBe(200);
    expect(backslash.body.totalCount).toBe(0);
    expect(percent.body.totalCount).toBe(0);
    expect(underscore.body.items.map((r: { name: string }) => r.name)).toEqual([
      'pay_gateway',
    ]);
  });

  it.each(ids)(
    'bounds the Idempotency-Key and refuses one reused for another body (%s)',
    async id => {
      const { call } = await backend(id);

      const tooLong = await call('post', '/tasks', newTask, 'k'.repeat(256));
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toContain('Idempotency-Key');

      const longest = 'k'.repeat(255);
      const first = await call('post', '/tasks', newTask, longest);
      const replay = await call('post', '/tasks', { ...newTask }, longest);
      const other = await call(
        'post',
        '/tasks',
        { ...newTask, target: 'istio-sidecar' },
        longest,
      );

      expect(first.status).toBe(201);
      expect(replay.status).toBe(200);
      expect(replay.body.id).toBe(first.body.id);
      expect(other.status).toBe(422);
      expect(other.body.error.message).toContain('Idempotency-Key');
      const tasks = await call('get', '/tasks');
      expect(tasks.body.totalCount).toBe(1);
    },
  );

  it.each(ids)(
    'answers 404 for a task on an entity the caller may not see, without naming it (%s)',
    async id => {
      const { call, callAs } = await backend(id);
      const { body: task } = await call('post', '/tasks', newTask);
      const alice = callAs(ALICE);

      const unknown = await alice('get', '/tasks/no-such-task');
      for (const [method, path, body] of [
        ['get', `/tasks/${task.id}`, undefined],
        ['patch', `/tasks/${task.id}`, { version: 1, status: 'done' }],
        ['post', `/tasks/${task.id}/comments`, { body: 'hi' }],
      ] as [Method, string, object | undefined][]) {
        const hidden = await alice(method, path, body);
        expect(hidden.status).toBe(404);
        expect(hidden.body.error.message).not.toContain('orders');
        expect(hidden.body.error.message).toBe(
          unknown.body.error.message.replace('no-such-task', task.id),
        );
      }
      expect((await call('get', `/tasks/${task.id}`)).body.version).toBe(1);
    },
  );

  it.each(ids)(
    'shows no SQL and no stack trace for an unexpected error in production (%s)',
    async id => {
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        const { call, knex } = await backend(id);
        const { body: task } = await call('post', '/tasks', newTask);
        await knex.schema.dropTable('mesh_task_comments');

        const response = await call('get', `/tasks/${task.id}`);

        expect(response.status).toBe(500);
        expect(response.body.error.stack).toBeUndefined();
        expect(response.body.error.message).not.toMatch(
          /select|mesh_task|sqlite|relation/i,
        );
        expect(response.body.error.message).toMatch(/logId=\w+/);
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
    },
  );
});
