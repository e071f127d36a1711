import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { recordingRootLogger } from './__testUtils__/recordingRootLogger';
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
  serviceEntity('orders', { id: 'orders', owner: 'group:default/shop-team' }),
];

/**
 * Every change made through the API is an audit event of the real auditor
 * service (`coreServices.auditor`), as an operator's log pipeline receives
 * it: who, what was asked, and how it ended.
 */
describe('audit events', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  async function backend(id: Parameters<typeof databases.init>[0]) {
    const logger = recordingRootLogger();
    const started = await startScanBackend({
      knex: await databases.init(id),
      api,
      entities,
      extraFeatures: [logger.factory],
    });
    const call = (method: 'post' | 'patch', path: string) =>
      request(started.server)
        [method](`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.user.header());
    /** The audit events logged, as `<eventId> <status>` with their fields. */
    const events = (): Array<JsonObject & { event: string }> =>
      logger.records
        .filter(record => record.fields.isAuditEvent)
        .map(record => ({
          event: `${record.fields.eventId} ${record.fields.status}`,
          ...record.fields,
        }));
    return { ...started, call, events, records: logger.records };
  }

  it.each(ids)(
    'records who filed, changed and commented on a task, and how each ended (%s)',
    async id => {
      const { scan, call, events, records } = await backend(id);
      await scan();

      const filed = await call('post', '/tasks').send({
        entityRef: 'component:default/cart',
        target: 'linkerd',
      });
      const again = await call('post', '/tasks').send({
        entityRef: 'component:default/cart',
        target: 'linkerd',
      });
      const updated = await call('patch', `/tasks/${filed.body.id}`).send({
        version: 1,
        status: 'in-progress',
      });
      const stale = await call('patch', `/tasks/${filed.body.id}`).send({
        version: 1,
        status: 'wont-do',
      });
      const commented = await call(
        'post',
        `/tasks/${filed.body.id}/comments`,
      ).send({ body: 'Port names fixed in PR 42' });
      const bulk = await call('post', '/tasks/bulk').send({
        owner: 'group:default/shop-team',
        target: 'linkerd',
      });
      expect(
        [filed, again, updated, stale, commented, bulk].map(r => r.status),
      ).toEqual([201, 200, 200, 409, 201, 201]);

      const audit = events().filter(e => e.status !== 'initiated');
      expect(audit.map(e => e.event)).toEqual([
        'task-create succeeded',
        'task-create succeeded',
        'task-update succeeded',
        'task-update failed',
        'task-comment succeeded',
        'task-create succeeded',
      ]);
      for (const event of audit) {
        expect(event).toEqual(
          expect.objectContaining({
            plugin: 'service-mesh',
            severityLevel: 'medium',
            actor: expect.objectContaining({ actorId: 'user:default/mock' }),
          }),
        );
      }
      expect(audit[0].meta).toEqual({
        actionType: 'single',
        entityRef: 'component:default/cart',
        target: 'linkerd',
        taskId: filed.body.id,
        outcome: 'created',
      });
      expect(audit[1].meta).toEqual(
        expect.objectContaining({ taskId: filed.body.id, outcome: 'existing' }),
      );
      expect(audit[2].meta).toEqual({
        taskId: filed.body.id,
        fields: ['version', 'status'],
        entityRef: 'component:default/cart',
        status: 'in-progress',
        version: 2,
      });
      expect(audit[3].error).toContain('current 2');
      expect(audit[4].meta).toEqual({
        taskId: filed.body.id,
        entityRef: 'component:default/cart',
        commentCount: 1,
      });
      expect(audit[5].meta).toEqual({
        actionType: 'bulk',
        owner: 'group:default/shop-team',
        target: 'linkerd',
        createdTaskIds: bulk.body.created.map((t: { id: string }) => t.id),
        skippedCount: 1,
      });
      // A comment's text is the team's, not the audit log's.
      expect(JSON.stringify(records)).not.toContain('Port names fixed');
    },
  );

  it.each(ids)('records who re-assessed an entity (%s)', async id => {
    const { scan, call, events } = await backend(id);
    await scan();

    const refreshed = await call(
      'post',
      '/entities/component/default/cart/refresh',
    );

    expect(refreshed.status).toBe(200);
    expect(events().map(e => e.event)).toEqual([
      'entity-refresh initiated',
      'entity-refresh succeeded',
    ]);
    expect(events()[1]).toEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ actorId: 'user:default/mock' }),
        request: {
          method: 'POST',
          url: '/api/service-mesh/entities/component/default/cart/refresh',
        },
        meta: {
          entityRef: 'component:default/cart',
          stage: refreshed.body.stage,
        },
      }),
    );
  });
});
