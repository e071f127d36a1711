import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { resolve } from 'node:path';
import {
  KubernetesClusterSource,
  KubernetesClusterSourceOptions,
} from './KubernetesClusterSource';
import { ManifestReadLimits } from '@meshwise/mesh-engine';
import { ManifestDirectorySource } from './ManifestDirectorySource';
import { ManifestUrlSource } from './ManifestUrlSource';
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
 * - `serviceMesh.manifestSources`: directories or repository URLs of
 *   manifests, each read as one cluster (GitOps repositories, the demo).
 * Only service-account authentication can be used from a background scan:
 * clusters with another auth provider are reported, not silently skipped.
 * A manifest source that sets both or neither of `directory` and `url`, or
 * an unusable url, stops the start with an error naming the key.
 */
export function clusterSourcesFromConfig(
  config: Config,
  options: Omit<KubernetesClusterSourceOptions, 'connection'> & {
    /** Reads the manifest sources given by `url` (`coreServices.urlReader`). */
    urlReader?: UrlReaderService;
  } = {},
): ConfiguredClusterSources {
  const { urlReader, ...listing } = options;
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
          ...listing,
        }),
      );
    }
  }

  const manifestSources =
    config.getOptionalConfigArray('serviceMesh.manifestSources') ?? [];
  for (const [index, manifests] of manifestSources.entries()) {
    const name = manifests.getString('name');
    const location = manifestLocation(
      manifests,
      `serviceMesh.manifestSources[${index}]`,
    );
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
    if ('url' in location) {
      if (!urlReader) {
        throw new Error(
          `Manifest source ${name}: a url source needs the backend's urlReader`,
        );
      }
      sources.push(
        new ManifestUrlSource({
          name,
          url: location.url,
          reader: urlReader,
          limits,
        }),
      );
      continue;
    }
    sources.push(
      new ManifestDirectorySource({
        name,
        // Relative to the backend's working directory, like catalog file locations.
        directory: resolve(location.directory),
        limits,
      }),
    );
  }

  return { sources, problems };
}

/**
 * Where one manifest source reads: exactly one of `directory` and `url`.
 * Checked at start, so a typo never becomes a cluster that silently reads
 * nothing.
 */
function manifestLocation(
  source: Config,
  key: string,
): { directory: string } | { url: string } {
  const directory = source.getOptionalString('directory');
  const url = source.getOptionalString('url');
  const named = `${key} (${source.getString('name')})`;
  if (directory !== undefined && url !== undefined) {
    throw new Error(
      `${named}: set either ${key}.directory or ${key}.url, not both`,
    );
  }
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`${named}: ${key}.url is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error(`${named}: ${key}.url must be an http(s) URL`);
    }
    if (parsed.username || parsed.password) {
      // The URL shows in messages; credentials belong to the integration.
      throw new Error(
        `${named}: ${key}.url must not hold credentials; configure them under integrations for host ${parsed.host}`,
      );
    }
    return { url };
  }
  if (directory === undefined) {
    throw new Error(
      `${named}: set ${key}.directory (a local directory) or ${key}.url (a repository URL read through integrations)`,
    );
  }
  return { directory };
}

const LIMIT_KEYS = [
  'maxFiles',
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
