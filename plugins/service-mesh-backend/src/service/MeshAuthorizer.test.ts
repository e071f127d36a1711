import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { serviceMeshTaskCreatePermission } from '@meshwise/backstage-plugin-service-mesh-common';
import { catalogPerCaller } from '../__testUtils__/catalogPerCaller';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { serviceEntity } from '../__testUtils__/scanFixtures';
import { MeshAuthorizer } from './MeshAuthorizer';

const alice = mockCredentials.user('user:default/alice');
const scope = { kinds: ['Component'], types: [] };
const catalog = catalogPerCaller(
  [serviceEntity('cart'), serviceEntity('orders'), serviceEntity('billing')],
  { 'user:default/alice': ['cart', 'billing'] },
);

/** The catalog, with its `queryEntities` calls recorded. */
function queryRecordingCatalog() {
  const queryEntities = jest.fn(
    (...args: Parameters<CatalogService['queryEntities']>) =>
      catalog.queryEntities(...args),
  );
  const recording = new Proxy(catalog, {
    get: (target, property, receiver) =>
      property === 'queryEntities'
        ? queryEntities
        : Reflect.get(target, property, receiver),
  });
  return { recording, queryEntities };
}

function authorizer(
  decision:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY
    | AuthorizeResult.CONDITIONAL,
  readFrom: CatalogService = catalog,
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
    authorizer: new MeshAuthorizer({ catalog: readFrom, permissions, scope }),
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

  it('asks the catalog for the refs of the visible entities only', async () => {
    const { recording, queryEntities } = queryRecordingCatalog();
    const { authorizer: conditional } = authorizer(
      AuthorizeResult.CONDITIONAL,
      recording,
    );
    await conditional.visibleEntityRefs(alice);
    expect(queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      }),
      { credentials: alice },
    );
  });

  it('reads the catalog once for the requests of a user that overlap, and anew afterwards', async () => {
    const { recording, queryEntities } = queryRecordingCatalog();
    const { authorizer: conditional } = authorizer(
      AuthorizeResult.CONDITIONAL,
      recording,
    );
    const bob = mockCredentials.user('user:default/bob');
    const overlapping = await Promise.all([
      conditional.visibleEntityRefs(alice),
      conditional.visibleEntityRefs(alice),
      conditional.visibleEntityRefs(alice),
      conditional.visibleEntityRefs(bob),
    ]);
    expect(overlapping[0]).toEqual(
      new Set(['component:default/cart', 'component:default/billing']),
    );
    expect(overlapping[1]).toBe(overlapping[0]);
    expect(overlapping[2]).toBe(overlapping[0]);
    // Bob sees what the catalog shows him, not Alice's view.
    expect(overlapping[3]).toEqual(
      new Set([
        'component:default/cart',
        'component:default/orders',
        'component:default/billing',
      ]),
    );
    expect(queryEntities).toHaveBeenCalledTimes(2);

    await conditional.visibleEntityRefs(alice);
    expect(queryEntities).toHaveBeenCalledTimes(3);
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

  it('decides whether the caller may read one entity with one authorization, fetching nothing', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize
      .mockResolvedValueOnce([{ result: AuthorizeResult.ALLOW }])
      .mockResolvedValueOnce([{ result: AuthorizeResult.DENY }]);
    const untouched = catalogServiceMock.mock();
    const reader = new MeshAuthorizer({
      catalog: untouched,
      permissions,
      scope,
    });

    expect(await reader.mayRead('component:default/cart', alice)).toBe(true);
    expect(await reader.mayRead('component:default/orders', alice)).toBe(false);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: catalogEntityReadPermission,
          resourceRef: 'component:default/orders',
        },
      ],
      { credentials: alice },
    );
    expect(untouched.getEntityByRef).not.toHaveBeenCalled();
    expect(untouched.getEntitiesByRefs).not.toHaveBeenCalled();
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
