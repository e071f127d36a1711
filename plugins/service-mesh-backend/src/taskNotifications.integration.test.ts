import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
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

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: ['group:default/shop-team'] },
});

/** The owning group, with Alice as its member, as the catalog relates them. */
const shopTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'shop-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'hasMember', targetRef: ALICE }],
};

const entities = [
  // Secured on Istio (sidecar) in the cluster: a task to go there is done.
  serviceEntity('cart', { id: 'cart', owner: 'group:default/shop-team' }),
  shopTeam,
  user('alice'),
  user('bob'),
];

/**
 * Filing, assigning and the scanner's closing of a task notify the people it
 * concerns through the real notifications backend; without one, nothing
 * breaks.
 */
describe('task notifications', () => {
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
    withNotifications: boolean,
  ) {
    const logger = recordingRootLogger();
    const started = await startScanBackend({
      knex: await databases.init(id),
      api,
      entities,
      extraFeatures: [
        logger.factory,
        ...(withNotifications ? [notificationsPlugin] : []),
      ],
    });
    const call = (method: 'post' | 'patch', path: string) =>
      request(started.server)
        [method](`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.user.header());
    /** What a user's notifications page lists, waiting for it to arrive. */
    const notificationsOf = async (userRef: string, count: number) => {
      let titles: { title: string; link?: string; description?: string }[] = [];
      for (let attempt = 0; attempt < 50; attempt++) {
        const res = await request(started.server)
          .get('/api/notifications')
          .set('Authorization', mockCredentials.user.header(userRef));
        expect(res.status).toBe(200);
        titles = res.body.notifications.map(
          (n: { payload: { title: string; link?: string } }) => n.payload,
        );
        if (titles.length >= count) break;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      return titles;
    };
    return { ...started, call, notificationsOf, records: logger.records };
  }

  it.each(ids)(
    'tells the owning group of a filed task, the new assignee, and the assignee when the scanner closes it (%s)',
    async id => {
      const { scan, call, notificationsOf } = await backend(id, true);
      await scan();

      const filed = await call('post', '/tasks').send({
        entityRef: 'component:default/cart',
        target: 'linkerd',
      });
      expect(filed.status).toBe(201);
      expect(await notificationsOf(ALICE, 1)).toEqual([
        expect.objectContaining({
          title: `Migration task filed: ${filed.body.title}`,
          link: '/catalog/default/component/cart/mesh',
          topic: 'Meshwise migration tasks',
        }),
      ]);

      const assigned = await call('patch', `/tasks/${filed.body.id}`).send({
        version: 1,
        assignee: BOB,
      });
      expect(assigned.status).toBe(200);
      expect(await notificationsOf(BOB, 1)).toEqual([
        expect.objectContaining({
          title: `Migration task assigned: ${filed.body.title}`,
          link: '/catalog/default/component/cart/mesh',
        }),
      ]);

      // A task to reach where the service already is: the next scan closes it.
      const reached = await call('post', '/tasks').send({
        entityRef: 'component:default/cart',
        target: 'istio-sidecar',
        assignee: BOB,
      });
      expect(reached.status).toBe(201);
      await scan();
      const bobs = await notificationsOf(BOB, 3);
      expect(bobs.map(n => n.title)).toEqual(
        expect.arrayContaining([`Migration task done: ${reached.body.title}`]),
      );
      expect(
        bobs.find(n => n.title.startsWith('Migration task done'))?.description,
      ).toMatch(
        /^Closed by the Meshwise scanner on \d{4}-\d{2}-\d{2}: the service is secured/,
      );
    },
  );

  it.each(ids)(
    'files and updates tasks as usual when the notifications backend is absent, and says why no one was told (%s)',
    async id => {
      const { scan, call, records } = await backend(id, false);
      await scan();

      const filed = await call('post', '/tasks').send({
        entityRef: 'component:default/cart',
        target: 'linkerd',
      });
      const assigned = await call('patch', `/tasks/${filed.body.id}`).send({
        version: 1,
        assignee: BOB,
      });

      expect([filed.status, assigned.status]).toEqual([201, 200]);
      let warnings: string[] = [];
      for (let attempt = 0; attempt < 50 && warnings.length < 2; attempt++) {
        warnings = records
          .filter(
            r => r.level === 'warn' && r.message.startsWith('Could not notify'),
          )
          .map(r => r.message);
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(warnings).toEqual([
        expect.stringContaining(
          'Could not notify group:default/shop-team of "Migration task filed',
        ),
        expect.stringContaining(
          `Could not notify ${BOB} of "Migration task assigned`,
        ),
      ]);
    },
  );
});
