import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  MigrationPlan,
  MigrationTarget,
  readEntityWorkloadSelector,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  assessService,
  generateMigrationPlan,
  selectWorkloads,
} from '@meshwise/mesh-engine';
import { MeshScanner } from '../scanner/MeshScanner';
import { MeshAuthorizer } from './MeshAuthorizer';

/** Migration plans of the entities the caller may see. */
export interface MigrationPlanService {
  plan(
    entityRef: string,
    target: MigrationTarget,
    options: { credentials: BackstageCredentials },
  ): Promise<MigrationPlan>;
}

/**
 * Plans from the cluster state the scanner holds in memory (read first when
 * this instance has not read it yet): the first cluster where the entity's
 * workloads are found gives the plan.
 */
export class DefaultMigrationPlanService implements MigrationPlanService {
  readonly #scanner: Pick<MeshScanner, 'findInClusters'>;
  readonly #authorizer: Pick<MeshAuthorizer, 'visibleEntity'>;

  constructor(options: {
    scanner: Pick<MeshScanner, 'findInClusters'>;
    authorizer: Pick<MeshAuthorizer, 'visibleEntity'>;
  }) {
    this.#scanner = options.scanner;
    this.#authorizer = options.authorizer;
  }

  async plan(
    entityRef: string,
    target: MigrationTarget,
    { credentials }: { credentials: BackstageCredentials },
  ) {
    const entity = await this.#authorizer.visibleEntity(entityRef, credentials);
    const selector = readEntityWorkloadSelector(entity);
    const plan =
      selector.configured &&
      (await this.#scanner.findInClusters(selector.cluster, index => {
        const workloads = selectWorkloads(index, {
          labelSelector: selector.labelSelector,
          namespace: selector.namespace,
        });
        if (workloads.length === 0) return undefined;
        const assessment = assessService(workloads, index, {
          targetMesh: target === 'gateway-api' ? undefined : target,
        });
        return generateMigrationPlan({
          workloads,
          index,
          assessment,
          target,
          service: { name: entity.metadata.name },
        });
      }));
    if (plan) return plan;
    throw new NotFoundError(
      `No migration plan for ${entityRef}: none of its workloads was found (see its assessment)`,
    );
  }
}
