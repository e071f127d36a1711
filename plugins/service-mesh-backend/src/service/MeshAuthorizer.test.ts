import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { serviceMeshTaskCreatePermission } from '@meshwise/backstage-plugin-service-mesh-common';
import { catalogPerCaller } from '../__testUtils__/catalogPerCaller';
import { serviceEntity } from '../__testUtils__/scanFixtures';
import { MeshAuthorizer } from './MeshAuthorizer';

const alice = mockCredentials.user('user:default/alice');
const scope = { kinds: ['Component'], types: [] };
const catalog = catalogPerCaller(
  [serviceEntity('cart'), serviceEntity('orders'), serviceEntity('billing')],
  { 'user:default/alice': ['cart', 'billing'] },
);

function authorizer(
  decision:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY
    | AuthorizeResult.CONDITIONAL,
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorizeConditional.mockResolvedValue([
    decision === AuthorizeResult.CONDITIONAL
      ? {
          result: decision,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: { rule: 'IS_ENTITY_OWNER', params: {} },
        }
      : { result: decision },
  ] as any);
  return {
    permissions,
    authorizer: new MeshAuthorizer({ catalog, permissions, scope }),
  };
}

describe('MeshAuthorizer', () => {
  it('lets a caller allowed every entity see all, with no catalog read', async () => {
    const { authorizer: allowAll } = authorizer(AuthorizeResult.ALLOW);
    expect(await allowAll.visibleEntityRefs(alice)).toBeUndefined();
  });

  it('shows a denied caller nothing', async () => {
    const { authorizer: denyAll } = authorizer(AuthorizeResult.DENY);
    expect(await denyAll.visibleEntityRefs(alice)).toEqual(new Set());
  });

  it('shows a conditionally allowed caller what the catalog shows them', async () => {
    const { authorizer: conditional } = authorizer(AuthorizeResult.CONDITIONAL);
    expect(await conditional.visibleEntityRefs(alice)).toEqual(
      new Set(['component:default/cart', 'component:default/billing']),
    );
  });

  it('answers 404 for an entity the caller may not see, naming it', async () => {
    const { authorizer: any } = authorizer(AuthorizeResult.ALLOW);
    await expect(
      any.visibleEntity('component:default/orders', alice),
    ).rejects.toThrow(
      'Entity component:default/orders is not in the catalog, or you may not see it',
    );
    expect(await any.canSee('component:default/cart', alice)).toBe(true);
  });

  it('decides many entities in one request, and none for no entity', async () => {
    const { authorizer: some, permissions } = authorizer(AuthorizeResult.ALLOW);
    permissions.authorize
      .mockResolvedValueOnce([
        { result: AuthorizeResult.ALLOW },
        { result: AuthorizeResult.DENY },
      ])
      .mockResolvedValueOnce([{ result: AuthorizeResult.DENY }]);

    expect(
      await some.allowedEach(
        serviceMeshTaskCreatePermission,
        ['component:default/cart', 'component:default/billing'],
        alice,
      ),
    ).toEqual([true, false]);
    expect(
      await some.allowedEach(serviceMeshTaskCreatePermission, [], alice),
    ).toEqual([]);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    await expect(
      some.require(
        serviceMeshTaskCreatePermission,
        'component:default/cart',
        alice,
        'You may not create migration tasks of component:default/cart',
      ),
    ).rejects.toThrow(
      'You may not create migration tasks of component:default/cart',
    );
  });
});
