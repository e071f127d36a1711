import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { SERVICE_MESH_FACT_RETRIEVER_ID } from './factSchema';
import { serviceMeshFactRetriever } from './serviceMeshFactRetriever';

/**
 * Adds Meshwise's fact retriever to Tech Insights. Tech Insights schedules
 * it when `techInsights.factRetrievers.serviceMeshFactRetriever.cadence` is
 * set, and skips it silently otherwise: this module says so at start.
 *
 * @public
 */
export const techInsightsModuleServiceMesh = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'service-mesh',
  register(env) {
    env.registerInit({
      deps: {
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ factRetrievers, config, logger }) {
        factRetrievers.addFactRetrievers({
          [SERVICE_MESH_FACT_RETRIEVER_ID]: serviceMeshFactRetriever,
        });
        const key = `techInsights.factRetrievers.${SERVICE_MESH_FACT_RETRIEVER_ID}`;
        if (!config.has(`${key}.cadence`)) {
          logger.warn(
            `No service mesh facts: Tech Insights runs the ${SERVICE_MESH_FACT_RETRIEVER_ID} only when app-config sets ${key}.cadence (for example '*/30 * * * *')`,
          );
        }
      },
    });
  },
});
