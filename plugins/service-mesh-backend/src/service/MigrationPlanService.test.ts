import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { buildClusterIndex, ClusterIndex } from '@meshwise/mesh-engine';
import { clusterObjects, serviceEntity } from '../__testUtils__/scanFixtures';
import { DefaultMigrationPlanService } from './MigrationPlanService';

const credentials = mockCredentials.user();

function planService(
  entity = serviceEntity('billing', { id: 'billing', cluster: 'east' }),
  indexes: ClusterIndex[] = [],
) {
  const scanner = { clusterIndexes: jest.fn(async () => indexes) };
  const authorizer = { visibleEntity: jest.fn(async () => entity) };
  return {
    scanner,
    service: new DefaultMigrationPlanService({ scanner, authorizer }),
  };
}

describe('DefaultMigrationPlanService', () => {
  it("plans from the first cluster that has the entity's workloads", async () => {
    const empty = buildClusterIndex([]);
    const { service, scanner } = planService(undefined, [
      empty,
      buildClusterIndex(clusterObjects()),
    ]);

    const plan = await service.plan('component:default/billing', 'linkerd', {
      credentials,
    });

    expect(plan.target).toBe('linkerd');
    expect(plan.steps.length).toBeGreaterThan(0);
    // Only the cluster the entity names is read.
    expect(scanner.clusterIndexes).toHaveBeenCalledWith('east');
  });

  it('reads no cluster for an entity whose workloads cannot be found', async () => {
    const { service, scanner } = planService(serviceEntity('billing'));

    await expect(
      service.plan('component:default/billing', 'linkerd', { credentials }),
    ).rejects.toThrow(
      new NotFoundError(
        'No migration plan for component:default/billing: none of its workloads was found (see its assessment)',
      ),
    );
    expect(scanner.clusterIndexes).not.toHaveBeenCalled();
  });

  it('says so when no cluster has its workloads', async () => {
    const { service } = planService(serviceEntity('ghost', { id: 'ghost' }), [
      buildClusterIndex(clusterObjects()),
    ]);

    await expect(
      service.plan('component:default/ghost', 'istio-sidecar', {
        credentials,
      }),
    ).rejects.toThrow(/^No migration plan for component:default\/ghost/);
  });
});
