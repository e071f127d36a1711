import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
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
  serviceEntity('cart', {
    id: 'cart',
    owner: SHOP,
    system: 'system:default/shop',
  }),
  serviceEntity('orders', { id: 'orders', owner: BACKOFFICE }),
  serviceEntity('billing', { id: 'billing', owner: BACKOFFICE }),
  serviceEntity('unannotated', { owner: SHOP }),
];

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

type Point = {
  day: string;
  group?: string;
  counts: Record<string, number>;
  demo?: boolean;
};
const total = (point: Point) =>
  Object.values(point.counts).reduce((a, b) => a + b, 0);

/** The roll-up table as plain, comparable rows, in a stable order. */
async function dailyRows(knex: Knex) {
  const rows = await knex('mesh_stage_daily')
    .select('day', 'dimension', 'dimension_key', 'stage', 'count', 'demo')
    .orderBy(['day', 'dimension', 'dimension_key', 'stage']);
  return rows.map(row => ({
    ...row,
    count: Number(row.count),
    demo: Boolean(row.demo),
  }));
}

describe('demo history (serviceMesh.demo.backfillHistoryDays)', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  const config = (demo?: object) => ({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'prod',
              url: api.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
    serviceMesh: { ...(demo ? { demo } : {}) },
  });

  const start = (
    knex: Knex,
    demo?: object,
    catalog: Entity[] = entities,
    logger = mockServices.logger.mock(),
  ) =>
    startScanBackend({
      knex,
      api,
      entities: catalog,
      config: config(demo),
      extraFeatures: [logger.factory],
    });

  /** What a backend logged about writing demo days. */
  const demoWrites = (logger: ReturnType<typeof mockServices.logger.mock>) =>
    logger.info.mock.calls
      .map(([message]) => message)
      .filter(message => message.includes('demo history'));

  it.each(ids)('writes nothing when not configured (%s)', async id => {
    const knex = await databases.init(id);
    const backend = await start(knex);
    await backend.scan();

    expect([...new Set((await dailyRows(knex)).map(row => row.day))]).toEqual([
      day(0),
    ]);
    const { body } = await backend.get('/scorecard/history');
    expect(body.points).toEqual([{ day: day(0), counts: expect.any(Object) }]);
    expect(body.points[0]).not.toHaveProperty('demo');
  });

  it.each(ids)(
    'writes the configured days before today, marked as demo data (%s)',
    async id => {
      const knex = await databases.init(id);
      const backend = await start(knex, { backfillHistoryDays: 30 });
      await backend.scan();

      const { body } = await backend.get('/scorecard/history');
      const points: Point[] = body.points;
      expect(points.map(p => p.day)).toEqual(
        Array.from({ length: 31 }, (_, i) => day(i - 30)),
      );
      const today = points[30];
      expect(today.demo).toBeUndefined();
      expect(today.counts).toEqual(
        (await backend.get('/scorecard')).body.totals,
      );
      for (const point of points.slice(0, 30)) {
        expect(point.demo).toBe(true);
        expect(total(point)).toBe(entities.length);
      }
      // Walking backwards, the secured service was further behind.
      expect(today.counts.secured).toBe(1);
      expect(points[0].counts.secured ?? 0).toBe(0);
      expect(
        (points[0].counts['not-assessed'] ?? 0) + (points[0].counts.ready ?? 0),
      ).toBeGreaterThan(
        (today.counts['not-assessed'] ?? 0) + (today.counts.ready ?? 0),
      );

      // Keyed by owner and system as the real roll-up is.
      const byOwner: Point[] = (
        await backend.get('/scorecard/history?groupBy=owner')
      ).body.points;
      const demoDay = byOwner.filter(p => p.day === day(-10));
      expect(demoDay.map(p => [p.group, total(p), p.demo])).toEqual([
        [BACKOFFICE, 2, true],
        [SHOP, 2, true],
      ]);
      const system: Point[] = (
        await backend.get('/scorecard/history?system=system:default/shop')
      ).body.points;
      expect(system).toHaveLength(31);
      expect(system.slice(0, 30).every(p => p.demo && total(p) === 1)).toBe(
        true,
      );
    },
  );

  it.each(ids)(
    'never writes on or after the first real day, nor over it (%s)',
    async id => {
      const knex = await databases.init(id);
      // Five days ago, a scan rolled up (an install that ran before).
      const real = [
        ['all', '', 'blocked', 3],
        ['owner', BACKOFFICE, 'blocked', 2],
        ['owner', SHOP, 'blocked', 1],
      ].map(([dimension, key, stage, count]) => ({
        day: day(-5),
        dimension,
        dimension_key: key,
        stage,
        count,
      }));
      const backend = await start(knex, { backfillHistoryDays: 30 });
      await knex('mesh_stage_daily').insert(real);
      await backend.scan();

      const rows = await dailyRows(knex);
      expect(rows.filter(row => row.day === day(-5))).toEqual(
        real.map(row => ({ ...row, demo: false })),
      );
      const demoDays = [
        ...new Set(rows.filter(row => row.demo).map(row => row.day)),
      ];
      expect(demoDays).toEqual(
        Array.from({ length: 25 }, (_, i) => day(i - 30)),
      );
      expect(rows.filter(row => row.day > day(-5) && row.day < day(0))).toEqual(
        [],
      );
      const { body } = await backend.get('/scorecard/history');
      expect(
        body.points.map((p: Point) => [p.day, p.demo ?? false]).slice(24),
      ).toEqual([
        [day(-6), true],
        [day(-5), false],
        [day(0), false],
      ]);
    },
  );

  it.each(ids)(
    'writes no duplicates across restarts, and follows a catalog that grew (%s)',
    async id => {
      const knex = await databases.init(id);
      // The first scan after start sees a catalog still ingesting.
      const firstLogger = mockServices.logger.mock();
      const first = await start(
        knex,
        { backfillHistoryDays: 20 },
        entities.slice(0, 2),
        firstLogger,
      );
      await first.scan();
      expect(demoWrites(firstLogger)).toEqual([
        'Wrote 20 days of demo history',
      ]);
      const demoTotal = async () =>
        (await dailyRows(knex))
          .filter(
            row => row.demo && row.dimension === 'all' && row.day === day(-1),
          )
          .reduce((sum, row) => sum + row.count, 0);
      expect(await demoTotal()).toBe(2);

      const restarted = await start(knex, { backfillHistoryDays: 20 });
      await restarted.scan();
      expect(await demoTotal()).toBe(entities.length);
      const afterRestart = await dailyRows(knex);

      const againLogger = mockServices.logger.mock();
      const again = await start(
        knex,
        { backfillHistoryDays: 20 },
        entities,
        againLogger,
      );
      await again.scan();
      await again.scan();
      expect(demoWrites(againLogger)).toEqual([]);
      expect(await dailyRows(knex)).toEqual(afterRestart);
      expect(
        new Set(afterRestart.filter(row => row.demo).map(row => row.day)).size,
      ).toBe(20);
    },
  );

  it.each(ids)('refuses an invalid number of days at start (%s)', async id => {
    const knex = await databases.init(id);
    await expect(start(knex, { backfillHistoryDays: 2.5 })).rejects.toThrow(
      'serviceMesh.demo.backfillHistoryDays: expected a whole number of days from 0 to 365, got 2.5',
    );
  });
});
