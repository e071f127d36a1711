import { mockServices } from '@backstage/backend-test-utils';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from '../__testUtils__/testDatabases';
import { ServiceMeshStore } from './ServiceMeshStore';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

describe('ServiceMeshStore', () => {
  reportSkippedDatabases(skipped);

  it.each(ids)('applies its migrations on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await ServiceMeshStore.create({
      database: mockServices.database({ knex }),
    });

    expect(await store.schemaVersion()).toBe('20261203100000');
    expect(await knex.schema.hasTable('mesh_scan_runs')).toBe(true);
    expect(await knex.schema.hasTable('mesh_assessments')).toBe(true);
    expect(store.databaseEngine()).toBe(
      databaseId === 'SQLITE_3' ? 'sqlite' : 'postgres',
    );
  });

  it.each(ids)('is idempotent across restarts on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    await ServiceMeshStore.create({ database });
    await knex('mesh_scan_runs').insert({
      trigger: 'schedule',
      status: 'succeeded',
      started_at: new Date('2026-11-22T10:00:00Z'),
      finished_at: new Date('2026-11-22T10:00:05Z'),
      entity_count: 3,
      assessed_count: 3,
      clusters: JSON.stringify([{ cluster: 'demo', status: 'ok' }]),
    });

    const restarted = await ServiceMeshStore.create({ database });
    const runs = await restarted.scans.list({ limit: 10 });

    expect(runs).toEqual([
      expect.objectContaining({
        trigger: 'schedule',
        status: 'succeeded',
        startedAt: '2026-11-22T10:00:00.000Z',
        finishedAt: '2026-11-22T10:00:05.000Z',
        entityCount: 3,
        clusters: [{ cluster: 'demo', status: 'ok' }],
      }),
    ]);
  });
});
