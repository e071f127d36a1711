import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Permissions of the service-mesh plugin. Reads follow catalog visibility;
 * everything that changes data is checked through the permission framework.
 */

/** Re-assess one entity now, outside the scan schedule. */
export const serviceMeshRefreshPermission = createPermission({
  name: 'service-mesh.assessment.refresh',
  attributes: { action: 'update' },
});

/** File a migration task (alone or in bulk). */
export const serviceMeshTaskCreatePermission = createPermission({
  name: 'service-mesh.task.create',
  attributes: { action: 'create' },
});

/** Change a migration task's status or fields, or comment on it. */
export const serviceMeshTaskUpdatePermission = createPermission({
  name: 'service-mesh.task.update',
  attributes: { action: 'update' },
});

export const serviceMeshPermissions = [
  serviceMeshRefreshPermission,
  serviceMeshTaskCreatePermission,
  serviceMeshTaskUpdatePermission,
];
