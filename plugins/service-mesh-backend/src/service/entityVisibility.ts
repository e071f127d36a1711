import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityScope, readEntitiesInScope } from '../scanner/catalogEntities';

/**
 * Which assessed entities the caller may see, following the catalog's own
 * read permission: `all` when the policy allows every entity (no per-row
 * cost), `none` when it denies, otherwise the refs the catalog returns for
 * the caller's credentials.
 */
export async function visibleEntityRefs(options: {
  credentials: BackstageCredentials;
  permissions: PermissionsService;
  catalog: CatalogService;
  scope: EntityScope;
}): Promise<'all' | Set<string>> {
  const { credentials, permissions, catalog, scope } = options;
  const [decision] = await permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return 'all';
  if (decision.result === AuthorizeResult.DENY) return new Set();
  const refs = new Set<string>();
  for await (const page of readEntitiesInScope(catalog, scope, credentials)) {
    page.forEach(entity => refs.add(stringifyEntityRef(entity)));
  }
  return refs;
}
