import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError, ResponseError } from '@backstage/errors';
import {
  MigrationPlan,
  MigrationTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** A plan is computed from state the backend holds in memory: seconds at most. */
const TIMEOUT_MS = 60_000;

/**
 * `GET /api/service-mesh/entities/:kind/:namespace/:name/migration-plan`,
 * on behalf of whoever started the task: the service-mesh backend applies
 * that user's catalog visibility. The token is only ever sent, never logged.
 */
export async function fetchMigrationPlan(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
  entity: CompoundEntityRef;
  target: MigrationTarget;
  signal?: AbortSignal;
}): Promise<MigrationPlan> {
  const { discovery, auth, credentials, entity, target } = options;
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'service-mesh',
  });
  const baseUrl = await discovery.getBaseUrl('service-mesh');
  // Entity refs are case-insensitive; the API names them in lower case.
  const part = (text: string) =>
    encodeURIComponent(text.toLocaleLowerCase('en-US'));
  const url = `${baseUrl}/entities/${part(entity.kind)}/${part(
    entity.namespace,
  )}/${part(entity.name)}/migration-plan?target=${encodeURIComponent(target)}`;
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}` },
    signal: options.signal
      ? AbortSignal.any([options.signal, timeout])
      : timeout,
  });
  if (response.ok) return (await response.json()) as MigrationPlan;
  throw explain(await ResponseError.fromResponse(response), entity, target);
}

/** The backend's answer in terms of the action's inputs. */
function explain(
  error: ResponseError,
  entity: CompoundEntityRef,
  target: MigrationTarget,
): Error {
  const ref = stringifyEntityRef(entity);
  const said = error.body.error.message;
  if (error.statusCode === 404) {
    return new NotFoundError(
      `No migration plan for ${ref}: ${said}. Check that the entity is in the catalog and that you may see it, and that its backstage.io/kubernetes-* annotations match a workload Meshwise reads (its Mesh tab says which).`,
    );
  }
  if (error.statusCode === 400) {
    // The backend's 400s name the part they reject: `Invalid query: target: ...`.
    const field = /\bquery: target\b/.test(said) ? 'target' : 'entityRef';
    const value = field === 'target' ? target : ref;
    return new InputError(
      `Input "${field}" (${value}) was refused by the service-mesh backend: ${said}`,
    );
  }
  return new Error(
    `Could not read the migration plan of ${ref} for ${target}: the service-mesh backend answered ${error.statusCode}: ${said}`,
  );
}
