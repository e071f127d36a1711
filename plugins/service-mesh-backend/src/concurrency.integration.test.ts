import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { applyDatabaseMigrations } from './database/migrations';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const { databases, ids, skipped } = createStoreTestDatabases();

/** One team's fleet: enough services that two bulk filings overlap in time. */
const TEAM = 'group:default/payments';
const entities = [
  serviceEntity('cart', { id: 'cart', owner: TEAM }),
  serviceEntity('orders', { id: 'orders', owner: TEAM }),
  ...Array.from({ length: 60 }, (_, i) =>
    serviceEntity(`ledger-${i}`, { id: `ledger-${i}`, owner: TEAM }),
  ),
];

/**
 * Two backend replicas on one database, requests fired at once: the store
 * files one active task per entity and target and never answers 500.
 */
describe('concurrent requests on one database', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  async function replicas(knex: Knex, count: number) {
    const started = [];
    for (let i = 0; i < count; i += 1) {
      started.push(await startScanBackend({ knex, api, entities }));
    }
    return started.map(replica => ({
      ...replica,
      call: (method: 'get' | 'post' | 'patch', path: string) =>
        request(replica.server)
          [method](`/api/service-mesh${path}`)
          .set('Authorization', mockCredentials.user.header()),
    }));
  }

  it.each(ids)(
    'two identical bulk filings on two replicas file each task once (%s)',
    async id => {
      const [one, two] = await replicas(await databases.init(id), 2);
      await one.scan();
      const body = { target: 'linkerd', owner: TEAM };

      const answers = await Promise.all([
        one.call('post', '/tasks/bulk').send(body),
        two.call('post', '/tasks/bulk').send(body),
      ]);

      // 201 when the request filed something, 200 when it only skipped.
      for (const answer of answers)
        expect(answer.status).toBe(answer.body.created.length ? 201 : 200);
      const created = answers.flatMap(answer => answer.body.created);
      const skippedRefs = answers.flatMap(answer =>
        answer.body.skipped.map((s: { entityRef: string }) => s.entityRef),
      );
      expect(created).toHaveLength(entities.length);
      expect(skippedRefs).toHaveLength(entities.length);
      const list = await one.call('get', '/tasks?limit=200&target=linkerd');
      expect(list.body.totalCount).toBe(entities.length);
      expect(
        new Set(list.body.items.map((t: { entityRef: string }) => t.entityRef))
          .size,
      ).toBe(entities.length);
    },
  );

  it.each(ids)(
    'ten filings of one task at once, without a key, file one task (%s)',
    async id => {
      const [one, two] = await replicas(await databases.init(id), 2);
      const body = {
        entityRef: 'component:default/orders',
        target: 'istio-sidecar',
      };

      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? one : two).call('post', '/tasks').send(body),
        ),
      );

      const statuses = answers.map(answer => answer.status).sort();
      expect(statuses).toEqual([
        200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
      ]);
      expect(new Set(answers.map(answer => answer.body.id)).size).toBe(1);
      const list = await one.call(
        'get',
        '/tasks?entityRef=component:default/orders',
      );
      expect(list.body.totalCount).toBe(1);
    },
  );

  it.each(ids)(
    'reopening a task while another is active for the target answers 409 (%s)',
    async id => {
      const [one] = await replicas(await databases.init(id), 1);
      const body = { entityRef: 'component:default/cart', target: 'kuma' };
      const { body: first } = await one.call('post', '/tasks').send(body);
      await one
        .call('patch', `/tasks/${first.id}`)
        .send({ version: 1, status: 'wont-do' });
      const { body: second } = await one.call('post', '/tasks').send(body);
      expect(second.id).not.toBe(first.id);

      const reopen = await one
        .call('patch', `/tasks/${first.id}`)
        .send({ version: 2, status: 'open' });

      expect(reopen.status).toBe(409);
      expect(reopen.body.error.message).toContain(second.id);
      const unchanged = await one.call('get', `/tasks/${first.id}`);
      expect(unchanged.body).toEqual(
        expect.objectContaining({ status: 'wont-do', version: 2 }),
      );
    },
  );

  it.each(ids)(
    'refreshes fired at once on two replicas all answer 200 (%s)',
    async id => {
      const [one, two] = await replicas(await databases.init(id), 2);
      await one.scan();

      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? one : two).call(
            'post',
            `/entities/component/default/${i % 3 ? 'cart' : 'orders'}/refresh`,
          ),
        ),
      );

      expect(answers.map(answer => answer.status)).toEqual(Array(10).fill(200));
      const history = await one.call('get', '/scorecard/history');
      expect(history.status).toBe(200);
      const today = history.body.points.at(-1);
      const total = Object.values(
        today.counts as Record<string, number>,
      ).reduce((sum, count) => sum + count, 0);
      expect(total).toBe(entities.length);
    },
  );

  it.each(ids)(
    'the migration closes tasks filed twice by earlier versions, keeping the oldest (%s)',
    async id => {
      const knex = await databases.init(id);
      const directory = `${__dirname}/../migrations`;
      for (const name of [
        '20261122000000_init.js',
        '20261122010000_history.js',
        '20261122020000_tasks.js',
        '20261122030000_scorecard_order_index.js',
      ]) {
        await knex.migrate.up({ directory, name });
      }
      const task = (taskId: string, minute: number, status = 'open') => ({
        id: taskId,
        entity_ref: 'component:default/cart',
        target: 'linkerd',
        title: 'Move cart to Linkerd',
        description: '',
        status,
        version: 1,
        created_by: 'user:default/mock',
        created_at: new Date(Date.UTC(2026, 10, 1, 0, minute)),
        updated_at: new Date(Date.UTC(2026, 10, 1, 0, minute)),
      });
      await knex('mesh_tasks').insert([
        task('b-second', 2),
        task('a-first', 1),
        task('c-third', 3, 'in-progress'),
        task('d-done', 0, 'done'),
      ]);

      await applyDatabaseMigrations(knex);

      const rows = await knex('mesh_tasks')
        .select('id', 'status', 'resolution', 'version')
        .orderBy('id');
      expect(rows).toEqual([
        expect.objectContaining({ id: 'a-first', status: 'open', version: 1 }),
        expect.objectContaining({
          id: 'b-second',
          status: 'wont-do',
          resolution: expect.stringContaining('Duplicate of task a-first'),
          version: 2,
        }),
        expect.objectContaining({
          id: 'c-third',
          status: 'wont-do',
          resolution: expect.stringContaining('Duplicate of task a-first'),
        }),
        expect.objectContaining({ id: 'd-done', status: 'done', version: 1 }),
      ]);
    },
  );
});
