/**
 * The migration plan generator: from a service's workloads and assessment
 * to ordered steps, manifests and manual actions for adopting a mesh or
 * leaving AWS App Mesh. Pure, like the engine.
 */
export { generateMigrationPlan } from './generatePlan';
// The plan's types, patchCommand and the targets are the contract, exported
// by the common package.
export { renderPlanYaml } from './render';
export {
  APP_MESH_TRANSLATION_SUPPORT,
  ROUTE_FEATURES,
  supportTableMarkdown,
} from './appMesh';
export type { FeatureSupport, RouteFeature, SupportTable } from './appMesh';
export type { MigrationPlanInput } from './types';
