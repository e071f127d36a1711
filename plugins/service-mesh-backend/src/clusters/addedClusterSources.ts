import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfiguredClusterSources } from './clusterSourcesFromConfig';
import { ClusterSource } from './types';

const SOURCE_TYPES = ['kubernetes', 'manifests'];
const ADDED = 'a backend module (serviceMeshClusterSourcesExtensionPoint)';

function configuredOrigin(source: ClusterSource): string {
  return source.type === 'manifests'
    ? 'serviceMesh.manifestSources'
    : 'kubernetes.clusterLocatorMethods';
}

/**
 * Checks, at start, the sources that modules added: each has a name and a
 * known type, and no name is used twice among them and the configured
 * clusters (a clash would merge two clusters' states under one name).
 * Throws one error naming every clash and where each name comes from.
 */
export function checkAddedClusterSources(
  added: ClusterSource[],
  configured: ConfiguredClusterSources,
): void {
  const origins = new Map<string, string>();
  for (const source of configured.sources) {
    origins.set(source.name, configuredOrigin(source));
  }
  for (const { cluster } of configured.problems) {
    if (!origins.has(cluster)) origins.set(cluster, 'the configuration');
  }
  const errors: string[] = [];
  for (const source of added) {
    if (typeof source?.name !== 'string' || source.name.trim() === '') {
      errors.push(`a cluster source added by ${ADDED} has no name`);
      continue;
    }
    if (!SOURCE_TYPES.includes(source.type)) {
      errors.push(
        `cluster source "${source.name}" has type "${
          source.type
        }"; use one of ${SOURCE_TYPES.join(', ')}`,
      );
    }
    const taken = origins.get(source.name);
    if (taken) {
      errors.push(
        `cluster name "${source.name}" is used by ${ADDED} and by ${taken}: rename one of them`,
      );
    } else {
      origins.set(source.name, ADDED);
    }
  }
  if (errors.length > 0) {
    throw new Error(
      `Invalid service-mesh cluster sources: ${errors.join('; ')}`,
    );
  }
}

/**
 * Catalog clusters are found at every scan, after the start: one named like
 * an added source is left out (with a warning) rather than merged into it.
 */
export function withoutNamesOfAdded(
  fromCatalog: ConfiguredClusterSources,
  added: ClusterSource[],
  logger?: LoggerService,
): ConfiguredClusterSources {
  if (added.length === 0) return fromCatalog;
  const names = new Set(added.map(source => source.name));
  const keep = (cluster: string) => {
    if (!names.has(cluster)) return true;
    logger?.warn(
      `Catalog cluster ${cluster} is not scanned: ${ADDED} adds a cluster of that name. Rename one of them.`,
    );
    return false;
  };
  return {
    sources: fromCatalog.sources.filter(source => keep(source.name)),
    problems: fromCatalog.problems.filter(({ cluster }) => keep(cluster)),
  };
}
