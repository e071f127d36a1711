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
  // Visits the indexes in order, as the scanner reads its clusters.
  const visited: ClusterIndex[] = [];
  async function findInClusters<T>(
    _cluster: string | undefined,
    visit: (index: ClusterIndex) => T | undefined,
  ): Promise<T | undefined> {
    for (const index of indexes) {
      visited.push(index);
      const found = visit(index);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const scanner = {
    findInClusters: jest.fn(findInClusters) as unknown as jest.Mock &
      typeof findInClusters,
  };
  const authorizer = { visibleEntity: jest.fn(async () => entity) };
  return {
    scanner,
    visited,
    service: new DefaultMigrationPlanService({ scanner, authorizer }),
  };
}

describe('DefaultMigrationPlanService', () => {
  it("plans from the first cluster that has the entity's workloads", async () => {
    const empty = buildClusterIndex([]);
    const { service, scanner, visited } = planService(undefined, [
      empty,
      buildClusterIndex(clusterObjects()),
      buildClusterIndex(clusterObjects()),
    ]);

    const plan = await service.plan('component:default/billing', 'linkerd', {
      credentials,
    });

    expect(plan.target).toBe('linkerd');
    expect(plan.steps.length).toBeGreaterThan(0);
    // Only the cluster the entity names is read.
    expect(scanner.findInClusters).toHaveBeenCalledWith(
      'east',
      expect.any(Function),
    );
    // No further than the first cluster with its workloads.
    expect(visited).toHaveLength(2);
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
    expect(scanner.findInClusters).not.toHaveBeenCalled();
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
