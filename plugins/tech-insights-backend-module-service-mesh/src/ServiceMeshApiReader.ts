import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityAssessmentResponse,
  MeshKnowledgeBase,
  ScorecardResponse,
  ScorecardRow,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** The largest page `GET /scorecard` serves. */
const SCORECARD_PAGE_SIZE = 500;

/** Per request: the service-mesh API answers from its store, never a cluster. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Reads the service-mesh backend's HTTP API as the tech-insights plugin
 * itself (a service token), since the fact retriever runs inside that
 * plugin, possibly on another backend than the service-mesh plugin.
 */
export class ServiceMeshApiReader {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
  }

  /** Every scorecard row, page by page in a stable order (name, then ref). */
  async scorecardRows(): Promise<ScorecardRow[]> {
    const rows = new Map<string, ScorecardRow>();
    for (let offset = 0; ; ) {
      const page = (await this.#get(
        `/scorecard?sort=name&order=asc&offset=${offset}&limit=${SCORECARD_PAGE_SIZE}`,
      )) as ScorecardResponse;
      // Keyed by ref: a row that moves between pages while entities come
      // and go is read once.
      page.items.forEach(row => rows.set(row.entityRef, row));
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.totalCount) break;
    }
    return [...rows.values()];
  }

  /** The stored assessment, or undefined when there is none (404). */
  async assessment(
    row: Pick<ScorecardRow, 'kind' | 'namespace' | 'name'>,
  ): Promise<EntityAssessmentResponse | undefined> {
    const path = [row.kind, row.namespace, row.name]
      .map(encodeURIComponent)
      .join('/');
    return (await this.#get(`/entities/${path}/assessment`, {
      notFound: 'undefined',
    })) as EntityAssessmentResponse | undefined;
  }

  /** The knowledge base after the organisation's overrides. */
  async knowledgeBase(): Promise<MeshKnowledgeBase> {
    return (await this.#get('/meshes')) as MeshKnowledgeBase;
  }

  async #get(
    path: string,
    options: { notFound?: 'undefined' } = {},
  ): Promise<unknown> {
    const baseUrl = await this.#discovery.getBaseUrl('service-mesh');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'service-mesh',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (response.status === 404 && options.notFound === 'undefined') {
      return undefined;
    }
    if (!response.ok) {
      // The server's own message says why (`Request failed with 500` does not).
      const error = await ResponseError.fromResponse(response);
      throw new Error(
        `GET ${path} answered ${response.status}: ${error.body.error.message}`,
        { cause: error },
      );
    }
    return response.json();
  }
}
