import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterHealthList,
  EntityAssessmentResponse,
  MeshKnowledgeBase,
  MeshRecommendation,
  MeshRequirements,
  ScanRunList,
  ScorecardQuery,
  ScorecardResponse,
  ServiceMeshHealth,
  StageHistoryQuery,
  StageHistoryResponse,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { EntityName, ServiceMeshApi } from './ServiceMeshApi';

type QueryValue = string | number | undefined | readonly string[];

/** `?a=1&b=x&b=y`, skipping empty values; lists become repeated parameters. */
export function toQueryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function entityPath({ kind, namespace, name }: EntityName): string {
  return `/entities/${[kind, namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/** Talks to `/api/service-mesh` with the signed-in user's credentials. */
export class ServiceMeshClient implements ServiceMeshApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getHealth(): Promise<ServiceMeshHealth> {
    return this.#request('GET', '/health');
  }

  listScans(options?: { limit?: number }): Promise<ScanRunList> {
    return this.#request('GET', `/scans${toQueryString(options)}`);
  }

  listClusters(): Promise<ClusterHealthList> {
    return this.#request('GET', '/clusters');
  }

  getEntityAssessment(entity: EntityName): Promise<EntityAssessmentResponse> {
    return this.#request('GET', `${entityPath(entity)}/assessment`);
  }

  refreshEntityAssessment(
    entity: EntityName,
  ): Promise<EntityAssessmentResponse> {
    return this.#request('POST', `${entityPath(entity)}/refresh`);
  }

  getScorecard(query: ScorecardQuery = {}): Promise<ScorecardResponse> {
    return this.#request(
      'GET',
      `/scorecard${toQueryString(query as Record<string, QueryValue>)}`,
    );
  }

  getScorecardHistory(
    query: StageHistoryQuery = {},
  ): Promise<StageHistoryResponse> {
    return this.#request(
      'GET',
      `/scorecard/history${toQueryString(query as Record<string, QueryValue>)}`,
    );
  }

  getMeshes(): Promise<MeshKnowledgeBase> {
    return this.#request('GET', '/meshes');
  }

  recommendMeshes(requirements: MeshRequirements): Promise<MeshRecommendation> {
    return this.#request('POST', '/recommendations', requirements);
  }

  async #request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('service-mesh');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
