import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  serviceMeshTaskCreatePermission,
  serviceMeshTaskUpdatePermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { DemoPermissionPolicy } from './permissionPolicy';

function user(ownershipEntityRefs: string[]) {
  return {
    identity: {
      type: 'user' as const,
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 'token',
    credentials: {} as any,
  };
}

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy();

  it('lets everyone read the catalog', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      user(['user:default/alice']),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets the platform team file and update any task', async () => {
    const admin = user(['user:default/guest', 'group:default/platform-team']);
    for (const permission of [
      serviceMeshTaskCreatePermission,
      serviceMeshTaskUpdatePermission,
    ]) {
      expect((await policy.handle({ permission }, admin)).result).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });

  it("limits others to their own entities' tasks", async () => {
    const decision = await policy.handle(
      { permission: serviceMeshTaskCreatePermission },
      user(['user:default/ben', 'group:default/payments-team']),
    );

    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/ben', 'group:default/payments-team'],
        },
      },
    });
  });
});
