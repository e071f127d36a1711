/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { KubeObject } from '@meshwise/mesh-engine';
import { createHash } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { LISTED_KINDS, listPath } from '../clusters/listedKinds';

export type FakeFault =
  | { status: 401 | 403 | 404 | 500 | 503; message?: string }
  | { delayMs: number }
  | { garbage: true };

export interface FakeKubernetesApiOptions {
  /** The bearer token the server accepts. */
  token: string;
  objects: KubeObject[];
  /** Group versions answered by discovery; defaults to those of `objects`. */
  servedGroupVersions?: string[];
  /** Faults by URL path (without query), e.g. `/api/v1/pods`. */
  faults?: Record<string, FakeFault>;
  /**
   * Keep every request in `requests` (default true). The benchmark turns it
   * off: a million recorded requests would measure the recorder.
   */
  recordRequests?: boolean;
}

/** One served object, serialised once. */
interface IndexedItem {
  object: KubeObject;
  /** As the API server sends it in a list: no apiVersion and kind. */
  json: string;
  /** Its `metadata`, with the resourceVersion the server gave it. */
  metadataJson: string;
  /** As a metadata-only list sends it, serialised on first use. */
  partialJson?: string;
}

/** The objects of one list path, indexed once (see `#indexFor`). */
interface KindIndex {
  items: IndexedItem[];
  byNamespace: Map<string, KindIndex['items']>;
  /** `key=value` label postings, built on the first label-selector list. */
  byLabel?: Map<string, KindIndex['items']>;
}

/** What a client asks for in `Accept` to receive only the objects' metadata. */
const PARTIAL_METADATA_LIST = 'as=PartialObjectMetadataList';
/** The API version of a metadata-only list and its items. */
const PARTIAL_API_VERSION = 'meta.k8s.io/v1';

/** One request as recorded in `requests`. */
export interface FakeRequest {
  path: string;
  query: URLSearchParams;
  /** Asked for a metadata-only list (`as=PartialObjectMetadataList`). */
  metadataOnly: boolean;
}

/**
 * A small Kubernetes-API-shaped server on 127.0.0.1: discovery at `/apis`,
 * cluster-scope and namespaced lists for the kinds the scanner reads, honouring
 * `labelSelector` (equality terms), `fieldSelector=metadata.name=`, `limit`
 * and `continue`, checking the bearer token, and answering injected faults.
 * Items are sent without apiVersion and kind, as a real API server sends them.
 * Like a real API server, every object carries a `metadata.resourceVersion`
 * that changes when, and only when, its content does (see `resourceVersionOf`),
 * and a client asking for `as=PartialObjectMetadataList` receives only the
 * objects' metadata.
 * Objects are indexed by kind and serialised once, so it also serves the
 * benchmark's fleets (`bench/`) of a hundred thousand pods.
 */
export class FakeKubernetesApi {
  readonly requests: FakeRequest[] = [];
  /**
   * Requests answered, response bytes sent and connections accepted,
   * counted even when requests are not recorded.
   */
  readonly counters = { requests: 0, bytes: 0, connections: 0 };
  options: FakeKubernetesApiOptions;
  #server?: Server;
  #index?: {
    objects: KubeObject[];
    length: number;
    kinds: Map<string, KindIndex>;
    apiVersions: Set<string>;
  };

  constructor(options: FakeKubernetesApiOptions) {
    this.options = options;
  }

  get url(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** List calls made so far, by path. */
  listCalls(): string[] {
    return this.requests.map(r => r.path).filter(p => p !== '/apis');
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on('connection', () => {
      this.counters.connections += 1;
    });
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>(resolve => this.#server?.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const metadataOnly = (req.headers.accept ?? '').includes(
      PARTIAL_METADATA_LIST,
    );
    if (this.options.recordRequests !== false) {
      this.requests.push({
        path: url.pathname,
        query: url.searchParams,
        metadataOnly,
      });
    }
    this.counters.requests += 1;
    const send = (code: number, body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      this.counters.bytes += Buffer.byteLength(text);
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(text);
    };

    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      send(401, status(401, 'Unauthorized'));
      return;
    }
    const fault = this.options.faults?.[url.pathname];
    if (fault && 'delayMs' in fault) {
      await new Promise(resolve => setTimeout(resolve, fault.delayMs));
    } else if (fault && 'garbage' in fault) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kind":"PodList","items":[{"metadata":');
      return;
    } else if (fault) {
      send(fault.status, status(fault.status, fault.message ?? 'fault'));
      return;
    }

    if (url.pathname === '/apis') {
      send(200, this.#discovery());
      return;
    }
    // Cluster scope (`/api/v1/pods`) or one namespace
    // (`/api/v1/namespaces/shop/pods`), as Backstage's Kubernetes plugin asks.
    const namespaced = url.pathname.match(
      /^(\/apis?\/(?:[^/]+\/)?[^/]+)\/namespaces\/([^/]+)\/([^/]+)$/,
    );
    const path = namespaced
      ? `${namespaced[1]}/${namespaced[3]}`
      : url.pathname;
    const kind = LISTED_KINDS.find(k => listPath(k) === path);
    if (!kind || !this.#served().has(kind.apiVersion)) {
      send(404, status(404, `the server could not find ${url.pathname}`));
      return;
    }
    send(
      200,
      this.#list(
        kind.apiVersion,
        kind.kind,
        url.searchParams,
        namespaced ? decodeURIComponent(namespaced[2]) : undefined,
        metadataOnly,
      ),
    );
  }

  /**
   * Objects by list path, serialised once: rebuilt only when `objects` is
   * replaced or grows, so a large fleet is not filtered on every request.
   */
  #indexed() {
    const { objects } = this.options;
    if (
      !this.#index ||
      this.#index.objects !== objects ||
      this.#index.length !== objects.length
    ) {
      const kinds = new Map<string, KindIndex>();
      for (const object of objects) {
        const key = `${object.apiVersion}\u0000${object.kind}`;
        let entry = kinds.get(key);
        if (!entry) {
          entry = { items: [], byNamespace: new Map() };
          kinds.set(key, entry);
        }
        const item = indexedItem(object);
        entry.items.push(item);
        const ns = object.metadata.namespace ?? '';
        const inNamespace = entry.byNamespace.get(ns);
        if (inNamespace) inNamespace.push(item);
        else entry.byNamespace.set(ns, [item]);
      }
      const apiVersions = new Set(objects.map(o => o.apiVersion));
      this.#index = { objects, length: objects.length, kinds, apiVersions };
    }
    return this.#index;
  }

  #indexFor(apiVersion: string, kind: string): KindIndex | undefined {
    return this.#indexed().kinds.get(`${apiVersion}\u0000${kind}`);
  }

  #served(): Set<string> {
    // Every cluster serves the built-in groups; custom ones come and go.
    return new Set([
      'v1',
      'apps/v1',
      'batch/v1',
      ...(this.options.servedGroupVersions ?? this.#indexed().apiVersions),
    ]);
  }

  #discovery() {
    const groups = new Map<string, string[]>();
    for (const gv of this.#served()) {
      if (!gv.includes('/')) continue;
      const [group] = gv.split('/');
      groups.set(group, [...(groups.get(group) ?? []), gv]);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => ({
        name,
        versions: versions.map(groupVersion => ({
          groupVersion,
          version: groupVersion.split('/')[1],
        })),
      })),
    };
  }

  #list(
    apiVersion: string,
    kind: string,
    query: URLSearchParams,
    namespace?: string,
    metadataOnly = false,
  ): string {
    const labelTerms = (query.get('labelSelector') ?? '')
      .split(',')
      .filter(Boolean)
      .map(term => term.split('='));
    const nameField = query
      .get('fieldSelector')
      ?.match(/^metadata\.name=(.+)$/)?.[1];
    const index = this.#indexFor(apiVersion, kind);
    let candidates =
      (namespace === undefined
        ? index?.items
        : index?.byNamespace.get(namespace)) ?? [];
    if (index && labelTerms.length > 0) {
      if (!index.byLabel) {
        index.byLabel = new Map();
        for (const item of index.items) {
          for (const [k, v] of Object.entries(
            item.object.metadata.labels ?? {},
          )) {
            const posting = index.byLabel.get(`${k}=${v}`);
            if (posting) posting.push(item);
            else index.byLabel.set(`${k}=${v}`, [item]);
          }
        }
      }
      const [k, v] = labelTerms[0];
      const posting = index.byLabel.get(`${k}=${v}`) ?? [];
      if (posting.length < candidates.length) candidates = posting;
    }
    // A real API server serves a page from a range read, not by filtering
    // the whole kind for every page.
    const filtered = nameField || labelTerms.length > 0;
    const matching = !filtered
      ? candidates
      : candidates.filter(
          ({ object: o }) =>
            (namespace === undefined || o.metadata.namespace === namespace) &&
            (!nameField || o.metadata.name === nameField) &&
            labelTerms.every(([k, v]) => o.metadata.labels?.[k] === v),
        );
    const offset = Number(
      Buffer.from(query.get('continue') ?? '', 'base64').toString() || 0,
    );
    const limit = Number(query.get('limit') ?? 0) || matching.length;
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit;
    const metadata = {
      resourceVersion: '1',
      ...(next < matching.length
        ? { continue: Buffer.from(String(next)).toString('base64') }
        : {}),
    };
    // Assembled from the items serialised once: the same JSON as
    // JSON.stringify of the whole list, without re-serialising every item.
    const listKind = metadataOnly ? 'PartialObjectMetadataList' : `${kind}List`;
    const listApiVersion = metadataOnly ? PARTIAL_API_VERSION : apiVersion;
    const items = metadataOnly
      ? page.map(partialJsonOf)
      : page.map(i => i.json);
    return `{"kind":${JSON.stringify(listKind)},"apiVersion":${JSON.stringify(
      listApiVersion,
    )},"metadata":${JSON.stringify(metadata)},"items":[${items.join(',')}]}`;
  }
}

/**
 * An object as served, serialised once: its metadata first, with the
 * resourceVersion its content hashes to (whatever it had is replaced), then
 * the rest without apiVersion and kind. The metadata and the rest are
 * serialised apart, so the hash and the served JSON come from one stringify.
 */
function indexedItem(object: KubeObject): IndexedItem {
  const {
    apiVersion: _apiVersion,
    kind: _kind,
    metadata: { resourceVersion: _resourceVersion, ...metadata },
    ...rest
  } = object;
  const metadataText = JSON.stringify(metadata);
  const restText = JSON.stringify(rest);
  const version = resourceVersionOf(`${metadataText}\n${restText}`);
  const metadataJson = withLastField(
    metadataText,
    `"resourceVersion":${JSON.stringify(version)}`,
  );
  const json = `{"metadata":${metadataJson}${
    restText === '{}' ? '' : `,${restText.slice(1, -1)}`
  }}`;
  return { object, json, metadataJson };
}

/**
 * A resourceVersion for content: decimal digits, as a real API server's
 * look, that change with the content and only with it.
 */
function resourceVersionOf(content: string): string {
  const hex = createHash('sha1').update(content).digest('hex').slice(0, 12);
  return String(parseInt(hex, 16));
}

/** `{...}` serialised, with one more `"key":value` at its end. */
function withLastField(objectJson: string, field: string): string {
  return objectJson === '{}'
    ? `{${field}}`
    : `${objectJson.slice(0, -1)},${field}}`;
}

/** An item of a metadata-only list: only its metadata, serialised on first use. */
function partialJsonOf(item: IndexedItem): string {
  item.partialJson ??= `{"kind":"PartialObjectMetadata","apiVersion":${JSON.stringify(
    PARTIAL_API_VERSION,
  )},"metadata":${item.metadataJson}}`;
  return item.partialJson;
}

function status(code: number, message: string) {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message };
}
