import { mockServices } from '@backstage/backend-test-utils';
import { EntityAssessmentResponse } from '@meshwise/backstage-plugin-service-mesh-common';
import { assessEntity } from '../scanner/assessEntity';
import { serviceEntity } from '../__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from '../__testUtils__/testDatabases';
import { withCheckedAt } from './AssessmentRepository';
import { ServiceMeshStore } from './ServiceMeshStore';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const ASSESSED_AT = new Date('2026-12-01T10:00:00.000Z');

function assessed(name: string, now = ASSESSED_AT): EntityAssessmentResponse {
  return assessEntity(serviceEntity(name, { id: name }), {
    clusters: [],
    recommendation: [],
    now,
  })!;
}

describe('AssessmentRepository', () => {
  reportSkippedDatabases(skipped);

  async function setUp(id: (typeof ids)[number]) {
    const knex = await databases.init(id);
    const store = await ServiceMeshStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store, assessments: store.assessments };
  }

  it.each(ids)(
    'serves checkedAt once an unchanged assessment is marked checked later (%s)',
    async id => {
      const { assessments } = await setUp(id);
      await assessments.save([assessed('cart'), assessed('orders')]);
      const stored = await assessments.getJson('component:default/cart');
      // Stored: checked when assessed, nothing to add.
      expect(JSON.parse(stored!)).not.toHaveProperty('checkedAt');

      const checked = new Date('2026-12-02T06:00:00.000Z');
      await assessments.markChecked(
        ['component:default/cart', 'component:default/unknown'],
        checked,
      );
      const json = await assessments.getJson('component:default/cart');
      expect(JSON.parse(json!)).toEqual({
        ...JSON.parse(stored!),
        checkedAt: checked.toISOString(),
      });
      // Only the refs given.
      expect(
        JSON.parse((await assessments.getJson('component:default/orders'))!),
      ).not.toHaveProperty('checkedAt');

      // An earlier mark (a slower replica) does not move it back.
      await assessments.markChecked(
        ['component:default/cart'],
        new Date('2026-12-01T20:00:00.000Z'),
      );
      expect(
        JSON.parse((await assessments.getJson('component:default/cart'))!)
          .checkedAt,
      ).toBe(checked.toISOString());

      // Assessed again later: checked then, nothing to add.
      await assessments.save([
        assessed('cart', new Date('2026-12-02T07:00:00.000Z')),
      ]);
      expect(
        JSON.parse((await assessments.getJson('component:default/cart'))!),
      ).not.toHaveProperty('checkedAt');
    },
  );

  it.each(ids)(
    'stores large assessments in statements of about 512 KB of JSON each (%s)',
    async id => {
      const { knex, assessments } = await setUp(id);
      // 30 assessments of about 100 KB of JSON each: about 3 MB.
      const large = Array.from(
        { length: 30 },
        (_, i) =>
          ({
            ...assessed(`large-${i}`),
            notes: 'x'.repeat(100_000),
          } as EntityAssessmentResponse),
      );
      const inserts: string[] = [];
      const onQuery = (query: { sql: string }) => {
        if (/^insert into ["`]mesh_assessments["`]/i.test(query.sql)) {
          inserts.push(query.sql);
        }
      };
      knex.on('query', onQuery);
      try {
        await assessments.save(large);
      } finally {
        knex.removeListener('query', onQuery);
      }
      // Six rows pass 512 KB: five statements, where there was one.
      expect(inserts).toHaveLength(5);
      const [{ count }] = await knex('mesh_assessments').count({
        count: '*',
      });
      expect(Number(count)).toBe(30);
      const stored = await assessments.getJson('component:default/large-29');
      expect(JSON.parse(stored!).notes).toHaveLength(100_000);
    },
  );

  it.each(ids)(
    'marks thousands of entities in batches, one statement each (%s)',
    async id => {
      const { knex, assessments } = await setUp(id);
      const many = Array.from({ length: 450 }, (_, i) => assessed(`svc-${i}`));
      await assessments.save(many);
      const statements: string[] = [];
      const onQuery = (query: { sql: string }) => statements.push(query.sql);
      knex.on('query', onQuery);
      try {
        await assessments.markChecked(
          many.map(a => a.entity.entityRef),
          new Date('2026-12-02T06:00:00.000Z'),
        );
      } finally {
        knex.removeListener('query', onQuery);
      }
      expect(statements).toHaveLength(3);
      expect(statements.every(sql => /^update/i.test(sql))).toBe(true);
      const [{ count }] = await knex('mesh_assessments')
        .where('checked_at', '>', ASSESSED_AT)
        .count({ count: '*' });
      expect(Number(count)).toBe(450);
    },
  );

  it('adds checkedAt to the JSON text of an object without parsing it', () => {
    const json = JSON.stringify({ a: 1, b: { c: '}' } });
    expect(JSON.parse(withCheckedAt(json, '2026-12-02T06:00:00.000Z'))).toEqual(
      { a: 1, b: { c: '}' }, checkedAt: '2026-12-02T06:00:00.000Z' },
    );
    expect(JSON.parse(withCheckedAt('{}', 'x'))).toEqual({ checkedAt: 'x' });
  });
});
