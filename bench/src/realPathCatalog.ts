/**
 * The fleet's catalog for the real-path backend (`realPathBackend.ts`): an
 * entity provider that hands the real catalog backend every service of the
 * fleet, the guest user the load signs in as and its group, in one full
 * mutation; the catalog then processes and stitches them as it would
 * entities from any other provider.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { fleetEntities, FleetSpec, planFleet } from './fleet';

/** Who the load signs in as (`auth.providers.guest.userEntityRef`). */
export const BENCH_USER_REF = 'user:default/guest';

/** The guest's team: an owner of services, not the demo's admin group. */
const BENCH_USER_GROUP = 'team-1';

/** The services the guest's team owns (all it may read under `--policy owner`). */
export function ownedByBenchUser(spec: FleetSpec): string[] {
  return planFleet(spec)
    .services.filter(s => s.owner === `group:default/${BENCH_USER_GROUP}`)
    .map(s => s.name);
}

const LOCATION = 'bench:meshwise-real-path';

/** The fleet's services plus the guest user and its group. */
export function realPathEntities(spec: FleetSpec): Entity[] {
  const services = fleetEntities(planFleet(spec)).map(entity => {
    // The catalog assigns its own uids.
    const { uid: _uid, ...metadata } = entity.metadata;
    return { ...entity, metadata };
  });
  const org: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: BENCH_USER_GROUP, namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'guest', namespace: 'default' },
      spec: { memberOf: [`group:default/${BENCH_USER_GROUP}`] },
    },
  ];
  return [...services, ...org];
}

class FleetEntityProvider implements EntityProvider {
  constructor(private readonly entities: Entity[]) {}

  getProviderName() {
    return 'meshwise-bench-fleet';
  }

  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: this.entities.map(entity => ({
        locationKey: LOCATION,
        entity: {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: {
              ...entity.metadata.annotations,
              [ANNOTATION_LOCATION]: LOCATION,
              [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
            },
          },
        },
      })),
    });
  }
}

/** A catalog module providing `realPathEntities(spec)`. */
export function fleetCatalogModule(spec: FleetSpec) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'meshwise-bench-fleet',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(
            new FleetEntityProvider(realPathEntities(spec)),
          );
        },
      });
    },
  });
}
