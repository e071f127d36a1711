import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { loadMeshKnowledgeBase } from '@meshwise/backstage-plugin-service-mesh-common';
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
        config: coreServices.rootConfig,
      },
      async init({ logger, httpAuth, httpRouter, database, config }) {
        // Fails the start with an error naming the bad key, rather than
        // serving a knowledge base the platform team did not intend.
        const knowledgeBase = loadMeshKnowledgeBase(
          config.getOptional('serviceMesh.knowledgeBase'),
        );
        const store = await ServiceMeshStore.create({ database });

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            store,
            version: packageVersion(),
            knowledgeBase,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
