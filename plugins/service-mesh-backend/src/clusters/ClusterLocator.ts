import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  checkAddedClusterSources,
  withoutNamesOfAdded,
} from './addedClusterSources';
import { catalogClusterSources } from './catalogClusterSources';
import {
  clusterSourcesFromConfig,
  ConfiguredClusterSources,
} from './clusterSourcesFromConfig';
import { ClusterSource } from './types';

/**
 * All clusters to scan: those of `kubernetes.clusterLocatorMethods` (config
 * and catalog methods), the manifest sources, and the sources backend
 * modules added. Asked at every scan, so a cluster added to the catalog is
 * picked up without a restart. Throws at once when an added source's name
 * is taken.
 */
export function createClusterLocator(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  /** Sources added through the cluster-sources extension point. */
  added?: ClusterSource[];
  logger?: LoggerService;
  /** Reads the manifest sources given by `url`. */
  urlReader?: UrlReaderService;
  requestTimeoutMs?: number;
  pageSize?: number;
  podPageSize?: number;
}): () => Promise<ConfiguredClusterSources> {
  const {
    config,
    catalog,
    auth,
    added = [],
    logger,
    urlReader,
    ...listing
  } = options;
  const fromConfig = clusterSourcesFromConfig(config, {
    ...listing,
    urlReader,
  });
  checkAddedClusterSources(added, fromConfig);
  return async () => {
    const fromCatalog = withoutNamesOfAdded(
      await catalogClusterSources({
        config,
        catalog,
        credentials: await auth.getOwnServiceCredentials(),
        ...listing,
      }),
      added,
      logger,
    );
    return {
      sources: [...fromConfig.sources, ...added, ...fromCatalog.sources],
      problems: [...fromConfig.problems, ...fromCatalog.problems],
    };
  };
}
