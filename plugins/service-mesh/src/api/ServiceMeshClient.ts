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
  ServiceMeshApiPaths,
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

/*
 * Requests and responses typed by the paths generated from the backend's
 * openapi.yaml: a path, method, parameter or body the spec does not have is
 * a compile error, and each answer has the type the spec gives it.
 */
type Paths = ServiceMeshApiPaths;
type Method = 'get' | 'post' | 'patch';
type Operation<P extends keyof Paths, M extends Method> = NonNullable<
  Paths[P][M]
>;
type ParametersOf<O, In extends 'path' | 'query' | 'header'> = O extends {
  parameters: { [K in In]?: infer Value };
}
  ? Value
  : never;
type JsonOf<Response> = Response extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;
/** The body of the operation's success answers (200 and 201). */
type SuccessOf<O> = O extends { responses: infer Responses }
  ? JsonOf<Responses[Extract<keyof Responses, 200 | 201>]>
  : never;
type BodyOf<O> = O extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** What a call carries: each part is required exactly when the spec requires it. */
type RequestParts<O> = ([ParametersOf<O, 'path'>] extends [never | undefined]
  ? { path?: undefined }
  : { path: ParametersOf<O, 'path'> }) &
  ([ParametersOf<O, 'query'>] extends [never | undefined]
    ? { query?: undefined }
    : { query?: ParametersOf<O, 'query'> }) &
  ([BodyOf<O>] extends [never] ? { body?: undefined } : { body: BodyOf<O> }) & {
    headers?: Record<string, string>;
  };

/** `/entities/{kind}/...` with `{kind}` and the others filled in, encoded. */
function fillPath(template: string, values: object = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((values as Record<string, unknown>)[name])),
  );
}

/** Entity refs are case-insensitive: the path names the entity in lower case. */
function entityPathParams({ kind, namespace, name }: EntityName) {
  const lower = (part: string) => part.toLocaleLowerCase('en-US');
  return { kind: lower(kind), namespace: lower(namespace), name: lower(name) };
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
    return this.#fetchJson('get', '/health', {});
  }

  listScans(options?: { limit?: number }): Promise<ScanRunList> {
    return this.#fetchJson('get', '/scans', { query: options });
  }

  listClusters(): Promise<ClusterHealthList> {
    return this.#fetchJson('get', '/clusters', {});
  }

  getEntityAssessment(entity: EntityName): Promise<EntityAssessmentResponse> {
    return this.#fetchJson(
      'get',
      '/entities/{kind}/{namespace}/{name}/assessment',
      { path: entityPathParams(entity) },
    );
  }

  refreshEntityAssessment(
    entity: EntityName,
  ): Promise<EntityAssessmentResponse> {
    return this.#fetchJson(
      'post',
      '/entities/{kind}/{namespace}/{name}/refresh',
      { path: entityPathParams(entity) },
    );
  }

  getScorecard(query: ScorecardQuery = {}): Promise<ScorecardResponse> {
    return this.#fetchJson('get', '/scorecard', { query });
  }

  getScorecardHistory(
    query: StageHistoryQuery = {},
  ): Promise<StageHistoryResponse> {
    return this.#fetchJson('get', '/scorecard/history', { query });
  }

  /** Cached for a few minutes; a failed request is not kept. */
  getMeshes(): Promise<MeshKnowledgeBase> {
    const now = this.#now();
    if (this.#meshes && now - this.#meshes.at < MESHES_CACHE_MS) {
      return this.#meshes.value;
    }
    const value: Promise<MeshKnowledgeBase> = this.#fetchJson(
      'get',
      '/meshes',
      {},
    );
    const cached = { value, at: now };
    this.#meshes = cached;
    value.catch(() => {
      if (this.#meshes === cached) this.#meshes = undefined;
    });
    return value;
  }

  recommendMeshes(requirements: MeshRequirements): Promise<MeshRecommendation> {
    return this.#fetchJson('post', '/recommendations', {
      body: requirements,
    });
  }

  getMigrationPlan(
    entity: EntityName,
    target: MigrationTarget,
  ): Promise<MigrationPlan> {
    return this.#fetchJson(
      'get',
      '/entities/{kind}/{namespace}/{name}/migration-plan',
      { path: entityPathParams(entity), query: { target } },
    );
  }

  listTasks(query: MigrationTaskQuery = {}): Promise<MigrationTaskList> {
    return this.#fetchJson('get', '/tasks', { query });
  }

  getTask(id: string): Promise<MigrationTask> {
    return this.#fetchJson('get', '/tasks/{id}', { path: { id } });
  }

  createTask(
    request: CreateMigrationTaskRequest,
    options?: { idempotencyKey?: string },
  ): Promise<MigrationTask> {
    return this.#fetchJson('post', '/tasks', {
      body: request,
      headers: options?.idempotencyKey
        ? { 'Idempotency-Key': options.idempotencyKey }
        : undefined,
    });
  }

  updateTask(
    id: string,
    changes: UpdateMigrationTaskRequest,
  ): Promise<MigrationTask> {
    return this.#fetchJson('patch', '/tasks/{id}', {
      path: { id },
      body: changes,
    });
  }

  commentOnTask(id: string, body: string): Promise<MigrationTask> {
    return this.#fetchJson('post', '/tasks/{id}/comments', {
      path: { id },
      body: { body },
    });
  }

  bulkCreateTasks(
    request: BulkCreateMigrationTasksRequest,
  ): Promise<BulkCreateMigrationTasksResponse> {
    return this.#fetchJson('post', '/tasks/bulk', { body: request });
  }

  async #fetchJson<P extends keyof Paths, M extends Method>(
    method: M,
    path: P,
    parts: RequestParts<Operation<P, M>>,
  ): Promise<SuccessOf<Operation<P, M>>> {
    const { body, headers } = parts;
    const baseUrl = await this.#discoveryApi.getBaseUrl('service-mesh');
    const url = `${baseUrl}${fillPath(path, parts.path)}${toQueryString(
      parts.query as Record<string, QueryValue> | undefined,
    )}`;
    const response = await this.#fetchApi.fetch(url, {
      method: method.toUpperCase(),
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return await response.json();
  }
}
