import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ServiceMeshStore } from './database/ServiceMeshStore';
import { createRouter } from './service/router';
import { packageVersion } from './packageVersion';

/**
 * The service-mesh backend plugin: serves `/api/service-mesh`.
 *
 * @public
 */
export const serviceMeshPlugin = createBackendPlugin({
  pluginId: 'service-mesh',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
      },
      async init({ logger, httpAuth, httpRouter, database }) {
        const store = await ServiceMeshStore.create({ database });

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            store,
            version: packageVersion(),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
