import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { serviceMeshTaskSinksExtensionPoint } from '@meshwise/backstage-plugin-service-mesh-node';
import { GithubIssueSink } from './GithubIssueSink';

/**
 * Opens a GitHub issue for every migration task filed, when
 * `serviceMesh.tasks.github` is configured.
 *
 * @public
 */
export const serviceMeshModuleGithub = createBackendModule({
  pluginId: 'service-mesh',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        taskSinks: serviceMeshTaskSinksExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ taskSinks, config, logger }) {
        const sink = GithubIssueSink.fromConfig(config, logger);
        if (!sink) {
          logger.info(
            'No GitHub issues for migration tasks: serviceMesh.tasks.github is not set, or disabled',
          );
          return;
        }
        taskSinks.addTaskSink(sink);
      },
    });
  },
});
