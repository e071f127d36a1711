/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import { mockServices } from '@backstage/backend-test-utils';

function userOf(options: unknown): string | undefined {
  const credentials = (options as { credentials?: BackstageCredentials })
    ?.credentials;
  return (credentials?.principal as { userEntityRef?: string } | undefined)
    ?.userEntityRef;
}

/**
 * An in-memory catalog that shows each listed user only the entities named
 * for them (as a conditional catalog read policy would), and everything to
 * every other caller, the scanner included.
 */
export function catalogPerCaller(
  entities: Entity[],
  visibleTo: Record<string, string[]>,
): CatalogService {
  const everything = catalogServiceMock({ entities });
  const views = new Map(
    Object.entries(visibleTo).map(([user, names]) => [
      user,
      catalogServiceMock({
        entities: entities.filter(e => names.includes(e.metadata.name)),
      }),
    ]),
  );
  return new Proxy(everything, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const view = views.get(userOf(args[args.length - 1])!) ?? target;
        return Reflect.get(view, property).apply(view, args);
      };
    },
  });
}

/**
 * A permission policy: the listed users get a conditional catalog read
 * decision (they see what the catalog shows them), `denied` users none, any
 * other caller everything. Mesh permissions are allowed. With `visibleTo`
 * (the same map as `catalogPerCaller`'s), the catalog read of one entity
 * (`authorize` with a resource ref) is decided as the permission backend
 * decides it, applying the conditions to that entity: allowed to a
 * conditional user only for the entities named for them.
 */
export function permissionsPerCaller(options: {
  conditional: string[];
  denied?: string[];
  visibleTo?: Record<string, string[]>;
}) {
  /** The entity a catalog read of one entity is about, if this is one. */
  const readEntity = (request: AuthorizePermissionRequest) =>
    options.visibleTo &&
    request.permission.name === catalogEntityReadPermission.name
      ? request.resourceRef
      : undefined;
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) => {
      const user = userOf({ credentials });
      return requests.map(request => {
        const entityRef = readEntity(request);
        if (!entityRef) return { result: AuthorizeResult.ALLOW };
        if (user && options.denied?.includes(user)) {
          return { result: AuthorizeResult.DENY };
        }
        if (user && options.conditional.includes(user)) {
          const { name } = parseEntityRef(entityRef);
          return {
            result: options.visibleTo![user]?.includes(name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          };
        }
        return { result: AuthorizeResult.ALLOW };
      });
    },
    authorizeConditional: async (requests, { credentials }) => {
      const user = userOf({ credentials });
      return requests.map(() => {
        if (user && options.denied?.includes(user)) {
          return { result: AuthorizeResult.DENY };
        }
        if (user && options.conditional.includes(user)) {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [user] },
            },
          };
        }
        return { result: AuthorizeResult.ALLOW };
      });
    },
  }).factory;
}
