/**
 * The migration plan generator: from a service's workloads and assessment
 * to ordered steps, manifests and manual actions for adopting a mesh or
 * leaving AWS App Mesh. Pure, like the engine.
 */
export { generateMigrationPlan } from './generatePlan';
export { renderPlanYaml, patchCommand } from './render';
export { MIGRATION_TARGETS, isMigrationTarget } from './types';
export type {
  ManualAction,
  MigrationManifest,
  MigrationObject,
  MigrationPatch,
  MigrationPatchTarget,
  MigrationPlan,
  MigrationPlanInput,
  MigrationStep,
  MigrationStepKind,
  MigrationTarget,
  MigrationTargetInfo,
} from './types';
