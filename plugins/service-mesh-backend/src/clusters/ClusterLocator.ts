import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogClusterSources } from './catalogClusterSources';
import {
  clusterSourcesFromConfig,
  ConfiguredClusterSources,
} from './clusterSourcesFromConfig';

/**
 * All clusters to scan: those of `kubernetes.clusterLocatorMethods` (config
 * and catalog methods) and the manifest directories. Asked at every scan, so
 * a cluster added to the catalog is picked up without a restart.
 */
export function createClusterLocator(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  requestTimeoutMs?: number;
  pageSize?: number;
  podPageSize?: number;
}): () => Promise<ConfiguredClusterSources> {
  const { config, catalog, auth, ...listing } = options;
  const fromConfig = clusterSourcesFromConfig(config, listing);
  return async () => {
    const fromCatalog = await catalogClusterSources({
      config,
      catalog,
      credentials: await auth.getOwnServiceCredentials(),
      ...listing,
    });
    return {
      sources: [...fromConfig.sources, ...fromCatalog.sources],
      problems: [...fromConfig.problems, ...fromCatalog.problems],
    };
  };
}
