import { ResourcePermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/** Whether the signed-in user may take an action on one catalog entity. */
export interface EntityPermission {
  /** True while the answer is unknown, and when the user may. */
  loading: boolean;
  allowed: boolean;
  /** Why the action is unavailable, for the disabled control's tooltip. */
  deniedReason?: string;
}

/**
 * Asks the permission framework (the same policy the backend enforces)
 * whether the user may take an action on an entity, so the page disables the
 * control with a reason instead of letting a click end in a 403. A failed
 * check leaves the control enabled: the backend still decides, and a network
 * error must not lock a user out of the page.
 */
export function useEntityPermission(
  permission: ResourcePermission<'catalog-entity'>,
  entityRef: string,
  denied: string,
): EntityPermission {
  const { loading, allowed, error } = usePermission({
    permission,
    resourceRef: entityRef,
  });
  if (error) return { loading: false, allowed: true };
  if (loading) return { loading: true, allowed: false };
  return allowed
    ? { loading: false, allowed: true }
    : {
        loading: false,
        allowed: false,
        deniedReason: `${denied} (permission ${permission.name}). Ask the service's owners or your Backstage administrators.`,
      };
}
