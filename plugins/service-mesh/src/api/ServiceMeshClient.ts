import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BulkCreateMigrationTasksRequest,
  BulkCreateMigrationTasksResponse,
  ClusterHealthList,
  CreateMigrationTaskRequest,
  MigrationPlan,
  MigrationTarget,
  MigrationTask,
  MigrationTaskList,
  MigrationTaskQuery,
  UpdateMigrationTaskRequest,
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

/**
 * How long the knowledge base is reused: it changes only with app-config, and
 * every entity page asks for it (lifecycle banners).
 */
const MESHES_CACHE_MS = 5 * 60 * 1000;

/** Talks to `/api/service-mesh` with the signed-in user's credentials. */
export class ServiceMeshClient implements ServiceMeshApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  readonly #now: () => number;
  #meshes?: { value: Promise<MeshKnowledgeBase>; at: number };

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** For tests: the clock the cache reads. */
    now?: () => number;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
    this.#now = options.now ?? Date.now;
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

  /** Cached for a few minutes; a failed request is not kept. */
  getMeshes(): Promise<MeshKnowledgeBase> {
    const now = this.#now();
    if (this.#meshes && now - this.#meshes.at < MESHES_CACHE_MS) {
      return this.#meshes.value;
    }
    const value = this.#request<MeshKnowledgeBase>('GET', '/meshes');
    const cached = { value, at: now };
    this.#meshes = cached;
    value.catch(() => {
      if (this.#meshes === cached) this.#meshes = undefined;
    });
    return value;
  }

  recommendMeshes(requirements: MeshRequirements): Promise<MeshRecommendation> {
    return this.#request('POST', '/recommendations', requirements);
  }

  getMigrationPlan(
    entity: EntityName,
    target: MigrationTarget,
  ): Promise<MigrationPlan> {
    return this.#request(
      'GET',
      `${entityPath(entity)}/migration-plan${toQueryString({ target })}`,
    );
  }

  listTasks(query: MigrationTaskQuery = {}): Promise<MigrationTaskList> {
    return this.#request(
      'GET',
      `/tasks${toQueryString(query as Record<string, QueryValue>)}`,
    );
  }

  getTask(id: string): Promise<MigrationTask> {
    return this.#request('GET', `/tasks/${encodeURIComponent(id)}`);
  }

  createTask(
    request: CreateMigrationTaskRequest,
    options?: { idempotencyKey?: string },
  ): Promise<MigrationTask> {
    return this.#request(
      'POST',
      '/tasks',
      request,
      options?.idempotencyKey
        ? { 'Idempotency-Key': options.idempotencyKey }
        : undefined,
    );
  }

  updateTask(
    id: string,
    changes: UpdateMigrationTaskRequest,
  ): Promise<MigrationTask> {
    return this.#request('PATCH', `/tasks/${encodeURIComponent(id)}`, changes);
  }

  commentOnTask(id: string, body: string): Promise<MigrationTask> {
    return this.#request('POST', `/tasks/${encodeURIComponent(id)}/comments`, {
      body,
    });
  }

  bulkCreateTasks(
    request: BulkCreateMigrationTasksRequest,
  ): Promise<BulkCreateMigrationTasksResponse> {
    return this.#request('POST', '/tasks/bulk', request);
  }

  async #request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('service-mesh');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
