/**
 * Measurement 2, in a child process: the same assessments obtained through
 * Backstage's own Kubernetes backend plugin, the way the Kubernetes tab of an
 * entity page obtains its objects.
 *
 * `@backstage/plugin-kubernetes-backend` (0.21.x) is started in this process
 * (`kubernetesPluginBackend.ts`: `startTestBackend`, multi-tenant service
 * locator, one `config` cluster locator with every fleet cluster,
 * `serviceAccount` auth with the fleet's token, `skipMetricsLookup`), and
 * for each entity this process calls, over real HTTP on 127.0.0.1, the route
 * the Kubernetes tab calls: `POST /api/kubernetes/services/<entity name>`
 * with `{ auth: {}, entity }` and a user token of the mock auth service,
 * four entities at a time. The plugin looks the entity up in the catalog,
 * asks every cluster (the multi-tenant locator ignores
 * `backstage.io/kubernetes-cluster`) for each of its `DEFAULT_OBJECTS` types
 * with `labelSelector=<the entity's selector>` (under `/namespaces/<ns>` when
 * `backstage.io/kubernetes-namespace` is set), all at once, through its own
 * `KubernetesClientBasedFetcher` (node-fetch), and answers the objects
 * grouped by cluster and type, with one error per failed request (404 for
 * the types the fake server does not serve, as a cluster without them would
 * answer: counted in `notFound`; any other error fails the measurement).
 *
 * The timer starts after the backend has started and `@kubernetes/client-node`
 * (which the plugin imports lazily on its first request, about 0.9 s) is
 * loaded, as in a backend that has served a request before; it covers the
 * per-cluster context below, the HTTP requests to the plugin, the plugin's
 * fan-out and the assessments. The plugin still imports
 * `@kubernetes/client-node` for every cluster and every request (14 dynamic
 * `import()`s per entity and cluster); under the development TypeScript
 * transform (`nodeTransform.cjs`) each is a round trip to its module hooks
 * thread (about 0.2 ms), which plain JavaScript (a built backend) does not
 * pay.
 *
 * The plugin's answer cannot hold what is not labelled with the service
 * (Namespaces, ServiceAccounts, mesh policies, control-plane ConfigMaps), so
 * those are read once per cluster, directly and exactly as Meshwise reads
 * them, and counted (`contextCalls`, `contextMs`). Each entity's objects are
 * turned back into KubeObjects (`apiVersion` and `kind` from the response's
 * type: list items carry neither) and assessed by the same code as the
 * scanner (`assessEntity`) on an index of its own objects plus that context.
 *
 * `calls` counts every HTTP request this process sends to the fleet's
 * servers (the plugin's and the context's), seen on Node's
 * `http.client.request.start` diagnostics channel.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DEFAULT_OBJECTS } from '@backstage/plugin-kubernetes-backend';
import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { buildClusterIndex, KubeObject } from '@meshwise/mesh-engine';
import diagnosticsChannel from 'node:diagnostics_channel';
import { ClientRequest } from 'node:http';
import fetch from 'node-fetch';
import {
  LISTED_KINDS,
  listPath,
} from '../../plugins/service-mesh-backend/src/clusters/listedKinds';
import { assessEntity } from '../../plugins/service-mesh-backend/src/scanner/assessEntity';
import { ClusterState } from '../../plugins/service-mesh-backend/src/scanner/ClusterStateCache';
import { fleetEntities, planFleet } from './fleet';
import { startKubernetesPluginBackend } from './kubernetesPluginBackend';
import { fail, finish, MeasureArgs, peakRssMb, readArgs } from './measureArgs';

/** Kinds of the plugin's object types (its answer only names the type). */
const KIND_OF_OBJECT_TYPE: Record<string, string> = {
  pods: 'Pod',
  services: 'Service',
  configmaps: 'ConfigMap',
  limitranges: 'LimitRange',
  resourcequotas: 'ResourceQuota',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  jobs: 'Job',
  cronjobs: 'CronJob',
  ingresses: 'Ingress',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
};

/** The plugin's object types, with apiVersion and kind as objects carry them. */
const OBJECT_TYPES = new Map(
  DEFAULT_OBJECTS.map(o => {
    const kind = KIND_OF_OBJECT_TYPE[o.objectType];
    if (!kind) throw new Error(`unknown object type ${o.objectType}`);
    return [
      o.objectType as string,
      {
        apiVersion: o.group ? `${o.group}/${o.apiVersion}` : o.apiVersion,
        kind,
      },
    ];
  }),
);

export interface FanOutArgs extends MeasureArgs {
  /** Measure only this many entities (spread over the catalog) and scale up. */
  sample?: number;
}

export interface FanOutResult {
  wallMs: number;
  peakRssMb: number;
  /** Entities actually fanned out (all, unless sampled). */
  entitiesMeasured: number;
  entityCount: number;
  /** Calls made by this process (the parent also reads the server's count). */
  calls: number;
  contextCalls: number;
  contextMs: number;
  /** Requests the plugin reported as 404 (kinds the fake server does not serve). */
  notFound: number;
  /** Requests to the plugin's route (one per entity measured). */
  pluginRequests?: number;
  /** Requests the plugin reported per cluster (answers and errors). */
  pluginReportedCalls?: number;
  digest?: Record<string, string>;
}

const ENTITY_CONCURRENCY = 4;

async function main() {
  const args = readArgs<FanOutArgs>();
  const entities = fleetEntities(planFleet(args.spec));

  // Every request this process sends to a fleet server, whoever sends it.
  const fleetHosts = new Set(args.clusters.map(c => new URL(c.url).host));
  let calls = 0;
  diagnosticsChannel.subscribe('http.client.request.start', message => {
    const { request } = message as { request: ClientRequest };
    if (fleetHosts.has(String(request.getHeader('host')))) calls += 1;
  });

  const plugin = await startKubernetesPluginBackend({
    entities,
    clusters: args.clusters,
    token: args.token,
  });
  // The plugin imports @kubernetes/client-node (ESM) on every request; load
  // it now so the first request does not pay its loading.
  await import('@kubernetes/client-node');
  const callsAtStart = calls;

  const headers = {
    Authorization: `Bearer ${args.token}`,
    Accept: 'application/json',
  };
  const get = async (url: string): Promise<any | undefined> => {
    const response = await fetch(url, { headers });
    const text = await response.text();
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return JSON.parse(text);
  };

  const started = process.hrtime.bigint();

  // Once per cluster: what no label selector returns. Kinds the plugin
  // fetches per entity are left out, except the control-plane ConfigMaps
  // (listed by name, not by the entity's labels).
  const perEntityKinds = new Set(
    [...OBJECT_TYPES.values()].map(t => `${t.apiVersion}/${t.kind}`),
  );
  const contexts = new Map<
    string,
    { clusterWide: KubeObject[]; byNamespace: Map<string, KubeObject[]> }
  >();
  await Promise.all(
    args.clusters.map(async cluster => {
      const discovery = await get(`${cluster.url}/apis`);
      const served = new Set<string>(['v1']);
      for (const group of discovery.groups ?? []) {
        for (const v of group.versions ?? []) served.add(v.groupVersion);
      }
      const clusterWide: KubeObject[] = [];
      const byNamespace = new Map<string, KubeObject[]>();
      for (const kind of LISTED_KINDS) {
        if (
          !kind.fieldSelector &&
          perEntityKinds.has(`${kind.apiVersion}/${kind.kind}`)
        )
          continue;
        if (!kind.required && !served.has(kind.apiVersion)) continue;
        let cont: string | undefined;
        do {
          const query = new URLSearchParams({ limit: '500' });
          if (kind.fieldSelector)
            query.set('fieldSelector', kind.fieldSelector);
          if (cont) query.set('continue', cont);
          const page = await get(`${cluster.url}${listPath(kind)}?${query}`);
          for (const item of page?.items ?? []) {
            const object = {
              ...item,
              apiVersion: kind.apiVersion,
              kind: kind.kind,
            } as KubeObject;
            const ns = object.metadata.namespace;
            if (ns === undefined || kind.kind === 'Namespace') {
              clusterWide.push(object);
            } else {
              byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), object]);
            }
          }
          cont = page?.metadata?.continue || undefined;
        } while (cont);
      }
      contexts.set(cluster.name, { clusterWide, byNamespace });
    }),
  );
  const contextCalls = calls - callsAtStart;
  const contextMs = Number(process.hrtime.bigint() - started) / 1e6;

  // Per entity: the Kubernetes tab's request to the plugin.
  const authorization = mockCredentials.user.header();
  let notFound = 0;
  let pluginRequests = 0;
  let pluginReportedCalls = 0;
  const fetchEntity = async (
    entity: Entity,
  ): Promise<Map<string, KubeObject[]>> => {
    pluginRequests += 1;
    const response = await fetch(
      `${plugin.baseUrl}/services/${encodeURIComponent(entity.metadata.name)}`,
      {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ auth: {}, entity }),
      },
    );
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `POST /services/${entity.metadata.name}: ${
          response.status
        } ${text.slice(0, 500)}`,
      );
    }
    const body = JSON.parse(text) as ObjectsByEntityResponse;
    const byCluster = new Map<string, KubeObject[]>();
    for (const item of body.items) {
      const problems: unknown[] = [];
      for (const error of item.errors) {
        if ('statusCode' in error && error.statusCode === 404) notFound += 1;
        else problems.push(error);
      }
      if (problems.length > 0) {
        throw new Error(
          `the plugin reported for ${stringifyEntityRef(entity)} on ${
            item.cluster.name
          }: ${JSON.stringify(problems.slice(0, 3))}`,
        );
      }
      pluginReportedCalls += item.resources.length + item.errors.length;
      const objects: KubeObject[] = [];
      for (const fetched of item.resources) {
        const type = OBJECT_TYPES.get(fetched.type);
        if (!type) throw new Error(`unexpected type ${fetched.type}`);
        for (const resource of fetched.resources as object[]) {
          objects.push({ ...resource, ...type } as KubeObject);
        }
      }
      byCluster.set(item.cluster.name, objects);
    }
    return byCluster;
  };

  const sample = args.sample && args.sample < entities.length ? args.sample : 0;
  const measured = sample
    ? entities.filter(
        (_, i) =>
          Math.floor((i * sample) / entities.length) !==
          Math.floor(((i - 1) * sample) / entities.length),
      )
    : entities;
  const now = new Date();
  const digest: Record<string, string> = {};
  const queue = [...measured];
  const worker = async () => {
    for (let entity = queue.shift(); entity; entity = queue.shift()) {
      const byCluster = await fetchEntity(entity);
      const states: ClusterState[] = args.clusters.map(cluster => {
        const own = byCluster.get(cluster.name) ?? [];
        const context = contexts.get(cluster.name)!;
        const namespaces = new Set(own.map(o => o.metadata.namespace));
        const objects = [
          ...context.clusterWide,
          ...[...namespaces].flatMap(
            ns => context.byNamespace.get(ns ?? '') ?? [],
          ),
          ...own,
        ];
        return {
          source: {
            name: cluster.name,
            type: 'kubernetes' as const,
            read: async () => {
              throw new Error('unused');
            },
          },
          index: buildClusterIndex(objects),
          readAt: now,
        };
      });
      const assessment = assessEntity(entity, {
        clusters: states,
        recommendation: [],
        now,
      });
      if (assessment && args.digest) {
        digest[stringifyEntityRef(entity)] = `${assessment.stage}/${
          assessment.score ?? '-'
        }`;
      }
    }
  };
  await Promise.all(Array.from({ length: ENTITY_CONCURRENCY }, worker));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const result: FanOutResult = {
    wallMs,
    peakRssMb: peakRssMb(),
    entitiesMeasured: measured.length,
    entityCount: entities.length,
    calls,
    contextCalls,
    contextMs,
    notFound,
    pluginRequests,
    pluginReportedCalls,
    ...(args.digest ? { digest } : {}),
  };
  await plugin.stop();
  finish(result);
}

if (require.main === module) main().catch(fail);
