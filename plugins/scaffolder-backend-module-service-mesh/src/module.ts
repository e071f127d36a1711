import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createWriteMigrationPlanAction } from './actions/writeMigrationPlan';

/**
 * Adds `meshwise:migration-plan:write` to the Scaffolder.
 *
 * @public
 */
export const scaffolderModuleServiceMesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'service-mesh',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createWriteMigrationPlanAction({ discovery, auth }),
        );
      },
    });
  },
});
