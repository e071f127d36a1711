import { KubeConfig } from '@kubernetes/client-node';
import {
  compactOwnedReplicaSet,
  compactPod,
  controllerRef,
  createValueSharing,
  groupKindOf,
  KubeObject,
  ShareValue,
} from '@meshwise/mesh-engine';
import { Agent } from 'node:http';
import fetch, { Headers, RequestInit } from 'node-fetch';
import { timeSlicer } from '../scanner/yieldToEventLoop';
import { ClusterVersionsCollector, ListVersions } from './clusterVersions';
import { LISTED_KINDS, ListedKind, listKey, listPath } from './listedKinds';
import { withoutManagedFields } from './withoutManagedFields';
import {
  ClusterProblem,
  ClusterReadError,
  ClusterSnapshot,
  ClusterSource,
  ClusterVersions,
} from './types';

/** How to reach one API server, as Backstage's Kubernetes plugin configures it. */
export interface KubernetesClusterConnection {
  name: string;
  url: string;
  /** Bearer token of a read-only service account. Never logged or returned. */
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

export interface KubernetesClusterSourceOptions {
  connection: KubernetesClusterConnection;
  /** Most items per list page (`limit`). */
  pageSize?: number;
  /** Most pods per list page: pods are the largest objects. */
  podPageSize?: number;
  /** Bytes of JSON a page is sized to (`PAGE_BYTES`). */
  pageBytes?: number;
  /** Per-call timeout in milliseconds. */
  requestTimeoutMs?: number;
}

export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_POD_PAGE_SIZE = 100;

/**
 * About how much JSON one page should be. Parsing a page holds the event
 * loop (about 10 ms per MB, more on a busy host, and a garbage collection
 * after it): objects differ tenfold in size between clusters (managed
 * fields, large annotations), so each list sizes its next page from the
 * bytes per object of the last one, within `pageSize`.
 */
export const PAGE_BYTES = 512 * 1024;
/** The first page of a list: small, to learn the size of its objects. */
const FIRST_PAGE_ITEMS = 50;
const MIN_PAGE_ITEMS = 10;

/** The `limit` of a list's first page, at most `most`. */
export function firstPageLimit(most: number): number {
  return Math.min(most, FIRST_PAGE_ITEMS);
}

/**
 * The `limit` of a list's next page: `pageBytes` of JSON at the bytes per
 * object of the page just read, at most `most`.
 */
export function nextPageLimit(
  most: number,
  last: { items: number; bytes: number },
  pageBytes: number = PAGE_BYTES,
): number {
  if (last.items === 0) return firstPageLimit(most);
  const fitting = Math.floor((pageBytes * last.items) / last.bytes);
  return Math.min(most, Math.max(MIN_PAGE_ITEMS, fitting));
}

type ListResponse = {
  items?: Record<string, unknown>[];
  metadata?: { continue?: string };
};

type ReadStats = { listCalls: number; bytes: number };

/** Whole objects, as `read` lists them. */
const FULL_OBJECTS = 'application/json';
/**
 * Only the objects' metadata (items of kind PartialObjectMetadata), as
 * `readVersions` lists them; a server that cannot sends whole objects,
 * whose versions are the same.
 */
const METADATA_ONLY =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** Pods, the largest list by far, after every other kind. */
function podsLast(kinds: ListedKind[]): ListedKind[] {
  return [
    ...kinds.filter(kind => kind.kind !== 'Pod'),
    ...kinds.filter(kind => kind.kind === 'Pod'),
  ];
}

/** The listed kinds a server with these group versions serves. */
function servedKinds(served: Set<string>): ListedKind[] {
  return LISTED_KINDS.filter(
    kind => kind.required || served.has(kind.apiVersion),
  );
}

/**
 * Reads a cluster through its API server with list calls only: one
 * paginated list per kind at cluster scope. The client library provides the
 * authentication and TLS settings; the list requests are plain GETs, so the
 * objects arrive as the API server sends them (no model classes to convert).
 */
export class KubernetesClusterSource implements ClusterSource {
  readonly type = 'kubernetes';
  readonly name: string;
  readonly #kubeConfig: KubeConfig;
  readonly #server: string;
  readonly #pageSize: number;
  readonly #podPageSize: number;
  readonly #pageBytes: number;
  readonly #timeoutMs: number;

  constructor(options: KubernetesClusterSourceOptions) {
    const { connection } = options;
    this.name = connection.name;
    this.#server = connection.url.replace(/\/+$/, '');
    this.#pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.#podPageSize = options.podPageSize ?? DEFAULT_POD_PAGE_SIZE;
    this.#pageBytes = options.pageBytes ?? PAGE_BYTES;
    this.#timeoutMs = options.requestTimeoutMs ?? 15_000;
    this.#kubeConfig = new KubeConfig();
    this.#kubeConfig.loadFromOptions({
      clusters: [
        {
          name: connection.name,
          server: this.#server,
          caData: connection.caData,
          caFile: connection.caFile,
          skipTLSVerify: connection.skipTLSVerify ?? false,
        },
      ],
      users: [{ name: 'meshwise', token: connection.serviceAccountToken }],
      contexts: [
        { name: 'meshwise', cluster: connection.name, user: 'meshwise' },
      ],
      currentContext: 'meshwise',
    });
  }

  async read(): Promise<ClusterSnapshot> {
    const stats: ReadStats = { listCalls: 0, bytes: 0 };
    const warnings: ClusterProblem[] = [];
    const unreadableKinds = new Set<string>();
    const objects: KubeObject[] = [];
    const versions = new ClusterVersionsCollector();
    // Requests to the backend are served between the objects of a page.
    const pause = timeSlicer();
    await this.#withConnection(async requestInit => {
      const served = await this.#servedGroupVersions(requestInit, stats);
      const reduction: Reduction = {
        share: createValueSharing(),
        deployments: new Set(),
      };
      for (const kind of servedKinds(served)) {
        const list = versions.startList(kind);
        try {
          for await (const item of this.#items(kind, FULL_OBJECTS, {
            requestInit,
            stats,
            versions: list,
          })) {
            // List items come without apiVersion and kind; the list says them.
            objects.push(keptFields(item, kind, reduction));
            await pause();
          }
        } catch (error) {
          if (kind.required || !(error instanceof ClusterReadError)) {
            throw error;
          }
          // An optional kind the service account may not read: note it, go
          // on, and say its objects are unknown (not absent) to the scanner.
          warnings.push(error.problem);
          unreadableKinds.add(groupKindOf(kind.apiVersion, kind.kind));
        }
      }
    });
    return {
      cluster: this.name,
      objects,
      readAt: new Date(),
      warnings,
      unreadableKinds: [...unreadableKinds],
      stats,
      // With a kind unread, the versions would not say what the cluster holds.
      versions:
        warnings.length === 0 && unreadableKinds.size === 0
          ? versions.versions()
          : undefined,
    };
  }

  /**
   * The versions of the cluster's objects from metadata-only lists of the
   * kinds `read` lists: the same pages and field selectors, a fraction of
   * the bytes. Unlike `read`, any kind failing fails it (the scan then
   * reads the cluster in full). Given the `known` versions, it stops at the
   * first list that differs from them, pods last: a changed cluster mostly
   * shows it in a small list first (a pod that restarts changes the status
   * of its ReplicaSet and Deployment too).
   */
  async readVersions(known?: ClusterVersions): Promise<ClusterVersions> {
    const stats: ReadStats = { listCalls: 0, bytes: 0 };
    const versions = new ClusterVersionsCollector();
    const pause = timeSlicer();
    try {
      await this.#withConnection(async requestInit => {
        const served = await this.#servedGroupVersions(requestInit, stats);
        for (const kind of podsLast(servedKinds(served))) {
          const list = versions.startList(kind);
          for await (const _item of this.#items(kind, METADATA_ONLY, {
            requestInit,
            stats,
            versions: list,
          })) {
            await pause();
          }
          if (known && known.lists[listKey(kind)] !== versions.digestOf(kind)) {
            return;
          }
        }
      });
    } catch (error) {
      if (error instanceof ClusterReadError) throw error;
      throw new ClusterReadError({
        reason: 'unreachable',
        message: `Cluster ${this.name}: reading versions failed: ${
          (error as Error).message
        }`,
      });
    }
    return versions.versions();
  }

  /**
   * Runs `use` with the request options of one read. The client's agent
   * closes each connection after one request: every page of every list
   * would open its own (with TLS, a handshake each). One read keeps its
   * connections, and closes them when done.
   */
  async #withConnection<T>(
    use: (requestInit: RequestInit) => Promise<T>,
  ): Promise<T> {
    const requestInit = (await this.#kubeConfig.applyToFetchOptions(
      {},
    )) as RequestInit;
    const agent = requestInit.agent as
      | (Agent & { keepAlive?: boolean })
      | undefined;
    if (agent) agent.keepAlive = true;
    try {
      return await use(requestInit);
    } finally {
      agent?.destroy();
    }
  }

  /** API discovery: which group versions the server has (one call). */
  async #servedGroupVersions(
    requestInit: RequestInit,
    stats: ReadStats,
  ): Promise<Set<string>> {
    const body = (await this.#get('/apis', 'discover API groups', {
      requestInit,
      stats,
    })) as {
      groups?: { versions?: { groupVersion?: string }[] }[];
    };
    const served = new Set<string>(['v1']);
    for (const group of body.groups ?? []) {
      for (const version of group.versions ?? []) {
        if (version.groupVersion) served.add(version.groupVersion);
      }
    }
    return served;
  }

  /**
   * The items of one paginated list at cluster scope, as the API server
   * sends them (`accept`: whole objects or their metadata), each added to
   * `versions` as it arrives. A list read to its end ends `versions`; an
   * optional kind the server answers 404 for has none.
   */
  async *#items(
    kind: ListedKind,
    accept: string,
    call: {
      requestInit: RequestInit;
      stats: ReadStats;
      versions: ListVersions;
    },
  ): AsyncGenerator<Record<string, unknown>> {
    const { requestInit, stats, versions } = call;
    const most = kind.kind === 'Pod' ? this.#podPageSize : this.#pageSize;
    let limit = firstPageLimit(most);
    let continueToken: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(limit) });
      if (kind.fieldSelector) query.set('fieldSelector', kind.fieldSelector);
      if (continueToken) query.set('continue', continueToken);
      const bytesBefore = stats.bytes;
      const page = (await this.#get(
        `${listPath(kind)}?${query}`,
        `list ${kind.plural}`,
        { requestInit, stats, accept, notFoundIsEmpty: !kind.required },
      )) as ListResponse | undefined;
      if (!page) return; // the kind is not served after all
      if (!Array.isArray(page.items)) {
        throw new ClusterReadError({
          reason: 'malformed-response',
          operation: `list ${kind.plural}`,
          message: `Cluster ${this.name}: the answer to list ${kind.plural} has no items array`,
        });
      }
      for (const item of page.items) {
        versions.add(item);
        yield item;
      }
      limit = nextPageLimit(
        most,
        { items: page.items.length, bytes: stats.bytes - bytesBefore },
        this.#pageBytes,
      );
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    versions.end();
  }

  async #get(
    path: string,
    operation: string,
    call: {
      requestInit: RequestInit;
      stats: ReadStats;
      accept?: string;
      notFoundIsEmpty?: boolean;
    },
  ): Promise<unknown> {
    const { requestInit, stats, notFoundIsEmpty = false } = call;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    stats.listCalls += 1;
    // The client puts the bearer token in a Headers object; keep it intact.
    const headers = new Headers(requestInit.headers);
    headers.set('Accept', call.accept ?? FULL_OBJECTS);
    try {
      const response = await fetch(`${this.#server}${path}`, {
        ...requestInit,
        method: 'GET',
        headers,
        signal: controller.signal as RequestInit['signal'],
      });
      const text = await response.text();
      stats.bytes += Buffer.byteLength(text);
      if (response.status === 404 && notFoundIsEmpty) return undefined;
      if (!response.ok) {
        throw new ClusterReadError(
          this.#describeFailure(response.status, text, operation),
        );
      }
      try {
        // Never read, and often most of a page: cut before parsing.
        return JSON.parse(withoutManagedFields(text));
      } catch {
        throw new ClusterReadError({
          reason: 'malformed-response',
          operation,
          message: `Cluster ${this.name}: the answer to ${operation} is not JSON`,
        });
      }
    } catch (error) {
      if (error instanceof ClusterReadError) throw error;
      const aborted = (error as Error).name === 'AbortError';
      throw new ClusterReadError({
        reason: aborted ? 'timeout' : 'unreachable',
        operation,
        message: aborted
          ? `Cluster ${this.name}: ${operation} timed out after ${
              this.#timeoutMs
            } ms`
          : `Cluster ${this.name}: ${operation} failed: ${
              (error as Error).message
            }`,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  #describeFailure(
    status: number,
    body: string,
    operation: string,
  ): ClusterProblem {
    let detail = '';
    try {
      detail = (JSON.parse(body) as { message?: string }).message ?? '';
    } catch {
      // not a Kubernetes Status object
    }
    if (status === 401) {
      return {
        reason: 'unauthorized',
        operation,
        message: `Cluster ${this.name}: the API server rejected the credentials (401) for ${operation}; check serviceAccountToken`,
      };
    }
    if (status === 403) {
      return {
        reason: 'forbidden',
        operation,
        message: `Cluster ${
          this.name
        }: permission denied for ${operation} (403)${
          detail ? `: ${detail}` : ''
        }; grant get/list/watch on it (see the ClusterRole in the backend README)`,
      };
    }
    return {
      reason: status >= 500 ? 'server-error' : 'malformed-response',
      operation,
      message: `Cluster ${this.name}: ${operation} answered ${status}${
        detail ? `: ${detail}` : ''
      }`,
    };
  }
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What one read shares and knows while it reduces the objects it lists. */
interface Reduction {
  share: ShareValue;
  /** `namespace/name` of the Deployments listed so far. */
  deployments: Set<string>;
}

/**
 * The object as kept in memory until the next scan: with the apiVersion and
 * kind of its list, and without what the API server sends but nothing in
 * Meshwise reads: `metadata.managedFields`, the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation (a second
 * copy of the object) and `status`. Pods, most of a cluster's objects, keep
 * only what the engine reads of them, their replicas sharing one spec
 * (`compactPod`); ReplicaSets of a listed Deployment keep no pod template
 * (`compactOwnedReplicaSet`); the other kinds stay whole for the migration
 * plans.
 */
export function keptFields(
  item: Record<string, unknown>,
  kind: ListedKind,
  reduction: Reduction = { share: value => value, deployments: new Set() },
): KubeObject {
  const metadata = item.metadata as Record<string, unknown> | undefined;
  if (kind.kind === 'Pod') {
    // compactPod picks its fields: no copy of the whole pod first.
    return compactPod(
      {
        apiVersion: kind.apiVersion,
        kind: kind.kind,
        metadata: (metadata
          ? withoutServerFields(metadata, false)
          : {}) as KubeObject['metadata'],
        spec: item.spec,
        status: item.status,
      },
      reduction.share,
    );
  }
  const { status: _status, ...rest } = item;
  const object = {
    ...rest,
    metadata: metadata ? withoutServerFields(metadata, true) : metadata,
    apiVersion: kind.apiVersion,
    kind: kind.kind,
  } as KubeObject;
  const { namespace, name } = object.metadata ?? {};
  if (kind.kind === 'Deployment') {
    reduction.deployments.add(`${namespace}/${name}`);
  }
  if (kind.kind === 'ReplicaSet' && object.metadata) {
    // Deployments are listed before ReplicaSets (LISTED_KINDS).
    const owner = controllerRef(object);
    if (
      owner?.kind === 'Deployment' &&
      reduction.deployments.has(`${namespace}/${owner.name}`)
    ) {
      return compactOwnedReplicaSet(object);
    }
  }
  return object;
}

/** `metadata` without the last-applied annotation and, when asked, managedFields. */
function withoutServerFields(
  metadata: Record<string, unknown>,
  dropManagedFields: boolean,
): Record<string, unknown> {
  const annotations = metadata.annotations as
    | Record<string, string>
    | undefined;
  const lastApplied = Boolean(annotations && LAST_APPLIED in annotations);
  const managed = dropManagedFields && 'managedFields' in metadata;
  if (!managed && !lastApplied) return metadata;
  const { managedFields: _managed, ...kept } = metadata;
  if (annotations && lastApplied) {
    const { [LAST_APPLIED]: _lastApplied, ...remaining } = annotations;
    kept.annotations = remaining;
  }
  return kept;
}
