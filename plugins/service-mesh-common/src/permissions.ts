import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Permissions of the service-mesh plugin. Reads follow catalog visibility;
 * everything that changes data is checked through the permission framework.
 *
 * The permissions are about a catalog entity (the service being assessed or
 * migrated), so they use the catalog's resource type: a policy can then use
 * the catalog's rules, for example to let only an entity's owners file and
 * update its migration tasks:
 *
 * ```ts
 * if (isPermission(request.permission, serviceMeshTaskCreatePermission)) {
 *   return createCatalogConditionalDecision(
 *     request.permission,
 *     catalogConditions.isEntityOwner({ claims: user.info.ownershipEntityRefs }),
 *   );
 * }
 * ```
 */
const CATALOG_ENTITY = 'catalog-entity';

/** Re-assess one entity now, outside the scan schedule. */
export const serviceMeshRefreshPermission = createPermission({
  name: 'service-mesh.assessment.refresh',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** File a migration task for an entity (alone or in bulk). */
export const serviceMeshTaskCreatePermission = createPermission({
  name: 'service-mesh.task.create',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** Change a migration task's status or fields, or comment on it. */
export const serviceMeshTaskUpdatePermission = createPermission({
  name: 'service-mesh.task.update',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Start the scheduled scan now, outside its schedule (the scheduler's
 * `POST /.backstage/scheduler/v1/tasks/:id/trigger` on the plugin's router).
 * A basic permission: a scan concerns every entity and cluster.
 */
export const serviceMeshScanTriggerPermission = createPermission({
  name: 'service-mesh.scan.trigger',
  attributes: { action: 'update' },
});

/** Cancel the running scan (`POST /.backstage/scheduler/v1/tasks/:id/cancel`). */
export const serviceMeshScanCancelPermission = createPermission({
  name: 'service-mesh.scan.cancel',
  attributes: { action: 'update' },
});

export const serviceMeshPermissions = [
  serviceMeshRefreshPermission,
  serviceMeshTaskCreatePermission,
  serviceMeshTaskUpdatePermission,
  serviceMeshScanTriggerPermission,
  serviceMeshScanCancelPermission,
];
