import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
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

const SHOP = 'group:default/shop-team';
const BACKOFFICE = 'group:default/backoffice';
const entities = [
  serviceEntity('cart', { id: 'cart', owner: SHOP }),
  serviceEntity('orders', { id: 'orders', owner: BACKOFFICE }),
  serviceEntity('billing', { id: 'billing', owner: BACKOFFICE }),
];

const ALICE = 'user:default/alice'; // may see cart and orders
const EVERYONE = 'user:default/auditor'; // conditional, but sees every entity
const NOBODY = 'user:default/nobody'; // denied

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Two days ago, as earlier scans would have left it: cart ready, orders and
 * billing blocked, in the history and in that day's roll-up.
 */
async function seedTwoDaysAgo(knex: Knex) {
  const earlier = day(-2);
  const at = new Date(`${earlier}T12:00:00Z`);
  await knex('mesh_assessment_history').insert(
    [
      ['cart', 'ready'],
      ['orders', 'blocked'],
      ['billing', 'blocked'],
    ].map(([name, stage]) => ({
      entity_ref: `component:default/${name}`,
      stage,
      previous_stage: null,
      score: null,
      mesh: null,
      recorded_at: at,
    })),
  );
  await knex('mesh_stage_daily').insert(
    [
      ['all', '', 'ready', 1],
      ['all', '', 'blocked', 2],
      ['owner', SHOP, 'ready', 1],
      ['owner', BACKOFFICE, 'blocked', 2],
    ].map(([dimension, key, stage, count]) => ({
      day: earlier,
      dimension,
      dimension_key: key,
      stage,
      count,
    })),
  );
}

describe('GET /scorecard/history follows the catalog read permission', () => {
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
      catalog: catalogPerCaller(entities, {
        [ALICE]: ['cart', 'orders'],
        [EVERYONE]: entities.map(e => e.metadata.name),
      }),
      extraFeatures: [
        permissionsPerCaller({
          conditional: [ALICE, EVERYONE],
          denied: [NOBODY],
        }),
      ],
    });
    await started.scan();
    await seedTwoDaysAgo(knex);
    const getAs = (user: string | undefined, path: string) =>
      request(started.server)
        .get(`/api/service-mesh${path}`)
        .set('Authorization', mockCredentials.user.header(user));
    return { getAs };
  }

  it.each(ids)(
    'counts only the entities a restricted caller may see (%s)',
    async id => {
      const { getAs } = await backend(id);

      const scorecard = await getAs(ALICE, '/scorecard');
      expect(scorecard.body.totalCount).toBe(2);
      const history = await getAs(ALICE, '/scorecard/history');
      expect(history.status).toBe(200);
      expect(history.body.points).toEqual([
        { day: day(-2), counts: { ready: 1, blocked: 1 } },
        { day: day(0), counts: scorecard.body.totals },
      ]);

      const byOwner = await getAs(ALICE, '/scorecard/history?groupBy=owner');
      const total = (counts: Record<string, number>) =>
        Object.values(counts).reduce((a, b) => a + b, 0);
      expect(
        byOwner.body.points.map(
          (p: {
            day: string;
            group: string;
            counts: Record<string, number>;
          }) => [p.day, p.group, total(p.counts)],
        ),
      ).toEqual(
        expect.arrayContaining([
          [day(-2), SHOP, 1],
          [day(-2), BACKOFFICE, 1],
          [day(0), SHOP, 1],
          [day(0), BACKOFFICE, 1],
        ]),
      );
      expect(byOwner.body.points).toHaveLength(4);

      const oneOwner = await getAs(
        ALICE,
        `/scorecard/history?owner=${BACKOFFICE}&from=${day(-2)}&to=${day(-2)}`,
      );
      expect(oneOwner.body.points).toEqual([
        { day: day(-2), counts: { blocked: 1 } },
      ]);
    },
  );

  it.each(ids)(
    'answers a caller who may see everything exactly as the daily roll-up does (%s)',
    async id => {
      const { getAs } = await backend(id);

      for (const query of [
        '',
        '?groupBy=owner',
        '?groupBy=system',
        `?owner=${BACKOFFICE}`,
        `?from=${day(-3)}&to=${day(-1)}`,
      ]) {
        const rollUp = await getAs(undefined, `/scorecard/history${query}`);
        const computed = await getAs(EVERYONE, `/scorecard/history${query}`);
        expect(computed.status).toBe(200);
        expect(computed.body).toEqual(rollUp.body);
      }
      const all = await getAs(undefined, '/scorecard/history');
      expect(all.body.points[0]).toEqual({
        day: day(-2),
        counts: { ready: 1, blocked: 2 },
      });
    },
  );

  it.each(ids)('shows a denied caller no counts (%s)', async id => {
    const { getAs } = await backend(id);

    const history = await getAs(NOBODY, '/scorecard/history?groupBy=owner');

    expect(history.status).toBe(200);
    expect(history.body.points).toEqual([]);
  });
});
