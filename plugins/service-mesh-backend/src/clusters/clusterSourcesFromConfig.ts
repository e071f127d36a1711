import { Config } from '@backstage/config';
import { resolve } from 'node:path';
import {
  KubernetesClusterSource,
  KubernetesClusterSourceOptions,
} from './KubernetesClusterSource';
import { ManifestReadLimits } from '@meshwise/mesh-engine';
import { ManifestDirectorySource } from './ManifestDirectorySource';
import { ClusterProblem, ClusterSource } from './types';

export interface ConfiguredClusterSources {
  sources: ClusterSource[];
  /** Clusters that are configured but cannot be read as configured. */
  problems: { cluster: string; problem: ClusterProblem }[];
}

/**
 * The clusters to scan, from configuration that already exists:
 * - `kubernetes.clusterLocatorMethods` of type `config`, exactly as
 *   Backstage's Kubernetes plugin reads them (nothing is configured twice);
 * - `serviceMesh.manifestSources`: directories of manifests, each read as
 *   one cluster (GitOps repositories, the demo).
 * Only service-account authentication can be used from a background scan:
 * clusters with another auth provider are reported, not silently skipped.
 */
export function clusterSourcesFromConfig(
  config: Config,
  options: Omit<KubernetesClusterSourceOptions, 'connection'> = {},
): ConfiguredClusterSources {
  const sources: ClusterSource[] = [];
  const problems: ConfiguredClusterSources['problems'] = [];

  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods.filter(m => m.getString('type') === 'config')) {
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      const token = cluster.getOptionalString('serviceAccountToken');
      if (authProvider !== 'serviceAccount' || !token) {
        problems.push({
          cluster: name,
          problem: {
            reason: 'configuration',
            message: `Cluster ${name}: Meshwise scans in the background and needs authProvider serviceAccount with a serviceAccountToken (found authProvider ${authProvider}${
              token ? '' : ', no token'
            })`,
          },
        });
        continue;
      }
      sources.push(
        new KubernetesClusterSource({
          connection: {
            name,
            url: cluster.getString('url'),
            serviceAccountToken: token,
            caData: cluster.getOptionalString('caData'),
            caFile: cluster.getOptionalString('caFile'),
            skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
          },
          ...options,
        }),
      );
    }
  }

  for (const manifests of config.getOptionalConfigArray(
    'serviceMesh.manifestSources',
  ) ?? []) {
    const name = manifests.getString('name');
    let limits: Partial<ManifestReadLimits>;
    try {
      // A source's own limits win over serviceMesh.manifests.
      limits = {
        ...manifestLimits(config.getOptionalConfig('serviceMesh.manifests')),
        ...manifestLimits(manifests),
      };
    } catch (error) {
      problems.push({
        cluster: name,
        problem: {
          reason: 'configuration',
          message: `Manifest source ${name}: ${(error as Error).message}`,
        },
      });
      continue;
    }
    sources.push(
      new ManifestDirectorySource({
        name,
        // Relative to the backend's working directory, like catalog file locations.
        directory: resolve(manifests.getString('directory')),
        limits,
      }),
    );
  }

  return { sources, problems };
}

const LIMIT_KEYS = [
  'maxFileBytes',
  'maxDocumentBytes',
  'maxDocumentsPerFile',
  'concurrency',
] as const;

/** The manifest reading limits set in one config block (unset ones omitted). */
function manifestLimits(config?: Config): Partial<ManifestReadLimits> {
  const limits: Partial<ManifestReadLimits> = {};
  for (const key of LIMIT_KEYS) {
    const value = config?.getOptionalNumber(key);
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${key} must be a positive integer, got ${value}`);
    }
    limits[key] = value;
  }
  return limits;
}
