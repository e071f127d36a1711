import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KubernetesClusterSource,
  KubernetesClusterSourceOptions,
} from './KubernetesClusterSource';
import { ConfiguredClusterSources } from './clusterSourcesFromConfig';

const API_SERVER = 'kubernetes.io/api-server';
const API_SERVER_CA = 'kubernetes.io/api-server-certificate-authority';
const AUTH_PROVIDER = 'kubernetes.io/auth-provider';
const SKIP_TLS_VERIFY = 'kubernetes.io/skip-tls-verify';

/**
 * Clusters of the `catalog` cluster locator method: Resource entities of
 * type kubernetes-cluster, read with the same annotations as Backstage's
 * Kubernetes plugin. Catalog entities carry no secrets, so the token of the
 * read-only service account comes from
 * `serviceMesh.kubernetes.serviceAccountTokens.<cluster name>`; a cluster
 * without one is reported as a configuration problem.
 */
export async function catalogClusterSources(
  options: {
    config: Config;
    catalog: CatalogService;
    credentials: BackstageCredentials;
  } & Omit<KubernetesClusterSourceOptions, 'connection'>,
): Promise<ConfiguredClusterSources> {
  const { config, catalog, credentials, ...listing } = options;
  const method = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).find(m => m.getString('type') === 'catalog');
  if (!method) return { sources: [], problems: [] };
  const allowSkipTLSVerify =
    method.getOptionalBoolean('dangerouslyAllowSkipTLSVerify') ?? false;
  const tokens = config.getOptionalConfig(
    'serviceMesh.kubernetes.serviceAccountTokens',
  );

  const { items } = await catalog.getEntities(
    { filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' } },
    { credentials },
  );
  const result: ConfiguredClusterSources = { sources: [], problems: [] };
  for (const entity of items) {
    const name = entity.metadata.name;
    const annotations = entity.metadata.annotations ?? {};
    const url = annotations[API_SERVER];
    if (!url) continue; // not a cluster the Kubernetes plugin would use either
    const token = tokens?.getOptionalString(name);
    if (!token) {
      result.problems.push({
        cluster: name,
        problem: {
          reason: 'configuration',
          message: `Cluster ${name} (catalog, auth provider ${
            annotations[AUTH_PROVIDER] ?? 'unset'
          }): Meshwise scans in the background and needs a read-only service-account token in serviceMesh.kubernetes.serviceAccountTokens.${name}`,
        },
      });
      continue;
    }
    result.sources.push(
      new KubernetesClusterSource({
        connection: {
          name,
          url,
          serviceAccountToken: token,
          caData: annotations[API_SERVER_CA] || undefined,
          skipTLSVerify:
            allowSkipTLSVerify && annotations[SKIP_TLS_VERIFY] === 'true',
        },
        ...listing,
      }),
    );
  }
  return result;
}
