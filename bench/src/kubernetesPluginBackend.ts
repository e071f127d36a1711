/**
 * Backstage's own Kubernetes backend plugin
 * (`@backstage/plugin-kubernetes-backend`), started in this process the way
 * `backend.ts` starts Meshwise (`startTestBackend`, outside Jest), pointed at
 * the fleet's loopback Kubernetes-API-shaped servers.
 *
 * - `kubernetes.serviceLocatorMethod: multiTenant`: every cluster is asked
 *   for every entity, whatever `backstage.io/kubernetes-cluster` says (that
 *   annotation is only read by the `catalogRelation` locator).
 * - `kubernetes.clusterLocatorMethods`: one `config` locator with each fleet
 *   cluster, `authProvider: serviceAccount` with the fleet's bearer token,
 *   `skipMetricsLookup: true` (the fake server serves no `metrics.k8s.io`)
 *   and `skipTLSVerify: true` (unused on plain http; the plugin logs a
 *   warning for it).
 * - No `objectTypes` or `customResources`: the plugin's `DEFAULT_OBJECTS`.
 * - The catalog is `backend.ts`'s in-memory `CatalogService` indexed by ref
 *   (the services route looks every entity up by ref); auth, httpAuth and the
 *   auditor are the test backend's mocks, permissions a mock that allows all.
 *
 * Like `backend.ts`, the app is served on 127.0.0.1 only and the test
 * backend's own listener (every interface) is closed.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fastCatalogFactory,
  fleetClusterLocator,
  serveOnLoopback,
} from './backend';

export interface KubernetesPluginBackend {
  /** Base URL of the plugin's routes on 127.0.0.1 (`.../api/kubernetes`). */
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startKubernetesPluginBackend(options: {
  entities: Entity[];
  clusters: { name: string; url: string }[];
  token: string;
}): Promise<KubernetesPluginBackend> {
  const backend = await startTestBackend({
    features: [
      kubernetesPlugin,
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              fleetClusterLocator(options.clusters, options.token, {
                skipMetricsLookup: true,
              }),
            ],
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      fastCatalogFactory(options.entities),
    ],
  });
  const loopback = await serveOnLoopback(backend);

  return {
    baseUrl: `http://127.0.0.1:${loopback.port}/api/kubernetes`,
    async stop() {
      await loopback.close();
      await backend.stop().catch(() => {});
    },
  };
}
