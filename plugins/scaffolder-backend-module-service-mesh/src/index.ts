/**
 * A Scaffolder backend module of the Meshwise service-mesh plugins: the
 * `meshwise:migration-plan:write` action, which writes a service's
 * migration plan into the workspace, ready for a pull request.
 *
 * @packageDocumentation
 */

export { scaffolderModuleServiceMesh as default } from './module';
export {
  createWriteMigrationPlanAction,
  WRITE_MIGRATION_PLAN_ACTION_ID,
} from './actions/writeMigrationPlan';
