/**
 * The real-path backend's permission policy (`--policy`):
 *
 * - `demo`: the demo's own policy (`packages/backend/src/permissionPolicy.ts`):
 *   every entity readable, changes to mesh data conditional on owning the
 *   entity;
 * - `owner`: the same, except that reading a catalog entity is conditional
 *   too (`isEntityOwner`): the guest sees only what its group owns, so the
 *   catalog filters every lookup and the permission backend has the catalog
 *   apply the condition to each entity Meshwise asks about.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { isPermission } from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DemoPermissionPolicy } from '../../packages/backend/src/permissionPolicy';
import type { RealPathPolicy } from './options';

class OwnerReadPolicy implements PermissionPolicy {
  readonly #demo = new DemoPermissionPolicy();

  async handle(request: PolicyQuery, user?: PolicyQueryUser) {
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return this.#demo.handle(request, user);
  }
}

export function realPathPolicyModule(policy: RealPathPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'meshwise-bench-policy',
    register(reg) {
      reg.registerInit({
        deps: { extension: policyExtensionPoint },
        async init({ extension }) {
          extension.setPolicy(
            policy === 'owner'
              ? new OwnerReadPolicy()
              : new DemoPermissionPolicy(),
          );
        },
      });
    },
  });
}
