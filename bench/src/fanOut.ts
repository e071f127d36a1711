/**
 * Measurement 2, in a child process: the same assessments obtained the way
 * Backstage's Kubernetes plugin fetches objects.
 *
 * `@backstage/plugin-kubernetes-backend` is not a dependency of this
 * workspace, so its request pattern is reproduced (from its 0.21.x
 * `KubernetesFanOutHandler` and `KubernetesFetcher`): for each entity, for
 * each cluster (the default multi-tenant service locator returns every
 * cluster, whatever `backstage.io/kubernetes-cluster` says), one GET per
 * default object type with `labelSelector=<the entity's selector>`, under
 * `/namespaces/<ns>` when `backstage.io/kubernetes-namespace` is set, all of
 * an entity's calls in parallel (`Promise.all`), through node-fetch. Pod
 * metrics lookups are skipped (`skipMetricsLookup`), which only spares the
 * fan-out calls. Four entities are fetched at a time.
 *
 * The per-entity pattern cannot return what is not labelled with the
 * service (Namespaces, ServiceAccounts, mesh policies, control-plane
 * ConfigMaps), so those are read once per cluster, exactly as Meshwise reads
 * them, and counted. Each entity is then assessed by the same code as the
 * scanner (`assessEntity`) on an index of its own objects plus that context.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  buildClusterIndex,
  KubeObject,
  readEntityWorkloadSelector,
} from '@meshwise/backstage-plugin-service-mesh-common';
import fetch from 'node-fetch';
import {
  LISTED_KINDS,
  listPath,
} from '../../plugins/service-mesh-backend/src/clusters/listedKinds';
import { assessEntity } from '../../plugins/service-mesh-backend/src/scanner/assessEntity';
import { ClusterState } from '../../plugins/service-mesh-backend/src/scanner/ClusterStateCache';
import { fleetEntities, planFleet } from './fleet';
import { fail, finish, MeasureArgs, peakRssMb, readArgs } from './measureArgs';

/** `DEFAULT_OBJECTS` of @backstage/plugin-kubernetes-backend 0.21.x. */
export const BACKSTAGE_DEFAULT_OBJECTS = [
  { group: '', apiVersion: 'v1', plural: 'pods', kind: 'Pod' },
  { group: '', apiVersion: 'v1', plural: 'services', kind: 'Service' },
  { group: '', apiVersion: 'v1', plural: 'configmaps', kind: 'ConfigMap' },
  { group: '', apiVersion: 'v1', plural: 'limitranges', kind: 'LimitRange' },
  {
    group: '',
    apiVersion: 'v1',
    plural: 'resourcequotas',
    kind: 'ResourceQuota',
  },
  {
    group: 'apps',
    apiVersion: 'v1',
    plural: 'deployments',
    kind: 'Deployment',
  },
  {
    group: 'apps',
    apiVersion: 'v1',
    plural: 'replicasets',
    kind: 'ReplicaSet',
  },
  {
    group: 'autoscaling',
    apiVersion: 'v2',
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
  },
  { group: 'batch', apiVersion: 'v1', plural: 'jobs', kind: 'Job' },
  { group: 'batch', apiVersion: 'v1', plural: 'cronjobs', kind: 'CronJob' },
  {
    group: 'networking.k8s.io',
    apiVersion: 'v1',
    plural: 'ingresses',
    kind: 'Ingress',
  },
  {
    group: 'apps',
    apiVersion: 'v1',
    plural: 'statefulsets',
    kind: 'StatefulSet',
  },
  { group: 'apps', apiVersion: 'v1', plural: 'daemonsets', kind: 'DaemonSet' },
];

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
  /** Failed calls (404 for kinds the fake server does not serve, like Backstage's 404 handling). */
  notFound: number;
  digest?: Record<string, string>;
}

const ENTITY_CONCURRENCY = 4;

async function main() {
  const args = readArgs<FanOutArgs>();
  const entities = fleetEntities(planFleet(args.spec));
  const headers = {
    Authorization: `Bearer ${args.token}`,
    Accept: 'application/json',
  };
  let calls = 0;
  let notFound = 0;
  const get = async (url: string): Promise<any | undefined> => {
    calls += 1;
    const response = await fetch(url, { headers });
    const text = await response.text();
    if (response.status === 404) {
      notFound += 1;
      return undefined;
    }
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return JSON.parse(text);
  };

  const started = process.hrtime.bigint();

  // Once per cluster: what no label selector returns.
  const perEntityKinds = new Set(
    BACKSTAGE_DEFAULT_OBJECTS.map(
      o => `${o.group ? `${o.group}/` : ''}${o.apiVersion}/${o.kind}`,
    ),
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
        if (perEntityKinds.has(`${kind.apiVersion}/${kind.kind}`)) continue;
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
  const contextCalls = calls;
  const contextMs = Number(process.hrtime.bigint() - started) / 1e6;

  // Per entity, per cluster, per object type.
  const fetchEntity = async (entity: Entity, cluster: { url: string }) => {
    const selector = readEntityWorkloadSelector(entity);
    const labelSelector = selector.configured
      ? selector.labelSelector
      : `backstage.io/kubernetes-id=${entity.metadata.name}`;
    const namespace =
      entity.metadata.annotations?.['backstage.io/kubernetes-namespace'];
    const lists = await Promise.all(
      BACKSTAGE_DEFAULT_OBJECTS.map(async type => {
        const prefix = type.group
          ? `/apis/${type.group}/${type.apiVersion}`
          : `/api/${type.apiVersion}`;
        const path = `${prefix}${
          namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
        }/${type.plural}`;
        const body = await get(
          `${cluster.url}${path}?labelSelector=${encodeURIComponent(
            labelSelector,
          )}`,
        );
        const apiVersion = type.group
          ? `${type.group}/${type.apiVersion}`
          : type.apiVersion;
        return ((body?.items ?? []) as object[]).map(
          item => ({ ...item, apiVersion, kind: type.kind } as KubeObject),
        );
      }),
    );
    return lists.flat();
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
      const states: ClusterState[] = await Promise.all(
        args.clusters.map(async cluster => {
          const own = await fetchEntity(entity!, cluster);
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
        }),
      );
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
    ...(args.digest ? { digest } : {}),
  };
  finish(result);
}

if (require.main === module) main().catch(fail);
