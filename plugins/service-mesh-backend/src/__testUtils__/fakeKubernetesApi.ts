/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { KubeObject } from '@meshwise/mesh-engine';
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

/** The objects of one list path, indexed once (see `#indexFor`). */
interface KindIndex {
  /** Each item as the API server sends it (no apiVersion and kind), serialised once. */
  items: { object: KubeObject; json: string }[];
  byNamespace: Map<string, KindIndex['items']>;
  /** `key=value` label postings, built on the first label-selector list. */
  byLabel?: Map<string, KindIndex['items']>;
}

/**
 * A small Kubernetes-API-shaped server on 127.0.0.1: discovery at `/apis`,
 * cluster-scope and namespaced lists for the kinds the scanner reads, honouring
 * `labelSelector` (equality terms), `fieldSelector=metadata.name=`, `limit`
 * and `continue`, checking the bearer token, and answering injected faults.
 * Items are sent without apiVersion and kind, as a real API server sends them.
 * Objects are indexed by kind and serialised once, so it also serves the
 * benchmark's fleets (`bench/`) of a hundred thousand pods.
 */
export class FakeKubernetesApi {
  readonly requests: { path: string; query: URLSearchParams }[] = [];
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
    if (this.options.recordRequests !== false) {
      this.requests.push({ path: url.pathname, query: url.searchParams });
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
        const { apiVersion: _a, kind: _k, ...rest } = object;
        const item = { object, json: JSON.stringify(rest) };
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
    return `{"kind":${JSON.stringify(
      `${kind}List`,
    )},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(
      metadata,
    )},"items":[${page.map(item => item.json).join(',')}]}`;
  }
}

function status(code: number, message: string) {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message };
}
