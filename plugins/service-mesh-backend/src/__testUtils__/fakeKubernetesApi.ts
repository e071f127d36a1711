/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { KubeObject } from '@meshwise/backstage-plugin-service-mesh-common';
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
}

/**
 * A small Kubernetes-API-shaped server on 127.0.0.1: discovery at `/apis`,
 * cluster-scope lists for the kinds the scanner reads, honouring
 * `labelSelector` (equality terms), `fieldSelector=metadata.name=`, `limit`
 * and `continue`, checking the bearer token, and answering injected faults.
 * Items are sent without apiVersion and kind, as a real API server sends them.
 */
export class FakeKubernetesApi {
  readonly requests: { path: string; query: URLSearchParams }[] = [];
  options: FakeKubernetesApiOptions;
  #server?: Server;

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
    this.requests.push({ path: url.pathname, query: url.searchParams });

    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      send(res, 401, status(401, 'Unauthorized'));
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
      send(res, fault.status, status(fault.status, fault.message ?? 'fault'));
      return;
    }

    if (url.pathname === '/apis') {
      send(res, 200, this.#discovery());
      return;
    }
    const kind = LISTED_KINDS.find(k => listPath(k) === url.pathname);
    if (!kind || !this.#served().has(kind.apiVersion)) {
      send(res, 404, status(404, `the server could not find ${url.pathname}`));
      return;
    }
    send(res, 200, this.#list(kind.apiVersion, kind.kind, url.searchParams));
  }

  #served(): Set<string> {
    // Every cluster serves the built-in groups; custom ones come and go.
    return new Set([
      'v1',
      'apps/v1',
      'batch/v1',
      ...(this.options.servedGroupVersions ??
        this.options.objects.map(o => o.apiVersion)),
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

  #list(apiVersion: string, kind: string, query: URLSearchParams) {
    const labelTerms = (query.get('labelSelector') ?? '')
      .split(',')
      .filter(Boolean)
      .map(term => term.split('='));
    const nameField = query
      .get('fieldSelector')
      ?.match(/^metadata\.name=(.+)$/)?.[1];
    const matching = this.options.objects.filter(
      o =>
        o.apiVersion === apiVersion &&
        o.kind === kind &&
        (!nameField || o.metadata.name === nameField) &&
        labelTerms.every(([k, v]) => o.metadata.labels?.[k] === v),
    );
    const offset = Number(
      Buffer.from(query.get('continue') ?? '', 'base64').toString() || 0,
    );
    const limit = Number(query.get('limit') ?? 0) || matching.length;
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit;
    return {
      kind: `${kind}List`,
      apiVersion,
      metadata: {
        resourceVersion: '1',
        ...(next < matching.length
          ? { continue: Buffer.from(String(next)).toString('base64') }
          : {}),
      },
      items: page.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
    };
  }
}

function status(code: number, message: string) {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message };
}

function send(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
