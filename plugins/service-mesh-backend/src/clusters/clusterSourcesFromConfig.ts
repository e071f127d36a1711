import { Config } from '@backstage/config';
import { resolve } from 'node:path';
import {
  KubernetesClusterSource,
  KubernetesClusterSourceOptions,
} from './KubernetesClusterSource';
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
    sources.push(
      new ManifestDirectorySource({
        name: manifests.getString('name'),
        // Relative to the backend's working directory, like catalog file locations.
        directory: resolve(manifests.getString('directory')),
      }),
    );
  }

  return { sources, problems };
}
