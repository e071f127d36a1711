import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { serviceMeshPermissions } from '@meshwise/backstage-plugin-service-mesh-common';

/** Members of this group administer Meshwise in the demo. */
export const DEMO_ADMIN_GROUP = 'group:default/platform-team';

/**
 * The demo's permission policy. Reading is open to everyone. Changing
 * service-mesh data (refreshing an assessment, filing and updating migration
 * tasks) is allowed to the platform team, and to the owners of the entity
 * concerned, through the catalog's `isEntityOwner` rule.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const isServiceMesh = serviceMeshPermissions.some(p =>
      isPermission(request.permission, p),
    );
    if (
      !isServiceMesh ||
      !isResourcePermission(request.permission, 'catalog-entity')
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(DEMO_ADMIN_GROUP)) {
      return { result: AuthorizeResult.ALLOW };
    }
    return createCatalogConditionalDecision(
      request.permission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'meshwise-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DemoPermissionPolicy());
      },
    });
  },
});
