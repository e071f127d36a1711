import type {
  MigrationTarget,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../engine/cluster/clusterIndex';
import { Workload } from '../engine/workloads/workload';

// The plan's shape is the API contract, defined in the common package.
export {
  isMigrationTarget,
  MIGRATION_TARGETS,
} from '@meshwise/backstage-plugin-service-mesh-common';
export type {
  GatewayApiChannel,
  ManualAction,
  MigrationManifest,
  MigrationObject,
  MigrationPatch,
  MigrationPatchTarget,
  MigrationPlan,
  MigrationStep,
  MigrationStepKind,
  MigrationTarget,
  MigrationTargetInfo,
} from '@meshwise/backstage-plugin-service-mesh-common';

export interface MigrationPlanInput {
  /** The service's workloads (e.g. from `selectWorkloads`). */
  workloads: readonly Workload[];
  index: ClusterIndex;
  /** `assessService` of the same workloads. */
  assessment: ServiceAssessment;
  target: MigrationTarget;
  service?: { name: string };
}
